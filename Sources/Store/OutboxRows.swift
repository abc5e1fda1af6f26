public import Foundation
import GRDB
public import Storage
public import TicketCore

/// The outbox rows: what the sender reads and marks.
extension TicketStore {
    static let dueOutboxSQL = """
        SELECT o.*, m.ticket_number AS m_ticket, m.message_id AS m_id, m.raw AS m_raw
        FROM outbox o LEFT JOIN messages m ON m.id = o.message_row_id
        WHERE o.status = ? AND o.next_attempt_at <= ? ORDER BY o.next_attempt_at, o.id LIMIT ?
        """

    /// Pending outbox rows whose next attempt is due, the longest due first, leaving out
    /// `excluded` (rows the caller already tried in this pass). The order is the index's,
    /// so a backlog of thousands is not read and sorted for every batch of it.
    public func dueOutbox(now: Date, limit: Int, excluding excluded: Set<Int64> = []) async throws -> [OutboxItem] {
        try await reading { db in
            // A cursor read by hand: `fetchAll` mapped one, whose type the runtime looked
            // up a conformance for in every one-shot command.
            let rows = try Row.fetchCursor(
                db, sql: Self.dueOutboxSQL,
                arguments: [OutboxStatus.pending.rawValue, StoreDate.text(now), limit + excluded.count]
            )
            var items: [OutboxItem] = []
            while items.count < limit, let row = try rows.next() {
                let item = Self.item(try OutboxRecord(row: row), ticketNumber: row["m_ticket"], messageID: row["m_id"], raw: row["m_raw"])
                if !excluded.contains(item.id) { items.append(item) }
            }
            return items
        }
    }

    public func outbox() throws -> [OutboxItem] {
        try writer.read { db in
            try OutboxRecord.order(Column("id")).fetchAll(db).map { record in
                let message = try MessageRecord.fetchOne(db, key: record.messageRowID)
                return Self.item(record, ticketNumber: message?.ticketNumber, messageID: message?.messageID, raw: message?.raw)
            }
        }
    }

    /// Marks many rows sent in one transaction. Marking a row twice changes nothing.
    public func markSent(_ marks: [SentMark]) async throws {
        guard !marks.isEmpty else { return }
        try await writing { db in
            let statement = try db.cachedStatement(
                sql: "UPDATE outbox SET status = ?, sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ? AND status = ?"
            )
            for mark in marks {
                try statement.execute(arguments: [OutboxStatus.sent.rawValue, StoreDate.text(mark.at), mark.outboxID, OutboxStatus.pending.rawValue])
            }
        }
    }

    /// A temporary failure: try again at `nextAttempt`.
    public func markRetry(outboxID: Int64, error: String, nextAttempt: Date) async throws {
        try await writing { db in
            try db.execute(
                sql: "UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
                arguments: [error, nextAttempt, outboxID]
            )
        }
    }

    public func recordEvent(_ event: TicketEvent) async throws {
        try await writing { db in try StoreTransaction(db: db).recordEvent(event) }
    }

    public func recordSMTPPass(server: String, at date: Date, error: String?) async throws {
        try await writing { db in try StoreTransaction(db: db).recordPass(of: server, in: .smtp, at: date, error: error) }
    }

    /// A permanent failure: the row stays, marked failed with the server's text, and the
    /// ticket (if any) records it in the same transaction.
    public func markFailed(outboxID: Int64, error: String, event: TicketEvent?) async throws {
        try await writing { db in
            try db.execute(
                sql: "UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ? WHERE id = ?",
                arguments: [OutboxStatus.failed.rawValue, error, outboxID]
            )
            if let event { try StoreTransaction(db: db).recordEvent(event) }
        }
    }

    static func item(_ record: OutboxRecord, ticketNumber: Int64?, messageID: String?, raw: Data?) -> OutboxItem {
        OutboxItem(
            id: record.id ?? 0, ticketNumber: ticketNumber.map { Int($0) }, messageID: messageID ?? "",
            mailFrom: record.mailFrom,
            recipients: record.recipients.split(separator: ",").map(String.init),
            raw: raw.map { [UInt8]($0) } ?? [], status: record.status, attempts: record.attempts,
            lastError: record.lastError
        )
    }
}

// The SQLite backend behind the store seam.
extension StoreTransaction: DeskTransaction {}

extension TicketStore: DeskStore, OutboxStore, DeskQueries {
    public func writeTransaction<T: Sendable>(
        deferringMail: Bool, _ body: @escaping @Sendable (any DeskTransaction) throws -> T
    ) async throws -> T {
        try await write(deferringMail: deferringMail) { (tx: StoreTransaction) in try body(tx) }
    }

    public func readTransaction<T: Sendable>(_ body: @escaping @Sendable (any DeskTransaction) throws -> T) async throws -> T {
        try await read { (tx: StoreTransaction) in try body(tx) }
    }

    public func isTransient(_ error: any Error) -> Bool { Self.isTransient(error) }
}
