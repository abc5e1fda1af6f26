import MailParsing
import Testing
import TicketCore

/// Hostile address fields: what is not an addr-spec is left out, and nothing inside one is
/// decoded, so that an encoded CR/LF never becomes a stored address or a recipient.
@Suite struct AddressFieldTests {
    func parse(from: String, cc: String = "colleague@lab.example") -> Message {
        let raw = "From: \(from)\r\nTo: support@ticketd.example\r\nCc: \(cc)\r\nSubject: hi\r\nMessage-ID: <x1@evil.example>\r\n\r\nbody\r\n"
        return MessageParser.parse(Array(raw.utf8))
    }

    @Test(arguments: [
        "=?utf-8?q?a=0D=0Ab=40evil.example?=",
        "=?utf-8?q?Eve_=3Ca=0D=0Ab=40evil.example=3E?=",
        "\"Eve <=?utf-8?q?a=0D=0Ab?=@evil.example>",
        "Eve, <=?utf-8?q?a=0D=0Ab?=@evil.example",
    ])
    func anAddressFieldWithoutAnAddrSpecYieldsNoAddress(_ field: String) {
        let message = parse(from: field, cc: field)
        #expect(message.from == nil)
        #expect(message.cc.isEmpty)
        #expect(message.replyAddress == nil)
    }

    /// Outsider attack N1: quoted spellings of one mailbox come out as one address.
    @Test(arguments: [#""victim"@victim.example"#, #""v\ictim"@victim.example"#, #""\vi\c\tim"@victim.example"#])
    func aQuotedSpellingOfAMailboxIsItsPlainAddress(_ spelling: String) {
        #expect(parse(from: "Eve <\(spelling)>").from?.address == "victim@victim.example")
    }

    @Test func anEncodedWordInsideAnAddressIsNeverDecoded() {
        let message = parse(from: "Eve <=?utf-8?q?a=0D=0Ab?=@evil.example> (unbalanced")
        let address = message.from?.address ?? ""
        #expect(!address.contains("\r") && !address.contains("\n"))
    }

    /// A quoted display name's `\"` is a quote (read scalar by scalar since issue 18).
    @Test(arguments: [
        (#""Ann \"the\" Lee""#, #"Ann "the" Lee"#), (#""\"""#, #"""#), (#""plain""#, "plain"), (#""é \"ü\"""#, #"é "ü""#),
    ])
    func aQuotedDisplayNameLosesItsEscapesBeforeQuotes(_ name: String, _ expected: String) {
        #expect(parse(from: "\(name) <ann@example.org>").from?.name == expected)
    }

    @Test func displayNamesAreStillDecoded() {
        let message = parse(from: "=?utf-8?q?J=C3=B6rg?= <joerg@example.org>")
        #expect(message.from == EmailAddress(name: "Jörg", address: "joerg@example.org"))
    }
}
