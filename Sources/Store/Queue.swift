import Foundation
import GRDB
public import Storage
import TicketCore
import WorkingTime

extension TicketStore: TicketQueue {
    /// One page of the queue (`QueueRules`' order): the tickets whose response clock runs,
    /// by due instant, then the others by number; each read only as far as the page.
    public func queue(_ filter: QueueFilter) throws -> [QueueEntry] {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        switch filter.status {
        case .active:
            conditions.append("t.status NOT IN (?, ?)")
            arguments += [TicketStatus.resolved.rawValue, TicketStatus.rejected.rawValue]
        case .all: break
        case .only(let status):
            conditions.append("t.status = ?")
            arguments.append(status.rawValue)
        }
        if let unit = filter.unit {
            conditions.append("t.unit = ? COLLATE NOCASE")
            arguments.append(unit)
        }
        if let kind = filter.kind {
            conditions.append("t.kind = ?")
            arguments.append(kind.rawValue)
        }
        if let priority = filter.priority {
            conditions.append("t.priority = ?")
            arguments.append(priority.rawValue)
        }
        if !filter.includeSecurity {
            conditions.append("t.kind != ? AND t.unit != ? COLLATE NOCASE")
            arguments += [TicketKind.security.rawValue, filter.securityUnit]
        }
        if let text = filter.text.map(QueueRules.foldASCII), !text.isEmpty {
            let number = Int(text.hasPrefix("#") ? String(text.dropFirst()) : text)
            // instr, not LIKE: the text's % and _ are letters like the others.
            conditions.append("(t.number = ? OR instr(lower(t.subject), ?) > 0 OR instr(lower(t.requester_address), ?) > 0 OR instr(lower(coalesce(t.requester_name, '')), ?) > 0)")
            arguments += [number ?? -1, text, text, text]
        }
        let ticketConditions = conditions.isEmpty ? "1" : conditions.joined(separator: " AND ")
        let running = "c.stopped_at IS NULL AND c.kind = 'response' AND c.due_at IS NOT NULL"
        func values(_ extra: [(any DatabaseValueConvertible)?]) -> StatementArguments {
            StatementArguments((arguments + extra).map { $0?.databaseValue ?? .null })
        }
        return try writer.read { db in
            // The tickets whose response clock runs, soonest due first: a walk of the running
            // clocks' index that stops after the page.
            let first = try Row.fetchAll(db, sql: """
                SELECT c.id AS clock_id, t.number AS number FROM sla_clocks c INDEXED BY sla_clocks_queue
                JOIN tickets t ON t.number = c.ticket_number
                WHERE \(running) AND \(ticketConditions) ORDER BY c.due_at, c.ticket_number LIMIT ? OFFSET ?
                """, arguments: values([filter.limit, filter.offset]))
            var numbers = first.map { $0["number"] as Int64 }
            var clockOf = Dictionary(first.map { ($0["number"] as Int64, $0["clock_id"] as Int64) }, uniquingKeysWith: { a, _ in a })
            if numbers.count < filter.limit {
                // Past them, the others by number. How many running ones came before this
                // page is known from the page, unless it had none of them.
                let runningBefore = !first.isEmpty || filter.offset == 0 ? filter.offset + first.count : try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM sla_clocks c INDEXED BY sla_clocks_queue JOIN tickets t ON t.number = c.ticket_number
                    WHERE \(running) AND \(ticketConditions)
                    """, arguments: values([])) ?? 0
                let rest = try Int64.fetchAll(db, sql: """
                    SELECT t.number FROM tickets t
                    WHERE \(ticketConditions) AND NOT EXISTS (SELECT 1 FROM sla_clocks c WHERE c.ticket_number = t.number AND \(running))
                    ORDER BY t.number LIMIT ? OFFSET ?
                    """, arguments: values([filter.limit - numbers.count, max(0, filter.offset - runningBefore)]))
                if !rest.isEmpty {
                    // Their newest response clock, met or breached, for the page to show.
                    let latest = try Row.fetchAll(db, sql: """
                        SELECT ticket_number, max(id) AS id FROM sla_clocks WHERE kind = 'response' AND ticket_number IN (\(rest.map { _ in "?" }.joined(separator: ",")))
                        GROUP BY ticket_number
                        """, arguments: StatementArguments(rest))
                    for row in latest { clockOf[row["ticket_number"]] = row["id"] }
                }
                numbers += rest
            }
            // Each ticket by its key through one cached statement, read straight from SQLite:
            // GRDB's Codable decoding of a page of tickets took a sixth of the API's time.
            let direct = StoreTransaction(db: db)
            var tickets: [Int64: Ticket] = [:]
            for number in numbers {
                tickets[number] = try direct.firstRow("SELECT \(TicketRecord.selection) FROM tickets WHERE number = ?", { $0.add(number) }) {
                    try TicketRecord($0).ticket
                }
            }
            let clockIDs = Array(clockOf.values)
            let clocks = Dictionary(
                try ClockRecord.filter(clockIDs.contains(Column("id"))).fetchAll(db).map { ($0.ticketNumber, $0.stored) }, uniquingKeysWith: { a, _ in a }
            )
            return numbers.compactMap { number in tickets[number].map { QueueEntry(ticket: $0, responseClock: clocks[number]) } }
        }
    }
}
