import Foundation
import MailParsing
import Storage
import Store
import Testing
import TicketCore
import TicketdApp
import TicketdTestSupport
import Workflow
import WorkingTime

/// SLA clocks on real tickets, with the worker's clock moved by hand.
@Suite(.timeLimit(.minutes(2)))
struct SLAIntegrationTests {
    static let config = WorkflowIntegrationTests.teamConfig + """

    [sla]
    time_zone = "UTC"
    managers = ["managers@example.org"]

    [sla.resolution.incident]
    "very urgent" = "2d"

    """

    typealias Desk = WorkflowIntegrationTests.Desk

    func runOnce(_ desk: Desk) async throws {
        _ = try await runWorker(config: desk.config, once: true, logger: desk.logs.logger(), now: desk.clock.function)
    }

    func outage(_ subject: String = "URGENT: se01 is down") -> String {
        TestMail.make(from: "ann@uni.example", subject: subject, body: "All transfers fail.")
    }

    @Test func theResponseClockStopsAtTheFirstStatusChange() async throws {
        let desk = try Desk(extra: Self.config)
        defer { desk.close() }
        try await desk.receive(outage())  // Monday 09:00 UTC, priority high
        let started = try desk.store().clocks(ofTicket: 1)
        #expect(started.map(\.clock.kind) == [.response, .resolution])
        #expect(started[0].clock.target == 8 * 3600)  // Medium, very urgent: 1 working day
        #expect(started[0].clock.dueAt == desk.clock.now.addingTimeInterval(8 * 3600))
        desk.clock.advance(by: 3600)
        try await desk.receive(try desk.reply(from: "ops@example.org", ticket: 1, body: "Status: in progress"))
        let clocks = try desk.store().clocks(ofTicket: 1)
        #expect(clocks[0].clock.outcome == .met && clocks[0].clock.consumed == 3600)
        #expect(clocks[1].clock.isRunning)
    }

    @Test func theResponseClockStopsAtTheFirstReplyFromAMemberButNotAtAComment() async throws {
        let desk = try Desk(extra: Self.config)
        defer { desk.close() }
        try await desk.receive(outage())
        desk.clock.advance(by: 1800)
        try await desk.receive(try desk.reply(from: "ops@example.org", ticket: 1, body: "Comment: looking"))
        #expect(try desk.store().clocks(ofTicket: 1)[0].clock.isRunning)
        desk.clock.advance(by: 1800)
        try await desk.receive(try desk.reply(from: "ops@example.org", ticket: 1, body: "We are on it."))
        let response = try desk.store().clocks(ofTicket: 1)[0].clock
        #expect(response.outcome == .met && response.consumed == 3600)
        #expect(try desk.ticket(1).status == .new)
    }

    @Test func reassignmentEndsTheOldUnitsMeasureAndStartsTheNewUnits() async throws {
        let desk = try Desk(extra: Self.config)
        defer { desk.close() }
        try await desk.receive(outage())
        desk.clock.advance(by: 7200)
        try await desk.receive(try desk.reply(from: "ops@example.org", ticket: 1, body: "Assign: Storage\nComment: theirs"))
        let clocks = try desk.store().clocks(ofTicket: 1).filter { $0.clock.kind == .response }
        #expect(clocks.map(\.clock.unit) == ["Operations", "Storage"])
        #expect(clocks[0].clock.outcome == .met && clocks[0].clock.consumed == 7200)
        #expect(clocks[1].clock.isRunning && clocks[1].clock.target == 8 * 3600)  // Advanced, very urgent: 1 day
        #expect(clocks[1].clock.startedAt == desk.clock.now)
    }

    @Test func theResolutionClockPausesWhileStalled() async throws {
        let desk = try Desk(extra: Self.config)
        defer { desk.close() }
        try await desk.receive(outage())
        try await desk.receive(try desk.reply(from: "ops@example.org", ticket: 1, body: "Status: open"))
        desk.clock.advance(by: 3600)
        try await desk.receive(try desk.reply(from: "ops@example.org", ticket: 1, body: "Status: on hold"))
        desk.clock.advance(by: 86_400)
        try await desk.receive(try desk.reply(from: "ops@example.org", ticket: 1, body: "Status: in progress"))
        let resolution = try #require(try desk.store().clocks(ofTicket: 1).first { $0.clock.kind == .resolution }).clock
        #expect(resolution.pauses.count == 1 && resolution.pauses[0].end != nil)
        // 1 hour used of 2 working days: due 15 working hours after the resume.
        #expect(resolution.dueAt == desk.clock.now.addingTimeInterval(7 * 3600 + 16 * 3600 + 8 * 3600))
        desk.clock.advance(by: 1800)
        try await desk.receive(try desk.reply(from: "ops@example.org", ticket: 1, body: "Status: resolved"))
        let stopped = try #require(try desk.store().clocks(ofTicket: 1).first { $0.clock.kind == .resolution }).clock
        #expect(stopped.outcome == .met && stopped.consumed == 5400)
    }

    @Test func warningAndBreachGoOutOnceEachAcrossRestarts() async throws {
        let desk = try Desk(extra: Self.config)
        defer { desk.close() }
        try await desk.receive(outage())
        _ = try desk.newMail()
        desk.clock.advance(by: 6 * 3600)  // 75% of 8 working hours
        try await runOnce(desk)
        let warning = try desk.newMail()
        #expect(warning.map(\.to) == [["ops@example.org"]])
        #expect(warning[0].message.subject?.hasPrefix("[ticketd #1] SLA warning: response due") == true)
        #expect(warning[0].message.text?.contains("late") == false)
        try await runOnce(desk)  // a restart: nothing again
        #expect(try desk.newMail().isEmpty)

        desk.clock.advance(by: 2 * 3600)
        try await runOnce(desk)
        let breach = try desk.newMail()
        #expect(breach.map(\.to) == [["ops@example.org"], ["managers@example.org"]])  // one mail each, with its own token
        #expect(breach[0].message.subject == "[ticketd #1] SLA breached: response target of 480 working minutes")
        try await runOnce(desk)
        #expect(try desk.newMail().isEmpty)
        let response = try desk.store().clocks(ofTicket: 1)[0]
        #expect(response.clock.outcome == .breached && response.warnedAt != nil && response.breachedAt != nil)
        // Answering now does not undo the breach.
        try await desk.receive(try desk.reply(from: "ops@example.org", ticket: 1, body: "Status: open"))
        #expect(try desk.store().clocks(ofTicket: 1)[0].clock.outcome == .breached)
    }

    @Test func noticesThatFellDueWhileTheWorkerWasDownGoOutOnceAndSaySoLate() async throws {
        let desk = try Desk(extra: Self.config)
        defer { desk.close() }
        try await desk.receive(outage())
        _ = try desk.newMail()
        desk.clock.advance(by: 3 * 86_400)  // down for three days
        try await runOnce(desk)
        let notices = try desk.newMail()
        let response = notices.filter { $0.message.subject?.contains("response") == true }
        #expect(response.count == 3)  // the warning to the unit, the breach to the unit and to the managers
        #expect(response.allSatisfy { $0.message.text?.contains("This notice is late: it fell due at 2026-11-23T") == true })
        try await runOnce(desk)
        #expect(try desk.newMail().isEmpty)
    }

    @Test func securityTicketsShowNoSubjectInNotices() async throws {
        let desk = try Desk(extra: Self.config)
        defer { desk.close() }
        try await desk.receive(TestMail.make(from: "eve@cert.example", subject: "Security incident: leaked credentials of alice", body: "x"))
        _ = try desk.newMail()
        desk.clock.advance(by: 3 * 86_400)
        try await runOnce(desk)
        let notices = try desk.newMail()
        #expect(!notices.isEmpty)
        #expect(notices.allSatisfy { $0.message.text?.contains("alice") == false && $0.message.subject?.contains("alice") == false })
    }

    @Test func aManagerAsksTheReportsMailboxAndGetsTheTableWithCSVAndHTMLAttached() async throws {
        let desk = try Desk(extra: Self.config, mailboxes: ["support", "reports"])
        defer { desk.close() }
        try await desk.receive(outage())
        try await desk.receive(TestMail.make(from: "bob@x.example", subject: "Cannot log in to the portal", body: "error"))
        desk.clock.advance(by: 3 * 86_400)
        try await runOnce(desk)
        _ = try desk.newMail()

        // The manager's From proves nothing: the configured address is asked to confirm.
        let asked = try await desk.receive(
            TestMail.make(from: "Mia Manager <managers@example.org>", to: "reports@ticketd.example", subject: "SLA report this month", body: "Thanks!"),
            user: "reports"
        )
        #expect(asked == [.reportRequest(answered: false)])
        let confirmation = try #require(try desk.newMail().first)
        #expect(confirmation.to == ["managers@example.org"])
        #expect(confirmation.message.subject == "Confirm your SLA report request")
        #expect(confirmation.message.replyTo.first?.address.hasPrefix("reports+0-") == true)
        // Their reply brings the token back, and the report follows.
        let outcomes = try await desk.receive(
            TestMail.reply(to: confirmation.message.raw, from: "Mia Manager <managers@example.org>", body: "SLA report this month\n\nThanks!"),
            user: "reports"
        )
        #expect(outcomes == [.reportRequest(answered: true)])
        let replies = try desk.newMail()
        #expect(replies.map(\.to) == [["managers@example.org"]])
        let report = replies[0].message
        #expect(report.subject?.hasPrefix("SLA report, from 2026-11-01T00:00:00+00:00") == true)
        #expect(report.text?.contains("Operations    very urgent          1      0        1") == true)
        #expect(report.text?.contains("Breaches (1):") == true)
        #expect(report.attachments.map(\.filename) == ["sla-report.csv", "sla-report.html"])
        #expect(report.attachments.map(\.contentType) == ["text/csv", "text/html"])
        let csv = try #require(report.parts.first { $0.filename == "sla-report.csv" }?.text)
        #expect(csv.hasPrefix("unit,priority,ggus_priority,tickets,met,breached"))
        #expect(try desk.store().tickets().count == 2)

        let refused = try await desk.receive(
            TestMail.make(from: "curious@x.example", to: "reports@ticketd.example", subject: "SLA report last month", body: ""),
            user: "reports"
        )
        #expect(refused == [.reportRequest(answered: false)])
        let refusal = try desk.newMail()
        #expect(refusal.map(\.to) == [["curious@x.example"]])
        #expect(refusal[0].message.attachments.isEmpty)
        #expect(refusal[0].message.text?.contains("SLA reports are sent only to the managers") == true)
    }
}
