public import Foundation
public import TicketCore
public import Workflow
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
