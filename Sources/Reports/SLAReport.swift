public import Foundation
public import Storage
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
    /// Clocks still running past their due instant at `now` count as breached. The clocks
    /// are scanned in two halves at once, on two read connections (each clock is in one
    /// half, and read once); memory grows with the groups and the breaches only.
    public static func build(
        store: any ReportStore, filter: Filter, now: Date, calendar: OfficeCalendar, scanInHalvesAbove: Int = 100_000
    ) throws -> SLAReport {
        let ids = try store.readingReportSource { try $0.responseClockIDRange() }
        guard let ids, ids.count > scanInHalvesAbove else {
            return try store.readingReportSource { try build(in: $0, filter: filter, now: now, calendar: calendar) }
        }
        let middle = ids.lowerBound + (ids.upperBound - ids.lowerBound) / 2
        let halves = [ids.lowerBound...middle, middle + 1...ids.upperBound]
        let tallies = try halves.concurrentMap { half in
            try store.readingReportSource { try scan(in: $0, filter: filter, now: now, ids: half) }
        }
        var tally = tallies[0]
        tally.merge(tallies[1])
        return tally.report(filter: filter, now: now, calendar: calendar)
    }

    /// The same, inside a transaction the caller holds (the worker answering a manager).
    public static func build(in tx: any SLAReportSource, filter: Filter, now: Date, calendar: OfficeCalendar) throws -> SLAReport {
        try scan(in: tx, filter: filter, now: now).report(filter: filter, now: now, calendar: calendar)
    }

    /// The clocks of `ids` (all when nil) counted, their breaches' subjects filled in.
    private static func scan(in tx: any SLAReportSource, filter: Filter, now: Date, ids: ClosedRange<Int64>? = nil) throws -> Tally {
        var tally = Tally()
        let query = ResponseClockQuery(from: filter.from, to: filter.to, unit: filter.unit, priority: filter.priority?.rawValue, ids: ids)
        try tx.forEachResponseClock(query) {
            tally.add($0, now: now)
        }
        try tally.fillSubjects(in: tx)
        return tally
    }

    /// What the scan counts, mergeable so that parts of the clocks can be scanned at once.
    struct Tally: Sendable {
        struct Key: Hashable {
            var unit: String
            var priority: Int
        }
        struct Group {
            /// Which ticket numbers have a clock here, one bit each: counting distinct
            /// tickets over a million clocks with a `Set` cost more than the scan.
            var tickets: [UInt64] = []
            var met = 0, breached = 0, running = 0
            var hours: [Double] = []

            mutating func insert(ticket: Int) {
                let word = ticket >> 6
                if word >= tickets.count { tickets += repeatElement(0, count: word - tickets.count + 1 + tickets.count / 2) }
                tickets[word] |= 1 << UInt64(ticket & 63)
            }

            mutating func merge(_ other: Group) {
                if other.tickets.count > tickets.count { tickets += repeatElement(0, count: other.tickets.count - tickets.count) }
                for (index, word) in other.tickets.enumerated() { tickets[index] |= word }
                met += other.met
                breached += other.breached
                running += other.running
                hours += other.hours
            }

            var ticketCount: Int { tickets.reduce(0) { $0 + $1.nonzeroBitCount } }
        }

        var keys: [Key: Int] = [:]
        var groups: [Group] = []
        var last: (key: Key, index: Int)?
        var breaches: [Breach] = []
        /// Open, late clocks: their working time so far is worked out at the end, with one
        /// index over the whole span rather than a walk over the days for each.
        var openBreaches: [(index: Int, segmentStart: Date)] = []

        private static let breachedOutcome = SLAClock.Outcome.breached.rawValue
        private static let metOutcome = SLAClock.Outcome.met.rawValue

        mutating func add(_ row: ResponseClockRow, now: Date) {
            // Rows come in runs of one unit and priority often enough to remember the last.
            let key = Key(unit: row.unit, priority: row.priority)
            let index: Int
            if let last, last.key == key {
                index = last.index
            } else if let known = keys[key] {
                index = known
            } else {
                index = groups.count
                keys[key] = index
                groups.append(Group())
            }
            last = (key, index)
            groups[index].insert(ticket: max(row.ticket, 0))
            let stopped = row.isStopped
            let overdue = !stopped && (row.dueAt.map { $0 <= now } ?? false)
            if stopped { groups[index].hours.append(row.consumed / 3600) }
            if row.outcome == Self.breachedOutcome || overdue {
                groups[index].breached += 1
                if !stopped, let segmentStart = row.segmentStart {
                    openBreaches.append((breaches.count, segmentStart))
                }
                breaches.append(Breach(
                    ticket: row.ticket, unit: row.unit, priority: Priority(rawValue: row.priority) ?? .normal, subject: nil,
                    targetHours: row.target / 3600, actualHours: row.consumed / 3600, breachedAt: row.dueAt ?? row.stoppedAt ?? now
                ))
            } else if row.outcome == Self.metOutcome {
                groups[index].met += 1
            } else {
                groups[index].running += 1
            }
        }

        mutating func merge(_ other: Tally) {
            for (key, otherIndex) in other.keys {
                if let index = keys[key] {
                    groups[index].merge(other.groups[otherIndex])
                } else {
                    keys[key] = groups.count
                    groups.append(other.groups[otherIndex])
                }
            }
            openBreaches += other.openBreaches.map { ($0.index + breaches.count, $0.segmentStart) }
            breaches += other.breaches
        }

        /// Subjects for the breaches only; security tickets keep theirs hidden.
        mutating func fillSubjects(in tx: any SLAReportSource) throws {
            let tickets = try tx.kindsAndSubjects(of: breaches.map(\.ticket))
            for index in breaches.indices {
                if let ticket = tickets[breaches[index].ticket], ticket.kind != TicketKind.security.rawValue {
                    breaches[index].subject = ticket.subject
                }
            }
        }

        /// The rows, and the breaches sorted (their subjects filled in already).
        consuming func report(filter: Filter, now: Date, calendar: OfficeCalendar) -> SLAReport {
            // Taken out, so that they are changed and sorted in place rather than copied.
            var breaches = self.breaches
            self.breaches = []
            if let earliest = openBreaches.map(\.segmentStart).min() {
                let index = WorkingTimeIndex(calendar: calendar, from: earliest, to: now)
                for open in openBreaches {
                    breaches[open.index].actualHours += index.workingSeconds(from: open.segmentStart, to: now) / 3600
                }
            }
            var rows: [Row] = []
            let order = keys.keys.sorted { ($0.unit.lowercased(), -$0.priority) < ($1.unit.lowercased(), -$1.priority) }
            for key in order {
                guard let index = keys[key] else { continue }
                let group = groups[index]
                let ended = group.met + group.breached
                let sorted = group.hours.sorted()
                rows.append(Row(
                    unit: key.unit, priority: Priority(rawValue: key.priority) ?? .normal, tickets: group.ticketCount,
                    met: group.met, breached: group.breached, running: group.running,
                    percentMet: ended == 0 ? nil : Double(group.met) * 100 / Double(ended),
                    medianHours: percentile(sorted, 0.5), p90Hours: percentile(sorted, 0.9)
                ))
            }
            breaches.sort { $0.breachedAt != $1.breachedAt ? $0.breachedAt < $1.breachedAt : $0.ticket < $1.ticket }
            return SLAReport(filter: filter, generatedAt: now, rows: rows, breaches: breaches)
        }
    }

    /// Nearest-rank percentile of sorted values.
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}

extension Array where Element: Sendable {
    /// `transform` of every element, each on its own thread, in order.
    func concurrentMap<T: Sendable, Failure: Error>(
        _ transform: @Sendable (Element) throws(Failure) -> T
    ) throws(Failure) -> [T] {
        var results = [Result<T, Failure>?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own slot.
            nonisolated(unsafe) let output = buffer
            DispatchQueue.concurrentPerform(iterations: count) { index in
                output[index] = Result { () throws(Failure) -> T in try transform(self[index]) }
            }
        }
        var values: [T] = []
        values.reserveCapacity(count)
        for result in results { values.append(try result!.get()) }
        return values
    }
}
