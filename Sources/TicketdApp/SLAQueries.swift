import Foundation
import TicketCore
import WorkingTime

/// `ticketd sla due`: when a response clock started at `start` warns and falls due.
public struct DueAnswer: Sendable, Equatable {
    public var start: Date
    public var warnAt: Date
    public var due: Date
    public var targetWorkingMinutes: Int
    public var timeZone: TimeZone

    public static func compute(start: Date, priority: Priority, qos: QoSLevel, sla: SLAConfig) -> DueAnswer? {
        guard let target = sla.responseTarget(level: qos, priority: priority) else { return nil }
        let clock = SLAClock(kind: .response, unit: "", target: target, at: start, calendar: sla.calendar, warningFraction: sla.warningFraction)
        guard let due = clock.dueAt else { return nil }
        return DueAnswer(
            start: start, warnAt: clock.warnAt ?? due, due: due, targetWorkingMinutes: Int(target / 60),
            timeZone: sla.calendar.timeZone
        )
    }

    public var json: JSONValue {
        .object([
            ("start", .string(ISOTime.format(start, in: timeZone))),
            ("warn_at", .string(ISOTime.format(warnAt, in: timeZone))),
            ("due", .string(ISOTime.format(due, in: timeZone))),
            ("target_working_minutes", .int(targetWorkingMinutes)),
        ])
    }

    public var text: String {
        """
        start:   \(ISOTime.format(start, in: timeZone))
        warn at: \(ISOTime.format(warnAt, in: timeZone))
        due:     \(ISOTime.format(due, in: timeZone))
        target:  \(targetWorkingMinutes) working minutes

        """
    }
}

/// ISO 8601 instants with the offset of a time zone at that instant.
public enum ISOTime {
    public static func format(_ date: Date, in zone: TimeZone) -> String {
        MessageDate(instant: date, offsetSeconds: zone.secondsFromGMT(for: date)).iso8601
    }

    /// In UTC, as stored instants are shown.
    static func utc(_ date: Date) -> String {
        MessageDate(instant: date, offsetSeconds: 0).iso8601
    }

    /// `2026-11-27T16:00:00+01:00`, `…Z`, with or without seconds or fractions.
    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        // Without seconds: add them.
        if text.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d(Z|[+-]\d\d:\d\d)$"#, options: .regularExpression) != nil {
            let index = text.index(text.startIndex, offsetBy: 16)
            return parse(String(text[..<index]) + ":00" + String(text[index...]))
        }
        return nil
    }
}
