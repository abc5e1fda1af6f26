public import Access
public import Apply
public import DeskConfiguration
public import Foundation
import MailParsing
import Etpan
public import Storage
public import TicketCore
public import Web
import Templates
import Workflow

/// A web user's action as the reply they would have mailed: a message from their address,
/// threaded on the ticket, whose text is the action's command line or their words. It is
/// stored on the ticket like mail, so the thread shows who did what from where.
public enum WebActions {
    /// The form's action id when it is a plain token, else a new one: it makes the
    /// Message-ID, so that a form sent twice acts once.
    static func actionID(_ given: String?) -> String {
        if let given, (16...64).contains(given.count), given.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            return given
        }
        return WebSecrets.randomToken()
    }

    /// Header text on one line, without controls.
    static func headerText(_ text: String) -> String {
        text.onOneLine
    }

    public static func message(
        _ action: WebAction, by viewer: Viewer, on ticket: Ticket, actionID: String?, config: TicketdConfig, now: Date
    ) -> Message {
        // The id is the user's, for this ticket: one user's id cannot use up another's.
        let key = ContentHash.sha256Hex(Array("\(viewer.address)\n\(ticket.number)\n\(Self.actionID(actionID))".utf8))
        let id = "web-\(key.prefix(40))@\(headerText(config.service.instance)).ticketd-web"
        let mail = OutgoingMail(
            from: EmailAddress(address: viewer.address), to: [EmailAddress(address: config.service.address.address)],
            subject: "Re: [\(headerText(config.service.tagPrefix)) #\(ticket.number)] \(headerText(ticket.subject))", body: action.mailText,
            messageID: id, inReplyTo: nil, references: [], date: now,
            extraHeaders: [HeaderField(name: "X-Ticketd-Web-User", value: headerText(viewer.name))]
        )
        return MessageParser.parse(MailComposer.compose(mail))
    }

    /// Carries out the action in one write transaction; nil when there is no such ticket.
    public static func act(
        _ action: WebAction, by viewer: Viewer, on number: Int, actionID: String?, runner: WorkflowRunner, store: any DeskStore,
        config: TicketdConfig, now: Date
    ) async throws -> WebActionOutcome? {
        try await store.writeTransaction { tx in
            guard let ticket = try tx.ticket(number) else { return nil }
            let message = Self.message(action, by: viewer, on: ticket, actionID: actionID, config: config, now: now)
            let literal = if case .reply = action { true } else { false }
            guard let result = try runner.processWebAction(
                message, ticket: number, literal: literal, origin: MessageOrigin(mailbox: "web", uidValidity: nil, uid: nil), in: tx, now: now
            ) else { return nil }
            return WebActionOutcome(refusals: result.refusals, wasDuplicate: result.outcome == .duplicate)
        }
    }
}
