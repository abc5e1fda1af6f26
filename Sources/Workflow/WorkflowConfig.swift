public import Classification
public import Foundation
public import TicketCore

/// Everything the service desk workflow is driven by (DESIGN.md §1): support units,
/// classification rules, lifecycles, changes, problems, maintenance, security.
public struct WorkflowConfig: Sendable {
    public var units: [SupportUnit] = [
        SupportUnit(name: "Operations", members: [], qos: .medium, mailboxes: ["support", "notifications"]),
        SupportUnit(name: "Security", members: [], qos: .advanced, mailboxes: ["security"]),
    ]
    public var operationsUnit = "Operations"
    public var securityUnit = "Security"
    public var rules: [ClassificationRule] = []
    public var lifecycle = Lifecycle.standard
    public var standardChanges: [Pattern] = []
    /// Addresses that may `Approve` or `Reject:` normal changes (OMB, OTAG).
    public var approvers: Set<String> = []
    public var reopenWindow: TimeInterval = 14 * 86_400
    public var reviewPeriod: TimeInterval = 7 * 86_400
    public var problemThreshold = 3
    public var problemWindow: TimeInterval = 7 * 86_400
    public var resolveOnRecovery = true
    public var maintenanceMinimumNotice: TimeInterval = 24 * 3600
    public var maintenanceMaximumDuration: TimeInterval = 24 * 3600
    /// Automatic mail to one outside address: at most this many per 10 minutes and per day.
    public var automaticMailPerTenMinutes = 10
    public var automaticMailPerDay = 40
    /// After a permanent delivery failure, the address gets no automatic mail this long.
    public var bounceSuppression: TimeInterval = 60 * 86_400
    /// A ticket keeps at most this many participants (addresses copied on its mail).
    public var maxParticipants = 20
    /// Mailboxes whose automatic mail (alerts, lists, no-reply senders) opens no ticket and
    /// is only kept (`automatic_mail = "screen"`); elsewhere it opens one, unanswered.
    public var mailboxesScreeningAutomaticMail: Set<String> = []
    /// `[releases]`: notice, board meetings, where announcements go.
    public var releases = ReleasePolicy()

    public init() {}

    public func classifier(roles: [String: MailboxRole]) -> Classifier {
        Classifier(
            rules: rules, units: units, roles: roles, securityUnit: securityUnit, operationsUnit: operationsUnit,
            standardChanges: standardChanges
        )
    }

    public func unit(named name: String) -> SupportUnit? {
        units.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }

    public func isApprover(_ address: String) -> Bool { approvers.contains(address.lowercased()) }
}
