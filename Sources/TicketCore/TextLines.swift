public import Foundation

/// Byte-level text helpers for the hot path: Foundation's `replacingOccurrences` and
/// `caseInsensitiveCompare` go through NSString and cost more than the parsing around them.
public enum TextLines {
    /// CRLF and lone CR become LF.
    public static func normalized(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(0x0D) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count)
        var previousWasCR = false
        for byte in utf8 {
            if byte == 0x0D {
                output.append(0x0A)
                previousWasCR = true
                continue
            }
            if byte == 0x0A, previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = false
            output.append(byte)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether `needle` occurs in `haystack`, byte for byte.
    public static func contains(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack, needle = needle
        return haystack.withUTF8 { text in
            needle.withUTF8 { word in
                guard let first = word.first else { return true }
                guard let base = text.baseAddress, text.count >= word.count else { return false }
                var start = 0
                // memchr to each candidate first byte, then compare the rest.
                while start + word.count <= text.count {
                    guard let hit = memchr(base + start, Int32(first), text.count - word.count - start + 1) else { return false }
                    let offset = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                    if memcmp(hit, word.baseAddress!, word.count) == 0 { return true }
                    start = offset + 1
                }
                return false
            }
        }
    }

    /// Whether `needle`, in lower-case ASCII, occurs in `haystack` with its letters in
    /// any case. Lower-casing a whole mail body to search it cost more than the search.
    public static func containsIgnoringASCIICase(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack, needle = needle
        return haystack.withUTF8 { text in
            needle.withUTF8 { word in
                guard let first = word.first else { return true }
                guard text.count >= word.count else { return false }
                for start in 0...(text.count - word.count) where lowerASCII(text[start]) == first {
                    var index = 1
                    while index < word.count, lowerASCII(text[start + index]) == word[index] { index += 1 }
                    if index == word.count { return true }
                }
                return false
            }
        }
    }

    @inline(__always) private static func lowerASCII(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    /// LF becomes CRLF (for text already normalized).
    public static func crlf(_ text: String) -> String {
        let utf8 = text.utf8
        var output: [UInt8] = []
        output.reserveCapacity(utf8.count + utf8.count / 32)
        for byte in utf8 {
            if byte == 0x0A { output.append(0x0D) }
            output.append(byte)
        }
        return String(decoding: output, as: UTF8.self)
    }
}

extension String {
    /// Equality with ASCII letters folded, as header field names compare.
    public func equalsIgnoringASCIICase(_ other: String) -> Bool {
        var left = utf8.makeIterator()
        var right = other.utf8.makeIterator()
        while let a = left.next() {
            guard let b = right.next() else { return false }
            if a != b {
                let lower = a | 0x20
                guard lower == b | 0x20, lower >= UInt8(ascii: "a"), lower <= UInt8(ascii: "z") else { return false }
            }
        }
        return right.next() == nil
    }
}

extension StringProtocol {
    /// The text without the scalars of `set` at either end: what Foundation's
    /// `trimmingCharacters(in:)` gives for a set of the Basic Multilingual Plane (all of
    /// ticketd's), without its trip through NSString, whose first use made the runtime look
    /// up three conformances (a fiftieth of what `ingest -` of one mail costs).
    public func trimmingScalars(in set: CharacterSet) -> String {
        let text = String(self)
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !set.contains($0) }) else { return "" }
        guard let last = scalars.lastIndex(where: { !set.contains($0) }), first != scalars.startIndex || last != scalars.index(before: scalars.endIndex) else {
            return text
        }
        return String(Substring(scalars[first...last]))
    }
}

/// Compiled regular expressions by pattern: compiling one costs more than matching.
public enum RegexCache {
    // NSCache is thread-safe, and an NSRegularExpression may be shared between threads.
    nonisolated(unsafe) private static let cache = NSCache<NSString, NSRegularExpression>()

    public static func regex(_ pattern: String, caseInsensitive: Bool = false) -> NSRegularExpression? {
        let key = ((caseInsensitive ? "i:" : "c:") + pattern) as NSString
        if let cached = cache.object(forKey: key) { return cached }
        guard let regex = try? NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : []) else { return nil }
        cache.setObject(regex, forKey: key)
        return regex
    }

    /// `text` with every match of `pattern` replaced by `template`.
    public static func replacing(_ pattern: String, in text: String, with template: String, caseInsensitive: Bool = false) -> String {
        guard let regex = regex(pattern, caseInsensitive: caseInsensitive) else { return text }
        return regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }
}
