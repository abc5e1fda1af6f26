import Screening
import Store
import Threading
import TicketCore

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

/// The header fields every automatic mail of ours carries (RFC 3834, Microsoft's
/// suppression header, and our loop marker).
enum OutgoingHeaders {
    static func automatic(instance: String) -> [HeaderField] {
        [
            HeaderField(name: "Auto-Submitted", value: "auto-replied"),
            HeaderField(name: "X-Auto-Response-Suppress", value: "All"),
            HeaderField(name: "Precedence", value: "bulk"),
            HeaderField(name: Screener.loopHeaderName, value: instance),
        ]
    }
}

/// The threading stage's view of the store, inside the current transaction.
struct StoreThreadLookup: ThreadLookup {
    let transaction: StoreTransaction

    func ticketExists(_ number: Int) throws -> Bool { try transaction.ticketExists(number) }
    func ticketNumber(forMessageIDs ids: [String]) throws -> Int? { try transaction.ticketNumber(forMessageIDs: ids) }
}
