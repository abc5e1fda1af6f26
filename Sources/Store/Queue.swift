import Foundation
import GRDB
public import Storage
import TicketCore
import WorkingTime

extension TicketStore: TicketQueue {
    /// One page of the queue in one statement: each ticket's newest response clock joined
    /// by its id, the running ones first by due instant (`QueueRules`).
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
        let sql = """
            SELECT t.number AS queue_number, c.id AS clock_id FROM tickets t
            LEFT JOIN sla_clocks c ON c.id = (SELECT max(id) FROM sla_clocks WHERE ticket_number = t.number AND kind = 'response')
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY CASE WHEN c.stopped_at IS NULL AND c.due_at IS NOT NULL THEN 0 ELSE 1 END,
                     CASE WHEN c.stopped_at IS NULL THEN c.due_at END, t.number
            LIMIT ? OFFSET ?
            """
        arguments += [filter.limit, filter.offset]
        return try writer.read { db in
            let rows = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments.map { $0?.databaseValue ?? .null }))
            let numbers = rows.map { $0["queue_number"] as Int64 }
            let clockIDs = rows.compactMap { $0["clock_id"] as Int64? }
            let tickets = Dictionary(
                try TicketRecord.filter(numbers.contains(Column("number"))).fetchAll(db).map { ($0.number ?? 0, $0.ticket) }, uniquingKeysWith: { a, _ in a }
            )
            let clocks = Dictionary(
                try ClockRecord.filter(clockIDs.contains(Column("id"))).fetchAll(db).map { ($0.ticketNumber, $0.stored) }, uniquingKeysWith: { a, _ in a }
            )
            return numbers.compactMap { number in tickets[number].map { QueueEntry(ticket: $0, responseClock: clocks[number]) } }
        }
    }
}
