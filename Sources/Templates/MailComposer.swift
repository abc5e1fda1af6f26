public import Foundation
public import TicketCore

/// An outgoing mail before it is turned into bytes.
public struct OutgoingMail: Sendable {
    public var from: EmailAddress
    public var to: [EmailAddress]
    /// Where replies go: the desk's address with the recipient's reply token.
    public var replyTo: EmailAddress?
    public var subject: String
    public var body: String
    public var messageID: String
    public var inReplyTo: String?
    public var references: [String]
    public var date: Date
    /// Extra header fields, in order (e.g. the loop header).
    public var extraHeaders: [HeaderField]
    /// Files sent along (a report's CSV and HTML).
    public var attachments: [OutgoingAttachment] = []

    public init(
        from: EmailAddress, to: [EmailAddress], subject: String, body: String, messageID: String,
        inReplyTo: String?, references: [String], date: Date, extraHeaders: [HeaderField]
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.date = date
        self.extraHeaders = extraHeaders
    }
}

/// A file attached to an outgoing mail.
public struct OutgoingAttachment: Sendable {
    public var filename: String
    public var contentType: String
    public var data: [UInt8]

    public init(filename: String, contentType: String, data: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }
}

/// Writes RFC 5322 bytes: CRLF line ends, RFC 2047 for non-ASCII header text,
/// quoted-printable UTF-8 for a non-ASCII body, folded long header lines.
public enum MailComposer {
    public static func compose(_ mail: OutgoingMail) -> [UInt8] {
        var lines: [String] = []
        lines.append("From: " + formatAddress(mail.from))
        lines.append(fold("To: " + mail.to.map(formatAddress).joined(separator: ", ")))
        if let replyTo = mail.replyTo { lines.append(fold("Reply-To: " + formatAddress(replyTo))) }
        lines.append(fold("Subject: " + encodeHeaderText(mail.subject)))
        lines.append("Date: " + rfc5322Date(mail.date))
        lines.append("Message-ID: <\(mail.messageID)>")
        // Ids come from mail: one that could break the header out of its line is left out.
        if let inReplyTo = mail.inReplyTo, MessageIDSyntax.isValid(inReplyTo) { lines.append("In-Reply-To: <\(inReplyTo)>") }
        let references = mail.references.filter(MessageIDSyntax.isValid)
        if !references.isEmpty {
            lines.append(fold("References: " + references.map { "<\($0)>" }.joined(separator: " ")))
        }
        for field in mail.extraHeaders { lines.append(fold("\(field.name): \(encodeHeaderText(field.value))")) }
        lines.append("MIME-Version: 1.0")
        if mail.attachments.isEmpty {
            lines += textPart(mail.body)
        } else {
            let boundary = "=_ticketd_" + mail.messageID.filter { $0.isLetter || $0.isNumber }.prefix(32)
            lines.append("Content-Type: multipart/mixed; boundary=\"\(boundary)\"")
            lines.append("")
            lines.append("This is a MIME message.")
            lines.append("--" + boundary)
            lines += textPart(mail.body)
            for attachment in mail.attachments {
                lines.append("--" + boundary)
                lines.append("Content-Type: \(attachment.contentType); name=\"\(attachment.filename)\"")
                lines.append("Content-Disposition: attachment; filename=\"\(attachment.filename)\"")
                lines.append("Content-Transfer-Encoding: base64")
                lines.append("")
                lines.append(Data(attachment.data).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]))
            }
            lines.append("--" + boundary + "--")
        }
        var text = lines.joined(separator: "\r\n")
        if !text.hasSuffix("\r\n") { text += "\r\n" }
        return Array(text.utf8)
    }

    /// The header lines, blank line and body of a plain-text part.
    static func textPart(_ text: String) -> [String] {
        let body = TextLines.normalized(text)
        if isShortLinedASCII(body) {
            return ["Content-Type: text/plain; charset=us-ascii", "Content-Transfer-Encoding: 7bit", "", TextLines.crlf(body)]
        }
        return ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: quoted-printable", "", quotedPrintable(body)]
    }

    /// True when `text` is ASCII and no line is longer than SMTP allows (998 octets).
    private static func isShortLinedASCII(_ text: String) -> Bool {
        var lineLength = 0
        for byte in text.utf8 {
            guard byte < 0x80 else { return false }
            lineLength = byte == 0x0A ? 0 : lineLength + 1
            if lineLength > 998 { return false }
        }
        return true
    }

    public static func formatAddress(_ address: EmailAddress) -> String {
        guard let name = address.name, !name.isEmpty else { return "<\(address.address)>" }
        if name.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            // Scalar by scalar: Foundation's replacingOccurrences goes through NSString,
            // whose first use made the runtime look up two conformances.
            var escaped = String.UnicodeScalarView()
            for scalar in name.unicodeScalars {
                if scalar == "\\" || scalar == "\"" { escaped.append("\\") }
                escaped.append(scalar)
            }
            return "\"\(String(escaped))\" <\(address.address)>"
        }
        return "\(encodedWords(name)) <\(address.address)>"
    }

    /// ASCII text stays as it is; anything else becomes UTF-8 base64 encoded-words.
    public static func encodeHeaderText(_ text: String) -> String {
        // A word that no folding can bring under SMTP's 998-byte line (outsider attack N2)
        // goes as encoded-words, which split anywhere.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return hasUnfoldableWord(text) ? encodedWords(text) : text }
        let clean = String(text.map { $0 == "\r" || $0 == "\n" || $0 == "\r\n" ? " " : $0 })
        if clean.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return clean }
        return encodedWords(clean)
    }

    /// True when a run of text without a space is too long for one header line.
    static func hasUnfoldableWord(_ text: String) -> Bool {
        var run = 0
        for byte in text.utf8 {
            run = byte == 0x20 || byte == 0x09 ? 0 : run + 1
            if run > 900 { return true }
        }
        return false
    }

    /// Encoded-words of at most 75 characters, split between characters (never inside one).
    static func encodedWords(_ text: String) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        let maxBytes = 45  // 60 base64 characters + the `=?utf-8?B??=` wrapper stays under 75
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > maxBytes, !chunk.isEmpty {
                words.append("=?utf-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?utf-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: " ")
    }

    /// Folds a header line at spaces so that lines stay under 78 characters where possible.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 78 else { return line }
        var output = ""
        var current = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty, current.utf8.count + 1 + word.utf8.count > 78 {
                output += current + "\r\n"
                current = " " + word
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        return output + current
    }

    public static func rfc5322Date(_ date: Date) -> String {
        MessageDate(instant: date, offsetSeconds: 0).rfc5322
    }

    /// Quoted-printable (RFC 2045 §6.7) with CRLF hard line breaks and soft breaks at 76.
    static func quotedPrintable(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + text.utf8.count / 2)
        var text = text
        text.withUTF8 { bytes in
            var lineLength = 0
            for position in bytes.indices {
                let byte = bytes[position]
                if byte == 0x0A {
                    output.append(0x0D)
                    output.append(0x0A)
                    lineLength = 0
                    continue
                }
                let endsLine = position + 1 == bytes.count || bytes[position + 1] == 0x0A
                let plain = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 0x20 || byte == 0x09) && !endsLine)
                let width = plain ? 1 : 3
                if lineLength + width > 75 {
                    output.append(UInt8(ascii: "="))
                    output.append(0x0D)
                    output.append(0x0A)
                    lineLength = 0
                }
                if plain {
                    output.append(byte)
                } else {
                    output.append(UInt8(ascii: "="))
                    output.append(hexDigits[Int(byte >> 4)])
                    output.append(hexDigits[Int(byte & 0x0F)])
                }
                lineLength += width
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)
}
