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
