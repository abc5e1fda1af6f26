import DeskConfiguration
import Etpan
import Foundation
import MailParsing
import MailTransport
import Outbox
import Storage
import Store
import Testing
import Threading
import TicketCore
import TicketdApp
import Workflow
import TicketdTestSupport

/// The whole path on real parts: Dovecot, the SMTP sink, a SQLite file.
@Suite(.timeLimit(.minutes(2)))
struct WorkerIntegrationTests {
    /// Servers, a config and a folder for one test; `close()` stops everything.
    struct Harness: Sendable {
        let servers: MailServers
        let directory: TemporaryDirectory
        let config: TicketdConfig
        let logs = LogRecorder()

        init(processedFolder: String? = nil) throws {
            servers = try MailServers()
            directory = try TemporaryDirectory()
            let path = try TestConfig.write(servers: servers, directory: directory)
            config = try TestConfig.load(path, password: servers.password)
        }

        func runOnce() async throws -> CycleReport {
            try #require(try await runWorker(config: config, once: true, logger: logs.logger()))
        }

        func store() throws -> TicketStore { try TicketStore.open(path: config.service.database) }

        func close() {
            servers.stop()
            directory.remove()
        }
    }

    static func sample(_ name: String) -> String {
        RepositoryPaths.sampleMail.appendingPathComponent(name).path
    }

    @Test func sampleMailBecomesTicketsThreadsAndAcknowledgements() async throws {
        let harness = try Harness()
        defer { harness.close() }
        try harness.servers.deliver(RepositoryPaths.basicSupportSamples, to: "support")

        let report = try await harness.runOnce()
        #expect(report.failures.isEmpty)
        #expect(report.outcomes.count == 8)

        let store = try harness.store()
        let tickets = try store.tickets()
        #expect(tickets.map(\.number) == [1, 2, 3, 4, 5])
        #expect(tickets.allSatisfy { $0.status == .new && $0.mailbox == "support" })
        #expect(tickets[0].subject == "Request to join VO vo.compchem.example.org")
        #expect(tickets[3].requester.name == "Hélène Dupré")

        // #1: the request and the reply tagged [ticketd #1], plus our acknowledgement.
        let first = try store.messages(ofTicket: 1)
        #expect(first.filter { $0.direction == .incoming }.map(\.threadMatch) == ["new", "subject-tag"])
        // #2: the incident, the colleague's update found by References, the out-of-office.
        let second = try store.messages(ofTicket: 2).filter { $0.direction == .incoming }
        #expect(second.map(\.threadMatch) == ["new", "references", "subject-tag"])
        #expect(second.last?.automatic == "auto-replied")

        // Five acknowledgements, one per new ticket, none to the auto-reply.
        let received = try harness.servers.received()
        #expect(received.count == 5)
        #expect(report.replies.sent == 5)
        for (index, mail) in received.enumerated() {
            let reply = MessageParser.parse(mail.raw)
            let ticket = tickets[index]
            let original = try #require(try store.messages(ofTicket: ticket.number).first { $0.direction == .incoming })
            #expect(reply.subject?.hasPrefix("[ticketd #\(ticket.number)] ") == true)
            #expect(reply.inReplyTo == [original.messageID].compactMap { $0 })
            #expect(reply.references.last == original.messageID)
            #expect(reply.header("Auto-Submitted") == "auto-replied")
            #expect(reply.header("X-Ticketd-Loop") == "ticketd")
            #expect(reply.from?.address == "support@ticketd.example")
            #expect(mail.recipients == [ticket.requester.address])
            #expect(mail.mailFrom == "support@ticketd.example")
            let outgoing = try #require(try store.messages(ofTicket: ticket.number).first { $0.direction == .outgoing })
            #expect(reply.messageID == outgoing.messageID)
        }

        // Processed mail is flagged and moved out of the inbox.
        #expect(try harness.servers.count("support", folder: "INBOX") == 0)
        #expect(try harness.servers.count("support", folder: "Processed") == 8)
    }

    @Test func aSecondRunChangesNothing() async throws {
        let harness = try Harness()
        defer { harness.close() }
        try harness.servers.deliver(RepositoryPaths.basicSupportSamples, to: "support")
        _ = try await harness.runOnce()
        let store = try harness.store()
        let ticketsBefore = try store.tickets()
        let messagesBefore = try store.allMessages().count

        let second = try await harness.runOnce()
        #expect(second.outcomes.isEmpty)
        #expect(second.replies.sent == 0)
        #expect(try store.tickets() == ticketsBefore)
        #expect(try store.allMessages().count == messagesBefore)
        #expect(try harness.servers.received().count == 5)
    }

    @Test func theSameMessageDeliveredAgainIsRecognisedAndIgnored() async throws {
        let harness = try Harness()
        defer { harness.close() }
        let request = Self.sample("support/01-vo-membership-request.eml")
        try harness.servers.deliver([request], to: "support")
        _ = try await harness.runOnce()
        // Same Message-ID under a new UID, as after a redelivery or a copy back to the inbox.
        try harness.servers.deliver([request], to: "support")
        let report = try await harness.runOnce()
        #expect(report.outcomes == [.duplicate])
        #expect(try harness.store().tickets().count == 1)
        #expect(try harness.servers.received().count == 1)
        #expect(try harness.servers.count("support", folder: "Processed") == 2)
    }

    @Test func anAutoReplyIsRecordedButNeverAnswered() async throws {
        let harness = try Harness()
        defer { harness.close() }
        try harness.servers.deliver([Self.sample("support/06-out-of-office-auto-reply.eml")], to: "support")
        let report = try await harness.runOnce()
        #expect(report.outcomes == [.screened(.autoReplied, ticket: nil)])
        #expect(try harness.store().tickets().isEmpty)
        let stored = try harness.store().allMessages()
        #expect(stored.count == 1)
        #expect(stored.first?.automatic == "auto-replied")
        #expect(try harness.servers.received().isEmpty)
    }

    @Test func eachMailboxIsProcessedAndRecordedUnderItsName() async throws {
        let harness = try Harness()
        defer { harness.close() }
        try harness.servers.deliver([Self.sample("support/01-vo-membership-request.eml")], to: "support")
        try harness.servers.deliver([Self.sample("notifications")], to: "notifications")
        let report = try await harness.runOnce()
        #expect(report.outcomes.count == 4)
        let stored = try harness.store().allMessages().filter { $0.direction == .incoming }
        #expect(stored.filter { $0.mailbox == "notifications" }.count == 3)
        #expect(try harness.servers.count("notifications", folder: "Processed") == 3)
    }

    @Test func aWrongPasswordFailsThatMailboxWithAnAuthenticationErrorAndLogsNoSecret() async throws {
        let harness = try Harness()
        defer { harness.close() }
        var config = harness.config
        let wrong = "wrong-password-\(UUID().uuidString)"
        config.mailboxes[0].endpoint.password = .init(wrong)
        try harness.servers.deliver([Self.sample("support/01-vo-membership-request.eml")], to: "notifications")
        let report = try #require(try await runWorker(config: config, once: true, logger: harness.logs.logger()))
        #expect(report.failures.map(\.mailbox) == ["support"])
        #expect("\(report.failures[0].error)".contains("IMAP LOGIN"))
        #expect(ExitStatus.of(report.failures[0].error) == ExitStatus.noPermission)
        // The other mailbox still ran.
        #expect(report.outcomes.count == 1)
        #expect(!harness.logs.records.contains { $0.line.contains(wrong) })
        #expect(!"\(report.failures[0].error)".contains(wrong))
    }

    @Test func aMessageWithoutMessageIDIsKeyedByItsContent() async throws {
        let harness = try Harness()
        defer { harness.close() }
        let file = harness.directory.file("no-id.eml")
        try Data("From: Ann <ann@example.org>\r\nTo: support@ticketd.example\r\nSubject: no id\r\n\r\nhello\r\n".utf8)
            .write(to: URL(fileURLWithPath: file))
        try harness.servers.deliver([file, file], to: "support")
        let report = try await harness.runOnce()
        #expect(report.outcomes == [.created(ticket: 1), .duplicate])
        let replies = try harness.servers.received()
        #expect(replies.count == 1)
        let reply = MessageParser.parse(try #require(replies.first).raw)
        #expect(reply.inReplyTo.isEmpty)
        // A reply to our acknowledgement threads by its Message-ID.
        let answer = harness.directory.file("answer.eml")
        try Data("From: ann@example.org\r\nSubject: more\r\nIn-Reply-To: <\(try #require(reply.messageID))>\r\n\r\nmore\r\n".utf8)
            .write(to: URL(fileURLWithPath: answer))
        try harness.servers.deliver([answer], to: "support")
        let second = try await harness.runOnce()
        #expect(second.outcomes == [.correspondence(ticket: 1, match: .reference(1))])
    }
}

/// What a restart finds after a crash at each point of the per-message sequence.
@Suite(.timeLimit(.minutes(2)))
struct RecoveryIntegrationTests {
    @Test func mailCommittedBeforeACrashButNotMovedIsMovedWithoutBeingProcessedAgain() async throws {
        let harness = try WorkerIntegrationTests.Harness()
        defer { harness.close() }
        try harness.servers.deliver([
            WorkerIntegrationTests.sample("support/01-vo-membership-request.eml"),
            WorkerIntegrationTests.sample("support/02-storage-element-down.eml"),
        ], to: "support")
        // The state a crash leaves after UID 1's transaction committed and before its move.
        let imap = try harness.servers.imap("support")
        let status = try imap.select("INBOX")
        imap.logout()
        try harness.store().transaction { tx in
            try tx.saveMailboxState(.init(mailbox: "support", uidValidity: status.uidValidity, lastUID: 1))
        }

        let report = try await harness.runOnce()
        #expect(report.outcomes == [.created(ticket: 1)])
        #expect(try harness.store().tickets().map(\.subject).first?.contains("se01") == true)
        #expect(try harness.servers.count("support", folder: "INBOX") == 0)
        #expect(try harness.servers.count("support", folder: "Processed") == 2)
    }

    @Test func aChangedUIDValidityRescansWithoutDuplicates() async throws {
        let harness = try WorkerIntegrationTests.Harness()
        defer { harness.close() }
        try harness.servers.deliver([WorkerIntegrationTests.sample("support/01-vo-membership-request.eml")], to: "support")
        _ = try await harness.runOnce()
        // The server renumbered the folder, and the processed mail came back to the inbox.
        try harness.store().transaction { tx in
            try tx.saveMailboxState(.init(mailbox: "support", uidValidity: 1, lastUID: 99))
        }
        try harness.servers.deliver([
            WorkerIntegrationTests.sample("support/01-vo-membership-request.eml"),
            WorkerIntegrationTests.sample("support/04-host-certificate-expiring.eml"),
        ], to: "support")
        let report = try await harness.runOnce()
        #expect(report.outcomes == [.duplicate, .created(ticket: 2)])
        #expect(try harness.servers.received().count == 2)
    }

    @Test func aMissingProcessedFolderIsCreated() async throws {
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try TestConfig.write(servers: servers, directory: directory, mailboxes: [])
        try (try String(contentsOfFile: path, encoding: .utf8)
            + "\n[mailboxes.support]\nuser = \"support\"\nprocessed_folder = \"Done/2026\"\n").write(toFile: path, atomically: true, encoding: .utf8)
        let config = try TestConfig.load(path, password: servers.password)
        try servers.deliver([WorkerIntegrationTests.sample("support/01-vo-membership-request.eml")], to: "support")
        let report = try #require(try await runWorker(config: config, once: true, logger: LogRecorder().logger()))
        #expect(report.failures.isEmpty)
        #expect(try servers.count("support", folder: "Done/2026") == 1)
    }
}
