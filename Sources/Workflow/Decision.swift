public import Foundation
public import TicketCore
public import WorkingTime

/// What the workflow decided for one message, command or clock tick: the effects to carry
/// out, in order, inside one store transaction (STYLE.md habit 19). The rules that make a
/// decision read the store but never write it; `DecisionApplier` (Apply) writes it.
public struct Decision: Sendable, Equatable {
    public var outcome: ProcessingOutcome
    public var effects: [Effect]

    public init(outcome: ProcessingOutcome, effects: [Effect] = []) {
        self.outcome = outcome
        self.effects = effects
    }
}

/// One thing a decision does to the store.
public enum Effect: Sendable, Equatable {
    /// A new ticket, with the number the reader gave out.
    case createTicket(Ticket)
    /// Every field of an existing (or just created) ticket.
    case saveTicket(Ticket)
    /// Only the ticket's `updatedAt` moves to now.
    case touchTicket(Int)
    /// The incoming message is stored, on a ticket or not.
    case fileMessage(MessageFiling)
    case event(TicketEvent)
    case clock(ClockAction)
    case mail(MailOrder)
    /// No automatic mail to `address` until `until` (a permanent delivery failure).
    case suppress(address: String, until: Date, reason: String)
}

/// How the incoming message is stored.
public struct MessageFiling: Sendable, Equatable {
    public var ticket: Int?
    public var automatic: AutomaticReason?
    /// How it found its ticket (`new`, `subject-tag`, `references`, `follows #N`, …).
    public var threadMatch: String

    public init(ticket: Int?, automatic: AutomaticReason?, threadMatch: String) {
        self.ticket = ticket
        self.automatic = automatic
        self.threadMatch = threadMatch
    }
}

/// What happens to a ticket's SLA clocks. Running clocks are read when the action is
/// carried out, so actions compose in order within one decision.
public enum ClockAction: Sendable, Equatable {
    case start(ticket: Int, priority: Priority, clock: SLAClock)
    /// Stops the running clocks of these kinds at `at`.
    case stop(ticket: Int, kinds: Set<SLAClock.Kind>, at: Date)
    /// Pauses (on hold) or resumes the running resolution clocks.
    case pauseResolution(ticket: Int, at: Date)
    case resumeResolution(ticket: Int, at: Date)
    /// A new priority: the running clocks get these targets (nil keeps a clock's own).
    case retarget(ticket: Int, priority: Priority, response: TimeInterval?, resolution: TimeInterval?)
    /// The scheduler sent a clock's notices: its bookkeeping as it now stands.
    case noticesSent(clockID: Int64, ticket: Int, priority: Priority, clock: SLAClock, warnedAt: Date?, breachedAt: Date?)
}

/// A mail to queue: what it says and to whom. Rendering, our own addresses, duplicates,
/// suppressions and the loop defence are the outbox's business when it is carried out.
public struct MailOrder: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        /// A template about a ticket, rendered from the ticket as it stood when the mail was
        /// decided. The first of `templates` that exists is used.
        case ticket(templates: [String], ticket: Ticket, details: MailDetails)
        /// The SLA report a manager asked for.
        case slaReport(requesterName: String, request: ReportRequest)
        /// A report request from someone who is not a manager.
        case reportRefused(requesterName: String)
        /// A report request in a manager's name that proved nothing: the manager is asked
        /// to confirm it by replying.
        case reportConfirmation(requesterName: String)
        /// A mail too large to take in.
        case oversizeRefused(requesterName: String, subject: String, sizeMB: String, limitMB: String)
        /// A mail refused before parsing, for a structure past the limits.
        case unreadableRefused(requesterName: String, subject: String, reason: String)
    }

    public var content: Content
    public var recipients: [String]
    /// Threaded on the incoming message (In-Reply-To and References).
    public var inReplyToMessage: Bool

    public init(_ content: Content, to recipients: [String], inReplyToMessage: Bool) {
        self.content = content
        self.recipients = recipients
        self.inReplyToMessage = inReplyToMessage
    }
}

/// What a ticket mail says beyond the ticket itself. Nil values are left out of the view.
public struct MailDetails: Sendable, Equatable {
    /// Replaces the ticket's subject (security tickets in notices).
    public var subject: String?
    public var oldStatus: String?
    public var reason: String?
    public var author: String?
    public var body: String?
    public var reasons: [String]?
    public var questions: [String]?
    public var reviewDays: Int?
    public var children: [Int]?
    public var clock: String?
    public var target: String?
    public var dueAt: String?
    public var startedAt: String?
    public var late: String?
    /// Release mails: the release and its scope as they stood.
    public var release: ReleaseDetails?

    public init() {}
}

/// What a release mail says of the release (the announcement, the one-slide summary, the
/// reminder and the review).
public struct ReleaseDetails: Sendable, Equatable {
    /// A change in its scope, as the changelog lists it.
    public struct Change: Sendable, Equatable {
        public var number: Int
        public var subject: String
        /// "change/normal"
        public var kind: String
        public var priority: String
        public var highRisk: Bool
        public var rollback: String?

        public init(number: Int, subject: String, kind: String, priority: String, highRisk: Bool, rollback: String?) {
            self.number = number
            self.subject = subject
            self.kind = kind
            self.priority = priority
            self.highRisk = highRisk
            self.rollback = rollback
        }
    }

    public var version: String
    /// YYYY-MM-DD
    public var plannedFor: String?
    public var emergency: Bool
    /// The operations-board meeting it is presented at (YYYY-MM-DD).
    public var presentAt: String?
    public var changes: [Change]
    public var texts: [Release.TextField: [String]]

    public init(
        version: String, plannedFor: String?, emergency: Bool, presentAt: String?, changes: [Change], texts: [Release.TextField: [String]]
    ) {
        self.version = version
        self.plannedFor = plannedFor
        self.emergency = emergency
        self.presentAt = presentAt
        self.changes = changes
        self.texts = texts
    }
}

/// A manager's request for an SLA report, as read from the mail.
public struct ReportRequest: Sendable, Equatable {
    public var from: Date?
    public var to: Date?
    public var unit: String?
    public var priority: Priority?

    public init(from: Date?, to: Date?, unit: String?, priority: Priority?) {
        self.from = from
        self.to = to
        self.unit = unit
        self.priority = priority
    }
}
