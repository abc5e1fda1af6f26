import Etpan
public import TicketCore
import Foundation

/// Parses raw mail bytes into a ``Message``. Total: any bytes give a Message, never a
/// crash or a hang; what cannot be read is left empty.
public enum MessageParser {
    public static func parse(_ raw: [UInt8]) -> Message {
        let raw = MboxEnvelope.stripped(raw)
        let tree = MIMEParser.parse(raw)
        let fields = HeaderFields.parse(tree.header)
        let topType = StructuredValue(fields.first(named: "Content-Type")?.value ?? [])
        let isReport = topType.value == "multipart/report"
            && topType.parameters["report-type"]?.lowercased() == "delivery-status"
        var walker = PartWalker()
        walker.readsReturnedHeaders = topType.value == "multipart/report"
        walker.walk(tree, inherited: nil, depth: 0)

        let textPart = walker.leaves.firstIndex { $0.contentType == "text/plain" && !$0.isAttachment }
        let htmlPart = walker.leaves.firstIndex { $0.contentType == "text/html" && !$0.isAttachment }
        var text: String?
        if let textPart {
            text = walker.leaves[textPart].text.map(TextLines.normalized)
        } else if let htmlPart, let html = walker.leaves[htmlPart].text {
            text = HTMLText.extract(TextLines.normalized(html))
        }

        var attachments: [Attachment] = []
        for entry in walker.attachmentOrder {
            switch entry {
            case .leaf(let index):
                guard index != textPart else { continue }
                let leaf = walker.leaves[index]
                attachments.append(Attachment(filename: leaf.filename, contentType: leaf.contentType, size: leaf.body.count))
            case .message(let attachment):
                attachments.append(attachment)
            }
        }

        var message = Message(
            raw: raw,
            headers: fields.map { HeaderField(name: $0.name, value: EncodedWords.decode($0.value)) },
            messageID: fields.first(named: "Message-ID").flatMap { messageIDs($0.value).first },
            from: fields.first(named: "From").flatMap { addresses($0.value).first },
            to: fields.all(named: "To").flatMap { addresses($0.value) },
            cc: fields.all(named: "Cc").flatMap { addresses($0.value) },
            replyTo: fields.all(named: "Reply-To").flatMap { addresses($0.value) },
            subject: fields.first(named: "Subject").map { EncodedWords.decode($0.value) },
            date: fields.first(named: "Date").flatMap { date($0.value) },
            inReplyTo: fields.first(named: "In-Reply-To").map { messageIDs($0.value) } ?? [],
            references: fields.first(named: "References").map { messageIDs($0.value) } ?? [],
            text: text,
            hasHTML: htmlPart != nil,
            attachments: attachments,
            parts: walker.leaves,
            isDeliveryStatusReport: isReport || walker.sawDeliveryStatus
        )
        if message.isDeliveryStatusReport { message.deliveryStatus = walker.deliveryStatus }
        return message
    }

    /// Message ids in angle brackets, in order; bare tokens with an `@` when there are none.
    /// Only ids of printable ASCII, at most `MessageIDSyntax.maximumLength` long, are kept: ids
    /// go back out in the In-Reply-To and References of replies, and into the database's
    /// indexes.
    static func messageIDs(_ value: [UInt8]) -> [String] {
        allMessageIDs(value).filter(MessageIDSyntax.isValid)
    }

    private static func allMessageIDs(_ value: [UInt8]) -> [String] {
        let text = String(decoding: value, as: UTF8.self)
        var ids: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: ">") else { break }
            let id = rest[afterOpen..<close].utf8.contains(where: HeaderFields.isSpace)
                ? String(rest[afterOpen..<close].filter { !$0.isWhitespace }) : String(rest[afterOpen..<close])
            if !id.isEmpty { ids.append(id) }
            rest = rest[rest.index(after: close)...]
        }
        if ids.isEmpty {
            ids = text.split(whereSeparator: { $0.isWhitespace || $0 == "," }).map(String.init).filter { $0.utf8.contains(UInt8(ascii: "@")) }
        }
        return ids
    }

    /// The addresses of an address field; anything that is not a valid addr-spec is left
    /// out (`AddrSpec`), and nothing inside an addr-spec is ever decoded.
    static func addresses(_ value: [UInt8]) -> [EmailAddress] {
        parsedAddresses(value).filter { AddrSpec.isValid($0.address) }.map { address in
            EmailAddress(name: address.name, address: AddrSpec.canonical(address.address))
        }
    }

    private static func parsedAddresses(_ value: [UInt8]) -> [EmailAddress] {
        if let parsed = HeaderSyntax.addressList(value) {
            return parsed.compactMap { mailbox in
                guard !mailbox.address.isEmpty else { return nil }
                let name = mailbox.displayName.map { unquoted(EncodedWords.decode($0)) }
                return EmailAddress(name: name?.isEmpty == false ? name : nil, address: mailbox.address)
            }
        }
        return looseAddresses(value)
    }

    /// Strips one pair of surrounding quotes, which libetpan keeps around some phrases
    /// (an encoded-word inside quotes, which real mailers write although RFC 2047 forbids it).
    private static func unquoted(_ name: String) -> String {
        var name = name
        if name.utf8.first == 0x20 || name.utf8.last == 0x20 || name.utf8.first == 0x09 || name.utf8.last == 0x09 {
            name = name.trimmingScalars(in: .whitespaces)
        }
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            // Each `\"` as `"`, scalar by scalar (not through NSString).
            let quoted = Array(name.unicodeScalars.dropFirst().dropLast())
            var unquoted = String.UnicodeScalarView()
            var index = 0
            while index < quoted.count {
                if quoted[index] == "\\", index + 1 < quoted.count, quoted[index + 1] == "\"" { index += 1 }
                unquoted.append(quoted[index])
                index += 1
            }
            name = String(unquoted)
        }
        return name
    }

    /// For address fields libetpan rejects: each comma-separated item's `<addr>`, or a bare
    /// word with an `@`.
    private static func looseAddresses(_ value: [UInt8]) -> [EmailAddress] {
        // Split and take the addr-spec from the raw text: only display names are decoded.
        let text = String(decoding: value, as: UTF8.self)
        return text.split(separator: ",").compactMap { item in
            if let open = item.lastIndex(of: "<"), let close = item[open...].firstIndex(of: ">") {
                let address = item[item.index(after: open)..<close].trimmingScalars(in: .whitespaces)
                guard address.utf8.contains(UInt8(ascii: "@")) else { return nil }
                let name = EncodedWords.decode(Array(item[..<open].utf8)).trimmingScalars(in: CharacterSet(charactersIn: " \t\""))
                return EmailAddress(name: name.isEmpty ? nil : name, address: address)
            }
            let word = item.split(separator: " ").first { $0.utf8.contains(UInt8(ascii: "@")) }
            return word.map { EmailAddress(name: nil, address: String($0)) }
        }
    }

    /// RFC 5322 §4.3 obsolete zone names, which libetpan does not all read.
    private static let zoneNames: [String: String] = [
        "UT": "+0000", "GMT": "+0000", "Z": "+0000", "EST": "-0500", "EDT": "-0400", "CST": "-0600",
        "CDT": "-0500", "MST": "-0700", "MDT": "-0600", "PST": "-0800", "PDT": "-0700",
    ]

    static func date(_ value: [UInt8]) -> MessageDate? {
        var value = value
        let text = String(decoding: value, as: UTF8.self)
        // Drop a trailing comment such as "(CET)", then map a zone name to its offset.
        var words = (text.utf8.contains(UInt8(ascii: "(")) ? RegexCache.replacing(#"\([^)]*\)\s*$"#, in: text, with: "") : text)
            .split(separator: " ").map(String.init)
        if let last = words.last, let offset = zoneNames[last.uppercased()] {
            words[words.count - 1] = offset
            value = Array(words.joined(separator: " ").utf8)
        }
        guard let raw = HeaderSyntax.dateTime(value) else { return nil }
        var year = raw.year
        if year < 50 { year += 2000 } else if year < 1000 { year += 1900 }
        guard (1...12).contains(raw.month), (1...31).contains(raw.day), (0...23).contains(raw.hour),
              (0...59).contains(raw.minute), (0...60).contains(raw.second), abs(raw.zone) <= 2359
        else { return nil }
        let offset = (raw.zone / 100) * 3600 + (raw.zone % 100) * 60
        var components = DateComponents()
        components.year = year
        components.month = raw.month
        components.day = raw.day
        components.hour = raw.hour
        components.minute = raw.minute
        components.second = min(raw.second, 59)
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(secondsFromGMT: 0) else { return nil }
        calendar.timeZone = utc
        guard let local = calendar.date(from: components) else { return nil }
        return MessageDate(instant: local.addingTimeInterval(TimeInterval(-offset)), offsetSeconds: offset)
    }
}

/// Walks the MIME tree in order, collecting leaf parts and attachments.
private struct PartWalker {
    enum AttachmentEntry {
        case leaf(Int)
        case message(Attachment)
    }

    var leaves: [MessagePart] = []
    var attachmentOrder: [AttachmentEntry] = []
    var sawDeliveryStatus = false
    var deliveryStatus = DeliveryStatusFields()
    /// A report's returned headers are read only in a report (or after a delivery-status
    /// part): other mail's attached messages are none of its business.
    var readsReturnedHeaders = false

    /// `inherited`: the default content type inside a multipart/digest (message/rfc822).
    mutating func walk(_ node: MIMENode, inherited: String?, depth: Int) {
        let fields = HeaderFields.parse(node.header)
        let contentTypeField = fields.first(named: "Content-Type")
        let contentType = contentTypeField.map { StructuredValue($0.value) }
        var type = contentType?.value ?? ""
        if type.isEmpty || !type.utf8.contains(UInt8(ascii: "/")) { type = inherited ?? "text/plain" }
        if type == "message/delivery-status" || type == "message/global-delivery-status" { sawDeliveryStatus = true }
        let disposition = fields.first(named: "Content-Disposition").map { StructuredValue($0.value) }
        let filename = disposition?.parameters["filename"] ?? contentType?.parameters["name"]
        let isAttachment = disposition?.value == "attachment" || (filename?.isEmpty == false)

        switch node.content {
        case .multipart(let children):
            let childDefault = type == "multipart/digest" ? "message/rfc822" : nil
            for child in children {
                walk(child, inherited: childDefault, depth: depth + 1)
            }
        case .message(let raw, let inner):
            attachmentOrder.append(.message(Attachment(filename: filename, contentType: "message/rfc822", size: raw.count)))
            if readsReturnedHeaders || sawDeliveryStatus { readReturnedHeader(inner.header) }
        case .leaf(let body) where type == "message/delivery-status" || type == "message/global-delivery-status":
            readDeliveryStatus(body)
            leaves.append(MessagePart(contentType: type, charset: nil, filename: nil, isAttachment: false, text: nil, body: body))
        case .leaf(let body):
            if readsReturnedHeaders || sawDeliveryStatus, type == "text/rfc822-headers" || type == "text/global-headers" { readReturnedHeader(body) }
            let charset = contentType?.parameters["charset"]
            let text = type.hasPrefix("text/") ? TextDecoding.decode(body, charset: charset) : nil
            leaves.append(MessagePart(
                contentType: type, charset: charset, filename: filename?.isEmpty == false ? filename : nil,
                isAttachment: isAttachment, text: text, body: body
            ))
            if isAttachment { attachmentOrder.append(.leaf(leaves.count - 1)) }
        }
    }

    /// The per-message and per-recipient blocks of a `message/delivery-status` part, each a
    /// header block (RFC 3464 §2.1), read with the header parser: linear in the part's
    /// size, whatever it holds. At most 64 KB of it and 100 recipients are read.
    private mutating func readDeliveryStatus(_ body: [UInt8]) {
        let fields = HeaderFields.parse(Array(body.prefix(65_536)))
        for field in fields where deliveryStatus.recipients.count < 100 {
            if field.name.equalsIgnoringASCIICase("Final-Recipient") || field.name.equalsIgnoringASCIICase("Original-Recipient") {
                // `rfc822; user@example.org`: the address after the type.
                let value = String(decoding: field.value, as: UTF8.self)
                let address = (value.split(separator: ";", maxSplits: 1).last ?? "")
                    .trimmingScalars(in: CharacterSet(charactersIn: " \t<>"))
                let isFinal = field.name.equalsIgnoringASCIICase("Final-Recipient")
                if !address.isEmpty, isFinal || !deliveryStatus.recipients.contains(address) {
                    if isFinal || deliveryStatus.recipients.isEmpty { deliveryStatus.recipients.append(address) }
                }
            } else if field.name.equalsIgnoringASCIICase("Status"), deliveryStatus.status == nil {
                let code = String(decoding: field.value.prefix { !HeaderFields.isSpace($0) && $0 != UInt8(ascii: "(") }, as: UTF8.self)
                let parts = code.split(separator: ".", omittingEmptySubsequences: false)
                if parts.count == 3, ["2", "4", "5"].contains(parts[0]), parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) }) {
                    deliveryStatus.status = code
                }
            }
        }
    }

    /// The Message-ID of the mail a report returns, from its header block.
    private mutating func readReturnedHeader(_ block: [UInt8]) {
        let end = block.indices.first { index in
            block[index] == 0x0A && (index + 1 < block.count && block[index + 1] == 0x0A
                || index + 2 < block.count && block[index + 1] == 0x0D && block[index + 2] == 0x0A)
        } ?? block.count
        for field in HeaderFields.parse(Array(block[..<end].prefix(65_536)))
        where field.name.equalsIgnoringASCIICase("Message-ID") || field.name.equalsIgnoringASCIICase("X-Original-Message-ID") {
            for id in MessageParser.messageIDs(field.value).prefix(4) where !deliveryStatus.messageIDs.contains(id) {
                deliveryStatus.messageIDs.append(id)
            }
        }
    }
}
