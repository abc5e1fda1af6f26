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
        ("a\u{85}b@c.com", "the address contains U+85, which no address may hold"),
        ("a\u{2028}b@c.com", "the address contains U+2028, which no address may hold"),
        ("a\u{A0}b@c.com", "the address contains U+A0, which no address may hold"),
        ("a\u{200B}b@c.com", "the address contains U+200B, which no address may hold"),
        ("a\u{FEFF}b@c.com", "the address contains U+FEFF, which no address may hold"),
        ("a\u{200E}b@c.com", "the address contains U+200E, which no address may hold"),
        ("b\u{FFFD}@ex.com", "the address contains U+FFFD, which no address may hold"),
        ("x@\u{85}\u{2028}", "the address contains U+85, which no address may hold"),
        ("a@@b.com", "the part before the @ has a character that needs quotes"),
        ("a@b.com@c.com", "the part before the @ has a character that needs quotes"),
        ("evil@x.com\"@example.com", "the part before the @ has a character that needs quotes"),
        ("\"x\"@y.com@r", "the quoted part before the @ is not closed"),
        ("\"a@b.com", "the quoted part before the @ is not closed"),
        ("a\"b@c.com", "the part before the @ has a character that needs quotes"),
        ("\"a\"b\"@c.com", "the quoted part before the @ has a stray quote"),
        ("a\\b@c.com", "the part before the @ has a character that needs quotes"),
        ("a[b@c.com", "the part before the @ has a character that needs quotes"),
        ("a.@b.com", "the part before the @ has an empty dot-separated piece"),
        ("a..b@c.com", "the part before the @ has an empty dot-separated piece"),
        ("a@-", "a label of the domain starts or ends with a hyphen"),
        ("a@[]", "the address literal is not closed or empty"),
        ("a@[\\]", "the address literal is not an IP address"),
        ("a@[1.2.3.4", "the address literal is not closed or empty"),
    ])
    func refusesWhatIsNoAddrSpec(_ address: String, _ reason: String) {
        #expect(AddrSpec.refusal(address) == reason)
    }

    @Test(arguments: [
        "ann@example.org", "Ann.Lee+tickets@sub.example-site.org", "\"=?utf-8?q?a?=\"@evil.example", "user@[192.0.2.1]",
        "jörg@bücher.example", "support@localhost", "\"a@b\"@example.com", "user@[IPv6:2001:db8::1]", "o'brien@example.ie",
    ])
    func acceptsAddrSpecs(_ address: String) {
        #expect(AddrSpec.refusal(address) == nil)
    }

    /// Outsider attack N1: every spelling of one mailbox is one address, so that the loop
    /// defence's limit holds for it; each result is itself a valid address.
    @Test(arguments: [
        (#""victim"@victim.example"#, "victim@victim.example"),
        (#""v\ictim"@victim.example"#, "victim@victim.example"),
        (#""\v\i\c\t\i\m"@victim.example"#, "victim@victim.example"),
        (#""first.last"@x.example"#, "first.last@x.example"),
        (#""a..b"@x.example"#, #""a..b"@x.example"#),
        (#""a\"b"@x.example"#, #""a\"b"@x.example"#),
        (#""a\\b"@x.example"#, #""a\\b"@x.example"#),
        ("plain@x.example", "plain@x.example"),
    ])
    func everySpellingOfAMailboxIsOneAddress(_ address: String, _ canonical: String) {
        #expect(AddrSpec.isValid(address))
        #expect(AddrSpec.canonical(address) == canonical)
        #expect(AddrSpec.isValid(canonical))
    }
}
