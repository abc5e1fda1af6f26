public import Foundation

/// When the operations board meets, as `[releases] board_meetings` says: a monthly rule
/// ("first Tuesday of the month", "last Friday") and any extra days ("2027-01-12").
/// Planned releases are presented at the last meeting before their day; emergency
/// releases at the first one after it.
public struct BoardMeetings: Sendable, Equatable {
    /// The week of the month: 1 to 4, or -1 for the last.
    public var ordinal: Int?
    /// 1 = Sunday … 7 = Saturday, as Foundation counts.
    public var weekday: Int?
    public var extraDays: Set<LocalDate>

    public init(ordinal: Int? = nil, weekday: Int? = nil, extraDays: Set<LocalDate> = []) {
        self.ordinal = ordinal
        self.weekday = weekday
        self.extraDays = extraDays
    }

    /// No meetings: no release is held to one.
    public static let none = BoardMeetings()

    public var isEmpty: Bool { (ordinal == nil || weekday == nil) && extraDays.isEmpty }

    static let ordinals: [String: Int] = [
        "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1,
    ]
    static let weekdays: [String: Int] = [
        "sunday": 1, "monday": 2, "tuesday": 3, "wednesday": 4, "thursday": 5, "friday": 6, "saturday": 7,
    ]

    /// Reads "first Tuesday of the month" (also "2nd wednesday", "last Friday of each
    /// month"); nil for anything else.
    public init?(rule text: String) {
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard words.count >= 2, let ordinal = Self.ordinals[words[0]], let weekday = Self.weekdays[words[1]] else { return nil }
        let rest = words.dropFirst(2)
        guard rest.isEmpty || ["of the month", "of each month", "of every month", "each month", "every month", "monthly"].contains(rest.joined(separator: " ")) else {
            return nil
        }
        self.init(ordinal: ordinal, weekday: weekday)
    }

    /// The rule's meeting in `month` of `year`, if there is a rule.
    func ruleDay(year: Int, month: Int) -> LocalDate? {
        guard let ordinal, let weekday else { return nil }
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "UTC")!
        guard let first = gregorian.date(from: DateComponents(year: year, month: month, day: 1)),
              let days = gregorian.range(of: .day, in: .month, for: first)?.count else { return nil }
        let firstWeekday = gregorian.component(.weekday, from: first)
        let firstMatch = 1 + (weekday - firstWeekday + 7) % 7
        let day = ordinal > 0 ? firstMatch + 7 * (ordinal - 1) : firstMatch + 7 * ((days - firstMatch) / 7)
        return day <= days ? LocalDate(year: year, month: month, day: day) : nil
    }

    /// The meetings of `day`'s month and the months around it, in order.
    func days(around day: LocalDate, months: Int) -> [LocalDate] {
        var found = extraDays
        for offset in -months...months {
            let index = day.year * 12 + (day.month - 1) + offset
            if let meeting = ruleDay(year: index / 12, month: index % 12 + 1) { found.insert(meeting) }
        }
        return found.sorted()
    }

    /// The last meeting before `day` (not on it), within a year.
    public func last(before day: LocalDate) -> LocalDate? {
        days(around: day, months: 13).last { $0 < day }
    }

    /// The first meeting after `day` (not on it), within a year.
    public func first(after day: LocalDate) -> LocalDate? {
        days(around: day, months: 13).first { $0 > day }
    }
}

extension LocalDate {
    /// The day `days` later (earlier when negative).
    public func adding(days: Int) -> LocalDate {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "UTC")!
        let start = gregorian.date(from: DateComponents(year: year, month: month, day: day))!
        let moved = gregorian.dateComponents([.year, .month, .day], from: gregorian.date(byAdding: .day, value: days, to: start)!)
        return LocalDate(year: moved.year!, month: moved.month!, day: moved.day!)
    }
}
