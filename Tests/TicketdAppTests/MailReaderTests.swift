import Classification
import Foundation
import Intake
import MailParsing
import Storage
import Testing
import TicketCore
import TicketdTestSupport

/// The attempt journal and the guarded reader (issue 14, points 1 and 2).
@Suite(.timeLimit(.minutes(1)))
struct MailReaderTests {
    static let classifier = Classifier(rules: [], units: [], roles: [:], securityUnit: "Security", operationsUnit: "Operations", standardChanges: [])

    static func key(_ uid: UInt32) -> AttemptJournal.Key { AttemptJournal.Key(mailbox: "support", uidValidity: 7, uid: uid) }

    static func fetched(_ raw: [UInt8], uid: UInt32) -> MailReader.Fetched {
        MailReader.Fetched(raw: raw, origin: MessageOrigin(mailbox: "support", uidValidity: 7, uid: uid))
    }

    static var wideOpen: MessageLimits {
        var limits = MessageLimits()
        limits.mimeDepth = 10_000_000
        limits.parts = 10_000_000
        limits.headerLines = 10_000_000
        return limits
    }

    static let plain = Array(TestMail.make(from: "ann@uni.example", subject: "Hello", body: "hi").utf8)

    @Test func aMessageInFlightWhenTheProcessEndsCountsOneAbnormalEndPerEnd() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("attempts")
        // A worker begins 1, 2, 3 and dies: all three were in flight.
        try AttemptJournal(path: path).begin([Self.key(1), Self.key(2), Self.key(3)])
        let second = try AttemptJournal(path: path)
        #expect(second.abnormalEnds([Self.key(1), Self.key(2), Self.key(4)]) == [Self.key(1): 1, Self.key(2): 1, Self.key(4): 0])
        // The next begins 2 alone and dies again; 1 and 3 were done meanwhile.
        try second.end([Self.key(1)])
        try second.begin([Self.key(2)])
        try second.end([Self.key(3)])
        let third = try AttemptJournal(path: path)
        #expect(third.abnormalEnds([Self.key(1), Self.key(2), Self.key(3)]) == [Self.key(1): 0, Self.key(2): 2, Self.key(3): 0])
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
    }

    @Test func aPassThatEndsWithoutACrashGivesItsCountsBack() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("attempts")
        try AttemptJournal(path: path).begin([Self.key(5)])
        let journal = try AttemptJournal(path: path)
        try journal.begin([Self.key(5), Self.key(6)])
        // Stopped gracefully (or a server failed) before either was done.
        try journal.settle(mailbox: "support")
        #expect(try AttemptJournal(path: path).abnormalEnds([Self.key(5), Self.key(6)]) == [Self.key(5): 1, Self.key(6): 0])
        // Done by the committed state: pruned.
        try journal.prune(mailbox: "support", uidValidity: 7, lastUID: 5)
        #expect(try AttemptJournal(path: path).abnormalEnds([Self.key(5)]) == [Self.key(5): 0])
    }

    @Test func aMailPastAStructureLimitIsRefusedUnparsedButItsSenderIsKnown() async {
        let reader = MailReader(classifier: Self.classifier, limits: MessageLimits(), maxMessageBytes: 10_000_000)
        let mails = await reader.read([Self.fetched(HostileMail.nestedMessages(100_000), uid: 1), Self.fetched(Self.plain, uid: 2)])
        #expect(mails[0].refusal == .structure(.mimeDepth(limit: 50)))
        #expect(mails[0].message.from?.address == "mallory@attacker.example")
        #expect(mails[0].raw == HostileMail.nestedMessages(100_000))
        #expect(mails[1].refusal == nil && mails[1].message.subject == "Hello")
    }

    @Test func aMailOverTheSizeLimitIsNotParsedWhole() async {
        let reader = MailReader(classifier: Self.classifier, limits: MessageLimits(), maxMessageBytes: 4096)
        let big = HostileMail.oversize(10_000)
        let mails = await reader.read([Self.fetched(big, uid: 1)])
        #expect(mails[0].refusal == .oversize(size: big.count, limit: 4096, headOnly: false))
        #expect(mails[0].message.subject == "oversize" && (mails[0].message.text ?? "").isEmpty)
    }

    @Test func aMailStillBeingReadAtTheWatchdogIsRefusedAndTheRestOfTheBatchIsRead() async {
        // Limits opened wide, so that only the watchdog stands between the worker and a
        // parse of 8,000 nested multiparts (seconds).
        var limits = Self.wideOpen
        limits.watchdogSeconds = 1
        let reader = MailReader(classifier: Self.classifier, limits: limits, maxMessageBytes: 100_000_000)
        let batch = [Self.fetched(Self.plain, uid: 1), Self.fetched(HostileMail.nestedMultiparts(8_000), uid: 2), Self.fetched(Self.plain, uid: 3)]
        // The refusal is the watchdog's: it claimed the batch while the parse went on (no
        // wall-clock bound here: with the suite running beside it, the cooperative threads
        // this test resumes on may be busy for seconds).
        let mails = await reader.read(batch)
        #expect(mails.map(\.refusal) == [nil, .watchdog(seconds: 1), nil])
        #expect(mails[2].message.subject == "Hello")
    }

    @Test func aStructureDeepEnoughToOverflowAnOrdinaryStackDoesNotEndTheProcess() async {
        var limits = Self.wideOpen
        limits.watchdogSeconds = 30
        let reader = MailReader(classifier: Self.classifier, limits: limits, maxMessageBytes: 100_000_000)
        // 40,000 nested messages overflowed libetpan's recursion on an 8 MB stack.
        let mails = await reader.read([Self.fetched(HostileMail.nestedMessages(40_000), uid: 1)])
        #expect(mails.count == 1)
        #expect(mails[0].message.subject == "nested messages" || mails[0].refusal == .watchdog(seconds: 30))
    }
}
