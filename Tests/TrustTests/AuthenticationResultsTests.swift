import MailParsing
import Testing
import TicketCore
@testable import Trust

private func mail(from: String = "alice@ops.example", _ headers: [String]) -> Message {
    let lines = headers + ["From: <\(from)>", "Subject: x", "Message-ID: <a@b>"]
    return MessageParser.parse(Array((lines.joined(separator: "\r\n") + "\r\n\r\nbody\r\n").utf8))
}

private let trusted: Set<String> = ["mx.desk.example"]

@Suite struct AuthenticationResultsTests {
    @Test func aFieldIsReadWithCommentsQuotesAndSpaces() throws {
        let field = try #require(AuthenticationResults(
            #"MX.Desk.example 1; dkim = pass (good signature) header.d=ops.example header . i="@ops.example"; dmarc=pass (p=reject) header.from=ops.example; spf=fail smtp.mailfrom=x"#
        ))
        #expect(field.authservID == "mx.desk.example")
        #expect(field.results.map(\.method) == ["dkim", "dmarc", "spf"])
        #expect(field.results[0].properties["header.d"] == "ops.example")
        #expect(field.results[0].properties["header.i"] == "@ops.example")
        #expect(field.results[1].result == "pass")
    }

    @Test func aQuotedValueKeepsItsSemicolonsAndSpaces() throws {
        let field = try #require(AuthenticationResults(#"mx.desk.example; spf=pass smtp.mailfrom="a;b c"@x.example; dkim=none"#))
        #expect(field.results.map(\.method) == ["spf", "dkim"])
        #expect(field.results[0].properties["smtp.mailfrom"] == "a;b c@x.example")
    }

    @Test func noResultAndEmptyFieldsAreRead() {
        #expect(AuthenticationResults("mx.desk.example; none")?.results == [AuthenticationResults.Result(method: "", result: "")].filter { _ in false })
        #expect(AuthenticationResults("") == nil)
        #expect(AuthenticationResults("; dmarc=pass") == nil)
    }

    /// Each line: the Authentication-Results fields (topmost first), the From, the verdict.
    @Test(arguments: [
        (["mx.desk.example; dmarc=pass header.from=ops.example"], "alice@ops.example", "dmarc"),
        (["mx.desk.example; dmarc=pass"], "alice@ops.example", nil),
        (["mx.desk.example; dkim=pass header.d=ops.example"], "alice@ops.example", "dkim"),
        (["mx.desk.example; dkim=pass header.d=ops.example"], "alice@mail.ops.example", "dkim"),
        (["mx.desk.example; dkim=pass header.i=@ops.example"], "alice@ops.example", "dkim"),
        // Refusals: a failing result, an unaligned signer, a DMARC pass for another domain.
        (["mx.desk.example; dmarc=fail header.from=ops.example"], "alice@ops.example", nil),
        (["mx.desk.example; dkim=pass header.d=evil.example"], "alice@ops.example", nil),
        (["mx.desk.example; dkim=pass header.d=example"], "alice@ops.example", nil),
        (["mx.desk.example; dkim=pass header.d=notops.example"], "alice@ops.example", nil),
        (["mx.desk.example; dmarc=pass header.from=evil.example"], "alice@ops.example", nil),
        // Another authserv-id: the sender wrote it.
        (["mx.evil.example; dmarc=pass header.from=ops.example"], "alice@ops.example", nil),
        // Only the topmost trusted field counts: a pass below the MTA's own fail is the sender's.
        (["mx.desk.example; dmarc=fail", "mx.desk.example; dmarc=pass header.from=ops.example"], "alice@ops.example", nil),
        // An untrusted field above the trusted one is skipped.
        (["mx.evil.example; dmarc=fail", "mx.desk.example; dmarc=pass header.from=ops.example"], "alice@ops.example", "dmarc"),
        // Outsider attack F4: a fail beside the pass; a `;` inside a quoted string that would
        // start a statement of its own.
        (["mx.desk.example; dmarc=fail header.from=ops.example; dmarc=pass header.from=ops.example"], "alice@ops.example", nil),
        (["mx.desk.example; dmarc=pass header.from=ops.example; dmarc=fail header.from=ops.example"], "alice@ops.example", nil),
        (["mx.desk.example; dmarc=fail reason=\"x; dmarc=pass header.from=ops.example\""], "alice@ops.example", nil),
        ([#"mx.desk.example; spf=pass smtp.mailfrom="a;dmarc=pass header.from=ops.example;x"@evil.example; dmarc=fail header.from=ops.example"#],
         "alice@ops.example", nil),
        ([#"mx.desk.example; spf=pass smtp.mailfrom="a;dmarc=pass header.from=ops.example;x"@evil.example"#], "alice@ops.example", nil),
        // A quoted or commented-out pass is not a pass.
        (["mx.desk.example; dmarc=fail (dmarc=pass)"], "alice@ops.example", nil),
        (["mx.desk.example; dmarc=fail reason=\"dmarc=pass\""], "alice@ops.example", nil),
        ([], "alice@ops.example", nil),
    ] as [([String], String, String?)])
    func theTopmostTrustedFieldDecides(_ fields: [String], _ from: String, _ verdict: String?) {
        let message = mail(from: from, fields.map { "Authentication-Results: " + $0 })
        let result = DomainAuthentication.verdict(of: message, trustedAuthservIDs: trusted)
        switch result {
        case .dmarcPass: #expect(verdict == "dmarc")
        case .alignedDKIMPass: #expect(verdict == "dkim")
        case nil: #expect(verdict == nil)
        }
    }

    @Test func withoutTrustedServersNothingCounts() {
        let message = mail(["Authentication-Results: mx.desk.example; dmarc=pass header.from=ops.example"])
        #expect(DomainAuthentication.verdict(of: message, trustedAuthservIDs: []) == nil)
    }

    @Test func aMailWithTwoFromFieldsIsNotAligned() {
        let message = mail(["Authentication-Results: mx.desk.example; dmarc=pass header.from=ops.example", "From: <mallory@evil.example>"])
        #expect(DomainAuthentication.verdict(of: message, trustedAuthservIDs: trusted) == nil)
    }

    @Test func aHugeFieldIsReadInLinearTime() {
        let value = "mx.desk.example; " + String(repeating: "((((a=b ", count: 200_000)
        #expect(AuthenticationResults(value)?.authservID == "mx.desk.example")
    }
}
