import DeskConfiguration
import Etpan
import Foundation
import GRDB
import MailParsing
import Storage
import Store
import Testing
import TicketCore
import TicketdApp
import Workflow
import TicketdTestSupport

/// Bad mail never stops the worker: it is set aside with its reason and bytes.
@Suite(.timeLimit(.minutes(2)))
struct QuarantineTests {
    typealias Desk = WorkflowIntegrationTests.Desk

    @Test func oversizeMailIsQuarantinedAndItsSenderToldPolitely() async throws {
        let desk = try Desk()
        defer { desk.close() }
        var config = desk.config
        config.service.maxMessageBytes = 4096
        let big = TestMail.make(from: "Ann <ann@uni.example>", subject: "Logs attached", body: String(repeating: "log line\n", count: 1000))
        let file = desk.directory.file("big.eml")
        try Data(big.utf8).write(to: URL(fileURLWithPath: file))
        let small = desk.directory.file("small.eml")
        try Data(TestMail.make(from: "bob@x.example", subject: "Small one", body: "hi").utf8).write(to: URL(fileURLWithPath: small))
        try desk.servers.deliver([file, small], to: "support")

        let report = try #require(try await runWorker(config: config, once: true, logger: desk.logs.logger(), now: desk.clock.function))
        guard case .quarantined(let reason) = report.outcomes.first else {
            Issue.record("not quarantined: \(report.outcomes)")
            return
        }
        // Refused by the size the server reports (issue 14, point 3): only the header was
        // fetched and kept; the whole mail waits in the quarantine folder on the server.
        #expect(reason.hasPrefix("oversize: \(big.utf8.count) bytes, more than the limit of 4096 (the server's size"))
        #expect(report.outcomes.last == .created(ticket: 1))
        #expect(try desk.servers.count("support", folder: "Quarantine") == 1)
        #expect(try desk.servers.count("support", folder: "Processed") == 1)
        let failures = try desk.store().failures()
        let header = big.components(separatedBy: "\r\n\r\n")[0] + "\r\n\r\n"
        #expect(failures.count == 1 && failures[0].raw == Array(header.utf8))
        let kept = try desk.servers.imap("support")
        defer { kept.logout() }
        _ = try kept.select("Quarantine")
        #expect(try kept.fetch(uids: try kept.uidSearch(after: 0)).first?.raw.count == big.utf8.count)
        let refusal = try #require(try desk.newMail().first { $0.to == ["ann@uni.example"] })
        #expect(refusal.message.subject == "Your message was too large: Logs attached")
        #expect(try desk.store().tickets().map(\.subject) == ["Small one"])
    }

    @Test func aMessageThatFailsToProcessIsQuarantinedTheNextOneGoesOnAndARetryTakesIt() async throws {
        let desk = try Desk()
        defer { desk.close() }
        // A database that refuses one message, as a real fault would.
        try await desk.store().writer.write { db in
            try db.execute(sql: """
                CREATE TRIGGER poison BEFORE INSERT ON messages WHEN NEW.subject = 'Poison'
                BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END
                """)
        }
        let poison = desk.directory.file("poison.eml")
        try Data(TestMail.make(from: "ann@uni.example", subject: "Poison", body: "x").utf8).write(to: URL(fileURLWithPath: poison))
        let fine = desk.directory.file("fine.eml")
        try Data(TestMail.make(from: "bob@x.example", subject: "Fine", body: "y").utf8).write(to: URL(fileURLWithPath: fine))
        try desk.servers.deliver([poison, fine], to: "support")

        let report = try #require(try await runWorker(config: desk.config, once: true, logger: desk.logs.logger(), now: desk.clock.function))
        #expect(report.failures.isEmpty)
        guard case .quarantined(let reason) = report.outcomes.first else {
            Issue.record("not quarantined: \(report.outcomes)")
            return
        }
        #expect(reason.contains("refused by test trigger"))
        #expect(report.outcomes.last == .created(ticket: 1))
        #expect(try desk.servers.count("support", folder: "Quarantine") == 1)
        // Nothing of the poison message was half-written.
        #expect(try desk.store().tickets().map(\.subject) == ["Fine"])

        // Still failing: it stays, and says why.
        let again = try await FailureCommands.retry(config: desk.config, ids: nil, now: desk.clock.now)
        #expect(again.count == 1 && again[0].outcome.hasPrefix("failed again"))
        try await desk.store().writer.write { try $0.execute(sql: "DROP TRIGGER poison") }
        let retried = try await FailureCommands.retry(config: desk.config, ids: nil, now: desk.clock.now)
        #expect(retried.map(\.outcome) == ["created(ticket: 2)"])
        #expect(try desk.store().failures().first?.retriedAt != nil)
        #expect(try await FailureCommands.retry(config: desk.config, ids: nil, now: desk.clock.now).isEmpty)
        // The acknowledgement waits in the outbox and goes out with the next run.
        _ = try await runWorker(config: desk.config, once: true, logger: desk.logs.logger(), now: desk.clock.function)
        #expect(try desk.newMail().contains { $0.to == ["ann@uni.example"] && $0.message.subject == "[ticketd #2] Poison" })
    }

    /// Replies are made on other threads while a batch is written. A reply that cannot be
    /// made (a template an operator broke) sends the batch round again with replies made
    /// in place: its message is quarantined as before, and the rest of the batch is answered.
    @Test func aReplyThatCannotBeMadeQuarantinesItsMessageAndTheBatchGoesOn() async throws {
        let desk = try Desk()
        defer { desk.close() }
        let templates = desk.directory.url.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: RepositoryPaths.templates), to: templates)
        try Data("Dear {{requester_name}},\n".utf8).write(to: templates.appendingPathComponent("acknowledgement-incident.mustache"))
        var config = desk.config
        config.service.templates = templates.path
        let broken = desk.directory.file("incident.eml")
        try Data(TestMail.make(from: "ann@uni.example", subject: "Storage is down", body: "x").utf8).write(to: URL(fileURLWithPath: broken))
        let fine = desk.directory.file("request.eml")
        try Data(TestMail.make(from: "bob@x.example", subject: "Please add me to the VO", body: "y").utf8).write(to: URL(fileURLWithPath: fine))
        try desk.servers.deliver([broken, fine], to: "support")

        let report = try #require(try await runWorker(config: config, once: true, logger: desk.logs.logger(), now: desk.clock.function))
        #expect(report.failures.isEmpty)
        guard case .quarantined(let reason) = report.outcomes.first else {
            Issue.record("not quarantined: \(report.outcomes)")
            return
        }
        #expect(reason.contains("acknowledgement-incident.mustache") && reason.contains("Subject"))
        #expect(report.outcomes.last == .created(ticket: 1))
        #expect(desk.logs.records.contains { $0.message.contains("taking the batch in again") })
        #expect(try desk.store().tickets().map(\.subject) == ["Please add me to the VO"])
        #expect(try desk.newMail().contains { $0.to == ["bob@x.example"] && $0.message.subject == "[ticketd #1] Please add me to the VO" })
        #expect(try desk.servers.count("support", folder: "Quarantine") == 1)
    }
}
