import Foundation

/// What a ticket is about (DESIGN.md §1, "Ticket kinds").
public enum TicketKind: String, Sendable, Codable, CaseIterable {
    case incident, request, change, problem, security, maintenance, release

    /// The kind's name with its article, for a sentence ("an incident").
    public var withArticle: String { (rawValue.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + rawValue }
}

/// How a change is handled: standard changes are pre-approved, emergency changes may go
/// ahead without approval and get a post-review, normal changes need an approval.
public enum ChangeClass: String, Sendable, Codable, CaseIterable {
    case standard, normal, emergency
}

/// EGI RT priorities 0–4, with their GGUS names.
public enum Priority: Int, Sendable, Codable, CaseIterable, Comparable {
    case none = 0, low, normal, high, immediate

    public var name: String {
        switch self {
        case .none: "none"
        case .low: "low"
        case .normal: "normal"
        case .high: "high"
        case .immediate: "immediate"
        }
    }

    /// The GGUS name, which keys the QoS response targets.
    public var ggusName: String {
        switch self {
        case .none, .low: "less urgent"
        case .normal: "urgent"
        case .high: "very urgent"
        case .immediate: "top priority"
        }
    }

    /// Reads a number (0–4), an EGI name or a GGUS name, case-insensitively.
    /// The GGUS "less urgent" reads as `low`.
    public init?(parsing text: String) {
        let value = text.trimmingScalars(in: .whitespaces).lowercased()
        if let number = Int(value), let priority = Priority(rawValue: number) {
            self = priority
            return
        }
        switch value {
        case "none": self = .none
        case "low", "less urgent", "less-urgent": self = .low
        case "normal", "medium", "urgent": self = .normal
        case "high", "very urgent", "very-urgent": self = .high
        case "immediate", "emergency", "top priority", "top-priority", "critical": self = .immediate
        default: return nil
        }
    }

    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rawValue < rhs.rawValue }

    /// DESIGN.md's default priority for a kind (and change class).
    public static func defaultFor(kind: TicketKind, changeClass: ChangeClass?) -> Priority {
        switch kind {
        case .request: .low
        case .incident, .problem, .maintenance, .release: .normal
        case .security: .high
        case .change: changeClass == .emergency ? .immediate : .normal
        }
    }
}

/// GGUS quality-of-support levels; Medium unless a unit says otherwise.
public enum QoSLevel: String, Sendable, Codable, CaseIterable {
    case base, medium, advanced
}

/// A team that works tickets: its members may send mail commands on its tickets.
public struct SupportUnit: Sendable, Equatable {
    public var name: String
    /// Member addresses, lower case.
    public var members: Set<String>
    public var qos: QoSLevel
    /// Mailboxes whose mail goes to this unit unless a rule says otherwise.
    public var mailboxes: [String]

    public init(name: String, members: Set<String>, qos: QoSLevel = .medium, mailboxes: [String] = []) {
        self.name = name
        self.members = Set(members.map { $0.lowercased() })
        self.qos = qos
        self.mailboxes = mailboxes
    }

    public func hasMember(_ address: String) -> Bool { members.contains(address.lowercased()) }
}

/// Where a mail landed and what the rules made of it.
public struct Classification: Sendable, Equatable {
    public var mailbox: String
    public var kind: TicketKind
    public var changeClass: ChangeClass?
    public var priority: Priority
    public var unit: String
    /// The rule that decided, or nil when the mailbox defaults did.
    public var rule: String?
    /// Rules whose patterns ran out of time on this mail and so did not match: the
    /// operator should see them (logged with the message).
    public var timedOutRules: [String] = []
    /// What the deciding rule (and the standard-change catalogue) matched, for `inspect`
    /// to explain the classification.
    public var evidence: [Evidence] = []

    /// One condition of a rule and the text it matched.
    public struct Evidence: Sendable, Equatable {
        /// `subject`, `body`, `text`, a header name, or `standard change`.
        public var field: String
        public var pattern: String
        public var matched: String

        public init(field: String, pattern: String, matched: String) {
            self.field = field
            self.pattern = pattern
            self.matched = matched
        }
    }

    public init(mailbox: String, kind: TicketKind, changeClass: ChangeClass?, priority: Priority, unit: String, rule: String?) {
        self.mailbox = mailbox
        self.kind = kind
        self.changeClass = changeClass
        self.priority = priority
        self.unit = unit
        self.rule = rule
    }
}
