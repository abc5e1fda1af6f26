public import Foundation
public import TicketCore

/// Who a signed-in user of the web side is to the desk: the units whose member address
/// they have, and whether they approve changes. Found from the address, as mail does.
public struct Viewer: Sendable, Equatable {
    /// The account's name, or the address a trusted proxy vouched for.
    public var name: String
    /// Lower case.
    public var address: String
    public var units: [String]
    public var isApprover: Bool
    /// A member of the unit that works security tickets.
    public var isSecurity: Bool
    /// The unit that works security tickets.
    public var securityUnit: String

    public init(name: String, address: String, units: [SupportUnit], approvers: Set<String>, securityUnit: String) {
        self.name = name
        self.address = address.lowercased()
        let memberOf = units.filter { $0.hasMember(address) }.map(\.name)
        self.units = memberOf
        isApprover = approvers.contains(address.lowercased())
        isSecurity = memberOf.contains { $0.caseInsensitiveCompare(securityUnit) == .orderedSame }
        self.securityUnit = securityUnit
    }
}

/// The web side's rules of who may see and do what, and of signing in: pure functions, a
/// table test for each refusal (DESIGN.md §1, "Trust").
public enum Access {
    /// Whether `viewer` may see `ticket` at all: a security ticket, or any ticket of the
    /// security unit, only by that unit (anyone else is told there is no such ticket), as
    /// `tickets list` shows them. Acting on what they see is the workflow's to allow, as
    /// for mail commands.
    public static func canSee(_ ticket: Ticket, viewer: Viewer) -> Bool {
        let isSecurity = ticket.kind == .security || ticket.unit.caseInsensitiveCompare(viewer.securityUnit) == .orderedSame
        return !isSecurity || viewer.isSecurity
    }

    /// The quarantine holds mail of every unit: unit members see it (an approver of changes
    /// in no unit does not), and mail of a security mailbox only the security unit.
    public static func mayUseQuarantine(_ viewer: Viewer) -> Bool { !viewer.units.isEmpty }

    public static func canSeeQuarantined(mailbox: String, viewer: Viewer, securityMailboxes: Set<String>) -> Bool {
        guard mayUseQuarantine(viewer) else { return false }
        return !securityMailboxes.contains(mailbox) || viewer.isSecurity
    }

    /// /metrics without a token: only for a scraper on this machine, and never through a
    /// proxy (a reverse proxy on loopback would open it to everyone it serves).
    /// Headers a proxy adds: a request with any of them came through one.
    public static let proxyHeaders = ["X-Forwarded-For", "Forwarded", "X-Real-IP", "Via", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Server"]

    public static func metricsOpen(peer: String?, trustedProxies: Set<String>, forwarded: Bool) -> Bool {
        guard let peer, !forwarded, !trustedProxies.contains(peer) else { return false }
        return peer == "::1" || peer.hasPrefix("127.") || peer == "::ffff:127.0.0.1"
    }

    /// Approving and rejecting changes is offered to approvers only.
    public static func mayApprove(_ viewer: Viewer) -> Bool { viewer.isApprover }

    /// Why a proxy's user header is not believed, or nil when it is: only from a configured
    /// proxy address, and only an address-like value (the proxy's OpenID Connect module
    /// passes the user's mail address).
    public static func proxyRefusal(peer: String?, header value: String?, trustedProxies: Set<String>) -> String? {
        guard let value, !value.isEmpty else { return "no user header" }
        guard let peer, trustedProxies.contains(peer) else { return "the user header came from \(peer ?? "an unknown address"), not a trusted proxy" }
        guard AddrSpec.isValid(value) else { return "the proxy's user \"\(value)\" is not a mail address" }
        return nil
    }

    /// Failed sign-ins that close the door for `throttleWindow`: per name tried, and per
    /// client address (a guesser of many names).
    public static let failuresPerName = 5
    public static let failuresPerClient = 20
    public static let throttleWindow: TimeInterval = 15 * 60

    /// Text from a request, fit for a log line: controls and line separators escaped, at
    /// most 64 characters (a name tried at sign-in must not forge log lines).
    public static func loggable(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(64) {
            if scalar.isControl || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\\" {
                out += scalar == "\\" ? "\\\\" : "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Why a sign-in is not even tried, or nil.
    public static func throttleRefusal(failuresForName: Int, failuresForClient: Int) -> String? {
        if failuresForName >= failuresPerName { return "too many failed sign-ins for this name: try again in 15 minutes" }
        if failuresForClient >= failuresPerClient { return "too many failed sign-ins from this address: try again in 15 minutes" }
        return nil
    }

    /// Why a new password is refused, or nil. bcrypt reads 72 bytes at most: a longer one
    /// would be cut without a word.
    public static func passwordRefusal(_ password: String, name: String) -> String? {
        if password.count < 10 { return "a password has at least 10 characters" }
        if password.utf8.count > 72 { return "a password has at most 72 bytes (bcrypt reads no more)" }
        if password.lowercased().contains(name.lowercased()) { return "a password does not contain the account's name" }
        if password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { return "a password has no control characters" }
        return nil
    }

    /// Why an account name is refused, or nil: letters, digits, `.`, `_`, `-`, `@`, 1 to 64.
    public static func nameRefusal(_ name: String) -> String? {
        guard (1...64).contains(name.count) else { return "an account name has 1 to 64 characters" }
        let allowed = name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-@".unicodeScalars.contains($0)) }
        return allowed ? nil : "an account name has only letters, digits, . _ - and @"
    }

    /// Whether a form's token is the session's, in time independent of where they differ.
    public static func formTokenMatches(_ given: String?, _ expected: String) -> Bool {
        guard let given, !expected.isEmpty else { return false }
        let a = Array(given.utf8), b = Array(expected.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    /// The session cookie: never read by scripts, sent to this site only, and only over
    /// HTTPS unless the browser talks to the server on loopback.
    public static func sessionCookie(name: String, value: String, maxAge: Int, host: String?) -> String {
        var cookie = "\(name)=\(value); Path=/; Max-Age=\(maxAge); HttpOnly; SameSite=Strict"
        if !isLoopback(host: host) { cookie += "; Secure" }
        return cookie
    }

    /// `localhost`, `127.x.y.z` or `[::1]`, with or without a port, from a Host header.
    public static func isLoopback(host: String?) -> Bool {
        guard var host = host?.lowercased() else { return false }
        if host.hasPrefix("[") {
            guard let end = host.firstIndex(of: "]") else { return false }
            return host[host.index(after: host.startIndex)..<end] == "::1"
        }
        if let colon = host.firstIndex(of: ":") { host = String(host[..<colon]) }
        if host == "localhost" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// The headers every page carries: no script at all, nothing from elsewhere, no framing.
    public static let securityHeaders: [(String, String)] = [
        ("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("X-Frame-Options", "DENY"),
    ]
}
