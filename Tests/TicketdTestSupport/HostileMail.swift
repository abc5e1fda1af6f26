import Foundation

/// Mail built to crash, stall or exhaust a mail processor (issue 14, point 10): each is
/// sent through the real worker, which must end it processed or quarantined in bounded
/// time and go on with the next mail.
public enum HostileMail {
    static func head(_ subject: String, extra: [String] = []) -> String {
        (["From: Mallory <mallory@attacker.example>", "To: support@ticketd.example", "Subject: \(subject)",
          "Message-ID: <\(subject.replacingOccurrences(of: " ", with: "-"))@attacker.example>", "MIME-Version: 1.0"] + extra)
            .joined(separator: "\r\n") + "\r\n"
    }

    /// `depth` `message/rfc822` parts, each the whole body of the one around it.
    public static func nestedMessages(_ depth: Int) -> [UInt8] {
        let level = "Content-Type: message/rfc822\r\n\r\n"
        var bytes = Array(head("nested messages").utf8)
        bytes += Array(level.utf8)
        bytes.reserveCapacity(bytes.count + depth * level.utf8.count + 100)
        for _ in 1..<depth { bytes += Array(level.utf8) }
        bytes += Array("Subject: innermost\r\n\r\nhello\r\n".utf8)
        return bytes
    }

    /// `depth` multiparts, each the only part of the one around it.
    public static func nestedMultiparts(_ depth: Int) -> [UInt8] {
        var bytes = Array(head("nested multiparts").utf8)
        for level in 0..<depth {
            bytes += Array("Content-Type: multipart/mixed; boundary=\"b\(level)\"\r\n\r\n--b\(level)\r\n".utf8)
        }
        bytes += Array("Content-Type: text/plain\r\n\r\ninner".utf8)
        for level in (0..<depth).reversed() { bytes += Array("\r\n--b\(level)--\r\n".utf8) }
        return bytes
    }

    /// A delivery report whose status part is `bytes` of newlines.
    public static func deliveryReportOfNewlines(_ bytes: Int) -> [UInt8] {
        let text = head("Undelivered Mail Returned to Sender", extra: [
            "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"",
        ]).replacingOccurrences(of: "Mallory <mallory@attacker.example>", with: "MAILER-DAEMON@attacker.example")
            + "\r\n--r\r\nContent-Type: text/plain\r\n\r\nYour mail could not be delivered.\r\n--r\r\nContent-Type: message/delivery-status\r\n\r\n"
        return Array(text.utf8) + [UInt8](repeating: 0x0A, count: bytes) + Array("\r\n--r--\r\n".utf8)
    }

    /// A body that makes the pattern `(a+)+$` backtrack without end.
    public static func backtrackingBody(_ length: Int = 40_000) -> [UInt8] {
        Array((head("backtracking") + "Content-Type: text/plain\r\n\r\n" + String(repeating: "a", count: length) + "!\r\n").utf8)
    }

    /// `count` addresses in Cc, folded two to a line.
    public static func manyCc(_ count: Int) -> [UInt8] {
        var cc = "Cc: "
        for index in 0..<count {
            cc += "user\(index)@cc.example" + (index + 1 < count ? (index % 4 == 3 ? ",\r\n " : ", ") : "")
        }
        return Array((head("many cc", extra: [cc]) + "Content-Type: text/plain\r\n\r\nhello\r\n").utf8)
    }

    /// `count` header lines.
    public static func manyHeaderLines(_ count: Int) -> [UInt8] {
        var bytes = Array(head("many header lines").utf8)
        bytes.reserveCapacity(bytes.count + count * 16)
        for index in 0..<count { bytes += Array("X-Filler-\(index): x\r\n".utf8) }
        return bytes + Array("\r\nhello\r\n".utf8)
    }

    /// A mail of at least `bytes` (a large attachment).
    public static func oversize(_ bytes: Int) -> [UInt8] {
        var mail = Array((head("oversize") + "Content-Type: text/plain\r\n\r\n").utf8)
        let line = Array((String(repeating: "0123456789", count: 7) + "\r\n").utf8)
        while mail.count < bytes { mail += line }
        return mail
    }
}
