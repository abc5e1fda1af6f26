import Classification
public import DeskConfiguration
import Foundation
import Intake
import MailParsing
import Screening
public import Storage
import Threading
public import TicketCore
import Workflow

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

    /// Reads and parses one file. Throws ``InputError`` when it cannot be read. With a
    /// config, adds the `classification` key (and the ticket it would join, from `store`).
    public static func inspect(
        file: String, config: TicketdConfig? = nil, mailbox: String? = nil, store: (any DeskQueries)? = nil
    ) throws -> JSONValue {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw InputError(file: file, reason: FileManager.default.fileExists(atPath: file) ? "cannot be read" : "no such file")
        }
        let message = MessageParser.parseOnLargeStack([UInt8](data))
        let parsed = json(file: file, message: message)
        guard let config, case .object(var members) = parsed else { return parsed }
        members.append(("classification", try classification(of: message, config: config, mailbox: mailbox, store: store)))
        return .object(members)
    }

    static func classification(of message: Message, config: TicketdConfig, mailbox: String?, store: (any DeskQueries)?) throws -> JSONValue {
        let classifier = config.workflow.classifier(roles: config.mailboxRoles)
        let mailbox = mailbox ?? classifier.mailbox(for: message, addresses: config.mailboxAddresses) ?? "support"
        let result = classifier.classify(message, mailbox: mailbox)
        var thread: Int?
        if let store {
            let resolver = ThreadResolver(tagPrefix: config.service.tagPrefix)
            thread = try resolver.resolve(message, lookup: QueriesThreadLookup(store: store)).ticketNumber
        }
        return .object([
            ("mailbox", .string(result.mailbox)),
            ("kind", .string(result.kind.rawValue)),
            ("change_class", .optional(result.changeClass?.rawValue)),
            ("priority", .int(result.priority.rawValue)),
            ("priority_name", .string(result.priority.name)),
            ("unit", .string(result.unit)),
            ("rule", .optional(result.rule)),
            ("matched", evidenceJSON(result.evidence)),
            ("timed_out_rules", .array(result.timedOutRules.map(JSONValue.string))),
            ("thread", thread.map(JSONValue.int) ?? .null),
        ])
    }

    /// Why a rule matched: each condition, its pattern and the text it matched.
    static func evidenceJSON(_ evidence: [Classification.Evidence]) -> JSONValue {
        .array(evidence.map { item in
            .object([("field", .string(item.field)), ("pattern", .string(item.pattern)), ("text", .string(item.matched))])
        })
    }
}

/// The threading stage's view of a store outside a transaction (`inspect` only reads).
struct QueriesThreadLookup: ThreadLookup {
    let store: any DeskQueries

    func ticketExists(_ number: Int) throws -> Bool { try store.ticket(number) != nil }
    func ticketNumber(forMessageIDs ids: [String]) throws -> Int? { try store.ticketNumber(forMessageIDs: ids) }
}
