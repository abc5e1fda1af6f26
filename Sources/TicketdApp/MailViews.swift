import Classification
public import DeskConfiguration
public import Foundation
public import Storage
import TicketCore

/// `ticketd mail list`: the mail taken in, and with `--screened` the automatic mail that
/// opened no ticket, each with its reason, so that nothing the desk was sent is out of
/// sight.
public enum MailViews {
    /// Mail of the security mailboxes shows only when one of them is asked for by name.
    public static func list(
        in store: any DeskQueries, config: TicketdConfig, since: Date?, screened: Bool, mailbox: String?, json: Bool
    ) throws -> String {
        let hidden = Set(config.mailboxes.filter { $0.role == .security && $0.name != mailbox }.map(\.name))
        let messages = try store.incomingMessages(since: since, screenedOnly: screened).filter { message in
            let name = message.mailbox ?? ""
            return mailbox.map { name == $0 } ?? !hidden.contains(name)
        }
        return json ? listJSON(messages).serialized(pretty: true) + "\n" : listText(messages, screened: screened)
    }

    /// What became of a mail: the ticket it opened or joined, or why it was kept only.
    static func fate(_ message: StoredMessage) -> String {
        let ticket = message.ticketNumber.map { "#\($0)" }
        guard let automatic = message.automatic else { return (message.threadMatch == "new" ? "opened " : "on ") + (ticket ?? "no ticket") }
        if message.isScreened { return "screened: \(automatic)" + (ticket.map { ", filed on \($0)" } ?? "") }
        return "opened \(ticket ?? "no ticket") (automatic: \(automatic), unanswered)"
    }

    static func listText(_ messages: [StoredMessage], screened: Bool) -> String {
        guard !messages.isEmpty else { return screened ? "No screened mail.\n" : "No mail.\n" }
        return messages.map { message in
            let from = message.from.map { TerminalText.line($0.address) } ?? "(no sender)"
            return "\(ISOTime.utc(message.recordedAt))  \(message.mailbox ?? "-")  \(from)  [\(fate(message))]\n"
                + "    \(TerminalText.line(message.subject ?? "(no subject)"))\n"
        }.joined()
    }

    static func listJSON(_ messages: [StoredMessage]) -> JSONValue {
        .array(messages.map { message in
            .object([
                ("id", .int(Int(message.id))), ("recorded_at", .string(ISOTime.utc(message.recordedAt))),
                ("mailbox", .optional(message.mailbox)), ("uid", message.uid.map { JSONValue.int(Int($0)) } ?? .null),
                ("message_id", .optional(message.messageID)), ("from", .optional(message.from?.address)),
                ("subject", .optional(message.subject)), ("automatic", .optional(message.automatic)),
                ("screened", .bool(message.isScreened)), ("ticket", message.ticketNumber.map { JSONValue.int($0) } ?? .null),
                ("thread_match", .optional(message.threadMatch)),
            ])
        })
    }
}
