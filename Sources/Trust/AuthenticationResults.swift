public import TicketCore

/// One `Authentication-Results` header field (RFC 8601): who added it and what each
/// method found. Comments are dropped; names are lower-cased.
public struct AuthenticationResults: Sendable, Equatable {
    public struct Result: Sendable, Equatable {
        /// `dmarc`, `dkim`, `spf`, …
        public var method: String
        /// `pass`, `fail`, `none`, …
        public var result: String
        /// `header.from`, `header.d`, `smtp.mailfrom`, … (names lower-cased, values as written).
        public var properties: [String: String]

        public init(method: String, result: String, properties: [String: String] = [:]) {
            self.method = method
            self.result = result
            self.properties = properties
        }
    }

    public var authservID: String
    public var results: [Result]

    public init(authservID: String, results: [Result]) {
        self.authservID = authservID
        self.results = results
    }

    /// Reads one field value; nil when it has no authserv-id. Linear in the value's length,
    /// and values over 8 KB are cut (an MTA's own header is far shorter).
    public init?(_ value: String) {
        let statements = Self.statements(Self.withoutComments(Array(value.utf8.prefix(8_192))))
        guard let first = statements.first, let id = first.first, !id.contains("=") else { return nil }
        authservID = id.lowercased()
        results = statements.dropFirst().compactMap(Self.result)
    }

    /// The first word of the statement is `method=result`; the words after it are a
    /// `reason=` and `ptype.property=value` pairs.
    private static func result(_ words: [String]) -> Result? {
        guard let first = words.first, let equals = first.firstIndex(of: "=") else { return nil }
        // RFC 8601 allows `dkim/1=pass`: the version after the method is not needed here.
        let method = first[..<equals].split(separator: "/").first.map { $0.lowercased() } ?? ""
        var properties: [String: String] = [:]
        for word in words.dropFirst() {
            guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { continue }
            let name = word[..<equals].lowercased()
            if properties[name] == nil {
                properties[name] = String(word[word.index(after: equals)...].map { character -> Character in
                    character == "\u{1E}" ? ";" : character == "\u{1F}" ? " " : character
                })
            }
        }
        return Result(method: method, result: first[first.index(after: equals)...].lowercased(), properties: properties)
    }

    /// Stand-ins for `;` and white space inside a quoted string, put back in values.
    private static let quotedSemicolon: UInt8 = 0x1E
    private static let quotedSpace: UInt8 = 0x1F

    /// The text with every (possibly nested) comment turned into a space; quoted strings
    /// kept, their quotes removed and their escapes undone.
    private static func withoutComments(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var depth = 0
        var quoted = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), (depth > 0 || quoted), index + 1 < bytes.count {
                if quoted { output.append(bytes[index + 1]) }
                index += 2
                continue
            }
            if quoted {
                // Inside quotes, `;` and white space are text: kept apart from the separators
                // (a sender's quoted local part must not add a statement of its own).
                if byte == UInt8(ascii: "\"") {
                    quoted = false
                } else {
                    output.append(byte == UInt8(ascii: ";") ? quotedSemicolon : byte == 0x20 || byte == 0x09 ? quotedSpace : byte)
                }
            } else if byte == UInt8(ascii: "(") {
                depth += 1
            } else if byte == UInt8(ascii: ")"), depth > 0 {
                depth -= 1
                if depth == 0 { output.append(UInt8(ascii: " ")) }
            } else if depth == 0 {
                if byte == UInt8(ascii: "\"") { quoted = true } else { output.append(byte) }
            }
            index += 1
        }
        return output
    }

    /// Statements split at `;`, each a list of words, with the space around `=` and `.`
    /// that RFC 8601's CFWS allows taken out.
    private static func statements(_ bytes: [UInt8]) -> [[String]] {
        String(decoding: bytes, as: UTF8.self).split(separator: ";", omittingEmptySubsequences: false).map { statement in
            var words: [String] = []
            for word in statement.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }) {
                if let last = words.last, last.hasSuffix("=") || last.hasSuffix(".") || word.hasPrefix("=") || word.hasPrefix(".") {
                    words[words.count - 1] = last + word
                } else {
                    words.append(String(word))
                }
            }
            return words
        }
    }
}

/// What the site's own MTA says of a message's From domain.
public enum DomainAuthentication: Sendable, Equatable {
    /// DMARC passed for the From domain.
    case dmarcPass(domain: String)
    /// A DKIM signature of a domain aligned with the From domain verified.
    case alignedDKIMPass(domain: String, signer: String)

    /// The verdict of the topmost `Authentication-Results` added by one of `trustedAuthservIDs`
    /// (lower-case), for the domain of `message`'s From; nil when there is none or it shows no
    /// pass. Fields from other authserv-ids, and every field below the topmost trusted one,
    /// are ignored: a sender can write any of them into their own mail.
    public static func verdict(of message: Message, trustedAuthservIDs: Set<String>) -> DomainAuthentication? {
        guard !trustedAuthservIDs.isEmpty, let from = message.from?.address,
              let at = from.lastIndex(of: "@") else { return nil }
        let domain = from[from.index(after: at)...].lowercased()
        let field = message.headers.lazy
            .filter { $0.name.equalsIgnoringASCIICase("Authentication-Results") }
            .compactMap { AuthenticationResults($0.value) }
            .first { trustedAuthservIDs.contains($0.authservID) }
        guard let field else { return nil }
        // A mail with more than one From cannot be aligned with one of them.
        guard message.headers.filter({ $0.name.equalsIgnoringASCIICase("From") }).count == 1 else { return nil }
        // The pass must name the domain it is for (a result without `header.from` could be
        // about another address of a From field that holds several), and no other DMARC
        // result of the field may say otherwise.
        let dmarc = field.results.filter { $0.method == "dmarc" }
        if !dmarc.isEmpty, dmarc.allSatisfy({ $0.result == "pass" && $0.properties["header.from"]?.lowercased() == domain }) {
            return .dmarcPass(domain: domain)
        }
        for result in field.results where result.method == "dkim" && result.result == "pass" {
            guard let signer = (result.properties["header.d"] ?? result.properties["header.i"].map(Self.domainOfIdentity))?.lowercased()
            else { continue }
            if isAligned(signer: signer, with: domain) { return .alignedDKIMPass(domain: domain, signer: signer) }
        }
        return nil
    }

    /// Relaxed alignment (RFC 7489 §3.1.1) without a public-suffix list: the signer is the
    /// From domain or a parent of it with at least two labels.
    static func isAligned(signer: String, with domain: String) -> Bool {
        let signer = signer.hasSuffix(".") ? String(signer.dropLast()) : signer
        guard signer.contains("."), !signer.hasPrefix(".") else { return false }
        return domain == signer || domain.hasSuffix("." + signer)
    }

    private static func domainOfIdentity(_ identity: String) -> String {
        identity.lastIndex(of: "@").map { String(identity[identity.index(after: $0)...]) } ?? identity
    }
}
