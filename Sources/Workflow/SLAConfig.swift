public import Foundation
public import TicketCore
public import WorkingTime

/// Office hours, targets and who hears of breaches (DESIGN.md §1, "SLA clocks").
public struct SLAConfig: Sendable {
    public var calendar = OfficeCalendar.standard(timeZone: TimeZone(identifier: "UTC")!)
    public var targets = SLATargets.standard
    /// Who gets every breach notice besides the unit.
    public var managers: [String] = []
    public var warningFraction = 0.75
    /// A notice sent this long after it fell due says that it is late.
    public var lateAfter: TimeInterval = 600

    public init() {}

    /// The response target of a unit's QoS level for a priority, in working seconds.
    public func responseTarget(level: QoSLevel, priority: Priority) -> TimeInterval? {
        targets.response(level: level.rawValue, priority: priority.ggusName)?.seconds(in: calendar)
    }

    public func resolutionTarget(kind: TicketKind, priority: Priority) -> TimeInterval? {
        targets.resolution(kind: kind.rawValue, priority: priority.ggusName)?.seconds(in: calendar)
    }
}
