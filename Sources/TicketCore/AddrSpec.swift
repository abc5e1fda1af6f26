/// The one check of a mail address before ticketd stores it or sends to it: an addr-spec
/// of RFC 5322 (with RFC 6532's UTF-8), strictly. Mail from the internet may carry
/// anything in an address field, and an address ends up in SMTP commands and in header
/// fields. The local part is a dot-atom or a quoted string without spaces; the domain is a
/// host name or an address literal; nothing in the address is a control, format, space or
/// separator character, and exactly one `@` stands outside the quotes.
public enum AddrSpec {
    /// Why `address` is not an address ticketd accepts; nil when it is one.
    public static func refusal(_ address: String) -> String? {
        let bytes = Array(address.utf8)
        guard !bytes.isEmpty else { return "the address is empty" }
        guard bytes.count <= 254 else { return "the address is longer than 254 bytes" }
        if let bad = bytes.first(where: { $0 < 0x21 || $0 == 0x7F }) {
            return bad == 0x20 ? "the address contains a space" : "the address contains a control character"
        }
        if bytes.contains(where: { $0 >= 0x80 }), let bad = address.unicodeScalars.first(where: isForbidden) {
            return "the address contains U+\(String(bad.value, radix: 16, uppercase: true)), which no address may hold"
        }
        if let bad = bytes.first(where: { [UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: ","), UInt8(ascii: ";")].contains($0) }) {
            return "the address contains \"\(Character(Unicode.Scalar(bad)))\""
        }
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return "the address has no @" }
        let local = bytes[..<at], domain = bytes[bytes.index(after: at)...]
        guard !local.isEmpty else { return "the address has nothing before the @" }
        guard local.count <= 64 else { return "the part before the @ is longer than 64 bytes" }
        if let refusal = localPartRefusal(local) { return refusal }
        guard !domain.isEmpty else { return "the address has no domain" }
        return domainRefusal(domain)
    }

    public static func isValid(_ address: String) -> Bool { refusal(address) == nil }

    /// One spelling per mailbox, for a valid address: a quoted local part loses its
    /// quoted-pairs (`"v\ictim"` is `"victim"`) and then its quotes when what is left is a
    /// dot-atom; the rest stays. Without it, each spelling of one mailbox had a limit of
    /// automatic mail of its own (outsider attack N1).
    public static func canonical(_ address: String) -> String {
        guard address.hasPrefix("\""), let at = address.lastIndex(of: "@"), address.distance(from: address.startIndex, to: at) >= 2
        else { return address }
        let quoted = address[address.index(after: address.startIndex)..<address.index(before: at)]
        var local = ""
        var escaping = false
        for character in quoted {
            if !escaping, character == "\\" { escaping = true; continue }
            escaping = false
            local.append(character)
        }
        let domain = address[at...]
        if !local.isEmpty, localPartRefusal(ArraySlice(local.utf8)) == nil { return local + domain }
        var requoted = "\""
        for character in local {
            if character == "\\" || character == "\"" { requoted.append("\\") }
            requoted.append(character)
        }
        return requoted + "\"" + domain
    }

    /// Control, format (zero-width, direction marks, BOM), line and paragraph separator and
    /// space characters, and the replacement character that stands for undecodable bytes.
    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator, .surrogate, .privateUse, .unassigned:
            return true
        default:
            return scalar.value == 0xFFFD
        }
    }

    /// RFC 5322 atext, and any UTF-8 byte of a non-ASCII character (RFC 6532).
    private static func isAtext(_ byte: UInt8) -> Bool {
        if byte >= 0x80 || isLetterOrDigit(byte) { return true }
        return "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }

    private static func localPartRefusal(_ local: ArraySlice<UInt8>) -> String? {
        let quote = UInt8(ascii: "\"")
        if local.first == quote {
            // A quoted string: printable ASCII or UTF-8, with `\` escaping one character.
            guard local.count >= 3, local.last == quote else { return "the quoted part before the @ is not closed" }
            var escaped = false
            for byte in local.dropFirst().dropLast() {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == quote {
                    return "the quoted part before the @ has a stray quote"
                }
            }
            return escaped ? "the quoted part before the @ ends in a backslash" : nil
        }
        let atoms = local.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard atoms.allSatisfy({ !$0.isEmpty }) else { return "the part before the @ has an empty dot-separated piece" }
        guard local.allSatisfy({ $0 == UInt8(ascii: ".") || isAtext($0) }) else {
            return "the part before the @ has a character that needs quotes"
        }
        return nil
    }

    private static func domainRefusal(_ domain: ArraySlice<UInt8>) -> String? {
        if domain.first == UInt8(ascii: "[") {
            // An address literal: [192.0.2.1] or [IPv6:2001:db8::1].
            let inner = domain.dropFirst().dropLast()
            guard domain.last == UInt8(ascii: "]"), !inner.isEmpty else { return "the address literal is not closed or empty" }
            let literal = inner.starts(with: "IPv6:".utf8) ? inner.dropFirst(5) : inner
            let isHexDigitDotOrColon: (UInt8) -> Bool = { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66) || byte == UInt8(ascii: ".")
                    || byte == UInt8(ascii: ":")
            }
            guard !literal.isEmpty, literal.allSatisfy(isHexDigitDotOrColon) else { return "the address literal is not an IP address" }
            return nil
        }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.allSatisfy({ !$0.isEmpty && $0.count <= 63 }) else { return "the domain has an empty or overlong label" }
        for label in labels {
            guard label.allSatisfy({ $0 >= 0x80 || isLetterOrDigit($0) || $0 == UInt8(ascii: "-") }) else {
                return "the domain has a character a host name cannot have"
            }
            guard label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else {
                return "a label of the domain starts or ends with a hyphen"
            }
        }
        return nil
    }
}
