import Foundation
import GRDB
public import Storage

extension TicketStore: MetricsQueries {
    public func mailCounts(afterMessage: Int64, afterFailure: Int64) throws -> MailCounts {
        try writer.read { db in
            var counts = MailCounts(lastMessageID: afterMessage, lastFailureID: afterFailure)
            // By rowid from where the last scrape ended: a scrape reads only the new rows.
            let rows = try Row.fetchAll(db, sql: """
                SELECT mailbox, count(*) AS taken,
                       sum(automatic IS NOT NULL AND NOT (thread_match = 'new' AND ticket_number IS NOT NULL)) AS screened
                FROM messages WHERE id > ? AND direction = 'incoming' AND mailbox IS NOT NULL GROUP BY mailbox
                """, arguments: [afterMessage])
            for row in rows {
                let mailbox: String = row["mailbox"]
                counts.incoming[mailbox] = row["taken"]
                counts.screened[mailbox] = row["screened"]
            }
            counts.lastMessageID = try Int64.fetchOne(db, sql: "SELECT max(id) FROM messages") ?? afterMessage
            for row in try Row.fetchAll(db, sql: "SELECT mailbox, count(*) AS n FROM failures WHERE id > ? GROUP BY mailbox", arguments: [afterFailure]) {
                counts.quarantined[row["mailbox"]] = row["n"]
            }
            counts.lastFailureID = try Int64.fetchOne(db, sql: "SELECT max(id) FROM failures") ?? afterFailure
            return counts
        }
    }

    public func outboxCounts() throws -> [String: Int] {
        try writer.read { db in
            Dictionary(try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM outbox GROUP BY status").map { ($0["status"], $0["n"]) }) { a, _ in a }
        }
    }

    public func runningClocks() throws -> [ClockCounts] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT unit, count(*) AS running, sum(warned_at IS NOT NULL AND breached_at IS NULL) AS warned,
                       sum(breached_at IS NOT NULL) AS breached
                FROM sla_clocks WHERE stopped_at IS NULL GROUP BY unit ORDER BY unit
                """).map { ClockCounts(unit: $0["unit"], running: $0["running"], warned: $0["warned"], breached: $0["breached"]) }
        }
    }

    public func processingTimes() throws -> ProcessingTimes {
        try writer.read { db in try StoreTransaction(db: db).processingTimes() }
    }
}

extension StoreTransaction {
    func processingTimes() throws -> ProcessingTimes {
        try firstRow("SELECT counts, sum_seconds FROM processing_times WHERE id = 1", { _ in }) { row in
            ProcessingTimes(counts: (row.string(0) ?? "").split(separator: ",").compactMap { Int($0) }, sumSeconds: row.double(1))
        } ?? ProcessingTimes()
    }

    public func addProcessingTimes(_ times: ProcessingTimes) throws {
        let total = try processingTimes() + times
        try run("INSERT OR REPLACE INTO processing_times (id, counts, sum_seconds) VALUES (1, ?, ?)") {
            $0.add(total.counts.map(String.init).joined(separator: ","))
            $0.add(total.sumSeconds)
        }
    }
}
