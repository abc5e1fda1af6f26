public import Foundation

/// Response targets by quality-of-support level and GGUS priority (DESIGN.md §1), as
/// working durations, and optional resolution targets by ticket kind and priority.
public struct SLATargets: Sendable, Equatable {
    /// Level (`base`, `medium`, `advanced`) → GGUS priority name → working time.
    public var response: [String: [String: WorkingDuration]]
    /// Ticket kind → GGUS priority name → working time; absent means no resolution clock.
    public var resolution: [String: [String: WorkingDuration]]

    public static let ggusPriorities = ["less urgent", "urgent", "very urgent", "top priority"]

    /// The EGI/GGUS tables.
    public static let standard = SLATargets(
        response: [
            "base": ["less urgent": .days(5), "urgent": .days(5), "very urgent": .days(5), "top priority": .days(5)],
            "medium": ["less urgent": .days(5), "urgent": .days(5), "very urgent": .days(1), "top priority": .days(1)],
            "advanced": ["less urgent": .days(5), "urgent": .days(1), "very urgent": .days(1), "top priority": .hours(4)],
        ],
        resolution: [:]
    )

    public init(response: [String: [String: WorkingDuration]], resolution: [String: [String: WorkingDuration]]) {
        self.response = response
        self.resolution = resolution
    }

    public func response(level: String, priority: String) -> WorkingDuration? {
        response[level.lowercased()]?[priority.lowercased()]
    }

    public func resolution(kind: String, priority: String) -> WorkingDuration? {
        resolution[kind.lowercased()]?[priority.lowercased()]
    }
}

/// A span of working time: days count as the calendar's hours per day.
public struct WorkingDuration: Sendable, Hashable, CustomStringConvertible {
    public var days: Int
    public var hours: Int
    public var minutes: Int

    public static func days(_ value: Int) -> WorkingDuration { WorkingDuration(days: value, hours: 0, minutes: 0) }
    public static func hours(_ value: Int) -> WorkingDuration { WorkingDuration(days: 0, hours: value, minutes: 0) }

    public init(days: Int, hours: Int, minutes: Int) {
        self.days = days
        self.hours = hours
        self.minutes = minutes
    }

    /// Reads `5d`, `4h`, `90m`, `1d4h` (working days, hours, minutes).
    public init?(parsing text: String) {
        var days = 0, hours = 0, minutes = 0
        var digits = ""
        for character in text.lowercased() where character != " " {
            if character.isNumber {
                digits.append(character)
                continue
            }
            guard let value = Int(digits) else { return nil }
            switch character {
            case "d": days += value
            case "h": hours += value
            case "m": minutes += value
            default: return nil
            }
            digits = ""
        }
        guard digits.isEmpty, days + hours + minutes > 0 else { return nil }
        self.init(days: days, hours: hours, minutes: minutes)
    }

    public func seconds(in calendar: OfficeCalendar) -> TimeInterval {
        calendar.seconds(days: Double(days), hours: Double(hours), minutes: Double(minutes))
    }

    public var description: String {
        var parts: [String] = []
        if days > 0 { parts.append("\(days) working day\(days == 1 ? "" : "s")") }
        if hours > 0 { parts.append("\(hours) working hour\(hours == 1 ? "" : "s")") }
        if minutes > 0 { parts.append("\(minutes) working minute\(minutes == 1 ? "" : "s")") }
        return parts.joined(separator: " ")
    }
}

/// One SLA clock (GGUS semantics): it runs in working time from its start, may pause and
/// resume (resolution clocks while a ticket is stalled), and ends met or breached.
public struct SLAClock: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case response, resolution }
    public enum Outcome: String, Sendable, CaseIterable { case running, met, breached }

    public struct Pause: Sendable, Equatable {
        public var start: Date
        public var end: Date?
        public init(start: Date, end: Date?) {
            self.start = start
            self.end = end
        }
    }

    public var kind: Kind
    public var unit: String
    public var target: TimeInterval
    public var startedAt: Date
    /// Working seconds counted before `segmentStart`.
    public var consumed: TimeInterval
    /// When the current running stretch began; nil while paused or stopped.
    public var segmentStart: Date?
    public var pauses: [Pause]
    public var stoppedAt: Date?
    public var warnAt: Date?
    public var dueAt: Date?
    public var outcome: Outcome
    /// The share of the target at which the warning goes out.
    public var warningFraction: Double

    /// Starts a clock at `instant` (counting from the next opening if outside office hours).
    public init(kind: Kind, unit: String, target: TimeInterval, at instant: Date, calendar: OfficeCalendar, warningFraction: Double = 0.75) {
        self.kind = kind
        self.unit = unit
        self.target = target
        startedAt = instant
        consumed = 0
        segmentStart = instant
        pauses = []
        stoppedAt = nil
        outcome = .running
        self.warningFraction = warningFraction
        schedule(calendar)
    }

    /// A clock read back from storage; the caller sets the rest of its state.
    public init(restoring kind: Kind, unit: String, target: TimeInterval, startedAt: Date) {
        self.kind = kind
        self.unit = unit
        self.target = target
        self.startedAt = startedAt
        consumed = 0
        segmentStart = nil
        pauses = []
        stoppedAt = nil
        outcome = .running
        warningFraction = 0.75
    }

    public var isRunning: Bool { stoppedAt == nil }
    public var isPaused: Bool { stoppedAt == nil && segmentStart == nil }

    /// Working time counted up to `instant`.
    public func elapsed(at instant: Date, calendar: OfficeCalendar) -> TimeInterval {
        guard let segmentStart else { return consumed }
        return consumed + calendar.workingSeconds(from: segmentStart, to: instant)
    }

    public mutating func pause(at instant: Date, calendar: OfficeCalendar) {
        guard isRunning, let segmentStart else { return }
        consumed += calendar.workingSeconds(from: segmentStart, to: instant)
        self.segmentStart = nil
        pauses.append(Pause(start: instant, end: nil))
        dueAt = nil
        warnAt = nil
    }

    public mutating func resume(at instant: Date, calendar: OfficeCalendar) {
        guard isPaused else { return }
        segmentStart = instant
        if let last = pauses.indices.last { pauses[last].end = instant }
        schedule(calendar)
    }

    /// A new target (the priority or the level changed): due and warning move with it.
    public mutating func retarget(_ newTarget: TimeInterval, calendar: OfficeCalendar) {
        target = newTarget
        if segmentStart != nil { schedule(calendar) }
    }

    /// Stops the clock: met when the working time counted is within the target.
    public mutating func stop(at instant: Date, calendar: OfficeCalendar) {
        guard isRunning else { return }
        consumed = elapsed(at: instant, calendar: calendar)
        segmentStart = nil
        if let last = pauses.indices.last, pauses[last].end == nil { pauses[last].end = instant }
        stoppedAt = instant
        if outcome == .running { outcome = consumed <= target ? .met : .breached }
    }

    /// Records that the target passed while the clock ran; it stays breached.
    public mutating func markBreached() {
        outcome = .breached
    }

    private mutating func schedule(_ calendar: OfficeCalendar) {
        guard let segmentStart else { return }
        dueAt = calendar.add(seconds: max(target - consumed, 0), to: segmentStart)
        let warning = target * warningFraction
        warnAt = consumed < warning ? calendar.add(seconds: warning - consumed, to: segmentStart) : nil
    }
}
