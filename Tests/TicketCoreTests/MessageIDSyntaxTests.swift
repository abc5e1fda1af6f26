import Testing
import TicketCore

/// Ids come from hostile mail and go back out in the headers of replies.
@Suite struct MessageIDSyntaxTests {
    @Test(arguments: [
        ("", "empty"),
        ("a\u{1B}]0;owned\u{07}@x.example", "control bytes"),
        ("a@x.example\r\nBcc: victim@example.org", "a line end and a new field"),
        ("a b@x.example", "a space"),
        ("a>@x.example", "an angle bracket"),
        ("é@x.example", "not ASCII"),
        (String(repeating: "a", count: 5_000) + "@x.example", "5,000 characters"),
    ])
    func anIDThatCouldNotGoBackIntoAHeaderIsRefused(_ id: String, _ why: String) {
        #expect(!MessageIDSyntax.isValid(id), "\(why)")
    }

    @Test(arguments: ["a1.b2@x.example", "20261202070000.GA1234@mail.example.org", "$weird!#%&'*+/=?^_`{|}~-@x"])
    func anOrdinaryIDIsKept(_ id: String) {
        #expect(MessageIDSyntax.isValid(id))
    }

    @Test func aReplyKeepsTheThreadsFirstAndLastReferencesAndThenTheMailsID() {
        #expect(MessageIDSyntax.references(of: [], replyingTo: "m") == ["m"])
        #expect(MessageIDSyntax.references(of: ["a", "b"], replyingTo: "m") == ["a", "b", "m"])
        let thread = (0..<5_000).map { "r\($0)@x" }
        let references = MessageIDSyntax.references(of: thread, replyingTo: "m")
        #expect(references.count == MessageIDSyntax.referencesKept)
        #expect(references == ["r0@x"] + (4_982..<5_000).map { "r\($0)@x" } + ["m"])
    }
}
