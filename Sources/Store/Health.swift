public import Foundation
import GRDB
public import Storage

extension StoreTransaction {
    public func recordPass(mailbox: String, at date: Date, error: String?) throws {
        try recordPass(of: mailbox, in: .mailboxes, at: date, error: error)
    }

    /// The tables of passes: the mailboxes' and the SMTP server's, alike but for the key.
    enum Passes: String {
        case mailboxes = "mailbox_passes", smtp = "smtp_passes"

        var key: String { self == .mailboxes ? "mailbox" : "server" }
    }

    func recordPass(of name: String, in table: Passes, at date: Date, error: String?) throws {
        let last = try Self.pass(Row.fetchOne(db, sql: "SELECT * FROM \(table.rawValue) WHERE \(table.key) = ?", arguments: [name]), in: table)
            ?? ConnectionPass(name: name, lastSuccess: nil, lastFailure: nil, lastError: nil, failuresInARow: 0)
        let next = last.recording(at: date, error: error)
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO \(table.rawValue) (\(table.key), last_success_at, last_failure_at, last_error, failures_in_a_row)
                VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [name, next.lastSuccess, next.lastFailure, next.lastError, next.failuresInARow]
        )
    }

    static func pass(_ row: Row?, in table: Passes) -> ConnectionPass? {
        row.map {
            ConnectionPass(
                name: $0[table.key], lastSuccess: $0["last_success_at"], lastFailure: $0["last_failure_at"], lastError: $0["last_error"],
                failuresInARow: $0["failures_in_a_row"]
            )
        }
    }

    func passes(in table: Passes) throws -> [ConnectionPass] {
        try Row.fetchAll(db, sql: "SELECT * FROM \(table.rawValue) ORDER BY \(table.key)").compactMap { Self.pass($0, in: table) }
    }
}

extension TicketStore: HealthQueries {
    public func mailboxPasses() throws -> [ConnectionPass] {
        try writer.read { db in try StoreTransaction(db: db).passes(in: .mailboxes) }
    }

    public func smtpPasses() throws -> [ConnectionPass] {
        try writer.read { db in try StoreTransaction(db: db).passes(in: .smtp) }
    }

    public func outboxBacklog() throws -> OutboxBacklog {
        try writer.read { db in
            let pending = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*) AS pending, coalesce(sum(attempts > 0), 0) AS deferred,
                           min(CASE WHEN attempts > 0 THEN created_at END) AS oldest
                    FROM outbox WHERE status = ?
                    """,
                arguments: [OutboxStatus.pending.rawValue]
            )
            let failed = try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE status = ?", arguments: [OutboxStatus.failed.rawValue]) ?? 0
            return OutboxBacklog(
                pending: pending?["pending"] ?? 0, deferred: pending?["deferred"] ?? 0, oldestDeferredSince: pending?["oldest"], failed: failed
            )
        }
    }

    public func quarantinedCount(since: Date) throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM failures WHERE failed_at >= ?", arguments: [since]) ?? 0 }
    }

    public func checkWritable() throws {
        try writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try db.execute(sql: "INSERT OR REPLACE INTO mailbox_passes (mailbox, failures_in_a_row) VALUES ('(write check)', 0)")
                return .rollback
            }
        }
    }
}
