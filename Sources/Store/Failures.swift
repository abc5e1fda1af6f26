public import Foundation
import GRDB
public import Storage

extension StoreTransaction {
    public func recordFailure(mailbox: String, uid: UInt32?, messageID: String?, reason: String, raw: [UInt8], at date: Date) throws {
        let sql = "INSERT INTO failures (mailbox, uid, message_id, reason, failed_at, raw) VALUES (?, ?, ?, ?, ?, ?)"
        try insert(sql, blob: raw, into: "failures", column: "raw") { parameters in
            parameters.add(mailbox)
            parameters.add(uid.map(Int64.init))
            parameters.add(messageID)
            parameters.add(reason)
            parameters.add(date)
        }
    }

    public func failures() throws -> [QuarantinedMessage] {
        try Row.fetchAll(db, sql: "SELECT * FROM failures ORDER BY id").map { row in
            QuarantinedMessage(
                id: row["id"], mailbox: row["mailbox"], uid: (row["uid"] as Int64?).map { UInt32(truncatingIfNeeded: $0) },
                messageID: row["message_id"], reason: row["reason"], raw: [UInt8](row["raw"] as Data),
                failedAt: row["failed_at"], retriedAt: row["retried_at"], retryOutcome: row["retry_outcome"]
            )
        }
    }

    public func markRetried(failure id: Int64, outcome: String, at date: Date) throws {
        try db.execute(sql: "UPDATE failures SET retried_at = ?, retry_outcome = ? WHERE id = ?", arguments: [date, outcome, id])
    }
}

extension TicketStore {
    public func failures() throws -> [QuarantinedMessage] {
        try reading { try $0.failures() }
    }

    /// True when another connection held the lock past the busy timeout.
    public static func isBusy(_ error: any Error) -> Bool {
        guard let database = error as? DatabaseError else { return false }
        return database.resultCode == .SQLITE_BUSY || database.resultCode == .SQLITE_LOCKED
    }

    /// True for errors that a later try may not have (a busy, locked or full database,
    /// an I/O error): the message is left for the next pass rather than quarantined.
    public static func isTransient(_ error: any Error) -> Bool {
        guard let database = error as? DatabaseError else { return false }
        return [.SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_CANTOPEN, .SQLITE_NOMEM]
            .contains(database.resultCode)
    }
}
