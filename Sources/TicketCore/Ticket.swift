import Foundation

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

    public init(
        number: Int, subject: String, requester: EmailAddress, status: TicketStatus, mailbox: String,
        createdAt: Date, updatedAt: Date
    ) {
        self.number = number
        self.subject = subject
        self.requester = requester
        self.status = status
        self.mailbox = mailbox
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Why a mail is automatic and must never be answered (RFC 3834 and common practice).
public enum AutomaticReason: String, Sendable, Codable, CaseIterable {
    case loop
    case deliveryStatus = "delivery-status"
    case autoSubmitted = "auto-submitted"
    case nullReturnPath = "null-return-path"
    case mailerDaemon = "mailer-daemon"
    case precedence
    case list
}
