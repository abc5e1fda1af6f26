import Testing
import Threading
import TicketCore

@Suite struct SubjectTagTests {
    @Test(arguments: [
        ("[ticketd #12] help", 12),
        ("Re: Fwd: [ticketd #7] help", 7),
        ("RE: [TICKETD #7]", 7),
        ("[ ticketd  # 42 ] spaced", 42),
        ("[other #3] [ticketd #4]", 4),
        ("[ticketd #0] zero", nil),
        ("[ticketd #x] not a number", nil),
        ("ticketd #5 without brackets", nil),
        ("[ticketd #5", nil),
    ] as [(String, Int?)])
    func findsTheTicketNumber(_ subject: String, _ expected: Int?) {
        #expect(SubjectTag.number(in: subject, prefix: "ticketd") == expected)
    }

    @Test func formatsTheTag() {
        #expect(SubjectTag.format(prefix: "EGI", number: 9) == "[EGI #9]")
    }
}

@Suite struct ThreadResolverTests {
    /// An in-memory stand-in for the store.
    struct Lookup: ThreadLookup {
        var tickets: Set<Int>
        var messageIDs: [String: Int]
        func ticketExists(_ number: Int) -> Bool { tickets.contains(number) }
        func ticketNumber(forMessageIDs ids: [String]) -> Int? { ids.lazy.compactMap { messageIDs[$0] }.first }
    }

    func message(subject: String?, inReplyTo: [String] = [], references: [String] = []) -> Message {
        Message(
            raw: [], headers: [], messageID: "new@x", from: nil, to: [], cc: [], replyTo: [], subject: subject, date: nil,
            inReplyTo: inReplyTo, references: references, text: nil, hasHTML: false, attachments: [], parts: [],
            isDeliveryStatusReport: false
        )
    }

    let lookup = Lookup(tickets: [1, 2, 3], messageIDs: ["a@x": 1, "b@x": 2, "c@x": 3])
    let resolver = ThreadResolver(tagPrefix: "ticketd")

    @Test func theSubjectTagWinsOverReferences() throws {
        #expect(try resolver.resolve(message(subject: "Re: [ticketd #3]", inReplyTo: ["a@x"]), lookup: lookup) == .subjectTag(3))
    }

    @Test func aTagForAMissingTicketFallsBackToReferences() throws {
        #expect(try resolver.resolve(message(subject: "[ticketd #99]", references: ["b@x"]), lookup: lookup) == .reference(2))
    }

    @Test func inReplyToComesBeforeTheNewestReference() throws {
        #expect(try resolver.resolve(message(subject: "x", inReplyTo: ["c@x"], references: ["a@x", "b@x"]), lookup: lookup) == .reference(3))
    }

    @Test func theNewestKnownReferenceWins() throws {
        #expect(try resolver.resolve(message(subject: "x", references: ["a@x", "unknown@x", "b@x"]), lookup: lookup) == .reference(2))
    }

    @Test func nothingKnownMeansANewTicket() throws {
        #expect(try resolver.resolve(message(subject: nil, references: ["unknown@x"]), lookup: lookup) == .newTicket)
    }
}
