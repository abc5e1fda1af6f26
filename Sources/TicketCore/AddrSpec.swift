/// The one check of a mail address before ticketd stores it or sends to it (RFC 5321 and
/// 5322 addr-spec, strictly): mail from the internet may carry anything in an address
/// field, and an address ends up in SMTP commands and in header fields.
public enum AddrSpec {
    /// Why `address` is not an address ticketd accepts; nil when it is one.
    public static func refusal(_ address: String) -> String? {
        // Every address of every mail passes here: read the bytes in place when the
        // string is contiguous UTF-8 (as parsed mail is), without an array per address.
        if let refusal = address.utf8.withContiguousStorageIfAvailable({ refusal(bytes: $0) }) { return refusal }
        return refusal(bytes: Array(address.utf8)[...])
    }

    private static func refusal<Bytes: RandomAccessCollection>(bytes: Bytes) -> String? where Bytes.Element == UInt8 {
        guard !bytes.isEmpty else { return "the address is empty" }
        guard bytes.count <= 254 else { return "the address is longer than 254 bytes" }
        if let bad = bytes.first(where: { $0 < 0x21 || $0 == 0x7F }) {
            return bad == 0x20 ? "the address contains a space" : "the address contains a control character"
        }
        if let bad = bytes.first(where: { [UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ","), UInt8(ascii: ";")].contains($0) }) {
            return "the address contains \"\(Character(Unicode.Scalar(bad)))\""
        }
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return "the address has no @" }
        let local = bytes[..<at], domain = bytes[bytes.index(after: at)...]
        guard !local.isEmpty else { return "the address has nothing before the @" }
        guard local.count <= 64 else { return "the part before the @ is longer than 64 bytes" }
        guard !domain.isEmpty else { return "the address has no domain" }
        if domain.first == UInt8(ascii: "["), domain.last == UInt8(ascii: "]") { return nil }  // an address literal
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.allSatisfy({ !$0.isEmpty && $0.count <= 63 }) else { return "the domain has an empty or overlong label" }
        let allowed: (UInt8) -> Bool = { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "-") || byte >= 0x80
        }
        guard domain.allSatisfy({ $0 == UInt8(ascii: ".") || allowed($0) }) else { return "the domain has a character a host name cannot have" }
        return nil
    }

    public static func isValid(_ address: String) -> Bool { refusal(address) == nil }
}
