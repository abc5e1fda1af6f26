import Foundation
public import TicketCore

/// Decides whether a mail is automatic (RFC 3834 and common practice) and must never be
/// answered. The order of the checks is the order of the reasons reported.
public struct Screener: Sendable {
    /// The header ticketd puts on everything it sends; seeing it back means a loop.
    public static let loopHeaderName = "X-Ticketd-Loop"

    public init() {}

    /// The sender asked for no automatic replies: Microsoft's `X-Auto-Response-Suppress`
    /// with `All`, `AutoReply` or `OOF` (issue 14, point 8). Their mail is still taken in.
    public static func suppressesAutoReplies(_ message: Message) -> Bool {
        message.headers.contains { field in
            field.name.equalsIgnoringASCIICase("X-Auto-Response-Suppress") && field.value.split(separator: ",").contains { token in
                let value = token.trimmingScalars(in: .whitespaces).lowercased()
                return value == "all" || value == "autoreply" || value == "oof"
            }
        }
    }

    public func automaticReason(_ message: Message) -> AutomaticReason? {
        if message.hasHeader(Self.loopHeaderName) { return .loop }
        if message.isDeliveryStatusReport { return .deliveryStatus }
        // Every Auto-Submitted field counts: a `no` before an `auto-generated` hides nothing
        // (outsider review).
        let autoSubmitted = values(of: "Auto-Submitted", in: message)
        if autoSubmitted.contains("auto-replied") { return .autoReplied }
        if autoSubmitted.contains(where: { $0 != "no" }) { return .autoSubmitted }
        if message.hasHeader("X-Autoreply") || message.hasHeader("X-Autorespond") { return .autoReplied }
        if let returnPath = message.header("Return-Path"), isNullPath(returnPath) { return .nullReturnPath }
        if let sender = message.from?.address, isDaemonAddress(sender) { return .mailerDaemon }
        let precedence = values(of: "Precedence", in: message)
        if precedence.contains("auto_reply") { return .autoReplied }
        if precedence.contains(where: { ["bulk", "junk", "list"].contains($0) }) { return .precedence }
        // RFC 2369 and 2919: any of a list's own fields.
        if Self.listFields.contains(where: message.hasHeader) { return .list }
        if let sender = message.from?.address, Self.isNoReplyAddress(sender) { return .noReplySender }
        return nil
    }

    static let listFields = ["List-Id", "List-Unsubscribe", "List-Post", "List-Help", "List-Subscribe", "List-Owner", "List-Archive"]

    static let noReplyLocalParts = [
        "noreply", "no-reply", "no_reply", "no.reply", "donotreply", "do-not-reply", "do_not_reply", "do.not.reply", "mailer-daemon", "postmaster",
        "bounce", "bounces",
    ]

    /// The values of every `name` field, each its first word lower-cased: a value may carry
    /// parameters or a comment (`auto-replied; owner-email="…"`, `bulk (digest)`).
    private func values(of name: String, in message: Message) -> [String] {
        message.headers.filter { $0.name.equalsIgnoringASCIICase(name) }.map { field in
            field.value.trimmingScalars(in: .whitespaces).prefix { $0 != ";" && $0 != "(" && !$0.isWhitespace }.lowercased()
        }
    }

    /// A no-reply or daemon address: `noreply@…`, `no-reply+alerts@…`, `bounces@…`.
    public static func isNoReplyAddress(_ address: String) -> Bool {
        let local = address.lowercased().prefix { $0 != "@" }
        return noReplyLocalParts.contains { part in
            local == part || local.hasPrefix(part) && "+-".contains(local.dropFirst(part.count).first ?? " ")
        }
    }

    private func isNullPath(_ value: String) -> Bool {
        value.filter { !$0.isWhitespace } == "<>"
    }

    private func isDaemonAddress(_ address: String) -> Bool {
        let local = address.split(separator: "@", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        return local == "mailer-daemon" || local == "postmaster"
    }
}
