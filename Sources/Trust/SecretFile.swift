public import Foundation
import TicketCore
#if canImport(Glibc)
import Glibc
#endif

/// The file that holds the reply-token keys: one line per key, `<made at, UTC> <64 hex
/// digits>`, newest or oldest first as it comes. Made on first start, readable only by
/// its owner; a file that group or others may read is refused, since whoever reads it can
/// sign tokens.
public enum SecretFile {
    public struct Failure: Error, CustomStringConvertible, Equatable {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// The keys in `path`; when there is no such file, one with a new key is made (0600).
    public static func loadOrCreate(_ path: String, now: Date) throws -> [ReplyTokenKey] {
        if !FileManager.default.fileExists(atPath: path) {
            let key = newKey(at: now)
            try write([key], to: path, exclusive: true)
            return [key]
        }
        return try load(path)
    }

    /// The keys in `path`, refused when the file is open to group or others or holds none.
    public static func load(_ path: String) throws -> [ReplyTokenKey] {
        var status = stat()
        guard stat(path, &status) == 0 else { throw Failure(path: path, reason: "cannot read it (\(String(cString: strerror(errno))))") }
        guard status.st_mode & 0o077 == 0 else {
            throw Failure(path: path, reason: "group or others may read it (mode \(String(status.st_mode & 0o777, radix: 8))): chmod 600 it")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw Failure(path: path, reason: "cannot read it")
        }
        var keys: [ReplyTokenKey] = []
        for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            // Trimmed by hand: Foundation's CharacterSet cost an `ingest -` of one mail 2% of its work.
            var trimmed = line
            while trimmed.first?.isWhitespace == true { trimmed.removeFirst() }
            while trimmed.last?.isWhitespace == true { trimmed.removeLast() }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let words = trimmed.split(separator: " ", omittingEmptySubsequences: true)
            guard words.count == 2, let createdAt = ISOTime.parse(String(words[0])), let bytes = hexBytes(words[1]), bytes.count >= 32 else {
                throw Failure(path: path, reason: "line \(index + 1) is not `<ISO 8601 time> <64 hex digits>`")
            }
            keys.append(ReplyTokenKey(bytes: bytes, createdAt: createdAt))
        }
        guard !keys.isEmpty else { throw Failure(path: path, reason: "it holds no key") }
        return keys
    }

    /// Adds a new key that signs from now on (making the file first when there is none);
    /// older keys stay for `overlap` after it, and keys already past their overlap are
    /// dropped. The file is replaced atomically.
    @discardableResult
    public static func rotate(_ path: String, now: Date, overlap: TimeInterval) throws -> [ReplyTokenKey] {
        let current = try loadOrCreate(path, now: now)
        let keyring = ReplyTokenKeyring(keys: current, overlap: overlap)
        let kept = Array(keyring.validKeys(at: now))
        // Strictly newer than every kept key, so that it is the one that signs.
        let madeAt = max(now, keyring.keys[0].createdAt.addingTimeInterval(1))
        let keys = [newKey(at: madeAt)] + kept
        try write(keys, to: path, exclusive: false)
        return keys
    }

    /// 32 bytes from the system's cryptographic generator, made at a whole second (as the
    /// file writes it).
    private static func newKey(at now: Date) -> ReplyTokenKey {
        var generator = SystemRandomNumberGenerator()
        let madeAt = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        return ReplyTokenKey(bytes: (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }, createdAt: madeAt)
    }

    private static func write(_ keys: [ReplyTokenKey], to path: String, exclusive: Bool) throws {
        let text = "# ticketd reply-token keys: made at (UTC), key. The newest signs; see README \"Trust and security\".\n"
            + keys.map { key in ISOTime.utc(key.createdAt) + " " + key.bytes.map { String(format: "%02x", $0) }.joined() + "\n" }.joined()
        let temporary = exclusive ? path : path + ".new"
        let flags = O_WRONLY | O_CREAT | (exclusive ? O_EXCL : O_TRUNC)
        let descriptor = open(temporary, flags, 0o600)
        guard descriptor >= 0 else { throw Failure(path: temporary, reason: "cannot create it (\(String(cString: strerror(errno))))") }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == bytes.count, synced == 0 else { throw Failure(path: temporary, reason: "cannot write it") }
        if !exclusive, rename(temporary, path) != 0 {
            throw Failure(path: path, reason: "cannot replace it (\(String(cString: strerror(errno))))")
        }
    }

    private static func hexBytes(_ text: Substring) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x61...0x66: byte - 0x61 + 10
        case 0x41...0x46: byte - 0x41 + 10
        default: nil
        }
    }
}
