import Etpan
import Foundation
public import TicketCore

/// What put a mail over one of the ``MessageLimits``.
public enum StructureViolation: Sendable, Equatable, CustomStringConvertible {
    case mimeDepth(limit: Int)
    case parts(limit: Int)
    case headerLines(limit: Int)
    case lineBytes(line: Int, limit: Int)

    public var description: String {
        switch self {
        case .mimeDepth(let limit): "MIME parts nested more than \(limit) deep"
        case .parts(let limit): "more than \(limit) MIME parts"
        case .headerLines(let limit): "more than \(limit) header lines"
        case .lineBytes(let line, let limit): "line \(line) is longer than \(limit) bytes"
        }
    }
}

/// One pass over a mail's bytes, before it is parsed, that finds whether its structure
/// stays within the limits: boundaries and `Content-Type` fields are followed as a MIME
/// parser would, without building anything. Linear in the bytes: a line is compared with
/// the open boundaries only when it starts with `--`, and there are at most
/// `limits.mimeDepth` of those.
public enum StructureScan {
    public static func violation(in raw: [UInt8], limits: MessageLimits) -> StructureViolation? {
        raw.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            var scanner = Scanner(limits: limits)
            var start = 0
            var lineNumber = 0
            while start < buffer.count {
                let rest = buffer.count - start
                let end = memchr(base + start, 0x0A, rest).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? buffer.count
                var length = end - start
                if length > 0, base[start + length - 1] == 0x0D { length -= 1 }
                // A lone CR ends a line too, as the parser reads it (`…boundary="b"\n\r--b`).
                var piece = start
                while let carriageReturn = memchr(base + piece, 0x0D, start + length - piece) {
                    let pieceEnd = UnsafeRawPointer(carriageReturn) - UnsafeRawPointer(base)
                    lineNumber += 1
                    if pieceEnd - piece > limits.lineBytes { return .lineBytes(line: lineNumber, limit: limits.lineBytes) }
                    if let violation = scanner.take(UnsafeBufferPointer(start: base + piece, count: pieceEnd - piece)) { return violation }
                    piece = pieceEnd + 1
                }
                lineNumber += 1
                if start + length - piece > limits.lineBytes { return .lineBytes(line: lineNumber, limit: limits.lineBytes) }
                if let violation = scanner.take(UnsafeBufferPointer(start: base + piece, count: start + length - piece)) { return violation }
                start = end + 1
            }
            return nil
        }
    }

    /// The header of a mail refused by its structure, cut to what the limits allow, for
    /// reading who sent it and its Message-ID; `isWhole` when nothing of it was cut.
    public static func boundedHeader(of raw: [UInt8], limits: MessageLimits) -> (bytes: [UInt8], isWhole: Bool) {
        var output: [UInt8] = []
        var lines = 0
        var isWhole = true
        for line in raw.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lines += 1
            if line.isEmpty || line == [0x0D] { break }
            if lines > min(limits.headerLines, 1_000) || output.count + line.count > 256 * 1024 {
                isWhole = false
                break
            }
            if line.count > limits.lineBytes { isWhole = false }
            output += line.prefix(limits.lineBytes)
            output.append(0x0A)
        }
        return (output + [0x0D, 0x0A], isWhole)
    }

    /// The state of the pass: the containers open around the current line and whether it
    /// is in a header.
    struct Scanner {
        let limits: MessageLimits
        /// Open containers, outermost first: a multipart's boundary (`--` included), or nil
        /// for an embedded message.
        var open: [Container] = []
        var inHeader = true
        var parts = 1
        var headerLines = 0
        /// The current header block's `Content-Type` fields, each unfolded (bounded): a
        /// parser may read any of them, so each is followed.
        var contentTypes: [[UInt8]] = []
        var readingContentType = false

        struct Container {
            /// `--` and the boundary: as written, and with its quoted pairs undone when
            /// they differ (parsers read it either way).
            var dashBoundaries: [[UInt8]]
            /// In `multipart/digest`, a part without `Content-Type` is a message.
            var isDigest = false
        }

        init(limits: MessageLimits) { self.limits = limits }

        mutating func take(_ line: UnsafeBufferPointer<UInt8>) -> StructureViolation? {
            inHeader ? headerLine(line) : bodyLine(line)
        }

        private mutating func headerLine(_ line: UnsafeBufferPointer<UInt8>) -> StructureViolation? {
            guard !line.isEmpty else { return endOfHeader() }
            headerLines += 1
            if headerLines > limits.headerLines { return .headerLines(limit: limits.headerLines) }
            if line[0] == 0x20 || line[0] == 0x09 {
                if readingContentType, let last = contentTypes.indices.last, contentTypes[last].count < 4096 {
                    contentTypes[last] += line.prefix(4096)
                }
            } else {
                let value = Self.contentTypeValue(line)
                readingContentType = value != nil && contentTypes.count < 16
                if readingContentType, let value { contentTypes.append(Array(value.prefix(4096))) }
            }
            return nil
        }

        /// The blank line after a header: what the block declared opens a container.
        /// The first `Content-Type` that declares a container opens it, whichever a parser
        /// reads: a duplicate field cannot hide nesting from the count.
        private mutating func endOfHeader() -> StructureViolation? {
            let fields = contentTypes
            contentTypes = []
            readingContentType = false
            let inDigest = open.last?.isDigest ?? false
            for field in fields {
                let original = String(decoding: field, as: UTF8.self)
                // Spaces and folds inside the type (`message/ rfc822`) do not change it.
                let type = String((original.split(separator: ";", maxSplits: 1).first ?? "").lowercased().filter { !$0.isWhitespace })
                if type.hasPrefix("multipart/"), let boundaries = Self.boundaries(in: original) {
                    return push(Container(dashBoundaries: boundaries.map { Array("--\($0)".utf8) }, isDigest: type == "multipart/digest"), header: false)
                }
                if type == "message/rfc822" || type == "message/global" {
                    return push(Container(dashBoundaries: []), header: true)
                }
            }
            if fields.isEmpty, inDigest { return push(Container(dashBoundaries: []), header: true) }
            inHeader = false
            return nil
        }

        private mutating func push(_ container: Container, header: Bool) -> StructureViolation? {
            open.append(container)
            if open.count > limits.mimeDepth { return .mimeDepth(limit: limits.mimeDepth) }
            if header {
                parts += 1
                if parts > limits.parts { return .parts(limit: limits.parts) }
            }
            inHeader = header
            return nil
        }

        private mutating func bodyLine(_ line: UnsafeBufferPointer<UInt8>) -> StructureViolation? {
            guard line.count >= 2, line[0] == UInt8(ascii: "-"), line[1] == UInt8(ascii: "-") else { return nil }
            for level in open.indices.reversed() {
                guard let dash = open[level].dashBoundaries.first(where: { dash in
                    line.count >= dash.count && memcmp(line.baseAddress!, dash, dash.count) == 0
                }) else { continue }
                let rest = line[(line.startIndex + dash.count)...]
                let closes = rest.count >= 2 && rest[rest.startIndex] == UInt8(ascii: "-") && rest[rest.startIndex + 1] == UInt8(ascii: "-")
                let padding = closes ? rest.dropFirst(2) : rest
                guard padding.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { continue }
                if closes {
                    open.removeSubrange(level...)
                    return nil
                }
                open.removeSubrange((level + 1)...)
                parts += 1
                if parts > limits.parts { return .parts(limit: limits.parts) }
                inHeader = true
                return nil
            }
            return nil
        }

        /// The value of a `Content-Type` field, with or without spaces before the colon
        /// (`Content-Type : …` is read by parsers all the same); nil for other fields.
        static func contentTypeValue(_ line: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>>? {
            let name: StaticString = "content-type"
            let count = name.utf8CodeUnitCount
            guard line.count > count,
                  strncasecmp(UnsafeRawPointer(line.baseAddress!).assumingMemoryBound(to: CChar.self),
                              UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self), count) == 0
            else { return nil }
            var index = line.startIndex + count
            while index < line.endIndex, line[index] == 0x20 || line[index] == 0x09 { index += 1 }
            guard index < line.endIndex, line[index] == UInt8(ascii: ":") else { return nil }
            return line[(index + 1)...]
        }

        /// The `boundary` parameter of a `Content-Type` value, quoted or not: as written,
        /// with its quoted pairs undone, and its encoded words decoded (parsers read it
        /// each of these ways).
        static func boundaries(in value: String) -> [String]? {
            guard let range = value.range(of: "boundary", options: .caseInsensitive) else { return nil }
            var rest = value[range.upperBound...].drop { $0 == " " || $0 == "\t" }
            guard rest.first == "=" else { return nil }
            rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
            guard rest.first == "\"" else {
                let boundary = rest.prefix { $0 != ";" && $0 != " " && $0 != "\t" && $0 != "\r" && $0 != "\n" }
                return boundary.isEmpty ? nil : [String(boundary)]
            }
            var written = "", unescaped = ""
            var characters = rest.dropFirst().makeIterator()
            while let character = characters.next(), character != "\"" {
                written.append(character)
                if character == "\\", let escaped = characters.next() {
                    written.append(escaped)
                    unescaped.append(escaped)
                } else {
                    unescaped.append(character)
                }
            }
            guard !written.isEmpty else { return nil }
            // An encoded word (`=?us-ascii?q?b1?=`) is decoded by the parser.
            let decoded = written.contains("=?") ? EncodedWords.decode(Array(unescaped.utf8)) : unescaped
            return Array(Set([written, unescaped, decoded]).filter { !$0.isEmpty })
        }
    }
}
