public import Foundation

/// One status set for every kind of ticket (DESIGN.md §1).
public enum TicketStatus: String, Sendable, Codable, CaseIterable {
    case new, accepted, rejected, open, stalled, resolved

    /// How people read it: `open` is shown as "in progress", `stalled` as "on hold".
    public var displayName: String {
        switch self {
        case .open: "in progress"
        case .stalled: "on hold"
        default: rawValue
        }
    }
}

public struct Ticket: Sendable, Equatable {
    public var number: Int
    public var subject: String
    public var requester: EmailAddress
    public var status: TicketStatus
    /// The configured mailbox the first mail came in by (`support`, `notifications`, …).
    public var mailbox: String
    public var createdAt: Date
    public var updatedAt: Date
    public var kind: TicketKind
    public var changeClass: ChangeClass?
    public var priority: Priority
    /// The support unit the ticket is assigned to.
    public var unit: String
    /// The classification rule that decided kind, priority and unit, if any.
    public var rule: String?
    /// Other people on the thread (Cc of the first mail), who get the correspondence too.
    public var participants: [String]
    /// What recurring incidents share (alert key or normalised subject), for problems.
    public var fingerprint: String?
    /// The problem this incident belongs to.
    public var parent: Int?
    /// The earlier ticket this one continues (a reply that came after the reopen window).
    public var follows: Int?
    /// The maintenance whose declared window this incident fell in.
    public var maintenance: Int?
    /// Maintenance tickets: the service and the declared window.
    public var service: String?
    public var windowStart: Date?
    public var windowEnd: Date?
    /// Changes: whether the team has commented an assessment, and the approver's decision.
    public var assessed: Bool
    public var approval: Approval?
    /// Emergency changes are reviewed after the fact.
    public var needsPostReview: Bool
    /// The post-implementation review of a resolved change.
    public var review: Review?
    /// Why the mail that opened it was automatic (an alert, a list's or a no-reply
    /// system's mail): its requester is a system, told nothing automatically.
    public var automatic: AutomaticReason?
    /// Release tickets: the release's own record.
    public var release: Release?
    /// Changes: the release they ship in, their risk and rollback steps.
    public var changePlan: ChangePlan?

    public enum Approval: String, Sendable, Codable { case approved, rejected }

    public struct Review: Sendable, Equatable {
        public var requestedAt: Date
        public var closesAt: Date
        public var answers: [String]
        public var outcome: Outcome?

        public enum Outcome: String, Sendable, Codable { case answered, unanswered }

        public init(requestedAt: Date, closesAt: Date, answers: [String] = [], outcome: Outcome? = nil) {
            self.requestedAt = requestedAt
            self.closesAt = closesAt
            self.answers = answers
            self.outcome = outcome
        }
    }

    public init(
        number: Int, subject: String, requester: EmailAddress, status: TicketStatus, mailbox: String,
        createdAt: Date, updatedAt: Date, kind: TicketKind = .request, changeClass: ChangeClass? = nil,
        priority: Priority = .low, unit: String = "Operations", rule: String? = nil, participants: [String] = [],
        fingerprint: String? = nil, parent: Int? = nil, follows: Int? = nil, maintenance: Int? = nil, service: String? = nil, windowStart: Date? = nil,
        windowEnd: Date? = nil, assessed: Bool = false, approval: Approval? = nil, needsPostReview: Bool = false,
        review: Review? = nil, automatic: AutomaticReason? = nil, release: Release? = nil, changePlan: ChangePlan? = nil
    ) {
        self.number = number
        self.subject = subject
        self.requester = requester
        self.status = status
        self.mailbox = mailbox
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.kind = kind
        self.changeClass = changeClass
        self.priority = priority
        self.unit = unit
        self.rule = rule
        self.participants = participants
        self.fingerprint = fingerprint
        self.parent = parent
        self.follows = follows
        self.maintenance = maintenance
        self.service = service
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.assessed = assessed
        self.approval = approval
        self.needsPostReview = needsPostReview
        self.review = review
        self.automatic = automatic
        self.release = release
        self.changePlan = changePlan
    }

    /// Open in the GGUS sense: not yet resolved or rejected.
    public var isActive: Bool { status != .resolved && status != .rejected }
}

/// A recorded change of a ticket: who did what, when and why.
public struct TicketEvent: Sendable, Equatable {
    public enum Field: String, Sendable, Codable {
        case created, status, priority, unit, kind, comment, approval, assessment, review, link, refused, sla, suppressed, bounce, undeliverable, release
    }

    public var ticket: Int
    public var at: Date
    /// The address that caused it, or "ticketd" for automatic steps.
    public var actor: String
    public var field: Field
    public var oldValue: String?
    public var newValue: String?
    public var reason: String?

    public init(ticket: Int, at: Date, actor: String, field: Field, oldValue: String? = nil, newValue: String? = nil, reason: String? = nil) {
        self.ticket = ticket
        self.at = at
        self.actor = actor
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
        self.reason = reason
    }
}

/// Why a mail is automatic and must never be answered (RFC 3834 and common practice).
public enum AutomaticReason: String, Sendable, Codable, CaseIterable {
    case loop
    case deliveryStatus = "delivery-status"
    /// `Auto-Submitted: auto-replied`, `X-Autoreply`, `X-Autorespond`: an answer to a mail.
    case autoReplied = "auto-replied"
    /// `Auto-Submitted` with another value than `no` or `auto-replied` (alerts, reports).
    case autoSubmitted = "auto-submitted"
    case nullReturnPath = "null-return-path"
    case mailerDaemon = "mailer-daemon"
    case precedence
    case list
    case noReplySender = "no-reply-sender"
    /// A monitoring alert (Nagios or ARGO format), whatever its headers say.
    case monitoringAlert = "monitoring-alert"

    /// Whether such mail, outside any thread, starts a conversation the desk must see (an
    /// alert, a list's or a no-reply system's message) rather than answer one or bounce
    /// (an auto-reply, a delivery report, a null return path, our own mail looped back).
    public var startsConversation: Bool {
        switch self {
        case .autoSubmitted, .precedence, .list, .noReplySender, .monitoringAlert: true
        case .loop, .deliveryStatus, .autoReplied, .nullReturnPath, .mailerDaemon: false
        }
    }
}
