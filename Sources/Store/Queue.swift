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
        var binds: [(inout Parameters) -> Void] = []
        switch filter.status {
        case .active:
            conditions.append("t.status NOT IN (?, ?)")
            binds += [{ $0.add(TicketStatus.resolved) }, { $0.add(TicketStatus.rejected) }]
        case .all: break
        case .only(let status):
            conditions.append("t.status = ?")
            binds.append { $0.add(status) }
        }
        if let unit = filter.unit {
            conditions.append("t.unit = ? COLLATE NOCASE")
            binds.append { $0.add(unit) }
        }
        if let kind = filter.kind {
            conditions.append("t.kind = ?")
            binds.append { $0.add(kind) }
        }
        if let priority = filter.priority {
            conditions.append("t.priority = ?")
            binds.append { $0.add(priority.rawValue) }
        }
        if !filter.includeSecurity {
            conditions.append("t.kind != ? AND t.unit != ? COLLATE NOCASE")
            binds += [{ $0.add(TicketKind.security) }, { [unit = filter.securityUnit] in $0.add(unit) }]
        }
        if let text = filter.text.map(QueueRules.foldASCII), !text.isEmpty {
            let number = Int(text.hasPrefix("#") ? String(text.dropFirst()) : text)
            // instr, not LIKE: the text's % and _ are letters like the others.
            conditions.append("(t.number = ? OR instr(lower(t.subject), ?) > 0 OR instr(lower(t.requester_address), ?) > 0 OR instr(lower(coalesce(t.requester_name, '')), ?) > 0)")
            binds += [{ $0.add(number ?? -1) }, { $0.add(text) }, { $0.add(text) }, { $0.add(text) }]
        }
        let ticketConditions = conditions.isEmpty ? "1" : conditions.joined(separator: " AND ")
        let running = "c.stopped_at IS NULL AND c.kind = 'response' AND c.due_at IS NOT NULL"
        func bind(_ extra: Int...) -> (inout Parameters) -> Void {
            { parameters in
                for bind in binds { bind(&parameters) }
                for value in extra { parameters.add(value) }
            }
        }
        // Each page's tickets come with their clock in the rows of one query, read straight
        // from SQLite through a cached statement (a connection keeps one per filter shape, a
        // few dozen): a lookup per ticket and per clock, GRDB's Codable decoding and parsing
        // the SQL again were most of the page's time.
        let columns = "\(TicketRecord.selection(of: "t")), \(ClockRecord.selection(of: "c"))"
        func entry(_ row: ResultColumns) throws -> QueueEntry {
            let clock = row.isNull(TicketRecord.columnCount) ? nil : try ClockRecord(row, from: TicketRecord.columnCount).stored
            return QueueEntry(ticket: try TicketRecord(row).ticket, responseClock: clock)
        }
        return try writer.read { db in
            let direct = StoreTransaction(db: db)
            // The tickets whose response clock runs, soonest due first: a walk of the running
            // clocks' index that stops after the page.
            var entries = try direct.rows("""
                SELECT \(columns) FROM sla_clocks c INDEXED BY sla_clocks_queue
                JOIN tickets t ON t.number = c.ticket_number
                WHERE \(running) AND \(ticketConditions) ORDER BY c.due_at, c.ticket_number LIMIT ? OFFSET ?
                """, bind(filter.limit, filter.offset), entry)
            guard entries.count < filter.limit else { return entries }
            // Past them, the others by number, each with its newest response clock, met or
            // breached. How many running ones came before this page is known from the page,
            // unless it had none of them.
            let runningBefore = !entries.isEmpty || filter.offset == 0 ? filter.offset + entries.count : try direct.firstRow("""
                SELECT count(*) FROM sla_clocks c INDEXED BY sla_clocks_queue JOIN tickets t ON t.number = c.ticket_number
                WHERE \(running) AND \(ticketConditions)
                """, bind()) { Int($0.int64(0)) } ?? 0
            entries += try direct.rows("""
                SELECT \(columns) FROM tickets t
                LEFT JOIN sla_clocks c ON c.id = (SELECT max(id) FROM sla_clocks WHERE ticket_number = t.number AND kind = 'response')
                WHERE \(ticketConditions) AND NOT EXISTS (SELECT 1 FROM sla_clocks c WHERE c.ticket_number = t.number AND \(running))
                ORDER BY t.number LIMIT ? OFFSET ?
                """, bind(filter.limit - entries.count, max(0, filter.offset - runningBefore)), entry)
            return entries
        }
    }
}
