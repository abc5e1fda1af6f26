/// What a message id may hold to be read from mail and written back into it.
public enum MessageIDSyntax {
    /// Ids are seldom longer than 100 characters; RFC 5322 lines end at 998.
    public static let maximumLength = 250

    /// Printable ASCII without spaces or angle brackets, and not too long: an id taken from
    /// hostile mail must not carry control bytes, line ends or a new header field into the
    /// In-Reply-To and References of a reply.
    public static func isValid(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= maximumLength
            && id.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }
    }
}

extension MessageIDSyntax {
    /// How many ids a reply's References keeps.
    public static let referencesKept = 20

    /// The References of a reply to a mail: the mail's own References, cut to the first
    /// and the last ones (RFC 5322 §3.6.4) when it brings many, then the mail's id.
    public static func references(of thread: [String], replyingTo id: String) -> [String] {
        let kept = thread.count < referencesKept ? thread : [thread[0]] + thread.suffix(referencesKept - 2)
        return kept + [id]
    }
}
