import Foundation
import GRDB
import GRDBSQLite

/// Values bound in order to the parameters of a prepared statement, through SQLite's C
/// API. On the hot inserts and lookups, GRDB's `StatementArguments` (a box and a
/// conversion per value) cost more than SQLite's own work.
struct Parameters {
    private let handle: OpaquePointer
    private var index: Int32 = 0
    /// The first binding that failed, reported when the statement runs.
    private(set) var failure: Int32 = SQLITE_OK

    fileprivate init(_ handle: OpaquePointer) {
        self.handle = handle
    }

    mutating func add(_ value: String?) {
        index += 1
        guard let value else { return check(sqlite3_bind_null(handle, index)) }
        check(value.withCString { sqlite3_bind_text(handle, index, $0, -1, SQLITE_TRANSIENT) })
    }

    mutating func add(_ value: Int64?) {
        index += 1
        guard let value else { return check(sqlite3_bind_null(handle, index)) }
        check(sqlite3_bind_int64(handle, index, value))
    }

    mutating func add(_ value: Int?) {
        add(value.map(Int64.init))
    }

    mutating func add(_ value: Double) {
        index += 1
        check(sqlite3_bind_double(handle, index, value))
    }

    mutating func add(_ value: Bool) {
        add(Int64(value ? 1 : 0))
    }

    /// As GRDB stores dates: `yyyy-MM-dd HH:mm:ss.SSS` in UTC.
    mutating func add(_ value: Date?) {
        add(value.map(StoreDate.text))
    }

    mutating func add<Value: RawRepresentable>(_ value: Value?) where Value.RawValue == String {
        add(value?.rawValue)
    }

    /// Binds the bytes where they are, without a copy: they must outlive the statement's run.
    fileprivate mutating func add(inPlace bytes: UnsafeRawBufferPointer) {
        index += 1
        // A zero-length blob needs a non-null pointer to be a blob rather than NULL.
        check(sqlite3_bind_blob(handle, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count), nil))
    }

    /// A blob of `count` zero bytes, to be written afterwards through incremental I/O.
    fileprivate mutating func add(zeroBlob count: Int) {
        index += 1
        check(sqlite3_bind_zeroblob(handle, index, Int32(count)))
    }

    private mutating func check(_ code: Int32) {
        if code != SQLITE_OK, failure == SQLITE_OK { failure = code }
    }
}

/// The columns of a row, read by position.
struct ResultColumns {
    fileprivate let handle: OpaquePointer

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func string(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: text)
    }

    func optionalInt64(_ column: Int32) -> Int64? {
        isNull(column) ? nil : int64(column)
    }

    func double(_ column: Int32) -> Double {
        sqlite3_column_double(handle, column)
    }

    /// A date as GRDB stores it, read as the report scan reads it.
    func date(_ column: Int32) throws -> Date? {
        guard !isNull(column) else { return nil }
        guard let date = StoreTransaction.date(handle, column) else {
            throw ColumnError(column: column, value: DatabaseValue(sqliteStatement: handle, index: column))
        }
        return date
    }

    /// The case of `Value` named by the column's text.
    func value<Value: RawRepresentable>(_ column: Int32) throws -> Value? where Value.RawValue == String {
        guard let text = string(column) else { return nil }
        guard let value = Value(rawValue: text) else { throw ColumnError(column: column, value: text.databaseValue) }
        return value
    }
}

/// A stored value that does not read as what its column holds.
struct ColumnError: Error, CustomStringConvertible {
    var column: Int32
    var value: DatabaseValue

    var description: String { "column \(column) holds \(value), which does not read as expected" }
}

/// SQLite's marker for "copy the value now".
private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A table's columns, each with how to bind its value from a record: one list makes the
/// record's INSERT (without its key, which SQLite assigns) and its UPDATE by key.
struct ColumnLayout<Record>: Sendable {
    typealias Column = (name: String, bind: @Sendable (Record, inout Parameters) -> Void)

    let table: String
    let key: (name: String, value: @Sendable (Record) -> Int64?)
    let columns: [Column]
    let insertSQL: String
    /// The INSERT with the key given first.
    let insertWithKeySQL: String
    let updateSQL: String

    init(table: String, key: (name: String, value: @Sendable (Record) -> Int64?), columns: [Column]) {
        self.table = table
        self.key = key
        self.columns = columns
        let names = columns.map(\.name)
        // Placeholders written out: joining `repeatElement` made the runtime look up a
        // conformance at each start.
        func placeholders(_ count: Int) -> String { String(repeating: "?, ", count: count - 1) + "?" }
        insertSQL = "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(placeholders(names.count)))"
        insertWithKeySQL = "INSERT INTO \(table) (\(([key.name] + names).joined(separator: ", "))) VALUES (\(placeholders(names.count + 1)))"
        updateSQL = "UPDATE \(table) SET \(names.map { "\($0) = ?" }.joined(separator: ", ")) WHERE \(key.name) = ?"
    }
}

extension StoreTransaction {
    /// Inserts `record` without its key; returns the key SQLite gave it.
    func insert<Record>(_ record: Record, _ layout: ColumnLayout<Record>) throws -> Int64 {
        try run(layout.insertSQL) { parameters in
            for column in layout.columns { column.bind(record, &parameters) }
        }
    }

    /// Writes every column of the stored row with `record`'s key.
    func update<Record>(_ record: Record, _ layout: ColumnLayout<Record>) throws {
        let key = layout.key.value(record)
        try run(layout.updateSQL) { parameters in
            for column in layout.columns { column.bind(record, &parameters) }
            parameters.add(key)
        }
        if db.changesCount == 0 {
            throw RecordError.recordNotFound(databaseTableName: layout.table, key: [layout.key.name: key.databaseValue])
        }
    }

    /// Inserts a row whose last parameter is `blob`, bound in place: GRDB would copy it
    /// into a `Data`, and SQLite again. A blob over a megabyte is inserted as a zeroblob
    /// and then written in chunks (SQLite's incremental blob I/O), as SQLite would
    /// otherwise build the whole row in memory: a 50 MB mail then costs no more than its
    /// own bytes. Returns the new row's id.
    @discardableResult
    func insert(
        _ sql: String, blob: [UInt8], into table: String, column: String, _ bind: (inout Parameters) -> Void
    ) throws -> Int64 {
        let incremental = blob.count > Self.chunkBytes
        return try blob.withUnsafeBytes { bytes in
            let row = try run(sql) { parameters in
                bind(&parameters)
                if incremental { parameters.add(zeroBlob: bytes.count) } else { parameters.add(inPlace: bytes) }
            }
            guard incremental else { return row }
            var writer: OpaquePointer?
            try check(sqlite3_blob_open(db.sqliteConnection, "main", table, column, row, 1, &writer))
            defer { sqlite3_blob_close(writer) }
            for offset in stride(from: 0, to: bytes.count, by: Self.chunkBytes) {
                let length = min(Self.chunkBytes, bytes.count - offset)
                try check(sqlite3_blob_write(writer, bytes.baseAddress! + offset, Int32(length), Int32(offset)))
            }
            return row
        }
    }

    private static let chunkBytes = 1 << 20

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }

    /// Runs a cached statement to its end with the parameters `bind` adds. Returns the id
    /// of the row an INSERT added.
    @discardableResult
    func run(_ sql: String, _ bind: (inout Parameters) -> Void) throws -> Int64 {
        try step(sql, bind) { _ in true }
        return db.lastInsertedRowID
    }

    /// The first row of a cached query, read by `read`; nil when there is none.
    func firstRow<T>(_ sql: String, _ bind: (inout Parameters) -> Void, _ read: (ResultColumns) throws -> T) throws -> T? {
        var result: T?
        try step(sql, bind) { columns in
            result = try read(columns)
            return false
        }
        return result
    }

    /// Every row of a cached query, read by `read`.
    func rows<T>(_ sql: String, _ bind: (inout Parameters) -> Void, _ read: (ResultColumns) throws -> T) throws -> [T] {
        var result: [T] = []
        try forEachRow(sql, bind) { result.append(try read($0)) }
        return result
    }

    /// Calls `body` with every row of a cached query.
    func forEachRow(_ sql: String, _ bind: (inout Parameters) -> Void, _ body: (ResultColumns) throws -> Void) throws {
        try step(sql, bind) { columns in
            try body(columns)
            return true
        }
    }

    /// Steps the statement while `row` asks for more rows.
    private func step(_ sql: String, _ bind: (inout Parameters) -> Void, _ row: (ResultColumns) throws -> Bool) throws {
        let statement = try db.cachedStatement(sql: sql)
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        var parameters = Parameters(handle)
        bind(&parameters)
        var code = parameters.failure
        while code == SQLITE_OK || code == SQLITE_ROW {
            code = sqlite3_step(handle)
            if code == SQLITE_ROW, try !row(ResultColumns(handle: handle)) { return }
        }
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
        }
    }
}
