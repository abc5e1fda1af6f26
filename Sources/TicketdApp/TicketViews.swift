import Foundation
import MailParsing
import Store
import TicketCore

/// `ticketd tickets list|show` output, as text for people and JSON for scripts.
public enum TicketViews {
    public static func listJSON(_ tickets: [Ticket]) -> JSONValue {
        .array(tickets.map(ticketJSON))
    }

    public static func listText(_ tickets: [Ticket]) -> String {
        guard !tickets.isEmpty else { return "No tickets.\n" }
        var lines = [pad("#", 6) + pad("STATUS", 13) + pad("REQUESTER", 32) + "SUBJECT"]
        for ticket in tickets {
            lines.append(pad("\(ticket.number)", 6) + pad(ticket.status.displayName, 13) + pad(ticket.requester.address, 32) + ticket.subject)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func showJSON(_ ticket: Ticket, messages: [StoredMessage]) -> JSONValue {
        guard case .object(var members) = ticketJSON(ticket) else { return .null }
        members.append(("messages", .array(messages.map(messageJSON))))
        return .object(members)
    }

    public static func showText(_ ticket: Ticket, messages: [StoredMessage]) -> String {
        var text = """
        Ticket #\(ticket.number): \(ticket.subject)
        Status:    \(ticket.status.displayName)
        Requester: \(format(ticket.requester))
        Mailbox:   \(ticket.mailbox)
        Created:   \(iso(ticket.createdAt))
        Updated:   \(iso(ticket.updatedAt))

        """
        for message in messages {
            let parsed = MessageParser.parse(message.raw)
            let direction = message.direction == .incoming ? "received" : "sent"
            text += "\n--- \(direction) \(iso(message.recordedAt))"
            if let automatic = message.automatic { text += " (automatic: \(automatic), not answered)" }
            text += "\nFrom:    \(parsed.from.map(format) ?? "(none)")"
            text += "\nSubject: \(parsed.subject ?? "(none)")\n\n"
            text += (parsed.text ?? "(no text)").trimmingCharacters(in: .newlines) + "\n"
            if !parsed.attachments.isEmpty {
                text += "Attachments: " + parsed.attachments.map { "\($0.filename ?? "(unnamed)") (\($0.contentType), \($0.size) bytes)" }.joined(separator: ", ") + "\n"
            }
        }
        return text
    }

    static func ticketJSON(_ ticket: Ticket) -> JSONValue {
        .object([
            ("number", .int(ticket.number)),
            ("subject", .string(ticket.subject)),
            ("status", .string(ticket.status.rawValue)),
            ("requester", .object([("name", .optional(ticket.requester.name)), ("address", .string(ticket.requester.address))])),
            ("mailbox", .string(ticket.mailbox)),
            ("created_at", .string(iso(ticket.createdAt))),
            ("updated_at", .string(iso(ticket.updatedAt))),
        ])
    }

    static func messageJSON(_ message: StoredMessage) -> JSONValue {
        let parsed = MessageParser.parse(message.raw)
        return .object([
            ("direction", .string(message.direction.rawValue)),
            ("message_id", .optional(message.messageID)),
            ("mailbox", .optional(message.mailbox)),
            ("from", parsed.from.map { .object([("name", .optional($0.name)), ("address", .string($0.address))]) } ?? .null),
            ("subject", .optional(parsed.subject)),
            ("date", .optional(parsed.date?.iso8601)),
            ("recorded_at", .string(iso(message.recordedAt))),
            ("automatic", .optional(message.automatic)),
            ("thread_match", .optional(message.threadMatch)),
            ("text", .optional(parsed.text)),
            ("attachments", .array(parsed.attachments.map {
                .object([("filename", .optional($0.filename)), ("content_type", .string($0.contentType)), ("size", .int($0.size))])
            })),
        ])
    }

    private static func format(_ address: EmailAddress) -> String {
        address.name.map { "\($0) <\(address.address)>" } ?? address.address
    }

    private static func iso(_ date: Date) -> String {
        MessageDate(instant: date, offsetSeconds: 0).iso8601
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width - 1 ? String(text.prefix(width - 2)) + "… " : text + String(repeating: " ", count: width - text.count)
    }
}
