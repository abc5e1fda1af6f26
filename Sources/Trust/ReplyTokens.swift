import Etpan
public import Foundation
public import TicketCore

/// A key that signs reply tokens, and when it was made (the newest key signs; an older
/// one is still accepted for the overlap after its successor was made).
public struct ReplyTokenKey: Sendable, Equatable {
    public var bytes: [UInt8]
    public var createdAt: Date

    public init(bytes: [UInt8], createdAt: Date) {
        self.bytes = bytes
        self.createdAt = createdAt
    }
}

/// Reply tokens (DESIGN.md §1, "Trust"): `<ticket>-<signature>`, the signature an HMAC
/// of (ticket, recipient address) under the site's key, cut to 100 bits and written in
/// lower-case base32 so that it survives mail systems that change the case of an address.
/// A token proves that whoever sends it got our mail about that ticket at that address.
/// Mail about no ticket (reports, refusals) is signed for ticket 0.
public struct ReplyTokenKeyring: Sendable, Equatable {
    /// Newest first.
    public let keys: [ReplyTokenKey]
    /// How long an older key stays valid after the next one was made.
    public let overlap: TimeInterval

    static let signatureLength = 20
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)

    public init(keys: [ReplyTokenKey], overlap: TimeInterval) {
        precondition(!keys.isEmpty, "a keyring needs a key")
        self.keys = keys.sorted { $0.createdAt > $1.createdAt }
        self.overlap = overlap
    }

    /// The token for mail about `ticket` (nil: about none) to `address`.
    public func token(ticket: Int?, address: String) -> String {
        let number = ticket ?? 0
        return "\(number)-" + Self.signature(keys[0], ticket: number, address: address)
    }

    /// The keys that verify tokens at `now`: the newest, and each older one until `overlap`
    /// after the key that replaced it was made.
    func validKeys(at now: Date) -> ArraySlice<ReplyTokenKey> {
        var count = 1
        while count < keys.count, now.timeIntervalSince(keys[count - 1].createdAt) < overlap { count += 1 }
        return keys.prefix(count)
    }

    /// Whether `token` was issued for `ticket` (nil: no ticket) to `address`, under a key valid at `now`.
    public func verifies(_ token: String, ticket: Int?, address: String, at now: Date) -> Bool {
        guard let parsed = Self.parse(Substring(token.lowercased())), parsed.ticket == (ticket ?? 0) else { return false }
        return Self.isSigned(parsed.signature, ticket: parsed.ticket, address: address, by: validKeys(at: now))
    }

    /// Whether one of `keys` gives `signature` for (ticket, address).
    private static func isSigned(_ signature: String, ticket: Int, address: String, by keys: ArraySlice<ReplyTokenKey>) -> Bool {
        keys.contains { constantTimeEqual(self.signature($0, ticket: ticket, address: address), signature) }
    }

    /// The tickets (0 for none) for which `message` carries a token issued to its From
    /// address, valid at `now`: in a plus address of To, Cc, Delivered-To or X-Original-To,
    /// or in a Message-ID of In-Reply-To or References, whichever the sender's mail client kept.
    public func ticketsAuthenticated(in message: Message, at now: Date) -> Set<Int> {
        guard let sender = message.from?.address.lowercased(), !sender.isEmpty else { return [] }
        var tickets = Set<Int>()
        let keys = validKeys(at: now)
        for candidate in Self.candidates(in: message) where !tickets.contains(candidate.ticket) {
            if Self.isSigned(candidate.signature, ticket: candidate.ticket, address: sender, by: keys) { tickets.insert(candidate.ticket) }
        }
        return tickets
    }

    /// The fields a reply brings a token back in.
    static let tokenFields = ["To", "Cc", "Delivered-To", "X-Original-To", "In-Reply-To", "References"]
    /// At most this many candidates are checked per message: a mail stuffed with fake
    /// tokens costs no more than this many HMACs.
    static let candidateLimit = 32

    /// Every `<digits>-<20 base32>` in the token fields, bounded by the digits before it
    /// and by a character that cannot be in a signature after it. One pass per field.
    static func candidates(in message: Message) -> [(ticket: Int, signature: String)] {
        var found: [(ticket: Int, signature: String)] = []
        for field in message.headers where tokenFields.contains(where: { field.name.equalsIgnoringASCIICase($0) }) {
            let bytes = Array(field.value.utf8.prefix(16_384))
            var index = 0
            while index < bytes.count, found.count < candidateLimit {
                guard bytes[index] == UInt8(ascii: "-") else { index += 1; continue }
                var start = index
                while start > 0, isDigit(bytes[start - 1]), index - start < 9 { start -= 1 }
                let end = index + 1 + signatureLength
                if start < index, start == 0 || !isDigit(bytes[start - 1]), end <= bytes.count,
                   bytes[(index + 1)..<end].allSatisfy(isSignatureCharacter), end == bytes.count || !isSignatureCharacter(bytes[end]),
                   let ticket = Int(String(decoding: bytes[start..<index], as: UTF8.self))
                {
                    found.append((ticket, String(decoding: bytes[(index + 1)..<end].map(lowercased), as: UTF8.self)))
                    index = end
                } else {
                    index += 1
                }
            }
        }
        return found
    }

    /// A Message-ID of ours: `ticketd.<token>.<unique>@<domain>`. The token leads, so that a
    /// bounce or a reply that keeps only References still brings it back.
    public static func messageID(token: String, unique: String, domain: String) -> String {
        "ticketd.\(token).\(unique)@\(domain)"
    }

    /// The token in one of our Message-IDs (`messageID(token:unique:domain:)`).
    public static func token(inMessageID id: String) -> (text: String, ticket: Int)? {
        let components = id.split(separator: ".", maxSplits: 2)
        guard components.count == 3, components[0] == "ticketd", let parsed = parse(components[1]) else { return nil }
        return (String(components[1]), parsed.ticket)
    }

    static func parse(_ token: Substring) -> (ticket: Int, signature: String)? {
        guard let dash = token.firstIndex(of: "-"), dash > token.startIndex, token.distance(from: token.startIndex, to: dash) <= 9,
              token[..<dash].utf8.allSatisfy(isDigit), let ticket = Int(token[..<dash]) else { return nil }
        let signature = token[token.index(after: dash)...]
        guard signature.utf8.count == signatureLength, signature.utf8.allSatisfy(isSignatureCharacter) else { return nil }
        return (ticket, String(signature))
    }

    static func signature(_ key: ReplyTokenKey, ticket: Int, address: String) -> String {
        let message = Array("ticketd reply token\n\(ticket)\n\(address.lowercased())".utf8)
        let mac = ContentHash.hmacSHA256(key: key.bytes, message: message)
        // Base32 of the first 100 bits: 5 bits per character.
        var text: [UInt8] = []
        text.reserveCapacity(signatureLength)
        for position in 0..<signatureLength {
            let bit = position * 5
            let pair = (UInt16(mac[bit / 8]) << 8) | UInt16(mac[bit / 8 + 1])
            let value = (pair >> (11 - UInt16(bit % 8))) & 0x1F
            text.append(alphabet[Int(value)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let (a, b) = (Array(left.utf8), Array(right.utf8))
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isSignatureCharacter(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x32 && byte <= 0x37)
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
}
