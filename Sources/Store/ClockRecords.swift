import Foundation
import GRDB
import TicketCore
import WorkingTime

/// An SLA clock as stored, with the bookkeeping of its notices.
public struct StoredClock: Sendable, Equatable {
    public var id: Int64
    public var ticket: Int
    public var priority: Priority
    public var clock: SLAClock
    /// When the 75% warning went out, and the breach notice.
    public var warnedAt: Date?
    public var breachedAt: Date?
}

struct ClockRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "sla_clocks"
    var id: Int64?
    var ticketNumber: Int64
    var kind: String
    var unit: String
    var priority: Int
    var targetSeconds: Double
    var startedAt: Date
    var consumedSeconds: Double
    var segmentStart: Date?
    var pauses: String
    var stoppedAt: Date?
    var warnAt: Date?
    var dueAt: Date?
    var outcome: String
    var warningFraction: Double
    var warnedAt: Date?
    var breachedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, kind, unit, priority, pauses, outcome
        case ticketNumber = "ticket_number", targetSeconds = "target_seconds", startedAt = "started_at"
        case consumedSeconds = "consumed_seconds", segmentStart = "segment_start", stoppedAt = "stopped_at"
        case warnAt = "warn_at", dueAt = "due_at", warningFraction = "warning_fraction", warnedAt = "warned_at"
        case breachedAt = "breached_at"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Written by hand: Codable encoding cost more than the insert itself.
    func encode(to container: inout PersistenceContainer) {
        container["id"] = id
        container["ticket_number"] = ticketNumber
        container["kind"] = kind
        container["unit"] = unit
        container["priority"] = priority
        container["target_seconds"] = targetSeconds
        container["started_at"] = StoreDate.text(startedAt)
        container["consumed_seconds"] = consumedSeconds
        container["segment_start"] = segmentStart.map(StoreDate.text)
        container["pauses"] = pauses
        container["stopped_at"] = stoppedAt.map(StoreDate.text)
        container["warn_at"] = warnAt.map(StoreDate.text)
        container["due_at"] = dueAt.map(StoreDate.text)
        container["outcome"] = outcome
        container["warning_fraction"] = warningFraction
        container["warned_at"] = warnedAt.map(StoreDate.text)
        container["breached_at"] = breachedAt.map(StoreDate.text)
    }

    init(_ stored: StoredClock) {
        id = stored.id > 0 ? stored.id : nil
        ticketNumber = Int64(stored.ticket)
        let clock = stored.clock
        kind = clock.kind.rawValue
        unit = clock.unit
        priority = stored.priority.rawValue
        targetSeconds = clock.target
        startedAt = clock.startedAt
        consumedSeconds = clock.consumed
        segmentStart = clock.segmentStart
        pauses = Self.encode(clock.pauses)
        stoppedAt = clock.stoppedAt
        warnAt = clock.warnAt
        dueAt = clock.dueAt
        outcome = clock.outcome.rawValue
        warningFraction = clock.warningFraction
        warnedAt = stored.warnedAt
        breachedAt = stored.breachedAt
    }

    var stored: StoredClock {
        var clock = SLAClock(restoring: SLAClock.Kind(rawValue: kind) ?? .response, unit: unit, target: targetSeconds, startedAt: startedAt)
        clock.consumed = consumedSeconds
        clock.segmentStart = segmentStart
        clock.pauses = Self.decode(pauses)
        clock.stoppedAt = stoppedAt
        clock.warnAt = warnAt
        clock.dueAt = dueAt
        clock.outcome = SLAClock.Outcome(rawValue: outcome) ?? .running
        clock.warningFraction = warningFraction
        return StoredClock(
            id: id ?? 0, ticket: Int(ticketNumber), priority: Priority(rawValue: priority) ?? .normal, clock: clock,
            warnedAt: warnedAt, breachedAt: breachedAt
        )
    }

    /// Pauses as `[[start, end|null], …]` in seconds since 1970.
    private static func encode(_ pauses: [SLAClock.Pause]) -> String {
        guard !pauses.isEmpty else { return "[]" }
        let rows = pauses.map { [$0.start.timeIntervalSince1970, $0.end?.timeIntervalSince1970 ?? -1] }
        return String(decoding: (try? JSONEncoder().encode(rows)) ?? Data("[]".utf8), as: UTF8.self)
    }

    private static func decode(_ text: String) -> [SLAClock.Pause] {
        guard text != "[]" else { return [] }
        let rows = (try? JSONDecoder().decode([[Double]].self, from: Data(text.utf8))) ?? []
        return rows.compactMap { row in
            guard row.count == 2 else { return nil }
            return SLAClock.Pause(start: Date(timeIntervalSince1970: row[0]), end: row[1] < 0 ? nil : Date(timeIntervalSince1970: row[1]))
        }
    }
}

extension StoreTransaction {
    public func insertClock(ticket: Int, priority: Priority, clock: SLAClock) throws {
        var record = ClockRecord(StoredClock(id: 0, ticket: ticket, priority: priority, clock: clock, warnedAt: nil, breachedAt: nil))
        try record.insert(db)
    }

    public func saveClock(_ stored: StoredClock) throws {
        try ClockRecord(stored).update(db)
    }

    public func clocks(ofTicket number: Int) throws -> [StoredClock] {
        try ClockRecord.filter(Column("ticket_number") == number).order(Column("id")).fetchAll(db).map(\.stored)
    }

    /// Running clocks whose warning or due instant has passed without its notice.
    public func clocksWithNoticesDue(at instant: Date) throws -> [StoredClock] {
        try ClockRecord
            .filter(Column("stopped_at") == nil)
            .filter((Column("warned_at") == nil && Column("warn_at") <= instant) || (Column("breached_at") == nil && Column("due_at") <= instant))
            .order(Column("id")).fetchAll(db).map(\.stored)
    }
}

extension TicketStore {
    public func clocks(ofTicket number: Int) throws -> [StoredClock] {
        try reading { try $0.clocks(ofTicket: number) }
    }

    /// The newest response clock of every ticket.
    public func latestResponseClocks() throws -> [Int: StoredClock] {
        try writer.read { db in
            let records = try ClockRecord.filter(Column("kind") == SLAClock.Kind.response.rawValue).order(Column("id")).fetchAll(db)
            var latest: [Int: StoredClock] = [:]
            for record in records { latest[Int(record.ticketNumber)] = record.stored }
            return latest
        }
    }
}

/// One response clock with its ticket's kind and subject, as reports read them.
public struct ResponseClockRow: Sendable {
    public var ticket: Int
    public var unit: String
    public var priority: Int
    public var outcome: String
    public var consumed: Double
    public var target: Double
    public var dueAt: Date?
    public var stoppedAt: Date?
    public var segmentStart: Date?
    public var kind: String
    public var subject: String
}

extension StoreTransaction {
    /// Visits the response clocks that started in [from, to), optionally of one unit
    /// (case-insensitive) and priority, with a cursor: nothing is loaded all at once.
    public func forEachResponseClock(
        from: Date?, to: Date?, unit: String?, priority: Int?, _ body: (ResponseClockRow) throws -> Void
    ) throws {
        var sql = """
            SELECT c.ticket_number, c.unit, c.priority, c.outcome, c.consumed_seconds, c.target_seconds,
                   c.due_at, c.stopped_at, c.segment_start, t.kind, t.subject
            FROM sla_clocks c JOIN tickets t ON t.number = c.ticket_number
            WHERE c.kind = 'response'
            """
        var arguments: StatementArguments = []
        if let from { sql += " AND c.started_at >= ?"; arguments += [from] }
        if let to { sql += " AND c.started_at < ?"; arguments += [to] }
        if let unit { sql += " AND c.unit = ? COLLATE NOCASE"; arguments += [unit] }
        if let priority { sql += " AND c.priority = ?"; arguments += [priority] }
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() {
            try body(ResponseClockRow(
                ticket: row[0], unit: row[1], priority: row[2], outcome: row[3], consumed: row[4], target: row[5],
                dueAt: row[6], stoppedAt: row[7], segmentStart: row[8], kind: row[9], subject: row[10]
            ))
        }
    }
}
