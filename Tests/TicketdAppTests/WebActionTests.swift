import Access
@testable import Apply
import DeskConfiguration
import Foundation
@testable import Intake
import Logging
import Storage
import Templates
import Testing
import TicketCore
@testable import TicketdApp
import TicketdTestSupport
import Web
import Workflow

/// Issue 15, point 1: a web action through the real workflow and a real SQLite file: the
/// same decision as the user's mail, recorded with the web user as the actor.
@Suite struct WebActionTests {
    let now = Date(timeIntervalSince1970: 1_794_304_800)  // Tuesday 2026-11-10 10:00 UTC

    func setUp(_ directory: TemporaryDirectory) async throws -> (TicketdConfig, any Backend.Full, WorkflowRunner) {
        let path = directory.file("ticketd.toml")
        try """
            [service]
            address = "support@ticketd.example"
            database = "\(directory.file("ticketd.sqlite"))"
            templates = "\(RepositoryPaths.templates)"
            [mailboxes.support]
            user = "support"
            password_env = "PASSWORD"
            [smtp]
            host = "127.0.0.1"
            [[units]]
            name = "Operations"
            members = ["alice@ops.example"]
            [[units]]
            name = "Security"
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let config = try ConfigLoader.load(path: path, environment: ["PASSWORD": "x"])
        let store: any Backend.Full = try await Backend.open(config, oneShot: false)
        let runner = WorkflowRunner(config: config, templates: try TemplateSet(directory: config.service.templates), trust: try SiteTrust.load(config, now: now))
        let intake = BatchIntake(workflow: runner, store: store, logger: Logger(label: "test"))
        let reader = MailReader(classifier: runner.classifier, limits: config.service.limits, maxMessageBytes: config.service.maxMessageBytes)
        let mail = TestMail.make(from: "ann@uni.example", subject: "Cannot log in", body: "Since this morning.", messageID: "one@uni.example")
        let read = await reader.read([MailReader.Fetched(raw: Array(mail.utf8), origin: MessageOrigin(mailbox: "support", uidValidity: 1, uid: 1))])
        let now = now
        _ = try await intake.writeBatch { tx in try read.map { try intake.take($0, in: tx, now: now).outcome } }
        return (config, store, runner)
    }

    func viewer(_ address: String, config: TicketdConfig) -> Viewer {
        Viewer(name: address, address: address, units: config.workflow.units, approvers: config.workflow.approvers, securityUnit: "Security")
    }

    @Test func aMembersWebReplyIsStoredOnTheTicketRelayedToTheRequesterAndActsOnceForOneForm() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (config, store, runner) = try await setUp(directory)
        let alice = viewer("alice@ops.example", config: config)
        let before = try store.outboxBacklog().pending
        let moved = try await WebActions.act(
            .status("in progress"), by: alice, on: 1, actionID: "form-status-0123456789", runner: runner, store: store, config: config, now: now
        )
        #expect(moved == WebActionOutcome(refusals: [], wasDuplicate: false))
        let first = try await WebActions.act(
            .reply("We are looking at it."), by: alice, on: 1, actionID: "form-0123456789abcdef", runner: runner, store: store, config: config, now: now
        )
        #expect(first == WebActionOutcome(refusals: [], wasDuplicate: false))
        let again = try await WebActions.act(
            .reply("We are looking at it."), by: alice, on: 1, actionID: "form-0123456789abcdef", runner: runner, store: store, config: config, now: now
        )
        #expect(again == WebActionOutcome(refusals: [], wasDuplicate: true))

        #expect(try store.ticket(1)?.status == .open)
        let move = try #require(try store.events(ofTicket: 1).first { $0.field == .status })
        #expect(move.actor == "alice@ops.example")
        let filed = try store.messages(ofTicket: 1).filter { $0.direction == .incoming }
        #expect(filed.count == 3)
        #expect(filed.last?.threadMatch == "web")
        #expect(filed.last?.messageID?.hasPrefix("web-") == true && filed.last?.messageID?.hasSuffix("@ticketd.ticketd-web") == true)
        // A status change and the reply, both to the requester; and no more for the second form.
        #expect(try store.outboxBacklog().pending == before + 2)
    }

    /// Outsider attack: a user whose action was refused had used up the id another user's
    /// script was to send; that action was then reported done and never ran.
    @Test func oneUsersActionIDCannotUseUpAnothers() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (config, store, runner) = try await setUp(directory)
        let id = "nightly-close-ticket-1"
        let eve = try await WebActions.act(
            .comment("x"), by: viewer("eve@elsewhere.example", config: config), on: 1, actionID: id, runner: runner, store: store, config: config, now: now
        )
        #expect(eve?.refusals.isEmpty == false)
        let alice = try await WebActions.act(
            .status("in progress"), by: viewer("alice@ops.example", config: config), on: 1, actionID: id, runner: runner, store: store, config: config, now: now
        )
        #expect(alice == WebActionOutcome(refusals: [], wasDuplicate: false))
        #expect(try store.ticket(1)?.status == .open)
    }

    @Test func aStrangersWebActionIsRefusedWithTheMailReasonAndChangesNothing() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (config, store, runner) = try await setUp(directory)
        let outcome = try await WebActions.act(
            .status("resolved"), by: viewer("eve@elsewhere.example", config: config), on: 1, actionID: nil, runner: runner, store: store, config: config, now: now
        )
        #expect(outcome?.refusals == ["Status: resolved: eve@elsewhere.example is not a member of Operations or an approver"])
        #expect(try store.ticket(1)?.status == .new)
        #expect(try await WebActions.act(.status("resolved"), by: viewer("alice@ops.example", config: config), on: 9, actionID: nil, runner: runner, store: store, config: config, now: now) == nil)
    }

    @Test(arguments: [nil, "short", "has space in it 12345", String(repeating: "x", count: 65)] as [String?])
    func aFormsActionIDThatIsNoPlainTokenIsReplaced(_ given: String?) {
        let id = WebActions.actionID(given)
        #expect(id != given)
        #expect(id.count == 43)
    }
}
