import Foundation
import Logging
import MailParsing
import Screening
import Store
import Templates
import Threading
import TicketCore

/// How one incoming message ended (STYLE.md habit 14).
public enum ProcessingOutcome: Sendable, Equatable {
    /// A new ticket was opened (and acknowledged when a reply address exists).
    case created(ticket: Int)
    /// The message was added to an existing ticket.
    case correspondence(ticket: Int, match: ThreadMatch)
    /// Automatic mail: recorded (on its ticket when it threads), never answered.
    case screened(AutomaticReason, ticket: Int?)
    /// Already stored (same Message-ID, or same bytes when it has none): nothing changed.
    case duplicate

    public var ticketNumber: Int? {
        switch self {
        case .created(let number), .correspondence(let number, _): number
        case .screened(_, let number): number
        case .duplicate: nil
        }
    }
}

/// The view model the `acknowledgement` template renders.
struct AcknowledgementView {
    var service_name: String
    var ticket_number: Int
    var tag: String
    var subject: String
    var requester_name: String
    var requester_address: String
    var created_at: String
}

/// The apply stage for one message inside one store transaction: dedupe, screen, thread,
/// open or update the ticket, and queue the reply. Pure apart from the transaction it is given.
struct MessageProcessor: Sendable {
    let service: TicketdConfig.Service
    let templates: TemplateSet
    let screener = Screener()

    private var resolver: ThreadResolver { ThreadResolver(tagPrefix: service.tagPrefix) }

    /// The key a message is stored under: its Message-ID, else the hash of its bytes.
    static func storageKey(_ message: Message, contentHash: String) -> String {
        message.messageID ?? "sha256:" + contentHash
    }

    func process(
        _ message: Message, origin: MessageOrigin, in transaction: StoreTransaction, now: Date
    ) throws -> ProcessingOutcome {
        let contentHash = TicketCore.SHA256.hex(message.raw)
        let key = Self.storageKey(message, contentHash: contentHash)
        if try transaction.hasMessage(key: key) { return .duplicate }

        let match = try resolver.resolve(message, lookup: StoreThreadLookup(transaction: transaction))
        let automatic = screener.automaticReason(message) ?? (isFromOurselves(message) ? .loop : nil)

        if let automatic {
            try transaction.recordIncoming(
                message, key: key, contentHash: contentHash, origin: origin, ticketNumber: match.ticketNumber,
                automatic: automatic, threadMatch: describe(match), at: now
            )
            if let number = match.ticketNumber { try transaction.touchTicket(number, at: now) }
            return .screened(automatic, ticket: match.ticketNumber)
        }

        if let number = match.ticketNumber {
            try transaction.recordIncoming(
                message, key: key, contentHash: contentHash, origin: origin, ticketNumber: number,
                automatic: nil, threadMatch: describe(match), at: now
            )
            try transaction.touchTicket(number, at: now)
            return .correspondence(ticket: number, match: match)
        }

        let requester = message.replyAddress ?? EmailAddress(name: nil, address: "unknown@invalid")
        let subject = cleanSubject(message.subject)
        let ticket = try transaction.createTicket(subject: subject, requester: requester, mailbox: origin.mailbox, at: now)
        try transaction.recordIncoming(
            message, key: key, contentHash: contentHash, origin: origin, ticketNumber: ticket.number,
            automatic: nil, threadMatch: describe(match), at: now
        )
        if let recipient = message.replyAddress {
            try queueAcknowledgement(for: ticket, replyingTo: message, recipient: recipient, in: transaction, now: now)
        }
        return .created(ticket: ticket.number)
    }

    private func queueAcknowledgement(
        for ticket: Ticket, replyingTo message: Message, recipient: EmailAddress, in transaction: StoreTransaction, now: Date
    ) throws {
        let tag = SubjectTag.format(prefix: service.tagPrefix, number: ticket.number)
        let view = AcknowledgementView(
            service_name: service.name, ticket_number: ticket.number, tag: tag, subject: ticket.subject,
            requester_name: recipient.name ?? recipient.address, requester_address: recipient.address,
            created_at: MessageDate(instant: now, offsetSeconds: 0).iso8601
        )
        let rendered = try templates.render("acknowledgement", view)
        let messageID = Self.newMessageID(ticket: ticket.number, domain: domain(of: service.address.address))
        let references = message.messageID.map { message.references + [$0] } ?? message.references
        let mail = OutgoingMail(
            from: EmailAddress(name: service.address.name, address: service.address.address),
            to: [recipient],
            subject: rendered.subject,
            body: rendered.body,
            messageID: messageID,
            inReplyTo: message.messageID,
            references: references,
            date: now,
            extraHeaders: OutgoingHeaders.automatic(instance: service.instance)
        )
        try transaction.enqueueOutgoing(
            raw: MailComposer.compose(mail), messageID: messageID, subject: rendered.subject,
            from: mail.from, recipients: [recipient.address], ticketNumber: ticket.number, at: now
        )
    }

    static func newMessageID(ticket: Int, domain: String) -> String {
        "ticketd.\(ticket).\(UUID().uuidString.lowercased())@\(domain)"
    }

    private func domain(of address: String) -> String {
        address.split(separator: "@").last.map(String.init) ?? "localhost"
    }

    private func isFromOurselves(_ message: Message) -> Bool {
        message.from?.normalized == service.address.address.lowercased()
    }

    private func cleanSubject(_ subject: String?) -> String {
        let trimmed = (subject ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? "(no subject)" : trimmed
    }

    private func describe(_ match: ThreadMatch) -> String {
        switch match {
        case .subjectTag: "subject-tag"
        case .reference: "references"
        case .newTicket: "new"
        }
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
