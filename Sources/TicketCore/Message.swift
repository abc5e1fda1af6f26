public import Foundation

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

    /// ISO 8601 with the sender's own offset, e.g. `2026-11-03T14:05:00+01:00` (a zero
    /// offset is `+00:00`, as mail writes it). Integer arithmetic, no formatter: reports
    /// print hundreds of thousands of these.
    public var iso8601: String {
        let civil = CivilTime(self)
        let minutes = abs(offsetSeconds) / 60
        guard (0...9999).contains(civil.year), minutes < 100 * 60 else {
            return CivilTime.pad(civil.year, 4) + "-" + CivilTime.pad(civil.month, 2) + "-" + CivilTime.pad(civil.day, 2) + "T"
                + civil.clock + offset(separator: ":")
        }
        return DigitWriter.string(capacity: 25) { text in
            text.date(civil, separator: "T")
            text.put(offsetSeconds < 0 ? "-" : "+")
            text.put(minutes / 60, width: 2)
            text.put(":")
            text.put(minutes % 60, width: 2)
        }
    }

    /// The RFC 5322 form, e.g. `Tue, 03 Nov 2026 14:05:00 +0100`. No formatter either:
    /// every reply carries one, and a `DateFormatter` costs more than the rest of the mail.
    public var rfc5322: String {
        let civil = CivilTime(self)
        return Self.weekdays[civil.weekday] + ", " + CivilTime.pad(civil.day, 2) + " " + Self.months[civil.month - 1] + " "
            + CivilTime.pad(civil.year, 4) + " " + civil.clock + " " + offset(separator: "")
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private func offset(separator: String) -> String {
        let minutes = abs(offsetSeconds) / 60
        return (offsetSeconds < 0 ? "-" : "+") + CivilTime.pad(minutes / 60, 2) + separator + CivilTime.pad(minutes % 60, 2)
    }

}

/// The calendar fields of an instant at a UTC offset, by integer arithmetic: faster by
/// far than a formatter, for the dates that every stored row and every reply carries.
public struct CivilTime {
    public var year: Int, month: Int, day: Int
    /// 0 is Sunday.
    public var weekday: Int
    public var secondsOfDay: Int

    public init(_ date: MessageDate) {
        self.init(seconds: Int((date.instant.timeIntervalSince1970).rounded(.down)) + date.offsetSeconds)
    }

    /// `seconds` since 1970-01-01 00:00 in local time.
    public init(seconds local: Int) {
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        secondsOfDay = local - days * 86_400
        weekday = ((days % 7) + 11) % 7  // 1970-01-01 was a Thursday
        // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthPrime + 2) / 5 + 1
        month = monthPrime < 10 ? monthPrime + 3 : monthPrime - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// Seconds since 1970-01-01 00:00 of the `yyyy-MM-dd?HH:mm:ss` the first 19 bytes hold
    /// (the byte between date and time is the caller's to check); nil unless every field
    /// is digits and in its range.
    public static func seconds(readingDigitsOf bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ start: Int, _ length: Int) -> Int? {
            var value = 0
            for index in start..<start + length {
                let digit = Int(bytes[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        // Days since 1970-01-01 from the civil date (H. Hinnant's algorithm, the inverse of `init(seconds:)`).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// `HH:MM:SS`.
    public var clock: String {
        CivilTime.pad(secondsOfDay / 3600, 2) + ":" + CivilTime.pad(secondsOfDay % 3600 / 60, 2) + ":"
            + CivilTime.pad(secondsOfDay % 60, 2)
    }

    public static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
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

/// The fields of a delivery-status report (RFC 3464) that ticketd acts on.
public struct DeliveryStatusFields: Sendable, Equatable {
    /// The Message-IDs of the returned mail (its header, in `text/rfc822-headers` or
    /// `message/rfc822`).
    public var messageIDs: [String]
    /// `Final-Recipient` (else `Original-Recipient`) addresses of the recipient blocks.
    public var recipients: [String]
    /// The first `Status` code (`5.1.1`).
    public var status: String?

    public init(messageIDs: [String] = [], recipients: [String] = [], status: String? = nil) {
        self.messageIDs = messageIDs
        self.recipients = recipients
        self.status = status
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
    /// What the report says, read with the header parser from its `message/delivery-status`
    /// part and the header of the mail it returns; nil for any other mail.
    public var deliveryStatus: DeliveryStatusFields?

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
        headers.first { $0.name.equalsIgnoringASCIICase(name) }?.value
    }

    public func hasHeader(_ name: String) -> Bool { header(name) != nil }

    /// Where replies go: Reply-To when given, else From.
    public var replyAddress: EmailAddress? { replyTo.first ?? from }
}

/// Fixed-width numbers and separators written straight into a string's bytes. Reports
/// and the store write hundreds of thousands of dates, and joining a dozen small strings
/// for each cost more than the rest of the work.
public struct DigitWriter {
    private let bytes: UnsafeMutableBufferPointer<UInt8>
    private var count = 0

    /// The text `write` puts, at most `capacity` bytes of it.
    public static func string(capacity: Int, _ write: (inout DigitWriter) -> Void) -> String {
        String(unsafeUninitializedCapacity: capacity) { buffer in
            var writer = DigitWriter(bytes: buffer)
            write(&writer)
            return writer.count
        }
    }

    private init(bytes: UnsafeMutableBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// `value` (not negative) in `width` digits, with leading zeros.
    public mutating func put(_ value: Int, width: Int) {
        var value = value
        for offset in stride(from: width - 1, through: 0, by: -1) {
            bytes[count + offset] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        }
        count += width
    }

    public mutating func put(_ character: Unicode.Scalar) {
        bytes[count] = UInt8(ascii: character)
        count += 1
    }

    /// `yyyy-MM-dd`, `separator`, `HH:mm:ss` (the year from 0 to 9999).
    public mutating func date(_ civil: CivilTime, separator: Unicode.Scalar) {
        put(civil.year, width: 4)
        put("-")
        put(civil.month, width: 2)
        put("-")
        put(civil.day, width: 2)
        put(separator)
        put(civil.secondsOfDay / 3600, width: 2)
        put(":")
        put(civil.secondsOfDay % 3600 / 60, width: 2)
        put(":")
        put(civil.secondsOfDay % 60, width: 2)
    }
}
