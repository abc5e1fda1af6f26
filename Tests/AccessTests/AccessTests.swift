import Access
import Foundation
import Testing
import TicketCore

@Suite struct AccessTests {
    static let units = [
        SupportUnit(name: "Operations", members: ["ops@example.org", "both@example.org"]),
        SupportUnit(name: "Security", members: ["csirt@example.org", "both@example.org"]),
    ]

    static func viewer(_ address: String) -> Viewer {
        Viewer(name: address, address: address, units: units, approvers: ["omb@example.org"], securityUnit: "Security")
    }

    static func ticket(_ kind: TicketKind, unit: String = "Operations") -> Ticket {
        var ticket = Ticket(
            number: 1, subject: "s", requester: EmailAddress(address: "ann@example.org"), status: .new, mailbox: "support",
            createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0), kind: kind
        )
        ticket.unit = unit
        return ticket
    }

    @Test func aViewerIsWhatTheirAddressMakesThem() {
        #expect(Self.viewer("Both@Example.org").units == ["Operations", "Security"])
        #expect(Self.viewer("both@example.org").isSecurity)
        #expect(!Self.viewer("ops@example.org").isSecurity)
        #expect(Self.viewer("OMB@example.org").isApprover)
        #expect(Self.viewer("stranger@example.org").units.isEmpty)
    }

    @Test(arguments: [
        ("ops@example.org", TicketKind.incident, true),
        ("stranger@example.org", .request, true),
        ("csirt@example.org", .security, true),
        ("ops@example.org", .security, false),
        ("omb@example.org", .security, false),
        ("stranger@example.org", .security, false),
    ])
    func aSecurityTicketIsSeenByTheSecurityUnitOnly(_ address: String, _ kind: TicketKind, _ sees: Bool) {
        #expect(Access.canSee(Self.ticket(kind), viewer: Self.viewer(address)) == sees)
    }

    @Test(arguments: [("csirt@example.org", true), ("ops@example.org", false)])
    func aTicketOfTheSecurityUnitIsSeenByThatUnitOnly(_ address: String, _ sees: Bool) {
        #expect(Access.canSee(Self.ticket(.incident, unit: "security"), viewer: Self.viewer(address)) == sees)
    }

    @Test(arguments: [
        ("ops@example.org", "support", true), ("omb@example.org", "support", false), ("stranger@example.org", "support", false),
        ("ops@example.org", "security", false), ("csirt@example.org", "security", true), ("omb@example.org", "security", false),
    ])
    func quarantinedMailIsSeenByTheTeamAndASecurityMailboxsByTheSecurityUnit(_ address: String, _ mailbox: String, _ sees: Bool) {
        #expect(Access.canSeeQuarantined(mailbox: mailbox, viewer: Self.viewer(address), securityMailboxes: ["security"]) == sees)
    }

    @Test(arguments: [
        ("127.0.0.1", false, [String](), true), ("::1", false, [], true), ("10.0.0.7", false, [], false), (nil, false, [], false),
        ("127.0.0.1", true, [], false), ("127.0.0.1", false, ["127.0.0.1"], false),
    ] as [(String?, Bool, [String], Bool)])
    func metricsAreOpenToALocalScraperOnlyAndNeverThroughAProxy(_ peer: String?, _ forwarded: Bool, _ proxies: [String], _ open: Bool) {
        #expect(Access.metricsOpen(peer: peer, trustedProxies: Set(proxies), forwarded: forwarded) == open)
    }

    @Test(arguments: [
        ("eve", "eve"), ("x\n2026-12-02 notice forged", "x\\u{a}2026-12-02 notice forged"), ("a\r\nb", "a\\u{d}\\u{a}b"),
        ("tab\there", "tab\\u{9}here"), ("back\\slash", "back\\\\slash"), (String(repeating: "y", count: 100), String(repeating: "y", count: 64)),
        ("line\u{2028}sep", "line\\u{2028}sep"),
    ])
    func textFromARequestIsLoggedOnOneLine(_ given: String, _ logged: String) {
        #expect(Access.loggable(given) == logged)
    }

    @Test func onlyApproversApprove() {
        #expect(Access.mayApprove(Self.viewer("omb@example.org")))
        #expect(!Access.mayApprove(Self.viewer("ops@example.org")))
    }

    @Test(arguments: [
        ("10.0.0.5", "ann@example.org", nil),
        ("10.0.0.6", "ann@example.org", "the user header came from 10.0.0.6, not a trusted proxy"),
        (nil, "ann@example.org", "the user header came from an unknown address, not a trusted proxy"),
        ("10.0.0.5", "", "no user header"),
        ("10.0.0.5", "ann", "the proxy's user \"ann\" is not a mail address"),
        ("10.0.0.5", "ann@example.org\r\nX: y", "the proxy's user \"ann@example.org\r\nX: y\" is not a mail address"),
    ] as [(String?, String, String?)])
    func aProxysUserHeaderIsBelievedOnlyFromATrustedProxy(_ peer: String?, _ header: String, _ refusal: String?) {
        #expect(Access.proxyRefusal(peer: peer, header: header, trustedProxies: ["10.0.0.5"]) == refusal)
    }

    @Test(arguments: [
        (0, 0, nil), (4, 19, nil),
        (5, 0, "too many failed sign-ins for this name: try again in 15 minutes"),
        (0, 20, "too many failed sign-ins from this address: try again in 15 minutes"),
    ] as [(Int, Int, String?)])
    func signInsAreThrottledPerNameAndPerClient(_ name: Int, _ client: Int, _ refusal: String?) {
        #expect(Access.throttleRefusal(failuresForName: name, failuresForClient: client) == refusal)
    }

    @Test(arguments: [
        ("correct horse battery", nil),
        ("short", "a password has at least 10 characters"),
        (String(repeating: "é", count: 40), "a password has at most 72 bytes (bcrypt reads no more)"),
        ("xxANNEyyzz12", "a password does not contain the account's name"),
        ("tab\there-and-long", "a password has no control characters"),
    ] as [(String, String?)])
    func aPasswordIsLongEnoughAndWhollyRead(_ password: String, _ refusal: String?) {
        #expect(Access.passwordRefusal(password, name: "anne") == refusal)
    }

    @Test(arguments: [
        ("ann", nil), ("ann.smith@example.org", nil), ("", "an account name has 1 to 64 characters"),
        (String(repeating: "a", count: 65), "an account name has 1 to 64 characters"),
        ("ann smith", "an account name has only letters, digits, . _ - and @"),
        ("änn", "an account name has only letters, digits, . _ - and @"),
        ("ann;drop", "an account name has only letters, digits, . _ - and @"),
    ] as [(String, String?)])
    func anAccountNameIsPlain(_ name: String, _ refusal: String?) {
        #expect(Access.nameRefusal(name) == refusal)
    }

    @Test(arguments: [
        ("abc", "abc", true), ("abd", "abc", false), ("ab", "abc", false), (nil, "abc", false), ("", "", false),
    ] as [(String?, String, Bool)])
    func aFormTokenMustBeTheSessions(_ given: String?, _ expected: String, _ matches: Bool) {
        #expect(Access.formTokenMatches(given, expected) == matches)
    }

    @Test(arguments: [
        ("127.0.0.1:8080", false), ("localhost", false), ("[::1]:8080", false), ("127.1.2.3", false),
        ("desk.example.org", true), ("127.0.0.1.example.org", true), (nil, true), ("[::2]:80", true),
    ] as [(String?, Bool)])
    func theSessionCookieIsSecureUnlessOnLoopback(_ host: String?, _ secure: Bool) {
        let cookie = Access.sessionCookie(name: "s", value: "v", maxAge: 60, host: host)
        #expect(cookie.hasPrefix("s=v; Path=/; Max-Age=60; HttpOnly; SameSite=Strict"))
        #expect(cookie.hasSuffix("; Secure") == secure)
    }
}
