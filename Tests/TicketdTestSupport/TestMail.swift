public import Foundation

/// Builds small RFC 5322 mails for tests.
public enum TestMail {
    public static func make(
        from: String, to: String = "support@ticketd.example", cc: String? = nil, subject: String, body: String,
        messageID: String = "\(UUID().uuidString)@test.example", inReplyTo: String? = nil, date: Date? = nil,
        headers: [String] = []
    ) -> String {
        var lines = ["From: \(from)", "To: \(to)"]
        if let cc { lines.append("Cc: \(cc)") }
        lines.append("Subject: \(subject)")
        lines.append("Message-ID: <\(messageID)>")
        if let date {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(secondsFromGMT: 0)
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
            lines.append("Date: \(formatter.string(from: date))")
        }
        if let inReplyTo { lines.append("In-Reply-To: <\(inReplyTo)>") }
        lines += headers
        lines.append("Content-Type: text/plain; charset=utf-8")
        return lines.joined(separator: "\r\n") + "\r\n\r\n" + body.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
    }

    /// A reply to a mail ticketd sent (its bytes), as a mail client writes it: to the
    /// Reply-To (which carries the recipient's reply token), In-Reply-To its Message-ID,
    /// the subject with `Re: `.
    public static func reply(to sent: [UInt8], from: String, body: String, headers: [String] = []) -> String {
        let fields = headerFields(sent)
        let replyTo = fields["reply-to"].flatMap(angleAddress) ?? fields["from"].flatMap(angleAddress) ?? "support@ticketd.example"
        let messageID = fields["message-id"].map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> ")) }
        return make(from: from, to: replyTo, subject: "Re: " + (fields["subject"] ?? ""), body: body, inReplyTo: messageID, headers: headers)
    }

    /// The first value of each header field, by lower-case name, unfolded.
    public static func headerFields(_ raw: [UInt8]) -> [String: String] {
        let text = String(decoding: raw, as: UTF8.self)
        let head = text.components(separatedBy: "\r\n\r\n").first ?? text
        var fields: [String: String] = [:]
        var name: String?
        for line in head.components(separatedBy: "\r\n") {
            if line.first == " " || line.first == "\t", let current = name {
                fields[current, default: ""] += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                let field = line[..<colon].lowercased()
                name = fields[field] == nil ? field : nil
                if name != nil { fields[field] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces) }
            }
        }
        return fields
    }

    private static func angleAddress(_ value: String) -> String? {
        guard let open = value.lastIndex(of: "<"), let close = value.lastIndex(of: ">"), open < close else { return value.isEmpty ? nil : value }
        return String(value[value.index(after: open)..<close])
    }
}

/// A clock that tests move by hand.
public final class ManualClock: @unchecked Sendable {
    // Guarded by `lock`.
    private var current: Date
    private let lock = NSLock()

    public init(_ start: Date) {
        current = start
    }

    public var now: Date { lock.withLock { current } }

    public func advance(by interval: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(interval) }
    }

    public var function: @Sendable () -> Date { { self.now } }
}
