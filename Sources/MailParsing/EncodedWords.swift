import TicketCore
import Foundation

/// RFC 2047 encoded-words in unstructured header text and phrases.
public enum EncodedWords {
    /// Decodes a raw header value. Plain bytes are read as UTF-8 (else Windows-1252); encoded
    /// words are decoded; whitespace between two adjacent encoded words is dropped, and
    /// adjacent words in one charset are joined before conversion so that a character split
    /// across them comes out whole.
    public static func decode(_ raw: [UInt8]) -> String {
        // Most header values are valid UTF-8 without an encoded-word: then the pieces the
        // tokens would decode one by one are all UTF-8 too, and the whole is the same.
        if let text = String(validating: raw, as: UTF8.self), !TextLines.contains(text, "=?") { return text }
        let tokens = tokenize(raw)
        var output = ""
        var pendingBytes: [UInt8] = []
        var pendingCharset: String?
        var pendingWhitespace: [UInt8] = []

        func flushEncoded() {
            if let charset = pendingCharset {
                output += TextDecoding.decode(pendingBytes, charset: charset)
            }
            pendingBytes = []
            pendingCharset = nil
        }

        for token in tokens {
            switch token {
            case .encoded(let charset, let bytes):
                if let current = pendingCharset, current.equalsIgnoringASCIICase(charset) {
                    pendingBytes += bytes
                } else {
                    flushEncoded()
                    pendingCharset = charset
                    pendingBytes = bytes
                }
                pendingWhitespace = []
            case .whitespace(let bytes):
                if pendingCharset != nil {
                    // Only kept if plain text follows (RFC 2047 §6.2).
                    pendingWhitespace += bytes
                } else {
                    output += plain(bytes)
                }
            case .text(let bytes):
                flushEncoded()
                output += plain(pendingWhitespace)
                pendingWhitespace = []
                output += plain(bytes)
            }
        }
        flushEncoded()
        output += plain(pendingWhitespace)
        return output
    }

    private static func plain(_ bytes: [UInt8]) -> String {
        bytes.isEmpty ? "" : TextDecoding.decode(bytes, charset: nil)
    }

    enum Token {
        case encoded(charset: String, bytes: [UInt8])
        case whitespace([UInt8])
        case text([UInt8])
    }

    static func tokenize(_ raw: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        var textStart = 0
        var inWhitespace = false

        func emitPlain(upTo end: Int) {
            guard textStart < end else { return }
            let slice = Array(raw[textStart..<end])
            tokens.append(inWhitespace ? .whitespace(slice) : .text(slice))
        }

        while index < raw.count {
            let byte = raw[index]
            if byte == UInt8(ascii: "="), index + 1 < raw.count, raw[index + 1] == UInt8(ascii: "?"),
               let (word, end) = encodedWord(raw, at: index)
            {
                emitPlain(upTo: index)
                tokens.append(word)
                index = end
                textStart = end
                inWhitespace = false
                continue
            }
            let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
            if isSpace != inWhitespace {
                emitPlain(upTo: index)
                textStart = index
                inWhitespace = isSpace
            }
            index += 1
        }
        emitPlain(upTo: raw.count)
        return tokens
    }

    /// Parses `=?charset[*lang]?B|Q?text?=` at `start`.
    private static func encodedWord(_ raw: [UInt8], at start: Int) -> (Token, Int)? {
        var index = start + 2
        let charsetStart = index
        while index < raw.count, raw[index] != UInt8(ascii: "?") {
            if raw[index] <= 0x20 || index - charsetStart > 40 { return nil }
            index += 1
        }
        guard index + 2 < raw.count, raw[index + 2] == UInt8(ascii: "?") else { return nil }
        var charset = String(decoding: raw[charsetStart..<index], as: UTF8.self)
        if let star = charset.firstIndex(of: "*") { charset = String(charset[..<star]) }
        guard !charset.isEmpty else { return nil }
        let encoding = raw[index + 1] | 0x20
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
        let textStart = index + 3
        var end = textStart
        while end + 1 < raw.count, !(raw[end] == UInt8(ascii: "?") && raw[end + 1] == UInt8(ascii: "=")) {
            if raw[end] == 0x20 || raw[end] == 0x0A || raw[end] == 0x0D { return nil }
            end += 1
        }
        guard end + 1 < raw.count else { return nil }
        let text = Array(raw[textStart..<end])
        let bytes = encoding == UInt8(ascii: "b") ? Base64.decodeLenient(text) : decodeQ(text)
        return (.encoded(charset: charset, bytes: bytes), end + 2)
    }

    private static func decodeQ(_ text: [UInt8]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var index = 0
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: "_") {
                bytes.append(0x20)
            } else if byte == UInt8(ascii: "="), index + 2 < text.count,
                      let high = hexValue(text[index + 1]), let low = hexValue(text[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 2
            } else {
                bytes.append(byte)
            }
            index += 1
        }
        return bytes
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

enum Base64 {
    /// Decodes base64, skipping characters outside the alphabet and tolerating missing padding.
    static func decodeLenient(_ text: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in text {
            let value: UInt32
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(byte - UInt8(ascii: "a") + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(byte - UInt8(ascii: "0") + 52)
            case UInt8(ascii: "+"), UInt8(ascii: "-"): value = 62
            case UInt8(ascii: "/"), UInt8(ascii: "_"): value = 63
            case UInt8(ascii: "="): return output
            default: continue
            }
            buffer = buffer << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return output
    }
}
