import TicketCore
/// A header field as it stands in the mail: name and unfolded raw value bytes.
struct RawHeaderField {
    var name: String
    var value: [UInt8]
}

enum HeaderFields {
    /// Splits a raw header block into fields, unfolding continuation lines (a line that
    /// starts with a space or tab continues the previous field). Lines without a colon
    /// are skipped rather than guessed at.
    static func parse(_ block: [UInt8]) -> [RawHeaderField] {
        var fields: [RawHeaderField] = []
        var index = 0
        let count = block.count
        while index < count {
            var lineEnd = index
            while lineEnd < count, block[lineEnd] != 0x0A { lineEnd += 1 }
            var contentEnd = lineEnd
            if contentEnd > index, block[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let line = block[index..<contentEnd]
            if let first = line.first, first == 0x20 || first == 0x09 {
                if !fields.isEmpty { fields[fields.count - 1].value += line }
            } else if let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex {
                var nameEnd = colon
                while nameEnd > line.startIndex, block[nameEnd - 1] == 0x20 || block[nameEnd - 1] == 0x09 { nameEnd -= 1 }
                let name = String(decoding: block[line.startIndex..<nameEnd], as: UTF8.self)
                fields.append(RawHeaderField(name: name, value: Array(block[(colon + 1)..<contentEnd])))
            }
            index = lineEnd + 1
        }
        for position in fields.indices {
            fields[position].value = trimmed(fields[position].value)
        }
        return fields
    }

    static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        var start = 0
        var end = bytes.count
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return start == 0 && end == bytes.count ? bytes : Array(bytes[start..<end])
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
}

extension Array where Element == RawHeaderField {
    func first(named name: String) -> RawHeaderField? {
        first { $0.name.equalsIgnoringASCIICase(name) }
    }

    func all(named name: String) -> [RawHeaderField] {
        filter { $0.name.equalsIgnoringASCIICase(name) }
    }
}

/// A structured MIME header value such as Content-Type or Content-Disposition:
/// `value; name=token; name="quoted"; name*0*=utf-8''%E2%82%AC`.
struct StructuredValue {
    /// The main value, lower case (`text/plain`, `attachment`).
    var value: String
    /// Parameters with lower-case names, RFC 2231 continuations joined and decoded,
    /// RFC 2047 encoded-words (which Outlook puts in `name=`) decoded.
    var parameters: [String: String]

    init(_ raw: [UInt8]) {
        var index = 0
        let main = Self.readUntilSemicolon(raw, &index)
        // Whitespace dropped by bytes (a MIME type is ASCII): Character.isWhitespace is slow.
        value = String(decoding: HeaderFields.trimmed(main).filter { !HeaderFields.isSpace($0) }, as: UTF8.self).lowercased()

        var plain: [String: [UInt8]] = [:]
        // name -> section number -> (bytes, percent-encoded)
        var sections: [String: [Int: (bytes: [UInt8], extended: Bool)]] = [:]
        while index < raw.count {
            index += 1  // the semicolon
            guard let (name, bytes) = Self.readParameter(raw, &index) else { continue }
            guard let star = name.firstIndex(of: "*") else {
                if plain[name] == nil { plain[name] = bytes }
                continue
            }
            let base = String(name[..<star])
            let rest = name[name.index(after: star)...]
            if rest.isEmpty {
                sections[base, default: [:]][0] = (bytes, true)
            } else {
                let extended = rest.hasSuffix("*")
                let number = Int(extended ? rest.dropLast() : rest) ?? 0
                sections[base, default: [:]][number] = (bytes, extended)
            }
        }
        var result: [String: String] = [:]
        for (name, bytes) in plain {
            result[name] = EncodedWords.decode(bytes)
        }
        for (name, parts) in sections {
            result[name] = Self.decodeRFC2231(parts)
        }
        parameters = result
    }

    /// Joins RFC 2231 sections in order and decodes them with the charset of the first one.
    private static func decodeRFC2231(_ parts: [Int: (bytes: [UInt8], extended: Bool)]) -> String {
        var charset: String?
        var bytes: [UInt8] = []
        for number in parts.keys.sorted() {
            guard let part = parts[number] else { continue }
            var content = part.bytes
            if number == parts.keys.min(), part.extended {
                // charset'language'value
                let quotes = content.indices.filter { content[$0] == UInt8(ascii: "'") }
                if quotes.count >= 2 {
                    let declared = String(decoding: content[..<quotes[0]], as: UTF8.self)
                    charset = declared.isEmpty ? nil : declared
                    content = Array(content[(quotes[1] + 1)...])
                }
            }
            bytes += part.extended ? percentDecoded(content) : content
        }
        return TextDecoding.decode(bytes, charset: charset)
    }

    private static func percentDecoded(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let high = EncodedWords.hexValue(bytes[index + 1]), let low = EncodedWords.hexValue(bytes[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }

    private static func readUntilSemicolon(_ raw: [UInt8], _ index: inout Int) -> [UInt8] {
        let start = index
        var inQuotes = false
        while index < raw.count {
            let byte = raw[index]
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if byte == UInt8(ascii: ";"), !inQuotes { break }
            index += 1
        }
        return Array(raw[start..<index])
    }

    /// Reads `name=value` up to the next unquoted semicolon; value unquoted and unescaped.
    private static func readParameter(_ raw: [UInt8], _ index: inout Int) -> (String, [UInt8])? {
        let segment = readUntilSemicolon(raw, &index)
        guard let equals = segment.firstIndex(of: UInt8(ascii: "=")) else { return nil }
        let name = String(decoding: HeaderFields.trimmed(Array(segment[..<equals])), as: UTF8.self).lowercased()
        guard !name.isEmpty else { return nil }
        let value = HeaderFields.trimmed(Array(segment[(equals + 1)...]))
        guard value.first == UInt8(ascii: "\"") else { return (name, value) }
        var unquoted: [UInt8] = []
        var position = 1
        while position < value.count {
            let byte = value[position]
            if byte == UInt8(ascii: "\\"), position + 1 < value.count {
                unquoted.append(value[position + 1])
                position += 2
                continue
            }
            if byte == UInt8(ascii: "\"") { break }
            unquoted.append(byte)
            position += 1
        }
        return (name, unquoted)
    }
}
