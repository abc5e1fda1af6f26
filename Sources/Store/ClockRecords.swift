public import Foundation
import GRDB
import GRDBSQLite
public import Storage
public import TicketCore
public import WorkingTime

struct ClockRecord: Decodable, FetchableRecord, TableRecord {
    static let databaseTableName = "sla_clocks"
    var id: Int64?
    var ticketNumber: Int64
    var kind: String
    var unit: String
    var priority: Int
    var targetSeconds: Double
    var startedAt: Date
    var consumedSeconds: Double
    var segmentStart: Date?
    var pauses: String
    var stoppedAt: Date?
    var warnAt: Date?
    var dueAt: Date?
    var outcome: String
    var warningFraction: Double
    var warnedAt: Date?
    var breachedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, kind, unit, priority, pauses, outcome
        case ticketNumber = "ticket_number", targetSeconds = "target_seconds", startedAt = "started_at"
        case consumedSeconds = "consumed_seconds", segmentStart = "segment_start", stoppedAt = "stopped_at"
        case warnAt = "warn_at", dueAt = "due_at", warningFraction = "warning_fraction", warnedAt = "warned_at"
        case breachedAt = "breached_at"
    }

    /// Column → value, written by hand: Codable encoding cost more than the insert itself.
    static let layout = ColumnLayout<ClockRecord>(
        table: databaseTableName, key: ("id", \.id),
        columns: [
            ("ticket_number", { $1.add($0.ticketNumber) }),
            ("kind", { $1.add($0.kind) }),
            ("unit", { $1.add($0.unit) }),
            ("priority", { $1.add($0.priority) }),
            ("target_seconds", { $1.add($0.targetSeconds) }),
            ("started_at", { $1.add($0.startedAt) }),
            ("consumed_seconds", { $1.add($0.consumedSeconds) }),
            ("segment_start", { $1.add($0.segmentStart) }),
            ("pauses", { $1.add($0.pauses) }),
            ("stopped_at", { $1.add($0.stoppedAt) }),
            ("warn_at", { $1.add($0.warnAt) }),
            ("due_at", { $1.add($0.dueAt) }),
            ("outcome", { $1.add($0.outcome) }),
            ("warning_fraction", { $1.add($0.warningFraction) }),
            ("warned_at", { $1.add($0.warnedAt) }),
            ("breached_at", { $1.add($0.breachedAt) }),
        ]
    )

    /// The columns `init(_: ResultColumns)` reads, in its order: the key, then the layout's.
    static let selection = (["id"] + layout.columns.map(\.name)).joined(separator: ", ")

    /// The same columns of the table named `alias` in a join, and how many they are.
    static func selection(of alias: String) -> String {
        (["id"] + layout.columns.map(\.name)).map { alias + "." + $0 }.joined(separator: ", ")
    }

    static var columnCount: Int32 { Int32(layout.columns.count + 1) }

    /// A row of `SELECT \(selection)` (from column `first` on), read straight from SQLite: GRDB's Codable decoding
    /// of a queue page's clocks took a fifth of the page's time.
    init(_ row: ResultColumns, from first: Int32 = 0) throws {
        var index: Int32 = first - 1
        func next() -> Int32 {
            index += 1
            return index
        }
        func required<Value>(_ value: Value?) throws -> Value {
            guard let value else { throw ColumnError(column: index, value: .null) }
            return value
        }
        id = row.optionalInt64(next())
        ticketNumber = row.int64(next())
        kind = try required(row.string(next()))
        unit = try required(row.string(next()))
        priority = Int(row.int64(next()))
        targetSeconds = row.double(next())
        startedAt = try required(row.date(next()))
        consumedSeconds = row.double(next())
        segmentStart = try row.date(next())
        pauses = try required(row.string(next()))
        stoppedAt = try row.date(next())
        warnAt = try row.date(next())
        dueAt = try row.date(next())
        outcome = try required(row.string(next()))
        warningFraction = row.double(next())
        warnedAt = try row.date(next())
        breachedAt = try row.date(next())
    }

    init(_ stored: StoredClock) {
        id = stored.id > 0 ? stored.id : nil
        ticketNumber = Int64(stored.ticket)
        let clock = stored.clock
        kind = clock.kind.rawValue
        unit = clock.unit
        priority = stored.priority.rawValue
        targetSeconds = clock.target
        startedAt = clock.startedAt
        consumedSeconds = clock.consumed
        segmentStart = clock.segmentStart
        pauses = Self.encode(clock.pauses)
        stoppedAt = clock.stoppedAt
        warnAt = clock.warnAt
        dueAt = clock.dueAt
        outcome = clock.outcome.rawValue
        warningFraction = clock.warningFraction
        warnedAt = stored.warnedAt
        breachedAt = stored.breachedAt
    }

    var stored: StoredClock {
        var clock = SLAClock(restoring: SLAClock.Kind(rawValue: kind) ?? .response, unit: unit, target: targetSeconds, startedAt: startedAt)
        clock.consumed = consumedSeconds
        clock.segmentStart = segmentStart
        clock.pauses = Self.decode(pauses)
        clock.stoppedAt = stoppedAt
        clock.warnAt = warnAt
        clock.dueAt = dueAt
        clock.outcome = SLAClock.Outcome(rawValue: outcome) ?? .running
        clock.warningFraction = warningFraction
        return StoredClock(
            id: id ?? 0, ticket: Int(ticketNumber), priority: Priority(rawValue: priority) ?? .normal, clock: clock,
            warnedAt: warnedAt, breachedAt: breachedAt
        )
    }

    /// Pauses as `[[start, end|null], …]` in seconds since 1970.
    private static func encode(_ pauses: [SLAClock.Pause]) -> String {
        guard !pauses.isEmpty else { return "[]" }
        let rows = pauses.map { [$0.start.timeIntervalSince1970, $0.end?.timeIntervalSince1970 ?? -1] }
        return String(decoding: (try? JSONEncoder().encode(rows)) ?? Data("[]".utf8), as: UTF8.self)
    }

    private static func decode(_ text: String) -> [SLAClock.Pause] {
        guard text != "[]" else { return [] }
        let rows = (try? JSONDecoder().decode([[Double]].self, from: Data(text.utf8))) ?? []
        return rows.compactMap { row in
            guard row.count == 2 else { return nil }
            return SLAClock.Pause(start: Date(timeIntervalSince1970: row[0]), end: row[1] < 0 ? nil : Date(timeIntervalSince1970: row[1]))
        }
    }
}

extension StoreTransaction {
    public func insertClock(ticket: Int, priority: Priority, clock: SLAClock) throws {
        let record = ClockRecord(StoredClock(id: 0, ticket: ticket, priority: priority, clock: clock, warnedAt: nil, breachedAt: nil))
        _ = try insert(record, ClockRecord.layout)
    }

    public func saveClock(_ stored: StoredClock) throws {
        try update(ClockRecord(stored), ClockRecord.layout)
    }

    public func clocks(ofTicket number: Int) throws -> [StoredClock] {
        try ClockRecord.filter(Column("ticket_number") == number).order(Column("id")).fetchAll(db).map(\.stored)
    }

    /// Running clocks whose warning or due instant has passed without its notice.
    public func clocksWithNoticesDue(at instant: Date) throws -> [StoredClock] {
        try ClockRecord
            .filter(Column("stopped_at") == nil)
            .filter((Column("warned_at") == nil && Column("warn_at") <= instant) || (Column("breached_at") == nil && Column("due_at") <= instant))
            .order(Column("id")).fetchAll(db).map(\.stored)
    }
}

extension TicketStore {
    public func clocks(ofTicket number: Int) throws -> [StoredClock] {
        try reading { try $0.clocks(ofTicket: number) }
    }

    /// The newest response clock of every ticket.
    public func latestResponseClocks() throws -> [Int: StoredClock] {
        try writer.read { db in
            let records = try ClockRecord.filter(Column("kind") == SLAClock.Kind.response.rawValue).order(Column("id")).fetchAll(db)
            var latest: [Int: StoredClock] = [:]
            for record in records { latest[Int(record.ticketNumber)] = record.stored }
            return latest
        }
    }
}

/// The dates of the response clock under the report's cursor, read from the statement
/// when asked for. One object serves the whole scan.
final class SQLiteResponseClockDates: ResponseClockDates {
    let handle: SQLiteStatement

    init(handle: SQLiteStatement) { self.handle = handle }

    var dueAt: Date? { StoreTransaction.date(handle, 6) }
    var stoppedAt: Date? { StoreTransaction.date(handle, 7) }
    var segmentStart: Date? { StoreTransaction.date(handle, 8) }
}

extension StoreTransaction {
    /// Visits the response clocks of `query`. A million clocks take well under a second:
    /// the statement is stepped directly, fields are read only when asked for, dates by
    /// `StoreDate.parse`, and unit and outcome strings are made once each, not per row.
    public func forEachResponseClock(_ query: ResponseClockQuery, _ body: (ResponseClockRow) throws -> Void) throws {
        // Without a time range a plain scan of the table beats walking the
        // (kind, started_at) index and fetching each row from it.
        var sql = """
            SELECT ticket_number, unit, priority, outcome, consumed_seconds, target_seconds, due_at, stopped_at, segment_start
            FROM sla_clocks WHERE \(query.from == nil && query.to == nil ? "+kind" : "kind") = 'response'
            """
        var arguments: StatementArguments = []
        if let from = query.from { sql += " AND started_at >= ?"; arguments += [StoreDate.text(from)] }
        if let to = query.to { sql += " AND started_at < ?"; arguments += [StoreDate.text(to)] }
        if let unit = query.unit { sql += " AND unit = ? COLLATE NOCASE"; arguments += [unit] }
        if let priority = query.priority { sql += " AND priority = ?"; arguments += [priority] }
        if let ids = query.ids { sql += " AND id BETWEEN ? AND ?"; arguments += [ids.lowerBound, ids.upperBound] }
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        var strings = InternedStrings()
        let dates = SQLiteResponseClockDates(handle: handle)
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))), sql: sql)
            }
            try body(ResponseClockRow(
                ticket: Int(sqlite3_column_int64(handle, 0)), unit: strings.text(handle, 1), priority: Int(sqlite3_column_int64(handle, 2)),
                outcome: strings.text(handle, 3), consumed: sqlite3_column_double(handle, 4), target: sqlite3_column_double(handle, 5),
                isStopped: sqlite3_column_type(handle, 7) != SQLITE_NULL, dates: dates
            ))
        }
    }

    /// The smallest and largest id of the clocks, nil when there are none: the report
    /// scans them in parts.
    public func responseClockIDRange() throws -> ClosedRange<Int64>? {
        guard let row = try Row.fetchOne(db, sql: "SELECT min(id), max(id) FROM sla_clocks"),
              let low = row[0] as Int64?, let high = row[1] as Int64?
        else { return nil }
        return low...high
    }

    /// Kind and subject of the given tickets, by number.
    public func kindsAndSubjects(of numbers: [Int]) throws -> [Int: (kind: String, subject: String)] {
        var found: [Int: (kind: String, subject: String)] = [:]
        found.reserveCapacity(numbers.count)
        let chunk = 500
        for start in stride(from: 0, to: numbers.count, by: chunk) {
            let part = numbers[start..<min(start + chunk, numbers.count)]
            let placeholders = repeatElement("?", count: part.count).joined(separator: ",")
            // Read straight from SQLite, through a statement prepared once for every full
            // chunk: GRDB's cursor cost a fifth of the report.
            let sql = "SELECT number, kind, subject FROM tickets WHERE number IN (\(placeholders))"
            try forEachRow(sql, { parameters in
                for number in part { parameters.add(number) }
            }, { row in
                found[Int(row.int64(0))] = (row.string(1) ?? "", row.string(2) ?? "")
            })
        }
        return found
    }

    /// A date column as GRDB stores it (read by `StoreDate.parse`, other forms by GRDB);
    /// nil when NULL or unreadable.
    static func date(_ handle: SQLiteStatement, _ column: Int32) -> Date? {
        guard sqlite3_column_type(handle, column) != SQLITE_NULL, let text = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        let bytes = UnsafeBufferPointer(start: text, count: count)
        return StoreDate.parse(bytes) ?? Date.fromDatabaseValue(String(decoding: bytes, as: UTF8.self).databaseValue)
    }
}

/// Column text made into a `String` once per distinct value (the few units and outcomes):
/// compared by bytes against those seen, with no allocation per row.
private struct InternedStrings {
    private var known: [(bytes: [UInt8], string: String)] = []

    mutating func text(_ handle: SQLiteStatement, _ column: Int32) -> String {
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        for entry in known where entry.bytes.count == count {
            if count == 0 || entry.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, text, count) == 0 }) { return entry.string }
        }
        let bytes = Array(UnsafeBufferPointer(start: text, count: count))
        let string = String(decoding: bytes, as: UTF8.self)
        // Bounded, in case a column holds many distinct values.
        if known.count < 64 { known.append((bytes, string)) }
        return string
    }
}

extension TicketStore: ReportStore {
    public func readingReportSource<T>(_ body: (any SLAReportSource) throws -> T) throws -> T {
        try reading { try body($0) }
    }
}
