public import Foundation
import GRDB
public import Storage

extension StoreTransaction {
    public func recordPass(mailbox: String, at date: Date, error: String?) throws {
        let last = try Self.pass(Row.fetchOne(db, sql: "SELECT * FROM mailbox_passes WHERE mailbox = ?", arguments: [mailbox]))
            ?? MailboxPass(mailbox: mailbox, lastSuccess: nil, lastFailure: nil, lastError: nil, failuresInARow: 0)
        let next = last.recording(at: date, error: error)
        try db.execute(
            sql: """
                INSERT OR REPLACE INTO mailbox_passes (mailbox, last_success_at, last_failure_at, last_error, failures_in_a_row)
                VALUES (?, ?, ?, ?, ?)
                """,
            arguments: [mailbox, next.lastSuccess, next.lastFailure, next.lastError, next.failuresInARow]
        )
    }

    static func pass(_ row: Row?) -> MailboxPass? {
        row.map {
            MailboxPass(
                mailbox: $0["mailbox"], lastSuccess: $0["last_success_at"], lastFailure: $0["last_failure_at"], lastError: $0["last_error"],
                failuresInARow: $0["failures_in_a_row"]
            )
        }
    }
}

extension TicketStore: HealthQueries {
    public func mailboxPasses() throws -> [MailboxPass] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM mailbox_passes ORDER BY mailbox").compactMap(StoreTransaction.pass)
        }
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
