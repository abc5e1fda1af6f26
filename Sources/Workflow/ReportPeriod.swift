public import Foundation
import TicketCore

/// Days and instants as people write them for reports, in the office time zone.
public enum ReportPeriod {
    /// `2026-10-01` is the start of that day; an ISO 8601 instant is itself.
    public static func start(_ text: String, zone: TimeZone) -> Date? {
        if let instant = ISOTime.parse(text) { return instant }
        return day(text, zone: zone)
    }

    /// `2026-10-31` includes that day (the range ends at the next midnight).
    public static func end(_ text: String, zone: TimeZone) -> Date? {
        if let instant = ISOTime.parse(text) { return instant }
        guard let day = day(text, zone: zone) else { return nil }
        return calendar(zone).date(byAdding: .day, value: 1, to: day)
    }

    static func day(_ text: String, zone: TimeZone) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return calendar(zone).date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        calendar.firstWeekday = 2  // weeks start on Monday (ISO 8601)
        return calendar
    }

    /// Reads a manager's request: "SLA report last month", "breaches 2026-10-01 to
    /// 2026-10-31 unit Operations", "this week priority high". Returns the range and filters.
    public static func request(_ text: String, now: Date, zone: TimeZone) -> (from: Date?, to: Date?, unit: String?, priority: String?) {
        let lower = text.lowercased()
        let calendar = calendar(zone)
        var from: Date?
        var to: Date?
        let dates = matches(datePattern, in: text)
        if dates.count >= 2 {
            from = start(dates[0], zone: zone)
            to = end(dates[1], zone: zone)
        } else if dates.count == 1 {
            from = start(dates[0], zone: zone)
        } else if lower.contains("last month") || lower.contains("previous month") {
            let thisMonth = calendar.date(from: calendar.dateComponents([.year, .month], from: now))
            from = thisMonth.flatMap { calendar.date(byAdding: .month, value: -1, to: $0) }
            to = thisMonth
        } else if lower.contains("this month") {
            from = calendar.date(from: calendar.dateComponents([.year, .month], from: now))
        } else if lower.contains("last week") || lower.contains("previous week") {
            let thisWeek = calendar.dateInterval(of: .weekOfYear, for: now)?.start
            from = thisWeek.flatMap { calendar.date(byAdding: .day, value: -7, to: $0) }
            to = thisWeek
        } else if lower.contains("this week") {
            from = calendar.dateInterval(of: .weekOfYear, for: now)?.start
        } else if lower.contains("today") {
            from = calendar.startOfDay(for: now)
        }
        let unit = matches(unitPattern, in: text, group: 1).first
        let priority = matches(priorityPattern, in: text, group: 1).first
        return (from, to, unit, priority)
    }

    private static let datePattern = regex(#"\d{4}-\d{2}-\d{2}"#)
    private static let unitPattern = regex(#"(?i)\bunit\s+([A-Za-z0-9_.-]+)"#)
    private static let priorityPattern = regex(#"(?i)\bpriority\s+([A-Za-z0-9]+(?:\s+(?:urgent|priority))?)"#)

    private static func regex(_ pattern: String) -> NSRegularExpression {
        // Constant patterns: a failure is a programming error that any test catches.
        try! NSRegularExpression(pattern: pattern)
    }

    private static func matches(_ regex: NSRegularExpression, in text: String, group: Int = 0) -> [String] {
        regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: group), in: text).map { String(text[$0]) }
        }
    }
}
