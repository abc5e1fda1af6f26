import DeskConfiguration
import Foundation
import MailParsing
import MailTransport
import Outbox
import Storage
import Store
import Testing
import TicketCore
import TicketdApp
import TicketdTestSupport

/// Servers that go away and come back.
@Suite(.timeLimit(.minutes(2)))
struct ResilienceTests {
    typealias Desk = WorkflowIntegrationTests.Desk

    @Test func repliesWaitWhileTheSMTPServerIsDownAndAllArriveOnceItIsBack() async throws {
        let desk = try Desk()
        defer { desk.close() }
        var down = desk.config
        down.smtp.endpoint.port = 1  // nothing listens there: connection refused
        for index in 1...3 {
            let file = desk.directory.file("m\(index).eml")
            try Data(TestMail.make(from: "user\(index)@x.example", subject: "Request \(index)", body: ".").utf8).write(to: URL(fileURLWithPath: file))
            try desk.servers.deliver([file], to: "support")
        }
        let report = try #require(try await runWorker(config: down, once: true, logger: desk.logs.logger(), now: desk.clock.function))
        #expect(report.outcomes.count == 3)
        #expect(report.replies.sent == 0 && report.replies.deferred == 1)  // the first refusal ends the flush
        #expect(try desk.servers.received().isEmpty)
        #expect(try desk.store().outbox().allSatisfy { $0.status == .pending })
        // /metrics's SMTP state: the sender's failed attempt, with the reason.
        let refused = try #require(try desk.store().smtpPasses().first)
        #expect(refused.name == "\(down.smtp.endpoint.host):1" && refused.lastSuccess == nil && refused.failuresInARow == 1)
        #expect(refused.lastError?.isEmpty == false)

        desk.clock.advance(by: 5)  // past the back-off of the test config (at most 2 s)
        let back = try #require(try await runWorker(config: desk.config, once: true, logger: desk.logs.logger(), now: desk.clock.function))
        #expect(back.replies.sent == 6)  // three acknowledgements, three team notices
        let received = try desk.servers.received()
        #expect(Set(received.map { MessageParser.parse($0.raw).messageID }).count == 6)
        #expect(try desk.store().outbox().allSatisfy { $0.status == .sent })
        let answered = try desk.store().smtpPasses().first { $0.name == "\(desk.config.smtp.endpoint.host):\(desk.config.smtp.endpoint.port)" }
        #expect(answered?.lastSuccess == desk.clock.function() && answered?.lastError == nil)
    }

    @Test func aPermanentRefusalMarksTheReplyFailedAndRecordsItOnTheTicket() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let servers = try MailServers(users: ["support"], smtpSinkArguments: "--refuse ann@uni.example")
        defer { servers.stop() }
        let path = try TestConfig.write(servers: servers, directory: directory, mailboxes: ["support"])
        let config = try TestConfig.load(path, password: servers.password)
        let file = directory.file("m.eml")
        try Data(TestMail.make(from: "ann@uni.example", subject: "Help", body: ".").utf8).write(to: URL(fileURLWithPath: file))
        try servers.deliver([file], to: "support")
        let report = try #require(try await runWorker(config: config, once: true, logger: LogRecorder().logger()))
        #expect(report.replies.failed == 1)
        let store = try TicketStore.open(path: config.service.database)
        let row = try #require(try store.outbox().first)
        #expect(row.status == .failed)
        #expect(row.lastError?.contains("550") == true)
        let event = try #require(try store.events(ofTicket: 1).first { $0.field == .undeliverable })
        #expect(event.newValue == "ann@uni.example" && event.reason?.contains("SMTP RCPT TO") == true)
    }

    /// Issue 13: one recipient refused at RCPT must not stop the mail to the others.
    @Test func aRecipientRefusedAtRCPTDoesNotStopTheMailToTheOthers() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let servers = try MailServers(users: ["support"], smtpSinkArguments: "--refuse gone@ops.example")
        defer { servers.stop() }
        let path = try TestConfig.write(servers: servers, directory: directory, mailboxes: ["support"], extra: """

            [[units]]
            name = "Operations"
            members = ["gone@ops.example", "alice@ops.example"]
            mailboxes = ["support"]

            [[units]]
            name = "Security"
            members = ["csirt@ops.example"]
            """)
        let config = try TestConfig.load(path, password: servers.password)
        let file = directory.file("m.eml")
        try Data(TestMail.make(from: "ann@uni.example", subject: "Help", body: ".").utf8).write(to: URL(fileURLWithPath: file))
        try servers.deliver([file], to: "support")

        let report = try #require(try await runWorker(config: config, once: true, logger: LogRecorder().logger()))

        // One mail per recipient (each carries its own reply token): the refused one fails
        // alone, and the others go.
        #expect(report.replies.sent == 2 && report.replies.failed == 1)
        let delivered = try servers.received().flatMap(\.recipients).sorted()
        #expect(delivered == ["alice@ops.example", "ann@uni.example"])
        let store = try TicketStore.open(path: config.service.database)
        #expect(try store.outbox().filter { $0.status == .sent }.flatMap(\.recipients).sorted() == ["alice@ops.example", "ann@uni.example"])
        let event = try #require(try store.events(ofTicket: 1).first { $0.field == .undeliverable })
        #expect(event.newValue == "gone@ops.example" && event.reason?.contains("550") == true)
    }

    @Test func theWorkerReconnectsAfterTheIMAPSessionIsDroppedOrTheServerRestarts() async throws {
        let desk = try Desk()
        defer { desk.close() }
        let logs = LogRecorder()
        let services = try await buildServices(config: desk.config, once: false, logger: logs.logger(), now: desk.clock.function)
        let worker = Task { try await services.run() }
        defer { worker.cancel() }

        func deliverAndWait(_ subject: String) async throws {
            let file = desk.directory.file("\(subject).eml")
            try Data(TestMail.make(from: "ann@uni.example", subject: subject, body: ".").utf8).write(to: URL(fileURLWithPath: file))
            try desk.servers.deliver([file], to: "support")
            // Reconnecting backs off (5 s, then 10 s, 20 s, …): on a loaded machine a restart
            // of Dovecot can cost two or three rounds.
            let deadline = Date().addingTimeInterval(90)
            while Date() < deadline {
                if try desk.store().tickets().contains(where: { $0.subject == subject }) { return }
                try await Task.sleep(for: .milliseconds(200))
            }
            Issue.record("\(subject) was not processed")
        }

        try await deliverAndWait("before")
        try desk.servers.kick("support")
        try await deliverAndWait("after-kick")
        _ = try ProcessRunner.run("/bin/bash", [RepositoryPaths.mailServersScript, "restart-imap", desk.servers.directory.file("servers")])
        try await deliverAndWait("after-restart")
        #expect(try desk.store().tickets().map(\.subject) == ["before", "after-kick", "after-restart"])
    }
}
