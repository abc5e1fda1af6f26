import Testing
import TicketCore

@Suite struct AddrSpecTests {
    @Test(arguments: [
        ("", "the address is empty"),
        ("=?utf-8?q?a=0D=0Ab=40evil.example?=", "the address has no @"),
        ("a\r\nRCPT TO:<x@y>@evil.example", "the address contains a control character"),
        ("a\u{0}@evil.example", "the address contains a control character"),
        ("john doe@example.org", "the address contains a space"),
        ("<ann@example.org", "the address contains \"<\""),
        ("ann@example.org>", "the address contains \">\""),
        ("ann@example.org,bob@example.org", "the address contains \",\""),
        ("ann@example.org;", "the address contains \";\""),
        ("@example.org", "the address has nothing before the @"),
        ("ann@", "the address has no domain"),
        ("ann@example..org", "the domain has an empty or overlong label"),
        ("ann@exa_mple.org", "the domain has a character a host name cannot have"),
        (String(repeating: "a", count: 65) + "@example.org", "the part before the @ is longer than 64 bytes"),
        ("a@" + String(repeating: "b", count: 260), "the address is longer than 254 bytes"),
    ])
    func refusesWhatIsNoAddrSpec(_ address: String, _ reason: String) {
        #expect(AddrSpec.refusal(address) == reason)
    }

    @Test(arguments: [
        "ann@example.org", "Ann.Lee+tickets@sub.example-site.org", "\"=?utf-8?q?a?=\"@evil.example", "user@[192.0.2.1]",
        "jörg@bücher.example", "support@localhost",
    ])
    func acceptsAddrSpecs(_ address: String) {
        #expect(AddrSpec.refusal(address) == nil)
    }
}
