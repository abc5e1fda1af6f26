public import Foundation
import Synchronization

/// A time of day in minutes after local midnight; 1440 is the midnight that ends the day.
public struct DayRange: Sendable, Hashable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        precondition(0 <= start && start < end && end <= 1440, "a day range runs within one day")
        self.start = start
        self.end = end
    }

    /// Reads `09:00-17:00` (and `00:00-24:00`).
    public init?(parsing text: String) {
        let parts = text.split(separator: "-").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let start = Self.minutes(parts[0]), let end = Self.minutes(parts[1]), start < end else { return nil }
        self.init(start: start, end: end)
    }

    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0...24).contains(hours), (0..<60).contains(minutes), hours * 60 + minutes <= 1440
        else { return nil }
        return hours * 60 + minutes
    }

    public var minutes: Int { end - start }
}

/// A calendar date without a time, as holidays are written in config (`2026-12-25`).
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int, month: Int, day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public init?(parsing text: String) {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

/// Office hours: weekly ranges per weekday in one IANA time zone, minus holidays, with
/// half days. All arithmetic is in working time; every function takes the instants it
/// works on, and none reads the clock.
public struct OfficeCalendar: Sendable {
    public let timeZone: TimeZone
    /// Weekday (1 = Sunday … 7 = Saturday, as Foundation counts) → ranges.
    public let week: [Int: [DayRange]]
    /// Days with no office hours.
    public let holidays: Set<LocalDate>
    /// Days with their own hours (a half day: `09:00-13:00`).
    public let specialDays: [LocalDate: [DayRange]]
    /// The length of one working day, for targets given in days.
    public let hoursPerDay: Double
    private let calendar: Calendar
    /// The open intervals of days already worked out: every SLA clock walks the same few
    /// days, and each costs several rounds through `Calendar`.
    private let knownDays = KnownDays()

    /// Monday to Friday, 09:00–17:00, 8 hours a day.
    public static func standard(timeZone: TimeZone) -> OfficeCalendar {
        let office = [DayRange(start: 9 * 60, end: 17 * 60)]
        return OfficeCalendar(
            timeZone: timeZone, week: [2: office, 3: office, 4: office, 5: office, 6: office], holidays: [], specialDays: [:],
            hoursPerDay: 8
        )
    }

    public init(timeZone: TimeZone, week: [Int: [DayRange]], holidays: Set<LocalDate>, specialDays: [LocalDate: [DayRange]], hoursPerDay: Double) {
        self.timeZone = timeZone
        self.week = week.mapValues { $0.sorted { $0.start < $1.start } }
        self.holidays = holidays
        self.specialDays = specialDays.mapValues { $0.sorted { $0.start < $1.start } }
        self.hoursPerDay = hoursPerDay
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The same office hours in another time zone.
    public func with(timeZone: TimeZone) -> OfficeCalendar {
        OfficeCalendar(timeZone: timeZone, week: week, holidays: holidays, specialDays: specialDays, hoursPerDay: hoursPerDay)
    }

    /// Nothing to count in: a calendar without any office hours would loop for ever.
    public var hasOfficeHours: Bool { week.values.contains { !$0.isEmpty } }

    /// How far ahead a computation may look before giving up (ten years of days).
    static let horizonDays = 3660

    /// The open intervals of one local day as instants, in order. A range that starts in a
    /// time that does not exist (a DST gap) starts at the first instant after the gap.
    func openIntervals(on day: LocalDate) -> [(start: Date, end: Date)] {
        if let known = knownDays.intervals(of: day) { return known }
        let intervals = workOutIntervals(on: day)
        knownDays.remember(intervals, of: day)
        return intervals
    }

    private func workOutIntervals(on day: LocalDate) -> [(start: Date, end: Date)] {
        let ranges: [DayRange]
        if let special = specialDays[day] {
            ranges = special
        } else if holidays.contains(day) {
            ranges = []
        } else {
            guard let weekday = weekday(of: day) else { return [] }
            ranges = week[weekday] ?? []
        }
        return ranges.compactMap { range in
            guard let start = instant(day, minutes: range.start), let end = instant(day, minutes: range.end), start < end else { return nil }
            return (start, end)
        }
    }

    private func weekday(of day: LocalDate) -> Int? {
        guard let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12)) else { return nil }
        return calendar.component(.weekday, from: date)
    }

    /// The instant of `minutes` after the local midnight that starts `day`, by wall clock.
    private func instant(_ day: LocalDate, minutes: Int) -> Date? {
        if minutes == 1440 {
            return instant(next(day), minutes: 0)
        }
        let components = DateComponents(year: day.year, month: day.month, day: day.day, hour: minutes / 60, minute: minutes % 60)
        return calendar.date(from: components)
    }

    /// The local midnight that starts `day`.
    public func start(of day: LocalDate) -> Date? { instant(day, minutes: 0) }

    /// The day `instant` falls on, here.
    public func localDate(of instant: Date) -> LocalDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return LocalDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// The day after `day`, by Gregorian arithmetic (a round trip through `Calendar` cost
    /// more than the rest of a day's work).
    func next(_ day: LocalDate) -> LocalDate {
        if day.day < Self.days(inMonth: day.month, of: day.year) { return LocalDate(year: day.year, month: day.month, day: day.day + 1) }
        if day.month < 12 { return LocalDate(year: day.year, month: day.month + 1, day: 1) }
        return LocalDate(year: day.year + 1, month: 1, day: 1)
    }

    static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The open intervals from the local day of `instant` onwards, lazily.
    private func intervals(from instant: Date) -> OpenIntervals {
        // Start a day early: a range ending at midnight, or a zone far from UTC, may
        // reach into the local day of `instant` from the day before.
        OpenIntervals(calendar: self, day: localDate(of: instant.addingTimeInterval(-86_400)))
    }

    /// The open intervals from a local day onwards, day by day as they are asked for. A
    /// type of its own rather than `AnySequence`, whose boxes the runtime looked up
    /// conformances for at the first SLA clock of each process.
    private struct OpenIntervals: Sequence, IteratorProtocol {
        let calendar: OfficeCalendar
        var day: LocalDate
        var pending: [(start: Date, end: Date)] = []
        var days = 0

        mutating func next() -> (start: Date, end: Date)? {
            while pending.isEmpty {
                guard days < OfficeCalendar.horizonDays + 2 else { return nil }
                pending = calendar.openIntervals(on: day)
                day = calendar.next(day)
                days += 1
            }
            return pending.removeFirst()
        }
    }

    /// The instant at which `seconds` of working time have passed since `start`. A start
    /// outside office hours counts from the next opening. Nil when no office hours lie ahead.
    public func add(seconds: TimeInterval, to start: Date) -> Date? {
        var remaining = seconds
        for interval in intervals(from: start) where interval.end > start {
            let from = max(interval.start, start)
            let available = interval.end.timeIntervalSince(from)
            if remaining <= available { return from.addingTimeInterval(remaining) }
            remaining -= available
        }
        return nil
    }

    public func add(minutes: Int, to start: Date) -> Date? {
        add(seconds: TimeInterval(minutes) * 60, to: start)
    }

    /// Working time between two instants (zero when `end` is not after `start`).
    public func workingSeconds(from start: Date, to end: Date) -> TimeInterval {
        guard end > start else { return 0 }
        var total: TimeInterval = 0
        for interval in intervals(from: start) {
            if interval.start >= end { break }
            guard interval.end > start else { continue }
            total += min(interval.end, end).timeIntervalSince(max(interval.start, start))
        }
        return total
    }

    /// The first instant at or after `instant` inside office hours.
    public func nextOpening(atOrAfter instant: Date) -> Date? {
        for interval in intervals(from: instant) where interval.end > instant {
            return max(interval.start, instant)
        }
        return nil
    }

    /// Working days, hours and minutes as working seconds.
    public func seconds(days: Double = 0, hours: Double = 0, minutes: Double = 0) -> TimeInterval {
        (days * hoursPerDay * 3600) + hours * 3600 + minutes * 60
    }
}

/// Working time between many pairs of instants in one span, fast: the office intervals of
/// the span are laid out once with running totals, and each question is two binary
/// searches instead of a walk over the days.
public struct WorkingTimeIndex: Sendable {
    private let starts: [Date]
    private let ends: [Date]
    /// Working seconds before interval `i`.
    private let before: [TimeInterval]
    private let calendar: OfficeCalendar
    private let span: ClosedRange<Date>

    public init(calendar: OfficeCalendar, from: Date, to: Date) {
        self.calendar = calendar
        let lower = min(from, to), upper = max(from, to)
        span = lower...upper
        var starts: [Date] = [], ends: [Date] = [], before: [TimeInterval] = []
        var total: TimeInterval = 0
        var day = calendar.localDate(of: lower.addingTimeInterval(-86_400))
        let last = calendar.localDate(of: upper.addingTimeInterval(86_400))
        while day <= last {
            for interval in calendar.openIntervals(on: day) {
                starts.append(interval.start)
                ends.append(interval.end)
                before.append(total)
                total += interval.end.timeIntervalSince(interval.start)
            }
            let next = calendar.next(day)
            if next == day { break }
            day = next
        }
        self.starts = starts
        self.ends = ends
        self.before = before
    }

    /// Working seconds from the start of the span up to `instant`.
    private func cumulative(_ instant: Date) -> TimeInterval {
        // The last interval that starts at or before `instant`.
        var low = 0, high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= instant { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return 0 }
        let index = low - 1
        return before[index] + min(instant, ends[index]).timeIntervalSince(starts[index])
    }

    /// The same answer as `OfficeCalendar.workingSeconds`, for instants inside the span.
    public func workingSeconds(from start: Date, to end: Date) -> TimeInterval {
        guard end > start else { return 0 }
        guard span.contains(start), span.contains(end) else { return calendar.workingSeconds(from: start, to: end) }
        return cumulative(end) - cumulative(start)
    }
}

/// Open intervals by local day, shared by the copies of one calendar.
private final class KnownDays: Sendable {
    private let days = Mutex<[LocalDate: [(start: Date, end: Date)]]>([:])

    func intervals(of day: LocalDate) -> [(start: Date, end: Date)]? {
        days.withLock { $0[day] }
    }

    func remember(_ intervals: [(start: Date, end: Date)], of day: LocalDate) {
        days.withLock { days in
            if days.count >= 10_000 { days.removeAll(keepingCapacity: true) }  // some 27 years
            days[day] = intervals
        }
    }
}
