@testable import Apply
import DeskConfiguration
import Foundation
@testable import Intake
import Logging
import Storage
import Templates
import Testing
import Threading
import TicketdApp
import TicketdTestSupport
import TicketCore
import Workflow
import WorkingTime

/// The intake and apply stages over the store seam's in-memory twin: decisions carried out
/// into tickets, clocks and rendered outbox mail, with no database file and no server.
/// (The same paths run against Dovecot, an SMTP server and SQLite in IntegrationTests.)
@Suite struct ApplyStageTests {
    let now = Date(timeIntervalSince1970: 1_794_304_800)  // Tuesday 2026-11-10 10:00 UTC

    /// A config with the repository's templates; no server is contacted.
    func config(_ directory: TemporaryDirectory) throws -> TicketdConfig {
        let text = """
            [service]
            address = "support@ticketd.example"
            database = "\(directory.file("unused.sqlite"))"
            templates = "\(RepositoryPaths.templates)"
            max_message_bytes = 4096

            [imap]
            host = "127.0.0.1"
            security = "none"
            password_env = "PASSWORD"

            [smtp]
            host = "127.0.0.1"
            security = "none"

            [mailboxes.support]
            user = "support"

            [mailboxes.reports]
            user = "reports"
            address = "reports@ticketd.example"

            [sla]
            managers = ["boss@ops.example"]

            [[units]]
            name = "Operations"
            members = ["alice@ops.example"]

            [[units]]
            name = "Security"
            members = ["csirt@ops.example"]
            """
        let path = directory.file("ticketd.toml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try ConfigLoader.load(path: path, environment: ["PASSWORD": "x"])
    }

    func take(_ raws: [String], config: TicketdConfig, store: InMemoryStore, mailbox: String = "support") async throws -> [ProcessingOutcome] {
        let workflow = WorkflowRunner(
            config: config, templates: try TemplateSet(directory: config.service.templates), trust: try SiteTrust.load(config, now: now)
        )
        let intake = BatchIntake(workflow: workflow, store: store, logger: Logger(label: "test"))
        let reader = MailReader(classifier: workflow.classifier, limits: config.service.limits, maxMessageBytes: config.service.maxMessageBytes)
        let mails = await reader.read(raws.enumerated().map { index, raw in
            MailReader.Fetched(raw: Array(raw.utf8), origin: MessageOrigin(mailbox: mailbox, uidValidity: 1, uid: UInt32(index + 1)))
        })
        let now = now
        return try await intake.writeBatch { tx in try mails.map { try intake.take($0, in: tx, now: now).outcome } }
    }

    @Test func aNewMailBecomesATicketWithAClockAndARenderedAcknowledgementAndIsTakenOnce() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try config(directory)
        let store = InMemoryStore()
        let mail = TestMail.make(from: "ann@uni.example", subject: "Cannot log in", body: "Since this morning.", messageID: "one@uni.example")

        let outcomes = try await take([mail, mail], config: config, store: store)

        #expect(outcomes == [.created(ticket: 1), .duplicate])
        #expect(store.tickets().map(\.subject) == ["Cannot log in"])
        #expect(store.clocks(ofTicket: 1).map(\.clock.kind) == [.response])
        let outbox = store.outbox()
        #expect(outbox.map(\.recipients) == [["ann@uni.example"], ["alice@ops.example"]])
        let acknowledgement = String(decoding: outbox[0].raw, as: UTF8.self)
        #expect(acknowledgement.contains("[ticketd #1]"))
        #expect(acknowledgement.contains("In-Reply-To: <one@uni.example>"))
        #expect(store.messages(ofTicket: 1).map(\.direction) == [.incoming, .outgoing, .outgoing])
    }

    @Test func anOversizeMailIsQuarantinedAndItsSenderToldWhileTheNextIsTaken() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try config(directory)
        let store = InMemoryStore()
        let big = TestMail.make(from: "ann@uni.example", subject: "Logs", body: String(repeating: "log line\n", count: 1000))
        let small = TestMail.make(from: "bob@uni.example", subject: "Question", body: "How do I join?")

        let outcomes = try await take([big, small], config: config, store: store)

        #expect(outcomes.first?.isQuarantined == true)
        #expect(outcomes.last == .created(ticket: 1))
        #expect(store.failures().first?.reason.hasPrefix("oversize: ") == true)
        #expect(store.outbox().first?.recipients == ["ann@uni.example"])
        let refusal = String(decoding: try #require(store.outbox().first).raw, as: UTF8.self)
        #expect(refusal.contains("Logs"))
    }

    /// Outsider attack F9: anyone can ask for a report in a manager's name; the
    /// confirmations that causes are limited like mail to an outsider (10 per 10 minutes),
    /// each with its token in the Reply-To of the reports mailbox.
    @Test func forgedReportRequestsCannotFloodTheManager() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try config(directory)
        let store = InMemoryStore()
        let forged = (0..<15).map { TestMail.make(from: "boss@ops.example", to: "reports@ticketd.example", subject: "SLA report \($0)", body: "") }
        _ = try await take(forged, config: config, store: store, mailbox: "reports")
        let confirmations = store.outbox().filter { $0.recipients == ["boss@ops.example"] }
        #expect(confirmations.count == 10)
        let replyTo = TestMail.headerFields(try #require(confirmations.first).raw)["reply-to"]
        #expect(replyTo?.contains("<reports+0-") == true)
    }

    @Test func aMembersStatusCommandOnTheThreadMovesTheTicketAndStopsTheResponseClock() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try config(directory)
        let store = InMemoryStore()
        let first = TestMail.make(from: "ann@uni.example", subject: "Disk full", body: "Help.")

        _ = try await take([first], config: config, store: store)
        // Alice answers the notification she got, which brings back her reply token.
        let notification = try #require(store.outbox().first { $0.recipients == ["alice@ops.example"] })
        let reply = TestMail.reply(to: notification.raw, from: "alice@ops.example", body: "Status: in progress\n\nOn it.")
        let outcomes = try await take([reply], config: config, store: store)

        #expect(outcomes == [.correspondence(ticket: 1, match: .subjectTag(1))])
        #expect(store.tickets().first?.status == .open)
        #expect(store.clocks(ofTicket: 1).first?.clock.isRunning == false)
        #expect(store.events(ofTicket: 1).map(\.field) == [.created, .status])
    }

    @Test func theTicketCommandsReadThroughTheSeam() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try config(directory)
        let store = InMemoryStore()
        _ = try await take([TestMail.make(from: "ann@uni.example", subject: "Printer on fire", body: "Help.")], config: config, store: store)

        let list = try TicketViews.list(in: store, config: config, unit: nil, json: false)
        #expect(list.contains("Printer on fire"))
        let show = try #require(try TicketViews.show(in: store, config: config, number: 1, json: true))
        #expect(show.contains("\"subject\": \"Printer on fire\""))
        #expect(try TicketViews.show(in: store, config: config, number: 2, json: false) == nil)
    }

    @Test func aSenderWithoutAValidAddressGetsATicketButNoMailAndNoRecipientSlot() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try config(directory)
        let store = InMemoryStore()
        let forged = TestMail.make(
            from: "=?utf-8?q?a=0D=0ARCPT_TO=3A=3Cvictim=40example.org=3E?=", cc: "=?utf-8?q?x=0D=0Ay=40evil.example?=",
            subject: "Help", body: "Please."
        )

        let outcomes = try await take([forged], config: config, store: store)

        #expect(outcomes == [.created(ticket: 1)])
        #expect(store.tickets().first?.participants == [])
        let recipients = store.outbox().flatMap(\.recipients)
        #expect(recipients == ["alice@ops.example"])  // the team hears of it; no one else
        #expect(recipients.allSatisfy { AddrSpec.isValid($0) })
    }
}
