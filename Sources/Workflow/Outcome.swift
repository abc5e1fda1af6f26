public import Classification
public import Threading
public import TicketCore

/// How one incoming message ended (STYLE.md habit 14).
public enum ProcessingOutcome: Sendable, Equatable {
    /// A new ticket was opened.
    case created(ticket: Int)
    /// The message was added to an existing ticket.
    case correspondence(ticket: Int, match: ThreadMatch)
    /// Automatic mail: recorded (on its ticket when it threads), never answered.
    case screened(AutomaticReason, ticket: Int?)
    /// Already stored (same Message-ID, or same bytes when it has none): nothing changed.
    case duplicate
    /// A mail to the reports mailbox: answered with a report, or refused.
    case reportRequest(answered: Bool)
    /// Could not be processed: kept in the failures table and the quarantine folder.
    case quarantined(reason: String)

    public var ticketNumber: Int? {
        switch self {
        case .created(let number), .correspondence(let number, _): number
        case .screened(_, let number): number
        case .duplicate, .reportRequest, .quarantined: nil
        }
    }

    public var isQuarantined: Bool {
        if case .quarantined = self { true } else { false }
    }
}

/// What a message says of itself, whatever the database holds: its classification in the
/// mailbox it came to, and an incident's fingerprint. Computed where the mail is parsed,
/// off the database thread.
public struct MessageFacts: Sendable, Equatable {
    public var classification: Classification
    public var fingerprint: String?

    public init(_ message: Message, mailbox: String, classifier: Classifier) {
        classification = classifier.classify(message, mailbox: mailbox)
        fingerprint = classification.kind == .incident ? IncidentFingerprint.of(message) : nil
    }

    public init(classification: Classification, fingerprint: String?) {
        self.classification = classification
        self.fingerprint = fingerprint
    }
}
