import Foundation
import MailParsing
import Screening
public import TicketCore

/// `ticketd inspect`: what the parser and screener make of a mail, without storing it.
public enum Inspector {
    /// The JSON object for one parsed file, with the keys `ticketd inspect --json` prints.
    public static func json(file: String, message: Message) -> JSONValue {
        func addressJSON(_ address: EmailAddress) -> JSONValue {
            .object([("name", .optional(address.name)), ("address", .string(address.address))])
        }
        return .object([
            ("file", .string(file)),
            ("message_id", .optional(message.messageID)),
            ("from", message.from.map(addressJSON) ?? .null),
            ("to", .array(message.to.map(addressJSON))),
            ("cc", .array(message.cc.map(addressJSON))),
            ("reply_to", .array(message.replyTo.map(addressJSON))),
            ("subject", .optional(message.subject)),
            ("date", .optional(message.date?.iso8601)),
            ("in_reply_to", .array(message.inReplyTo.map(JSONValue.string))),
            ("references", .array(message.references.map(JSONValue.string))),
            ("text", .optional(message.text)),
            ("html", .bool(message.hasHTML)),
            ("attachments", .array(message.attachments.map { attachment in
                .object([
                    ("filename", .optional(attachment.filename)),
                    ("content_type", .string(attachment.contentType)),
                    ("size", .int(attachment.size)),
                ])
            })),
            ("automatic", .optional(Screener().automaticReason(message)?.rawValue)),
        ])
    }

    /// Reads and parses one file. Throws ``InputError`` when it cannot be read.
    public static func inspect(file: String) throws -> JSONValue {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw InputError(file: file, reason: FileManager.default.fileExists(atPath: file) ? "cannot be read" : "no such file")
        }
        return json(file: file, message: MessageParser.parse([UInt8](data)))
    }
}

/// An input file that could not be read.
public struct InputError: Error, CustomStringConvertible {
    public var file: String
    public var reason: String
    public var description: String { "\(file): \(reason)" }
}
