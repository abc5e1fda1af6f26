import DeskConfiguration
import Foundation
import MailParsing
import Storage
import Store
import Testing
import TicketCore
import TicketdApp
import TicketdTestSupport
import Workflow

/// Mail built to crash, stall or exhaust the worker (issue 14, point 10), each delivered
/// to Dovecot before an ordinary mail and taken in by the real `ticketd run --once`: it
/// ends processed or quarantined within 10 s, and the ordinary mail after it becomes a
/// ticket. One case at a time: each starts its own Dovecot and SMTP server.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct HostileMailTests {
    /// An operator's rule with nested repetition, for the backtracking body.
    static let backtrackingRule = WorkflowIntegrationTests.teamConfig + """

    [[rules]]
    name = "operator-rule-with-nested-repetition"
    body = '(a+)+$'
    kind = "incident"

    """

    static let cases: [(name: String, mail: @Sendable () -> [UInt8], rules: String, quarantined: Bool)] = [
        ("100,000 nested message/rfc822 parts", { HostileMail.nestedMessages(100_000) }, WorkflowIntegrationTests.teamConfig, true),
        ("16,000 nested multiparts", { HostileMail.nestedMultiparts(16_000) }, WorkflowIntegrationTests.teamConfig, true),
        ("a 1 MB delivery report of newlines", { HostileMail.deliveryReportOfNewlines(1_048_576) }, WorkflowIntegrationTests.teamConfig, false),
        ("a body that makes a rule backtrack", { HostileMail.backtrackingBody() }, backtrackingRule, false),
        ("20,000 Cc addresses", { HostileMail.manyCc(20_000) }, WorkflowIntegrationTests.teamConfig, false),
        ("200,000 header lines", { HostileMail.manyHeaderLines(200_000) }, WorkflowIntegrationTests.teamConfig, true),
        ("a mail over the size limit by the server's size", { HostileMail.oversize(11 * 1_048_576) }, WorkflowIntegrationTests.teamConfig, true),
    ]

    @Test(arguments: cases.indices)
    func aHostileMailEndsProcessedOrQuarantinedWithinTenSecondsAndTheNextMailIsTaken(_ index: Int) async throws {
        let (name, mail, rules, quarantined) = Self.cases[index]
        let desk = try WorkflowIntegrationTests.Desk(extra: rules)
        defer { desk.close() }
        let hostile = desk.directory.file("hostile.eml")
        try Data(mail()).write(to: URL(fileURLWithPath: hostile))
        let ordinary = desk.directory.file("ordinary.eml")
        try Data(TestMail.make(from: "Ann <ann@uni.example>", subject: "Cannot log in", body: "Hello, I cannot log in.").utf8)
            .write(to: URL(fileURLWithPath: ordinary))
        try desk.servers.deliver([hostile, ordinary], to: "support")

        // The real binary, in a process of its own, as an operator runs it.
        let started = Date()
        let run = try ProcessRunner.run(
            RepositoryPaths.ticketdBinary, ["run", "--once", "--config", desk.directory.file("ticketd.toml")],
            environment: ["TICKETD_TEST_IMAP_PASSWORD": desk.servers.password]
        )
        let took = Date().timeIntervalSince(started)
        let failures = try desk.store().failures()
        print("hostile mail: \(name): \(String(format: "%.2f", took)) s, \(failures.first.map { "quarantined: \($0.reason)" } ?? "processed")")
        #expect(run.status == 0, "\(name): \(run.stderr)")
        #expect(took < 10, "\(name) took \(took) s")
        #expect(failures.map(\.uid) == (quarantined ? [1] : []), "\(name): \(failures.map(\.reason))")
        // Both mails are done: none is left in the inbox for the next start.
        #expect(try desk.servers.count("support", folder: "INBOX") == 0)
        #expect(try desk.servers.count("support", folder: "Quarantine") == (quarantined ? 1 : 0))
        #expect(try desk.store().tickets().contains { $0.subject == "Cannot log in" })
    }

    @Test func aMailPastAStructureLimitIsKeptWithTheReasonAndItsSenderTold() async throws {
        let desk = try WorkflowIntegrationTests.Desk()
        defer { desk.close() }
        let hostile = desk.directory.file("hostile.eml")
        let bytes = HostileMail.nestedMultiparts(60)
        try Data(bytes).write(to: URL(fileURLWithPath: hostile))
        try desk.servers.deliver([hostile], to: "support")

        let report = try #require(try await runWorker(config: desk.config, once: true, logger: desk.logs.logger(), now: desk.clock.function))
        #expect(report.outcomes == [.quarantined(reason: "refused before parsing: MIME parts nested more than 50 deep")])
        let failure = try #require(try desk.store().failures().first)
        #expect(failure.raw == bytes)
        #expect(try desk.servers.count("support", folder: "Quarantine") == 1)
        let told = try desk.newMail()
        #expect(told.map(\.to) == [["mallory@attacker.example"]])
        #expect(told.first?.message.subject == "Your message could not be read: nested multiparts")
    }

    /// Outsider attack: a list's mail past the header limit, its List-Id added last by the
    /// list server and so past the part of the header that is read, was told it could not
    /// be read. A header read only in part answers no one.
    @Test func aMailWhoseHeaderIsReadOnlyInPartIsKeptAndItsSenderToldNothing() async throws {
        let desk = try WorkflowIntegrationTests.Desk()
        defer { desk.close() }
        let hostile = desk.directory.file("list.eml")
        var header = Array(HostileMail.manyHeaderLines(20_000).split(separator: 0x0A, omittingEmptySubsequences: false).prefix { $0 != [0x0D] }.joined(separator: [0x0A]))
        header += Array("\nList-Id: <announce.lists.example.org>\r\nPrecedence: list\r\n\r\nNews.\r\n".utf8)
        try Data(header).write(to: URL(fileURLWithPath: hostile))
        try desk.servers.deliver([hostile], to: "support")

        let report = try #require(try await runWorker(config: desk.config, once: true, logger: desk.logs.logger(), now: desk.clock.function))
        #expect(report.outcomes.count == 1)
        guard case .quarantined = report.outcomes.first else { Issue.record("\(report.outcomes)"); return }
        #expect(try desk.newMail().isEmpty)
    }

    /// Ids in a mail go back out in the acknowledgement's In-Reply-To and References: one
    /// with control bytes or a line end, or thousands of them, must not come back out.
    @Test func idsBuiltToBreakTheAcknowledgementsHeaderAreLeftOut() async throws {
        let desk = try WorkflowIntegrationTests.Desk()
        defer { desk.close() }
        let references = (0..<5_000).map { "<r\($0)@attacker.example>" } + ["<x\u{1B}]0;owned\u{07}@attacker.example>"]
        let manyReferences = desk.directory.file("references.eml")
        try Data(TestMail.make(
            from: "Mallory <mallory@attacker.example>", subject: "Five thousand references", body: "Hello",
            headers: ["References: " + references.joined(separator: "\r\n ")]
        ).utf8).write(to: URL(fileURLWithPath: manyReferences))
        let controlID = desk.directory.file("control.eml")
        try Data(("From: Mallory <mallory@attacker.example>\r\nTo: support@ticketd.example\r\nSubject: Control bytes\r\n"
            + "Message-ID: <c\u{1B}[2J\u{07}@attacker.example>\r\n\r\nHello\r\n").utf8).write(to: URL(fileURLWithPath: controlID))
        try desk.servers.deliver([manyReferences, controlID], to: "support")

        _ = try await runWorker(config: desk.config, once: true, logger: desk.logs.logger(), now: desk.clock.function)
        let received = try desk.servers.received()
        #expect(received.count >= 2)
        for mail in received {
            #expect(!mail.raw.contains { $0 < 0x20 && $0 != 0x0D && $0 != 0x0A && $0 != 0x09 || $0 == 0x7F })
        }
        let replies = received.map { MessageParser.parse($0.raw) }
        let toReferences = try #require(replies.first { $0.subject?.contains("Five thousand references") == true })
        #expect(toReferences.references.count == MessageIDSyntax.referencesKept)
        #expect(toReferences.references.first == "r0@attacker.example")
        #expect(toReferences.references.last == toReferences.inReplyTo.first)
        let toControl = try #require(replies.first { $0.subject?.contains("Control bytes") == true })
        #expect(toControl.inReplyTo.isEmpty)
        #expect(toControl.references.isEmpty)
    }
}
