import CEtpan
import Foundation

/// One node of a parsed MIME tree, copied out of libetpan's memory.
///
/// Header fields are handed over as the raw header block so that the parsing module can
/// decode them (RFC 2047, RFC 2231, 8-bit bytes) by its own rules.
public struct MIMENode: Sendable {
    public indirect enum Content: Sendable {
        /// A leaf part; the body has its transfer encoding (base64, quoted-printable) removed.
        case leaf(body: [UInt8])
        case multipart([MIMENode])
        /// An embedded message: its bytes (transfer encoding removed) and its own tree.
        case message(raw: [UInt8], inner: MIMENode)
    }

    /// The raw header block of this part, without the blank line that ends it.
    public var header: [UInt8]
    public var content: Content

    public init(header: [UInt8], content: Content) {
        self.header = header
        self.content = content
    }
}

/// libetpan parses RFC 5322 comments by recursion, one C stack frame set per `(`: a
/// header with 150,000 nested comments (300 KB) overflows the stack and kills the worker
/// on every start (outsider attack F5). Parentheses nested deeper than `limit` within one
/// field (a line and its continuation lines) become spaces before libetpan sees them; no
/// real mail nests comments more than a few deep.
public enum CommentNesting {
    public static let limit = 32

    /// `bytes` with the parentheses beyond `limit` blanked; nil when there are none (the
    /// usual case: then nothing is copied).
    public static func flattened(_ bytes: [UInt8]) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { input -> [UInt8]? in
            guard let base = input.baseAddress, hasMoreOpenings(base, count: input.count, than: limit) else { return nil }
            var output: [UInt8]?
            var depth = 0
            for index in 0..<input.count {
                let byte = input[index]
                switch byte {
                case UInt8(ascii: "("):
                    depth += 1
                    if depth > limit { blank(index, in: &output, from: input) }
                case UInt8(ascii: ")"):
                    if depth > limit { blank(index, in: &output, from: input) }
                    if depth > 0 { depth -= 1 }
                case 0x0A:
                    // A new field (or body line) unless the next line continues this one.
                    if index + 1 < input.count, input[index + 1] != 0x20, input[index + 1] != 0x09 { depth = 0 }
                default:
                    break
                }
            }
            return output
        }
    }

    /// Whether more than `limit` `(` stand in the bytes at all: with memchr, many times
    /// faster than the scan, and no real mail gets past it.
    private static func hasMoreOpenings(_ base: UnsafePointer<UInt8>, count: Int, than limit: Int) -> Bool {
        let raw = UnsafeRawPointer(base)
        let opening = Int32(UInt8(ascii: "("))
        var found = 0
        var offset = 0
        while offset < count {
            guard let hit: UnsafeMutableRawPointer = memchr(raw + offset, opening, count - offset) else { return false }
            found += 1
            if found > limit { return true }
            offset = UnsafeRawPointer(hit) - raw + 1
        }
        return false
    }

    private static func blank(_ index: Int, in output: inout [UInt8]?, from input: UnsafeBufferPointer<UInt8>) {
        if output == nil { output = Array(input) }
        output![index] = 0x20
    }
}

public enum MIMEParser {
    /// Nesting deeper than this is kept as an opaque leaf: it guards the stack against
    /// hostile input, and no real mail comes near it.
    public static let maximumDepth = 48

    static let paddingBytes = 16

    /// Parses a whole message. Never fails: input libetpan rejects becomes one leaf part
    /// split at the first blank line.
    public static func parse(_ raw: [UInt8]) -> MIMENode {
        // A mail that is all header (no blank line): libetpan would take its last line,
        // when unterminated, for a body.
        if HeaderBlock.split(raw).headerEnd == raw.count { return fallback(raw) }
        // libetpan's decoders read a few bytes past a truncated quoted-printable escape at
        // the very end of the input (AddressSanitizer found it); zero padding after the
        // bytes it is told about keeps those reads inside our buffer.
        // Only an `=` in the last bytes can start such an escape: other input (a 50 MB mail
        // among it) is parsed where it lies, without a padded copy.
        let flattened = CommentNesting.flattened(raw) ?? raw
        let padded = flattened.suffix(paddingBytes).contains(UInt8(ascii: "=")) ? flattened + repeatElement(0, count: paddingBytes) : flattened
        return padded.withUnsafeBufferPointer { buffer -> MIMENode in
            guard let base = buffer.baseAddress, !raw.isEmpty else { return fallback(raw) }
            return base.withMemoryRebound(to: CChar.self, capacity: raw.count) { chars -> MIMENode in
                var index = 0
                var mime: UnsafeMutablePointer<mailmime>?
                let code = mailmime_parse(chars, raw.count, &index, &mime)
                guard code == Int32(MAILIMF_NO_ERROR), let mime else { return fallback(raw) }
                defer { mailmime_free(mime) }
                let converter = TreeCopier(base: chars, count: raw.count)
                // The root is libetpan's message/rfc822 wrapper around the whole input.
                if mime.pointee.mm_type == Int32(MAILMIME_MESSAGE), let inner = mime.pointee.mm_data.mm_message.mm_msg_mime {
                    return converter.copy(inner, headerStart: chars, depth: 0)
                }
                return converter.copy(mime, headerStart: chars, depth: 0)
            }
        }
    }

    static func fallback(_ raw: [UInt8]) -> MIMENode {
        let split = HeaderBlock.split(raw)
        return MIMENode(header: Array(raw[..<split.headerEnd]), content: .leaf(body: Array(raw[split.bodyStart...])))
    }
}

/// Walks libetpan's tree and copies every piece into Swift values.
private struct TreeCopier {
    let base: UnsafePointer<CChar>
    let count: Int

    private func offset(_ pointer: UnsafePointer<CChar>?) -> Int? {
        guard let pointer else { return nil }
        let distance = base.distance(to: pointer)
        return (0...count).contains(distance) ? distance : nil
    }

    private func bytes(from start: Int, to end: Int) -> [UInt8] {
        guard start < end else { return [] }
        return Array(UnsafeRawBufferPointer(start: UnsafeRawPointer(base + start), count: end - start))
    }

    /// The body of a part, with its transfer encoding removed.
    private func decodedBody(_ data: UnsafeMutablePointer<mailmime_data>?) -> [UInt8] {
        guard let data, data.pointee.dt_type == Int32(MAILMIME_DATA_TEXT),
              let text = data.pointee.dt_data.dt_text.dt_data
        else { return [] }
        let length = data.pointee.dt_data.dt_text.dt_length
        let encoding = data.pointee.dt_encoding
        let needsDecoding = data.pointee.dt_encoded != 0
            && (encoding == Int32(MAILMIME_MECHANISM_BASE64) || encoding == Int32(MAILMIME_MECHANISM_QUOTED_PRINTABLE))
        guard needsDecoding else {
            return Array(UnsafeRawBufferPointer(start: UnsafeRawPointer(text), count: length))
        }
        if encoding == Int32(MAILMIME_MECHANISM_BASE64) {
            return TransferDecoding.base64(UnsafeRawBufferPointer(start: UnsafeRawPointer(text), count: length))
        }
        var index = 0
        var result: UnsafeMutablePointer<CChar>?
        var resultLength = 0
        let code = mailmime_part_parse(text, length, &index, encoding, &result, &resultLength)
        guard code == Int32(MAILIMF_NO_ERROR), let result else {
            return Array(UnsafeRawBufferPointer(start: UnsafeRawPointer(text), count: length))
        }
        defer { mailmime_decoded_part_free(result) }
        return Array(UnsafeRawBufferPointer(start: UnsafeRawPointer(result), count: resultLength))
    }

    func copy(_ node: UnsafeMutablePointer<mailmime>, headerStart: UnsafePointer<CChar>?, depth: Int) -> MIMENode {
        let bodyData = node.pointee.mm_body
        let bodyStart = offset(bodyData?.pointee.dt_data.dt_text.dt_data)
        let start = offset(headerStart) ?? offset(node.pointee.mm_mime_start) ?? 0
        var header: [UInt8] = []
        if let bodyStart, start <= bodyStart {
            header = HeaderBlock.trimmingSeparator(bytes(from: start, to: bodyStart))
        }
        guard depth < MIMEParser.maximumDepth else {
            return MIMENode(header: header, content: .leaf(body: []))
        }
        switch Int(node.pointee.mm_type) {
        case MAILMIME_MULTIPLE:
            var children: [MIMENode] = []
            var iter = cetpan_clist_begin(node.pointee.mm_data.mm_multipart.mm_mp_list)
            while let item = iter {
                if let child = cetpan_clist_content(item)?.assumingMemoryBound(to: mailmime.self) {
                    children.append(copy(child, headerStart: child.pointee.mm_mime_start, depth: depth + 1))
                }
                iter = cetpan_clist_next(item)
            }
            return MIMENode(header: header, content: .multipart(children))
        case MAILMIME_MESSAGE:
            let raw = decodedBody(bodyData)
            guard let inner = node.pointee.mm_data.mm_message.mm_msg_mime else {
                return MIMENode(header: header, content: .message(raw: raw, inner: MIMEParser.fallback(raw)))
            }
            // The embedded message's own header starts where this part's body starts.
            let innerNode = copy(inner, headerStart: bodyData?.pointee.dt_data.dt_text.dt_data, depth: depth + 1)
            return MIMENode(header: header, content: .message(raw: raw, inner: innerNode))
        default:
            return MIMENode(header: header, content: .leaf(body: decodedBody(node.pointee.mm_data.mm_single)))
        }
    }
}

/// Finds the end of a header block in raw bytes, with CRLF or bare LF line ends.
public enum HeaderBlock {
    /// `headerEnd`: the end of the last header line (before the blank line);
    /// `bodyStart`: the first byte after the blank line (or the end of the input).
    public static func split(_ raw: [UInt8]) -> (headerEnd: Int, bodyStart: Int) {
        var index = 0
        var lineStart = 0
        while index < raw.count {
            if raw[index] == 0x0A {
                let line = lineStart..<index
                let isBlank = line.isEmpty || (line.count == 1 && raw[line.lowerBound] == 0x0D)
                if isBlank { return (lineStart, index + 1) }
                lineStart = index + 1
            }
            index += 1
        }
        return (raw.count, raw.count)
    }

    /// The header of `raw` and the blank line after it, without the body (a mail of which
    /// only the head was fetched: a header cut off within the fetched bytes is kept as it is).
    public static func header(of raw: [UInt8]) -> [UInt8] {
        let (headerEnd, bodyStart) = split(raw)
        return headerEnd == raw.count ? raw + Array("\r\n\r\n".utf8) : Array(raw[..<bodyStart])
    }

    /// Drops the blank line (and the line end before it) that libetpan counts as header.
    static func trimmingSeparator(_ header: [UInt8]) -> [UInt8] {
        var end = header.count
        var newlines = 0
        while end > 0, header[end - 1] == 0x0A || header[end - 1] == 0x0D {
            if header[end - 1] == 0x0A { newlines += 1 }
            end -= 1
        }
        return Array(header[..<end])
    }
}

public enum TransferDecoding {
    /// Base64 as mail readers decode it: characters outside the alphabet (line ends,
    /// stray spaces) are skipped, and decoding ends at the padding. libetpan's decoder
    /// appends byte by byte and cost a third of the parse of a mail with attachments.
    public static func base64(_ input: UnsafeRawBufferPointer) -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(input.count / 4 * 3 + 3)
        var quantum: UInt32 = 0
        var filled = 0
        for byte in input {
            let value = base64Values[Int(byte)]
            if value == 0xFF { continue }
            if value == 0xFE { break }  // `=`
            quantum = quantum << 6 | UInt32(value)
            filled += 1
            if filled == 4 {
                output.append(UInt8(truncatingIfNeeded: quantum >> 16))
                output.append(UInt8(truncatingIfNeeded: quantum >> 8))
                output.append(UInt8(truncatingIfNeeded: quantum))
                quantum = 0
                filled = 0
            }
        }
        // A final partial quantum: two characters give one byte, three give two.
        if filled == 2 {
            output.append(UInt8(truncatingIfNeeded: quantum >> 4))
        } else if filled == 3 {
            output.append(UInt8(truncatingIfNeeded: quantum >> 10))
            output.append(UInt8(truncatingIfNeeded: quantum >> 2))
        }
        return output
    }

    /// 0–63 for the alphabet, 0xFE for `=`, 0xFF for anything else.
    private static let base64Values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, character) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(character)] = UInt8(index)
        }
        table[Int(UInt8(ascii: "="))] = 0xFE
        return table
    }()
}
