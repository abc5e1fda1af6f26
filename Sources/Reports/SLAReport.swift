public import Foundation
import GRDB
public import Store
public import TicketCore
public import WorkingTime

/// What `ticketd report sla` shows: per unit and priority, how the response targets
/// were kept, and every breach.
public struct SLAReport: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var unit: String
        public var priority: Priority
        public var tickets: Int
        public var met: Int
        public var breached: Int
        /// Still running and not yet past due.
        public var running: Int
        /// Met as a share of met + breached, 0–100; nil when nothing has ended yet.
        public var percentMet: Double?
        /// Response times of the clocks that stopped, in working hours.
        public var medianHours: Double?
        public var p90Hours: Double?
    }

    public struct Breach: Sendable, Equatable {
        public var ticket: Int
        public var unit: String
        public var priority: Priority
        /// Nil for security tickets: reports show them as counts only.
        public var subject: String?
        public var targetHours: Double
        /// Working hours counted: until the response, or until the report for open ones.
        public var actualHours: Double
        public var breachedAt: Date
    }

    public struct Filter: Sendable, Equatable {
        public var from: Date?
        public var to: Date?
        public var unit: String?
        public var priority: Priority?

        public init(from: Date? = nil, to: Date? = nil, unit: String? = nil, priority: Priority? = nil) {
            self.from = from
            self.to = to
            self.unit = unit
            self.priority = priority
        }
    }

    public var filter: Filter
    public var generatedAt: Date
    public var rows: [Row]
    public var breaches: [Breach]

    public var totals: (tickets: Int, met: Int, breached: Int) {
        rows.reduce((0, 0, 0)) { ($0.0 + $1.tickets, $0.1 + $1.met, $0.2 + $1.breached) }
    }

    /// Builds the report from the response clocks that started in the filter's range.
    /// Clocks still running past their due instant at `now` count as breached. One pass
    /// over the rows with a cursor: memory grows with the groups and the breaches only.
    public static func build(store: TicketStore, filter: Filter, now: Date, calendar: OfficeCalendar) throws -> SLAReport {
        try store.writer.read { db in
            var sql = """
                SELECT c.ticket_number, c.unit, c.priority, c.outcome, c.consumed_seconds, c.target_seconds,
                       c.due_at, c.stopped_at, c.segment_start, t.kind, t.subject
                FROM sla_clocks c JOIN tickets t ON t.number = c.ticket_number
                WHERE c.kind = 'response'
                """
            var arguments: StatementArguments = []
            if let from = filter.from { sql += " AND c.started_at >= ?"; arguments += [from] }
            if let to = filter.to { sql += " AND c.started_at < ?"; arguments += [to] }
            if let unit = filter.unit { sql += " AND c.unit = ? COLLATE NOCASE"; arguments += [unit] }
            if let priority = filter.priority { sql += " AND c.priority = ?"; arguments += [priority.rawValue] }

            struct Group {
                var tickets = Set<Int64>()
                var met = 0, breached = 0, running = 0
                var hours: [Double] = []
            }
            var groups: [String: [Int: Group]] = [:]
            var breaches: [Breach] = []
            let rows = try GRDB.Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                let ticket: Int64 = row[0]
                let unit: String = row[1]
                let priority: Int = row[2]
                let outcome: String = row[3]
                var consumed: Double = row[4]
                let target: Double = row[5]
                let due: Date? = row[6]
                let stopped: Date? = row[7]
                let segmentStart: Date? = row[8]
                var group = groups[unit, default: [:]][priority, default: Group()]
                group.tickets.insert(ticket)
                let overdue = stopped == nil && (due.map { $0 <= now } ?? false)
                if stopped != nil { group.hours.append(consumed / 3600) }
                if outcome == "breached" || overdue {
                    group.breached += 1
                    if stopped == nil, let segmentStart {
                        // Still open: the working time it has run so far.
                        consumed += calendar.workingSeconds(from: segmentStart, to: now)
                    }
                    let kind: String = row[9]
                    let subject: String = row[10]
                    breaches.append(Breach(
                        ticket: Int(ticket), unit: unit, priority: Priority(rawValue: priority) ?? .normal,
                        subject: kind == TicketKind.security.rawValue ? nil : subject,
                        targetHours: target / 3600, actualHours: consumed / 3600, breachedAt: due ?? stopped ?? now
                    ))
                } else if outcome == "met" {
                    group.met += 1
                } else {
                    group.running += 1
                }
                groups[unit, default: [:]][priority] = group
            }
            var result: [Row] = []
            for unit in groups.keys.sorted(by: { $0.lowercased() < $1.lowercased() }) {
                for (priority, group) in groups[unit, default: [:]].sorted(by: { $0.key > $1.key }) {
                    let ended = group.met + group.breached
                    let sorted = group.hours.sorted()
                    result.append(Row(
                        unit: unit, priority: Priority(rawValue: priority) ?? .normal, tickets: group.tickets.count,
                        met: group.met, breached: group.breached, running: group.running,
                        percentMet: ended == 0 ? nil : Double(group.met) * 100 / Double(ended),
                        medianHours: percentile(sorted, 0.5), p90Hours: percentile(sorted, 0.9)
                    ))
                }
            }
            breaches.sort { ($0.breachedAt, $0.ticket) < ($1.breachedAt, $1.ticket) }
            return SLAReport(filter: filter, generatedAt: now, rows: result, breaches: breaches)
        }
    }

    /// Nearest-rank percentile of sorted values.
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
