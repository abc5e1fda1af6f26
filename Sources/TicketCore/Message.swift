import Foundation

/// A mail address with its decoded display name.
public struct EmailAddress: Sendable, Hashable, Codable {
    public var name: String?
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }

    /// The address compared case-insensitively, as mail systems treat them in practice.
    public var normalized: String { address.lowercased() }
}

/// The Date header: the instant and the UTC offset the sender wrote.
public struct MessageDate: Sendable, Hashable {
    public var instant: Date
    public var offsetSeconds: Int

    public init(instant: Date, offsetSeconds: Int) {
        self.instant = instant
        self.offsetSeconds = offsetSeconds
    }

    /// ISO 8601 with the sender's own offset, e.g. `2026-11-03T14:05:00+01:00`.
    public var iso8601: String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: offsetSeconds) ?? TimeZone(secondsFromGMT: 0)!
        formatter.formatOptions = [.withInternetDateTime]
        let text = formatter.string(from: instant)
        // ISO8601DateFormatter writes "Z" for a zero offset; mail keeps "+00:00".
        return text.hasSuffix("Z") ? String(text.dropLast()) + "+00:00" : text
    }
}

/// A file or embedded message carried by a mail.
public struct Attachment: Sendable, Hashable {
    public var filename: String?
    /// `type/subtype`, lower case.
    public var contentType: String
    /// Decoded size in bytes.
    public var size: Int

    public init(filename: String?, contentType: String, size: Int) {
        self.filename = filename
        self.contentType = contentType
        self.size = size
    }
}

/// One leaf part of a mail, decoded.
public struct MessagePart: Sendable {
    public var contentType: String
    public var charset: String?
    public var filename: String?
    public var isAttachment: Bool
    /// The content converted to UTF-8, for `text/*` parts.
    public var text: String?
    /// The content with its transfer encoding removed.
    public var body: [UInt8]

    public init(contentType: String, charset: String?, filename: String?, isAttachment: Bool, text: String?, body: [UInt8]) {
        self.contentType = contentType
        self.charset = charset
        self.filename = filename
        self.isAttachment = isAttachment
        self.text = text
        self.body = body
    }
}

/// A header field with its value unfolded and decoded to UTF-8.
public struct HeaderField: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A parsed mail: everything the pipeline decides on, and the raw bytes it came from.
public struct Message: Sendable {
    public var raw: [UInt8]
    /// The top-level header fields in order.
    public var headers: [HeaderField]
    /// Without angle brackets.
    public var messageID: String?
    public var from: EmailAddress?
    public var to: [EmailAddress]
    public var cc: [EmailAddress]
    public var replyTo: [EmailAddress]
    public var subject: String?
    public var date: MessageDate?
    public var inReplyTo: [String]
    public var references: [String]
    /// The first inline text/plain part, else text extracted from the first HTML part; LF line ends.
    public var text: String?
    public var hasHTML: Bool
    public var attachments: [Attachment]
    public var parts: [MessagePart]
    /// True when the mail is, or contains, a delivery-status report (RFC 3464).
    public var isDeliveryStatusReport: Bool

    public init(
        raw: [UInt8], headers: [HeaderField], messageID: String?, from: EmailAddress?, to: [EmailAddress],
        cc: [EmailAddress], replyTo: [EmailAddress], subject: String?, date: MessageDate?,
        inReplyTo: [String], references: [String], text: String?, hasHTML: Bool,
        attachments: [Attachment], parts: [MessagePart], isDeliveryStatusReport: Bool
    ) {
        self.raw = raw
        self.headers = headers
        self.messageID = messageID
        self.from = from
        self.to = to
        self.cc = cc
        self.replyTo = replyTo
        self.subject = subject
        self.date = date
        self.inReplyTo = inReplyTo
        self.references = references
        self.text = text
        self.hasHTML = hasHTML
        self.attachments = attachments
        self.parts = parts
        self.isDeliveryStatusReport = isDeliveryStatusReport
    }

    /// The first value of a header field, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public func hasHeader(_ name: String) -> Bool { header(name) != nil }

    /// Where replies go: Reply-To when given, else From.
    public var replyAddress: EmailAddress? { replyTo.first ?? from }
}
