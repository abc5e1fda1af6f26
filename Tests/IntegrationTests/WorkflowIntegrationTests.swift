import DeskConfiguration
import Foundation
import MailParsing
import Storage
import Store
import Testing
import Threading
import TicketCore
import TicketdApp
import Workflow
import TicketdTestSupport

/// The service-desk workflows of DESIGN.md §1, each through Dovecot, the SMTP sink and SQLite.
@Suite(.timeLimit(.minutes(2)))
struct WorkflowIntegrationTests {
    static let teamConfig = """

    [[units]]
    name = "Operations"
    members = ["ops@example.org"]
    mailboxes = ["support", "notifications"]

    [[units]]
    name = "Storage"
    members = ["storage@example.org", "petr@example.org"]
    qos = "advanced"

    [[units]]
    name = "Security"
    members = ["csirt@example.org"]
    mailboxes = ["security"]

    [changes]
    approvers = ["omb@example.org"]

    """

    /// Servers, config and a hand-moved clock for one test.
    final class Desk: @unchecked Sendable {
        let servers: MailServers
        let directory: TemporaryDirectory
        let config: TicketdConfig
        let clock = ManualClock(Date(timeIntervalSince1970: 1_795_424_400))  // 2026-11-23 09:00 UTC, a Monday
        let logs = LogRecorder()
        private var seen = 0

        init(extra: String = WorkflowIntegrationTests.teamConfig, mailboxes: [String] = ["support", "notifications"]) throws {
            servers = try MailServers(users: mailboxes)
            directory = try TemporaryDirectory()
            let path = try TestConfig.write(servers: servers, directory: directory, mailboxes: mailboxes, extra: extra)
            config = try TestConfig.load(path, password: servers.password)
        }

        func close() {
            servers.stop()
            directory.remove()
        }

        /// Delivers one mail to `user`'s inbox and runs the worker once.
        @discardableResult
        func receive(_ mail: String, user: String = "support") async throws -> [ProcessingOutcome] {
            let file = directory.file("mail-\(UUID().uuidString).eml")
            try Data(mail.utf8).write(to: URL(fileURLWithPath: file))
            try servers.deliver([file], to: user)
            let report = try #require(try await runWorker(config: config, once: true, logger: logs.logger(), now: clock.function))
            #expect(report.failures.isEmpty, "\(report.failures.map { "\($0.error)" })")
            return report.outcomes
        }

        func store() throws -> TicketStore { try TicketStore.open(path: config.service.database) }
        func ticket(_ number: Int) throws -> Ticket { try #require(try store().ticket(number)) }

        /// A reply from `address` to the newest mail ticketd sent it about ticket `number`,
        /// as a mail client writes it: it brings back that mail's reply token.
        func reply(from address: String, ticket number: Int, body: String) throws -> String {
            let sent = try #require(try servers.received().last { mail in
                mail.recipients.contains(address) && TestMail.headerFields(mail.raw)["subject"]?.contains("#\(number)]") == true
            }, "ticketd sent \(address) nothing about #\(number)")
            return TestMail.reply(to: sent.raw, from: address, body: body)
        }

        /// The mails the SMTP server got since the last call, parsed.
        func newMail() throws -> [(to: [String], message: Message)] {
            let all = try servers.received()
            defer { seen = all.count }
            return all.dropFirst(seen).map { ($0.recipients, MessageParser.parse($0.raw)) }
        }
    }

    @Test func aNormalChangeGoesFromRequestToApprovalToResolutionToReview() async throws {
        let desk = try Desk()
        defer { desk.close() }
        let request = TestMail.make(
            from: "Ann <ann@uni.example>", subject: "Change request: upgrade dCache on se01 to 10.2",
            body: "Please upgrade dCache on se01.example.org to 10.2.1.", messageID: "cr1@uni.example"
        )
        #expect(try await desk.receive(request) == [.created(ticket: 1)])
        var change = try desk.ticket(1)
        #expect(change.kind == .change && change.changeClass == .normal && change.status == .new)
        #expect(change.rule == "change-request")
        #expect(change.priority == .normal)
        let ack = try desk.newMail()
        #expect(ack.map(\.to) == [["ann@uni.example"], ["ops@example.org"]])
        #expect(ack[0].message.subject == "[ticketd #1] Change request: upgrade dCache on se01 to 10.2")

        // An approval in the approver's name that brings back no token of theirs (they got
        // no mail yet) changes nothing and sends nothing to that address.
        try await desk.receive(TestMail.make(from: "omb@example.org", subject: "Re: [ticketd #1] upgrade", body: "Approve\n"))
        #expect(try desk.ticket(1).status == .new)
        #expect(try desk.newMail().allSatisfy { !$0.to.contains("omb@example.org") })
        let refused = try desk.store().events(ofTicket: 1).first { $0.field == .refused }
        #expect(refused?.reason?.contains("omb@example.org is not authenticated for this ticket") == true)

        // The team's assessment is internal and asks the approvers.
        desk.clock.advance(by: 3600)
        try await desk.receive(try desk.reply(
            from: "ops@example.org", ticket: 1, body: "Comment: two hours of work, needs a downtime of 30 minutes.\n\n> Please upgrade dCache"
        ))
        change = try desk.ticket(1)
        #expect(change.assessed)
        let approval = try desk.newMail()
        #expect(approval.map(\.to) == [["omb@example.org"]])
        #expect(approval[0].message.subject?.contains("Approval requested") == true)
        #expect(approval[0].message.text?.contains("two hours of work") == true)

        try await desk.receive(try desk.reply(from: "omb@example.org", ticket: 1, body: "Approve\n"))
        change = try desk.ticket(1)
        #expect(change.approval == .approved && change.status == .accepted)
        #expect(try desk.newMail().map(\.to) == [["ann@uni.example"]])  // status change to the requester

        try await desk.receive(try desk.reply(from: "ops@example.org", ticket: 1, body: "Status: in progress\n"))
        #expect(try desk.ticket(1).status == .open)
        _ = try desk.newMail()
        desk.clock.advance(by: 86_400)
        try await desk.receive(try desk.reply(from: "ops@example.org", ticket: 1, body: "Status: resolved\n\nDone: se01 runs dCache 10.2.1 since 10:00."))
        change = try desk.ticket(1)
        #expect(change.status == .resolved)
        let afterResolution = try desk.newMail()
        let review = try #require(afterResolution.first { $0.message.subject?.contains("Post-implementation review") == true })
        #expect(review.to == ["ann@uni.example"])
        #expect(review.message.text?.contains("Were release notes and documentation sufficient?") == true)
        #expect(review.message.text?.contains("Is the service working as expected?") == true)
        // The team's text went to the requester too.
        #expect(afterResolution.contains { $0.message.text?.contains("se01 runs dCache 10.2.1") == true && $0.to == ["ann@uni.example"] })

        // The requester's answer within the week is recorded and does not reopen the change.
        desk.clock.advance(by: 2 * 86_400)
        try await desk.receive(try desk.reply(
            from: "ann@uni.example", ticket: 1, body: "Yes, the notes were fine. Everything works.\n\nOn Monday ticketd wrote:\n> Were release notes"
        ))
        change = try desk.ticket(1)
        #expect(change.status == .resolved)
        #expect(change.review?.answers == ["Yes, the notes were fine. Everything works."])
        #expect(change.review?.outcome == nil)

        // After seven days the review closes as answered.
        desk.clock.advance(by: 6 * 86_400)
        _ = try await runWorker(config: desk.config, once: true, logger: desk.logs.logger(), now: desk.clock.function)
        #expect(try desk.ticket(1).review?.outcome == .answered)
        let history = try desk.store().events(ofTicket: 1).map { "\($0.field.rawValue):\($0.newValue ?? "")" }
        #expect(history.contains("status:accepted") && history.contains("approval:approved") && history.contains("review:answered"))
    }

    @Test func aReviewWithoutAnswerClosesAsUnanswered() async throws {
        let desk = try Desk()
        defer { desk.close() }
        try await desk.receive(TestMail.make(from: "ann@uni.example", subject: "Emergency change: patch openssl on ui01", body: "CVE fix"))
        var change = try desk.ticket(1)
        #expect(change.changeClass == .emergency && change.priority == .immediate && change.needsPostReview)
        // An emergency change may start without approval.
        try await desk.receive(try desk.reply(from: "ops@example.org", ticket: 1, body: "Status: open"))
        try await desk.receive(try desk.reply(from: "ops@example.org", ticket: 1, body: "Status: resolved"))
        change = try desk.ticket(1)
        #expect(change.status == .resolved && change.review != nil)
        desk.clock.advance(by: 7 * 86_400 + 1)
        _ = try await runWorker(config: desk.config, once: true, logger: desk.logs.logger(), now: desk.clock.function)
        #expect(try desk.ticket(1).review?.outcome == .unanswered)
    }

    @Test func aStandardChangeIsAcceptedOnArrival() async throws {
        let desk = try Desk()
        defer { desk.close() }
        try await desk.receive(TestMail.make(from: "sam@hep.example", subject: "Change request: renewal of the host certificate of ce02", body: "as every year"))
        let change = try desk.ticket(1)
        #expect(change.changeClass == .standard && change.status == .accepted)
    }

    @Test func recurringIncidentsOpenAProblemForOperations() async throws {
        let desk = try Desk()
        defer { desk.close() }
        for (index, user) in ["a", "b", "c", "d"].enumerated() {
            try await desk.receive(TestMail.make(
                from: "\(user)@site\(index).example", subject: "Job submission to ce01.example.org fails (attempt \(index + 7))",
                body: "My jobs are refused since this morning."
            ))
            desk.clock.advance(by: 86_400)
        }
        let tickets = try desk.store().tickets()
        let problem = try #require(tickets.first { $0.kind == .problem })
        #expect(problem.unit == "Operations")
        #expect(problem.number == 4)  // opened by the third incident
        let incidents = tickets.filter { $0.kind == .incident }
        #expect(incidents.count == 4)
        #expect(incidents.allSatisfy { $0.parent == problem.number })
        #expect(try desk.store().children(of: problem.number).map(\.number) == [1, 2, 3, 5])
        let notices = try desk.servers.received().map { MessageParser.parse($0.raw) }
        #expect(notices.contains { $0.subject == "[ticketd #4] Problem opened: Recurring incidents: Job submission to ce01.example.org fails (attempt 7)" })
    }

    @Test func incidentsOutsideTheWindowDoNotMakeAProblem() async throws {
        let desk = try Desk()
        defer { desk.close() }
        for user in ["a", "b", "c"] {
            try await desk.receive(TestMail.make(from: "\(user)@x.example", subject: "Storage se02 unreachable", body: "."))
            desk.clock.advance(by: 4 * 86_400)
        }
        #expect(try desk.store().tickets().allSatisfy { $0.kind == .incident && $0.parent == nil })
    }

    @Test func aMaintenanceAnnouncedAtShortNoticeIsRefusedWithTheReason() async throws {
        let desk = try Desk()
        defer { desk.close() }
        let start = desk.clock.now.addingTimeInterval(2 * 3600)
        let formatter = ISO8601DateFormatter()
        let announcement = TestMail.make(
            from: "Site Admin <admin@site.example>", to: "notifications@ticketd.example",
            subject: "Scheduled downtime of se01.example.org",
            body: "Service: se01.example.org\nStart: \(formatter.string(from: start))\nEnd: \(formatter.string(from: start.addingTimeInterval(3600)))\nReason: disk replacement",
            date: desk.clock.now
        )
        #expect(try await desk.receive(announcement, user: "notifications") == [.created(ticket: 1)])
        let maintenance = try desk.ticket(1)
        #expect(maintenance.kind == .maintenance && maintenance.status == .rejected && maintenance.service == "se01.example.org")
        let replies = try desk.newMail()
        #expect(replies.map(\.to) == [["admin@site.example"]])
        #expect(replies[0].message.subject == "[ticketd #1] Maintenance of se01.example.org not accepted")
        #expect(replies[0].message.text?.contains("declared 2 hours before it starts; at least 24 hours of notice is required") == true)
    }

    @Test func aMaintenanceInTimeIsAcceptedAndIncidentsInsideItAreLinked() async throws {
        let desk = try Desk()
        defer { desk.close() }
        let start = desk.clock.now.addingTimeInterval(48 * 3600)
        let formatter = ISO8601DateFormatter()
        try await desk.receive(TestMail.make(
            from: "admin@site.example", to: "notifications@ticketd.example", subject: "Downtime announcement",
            body: "Host: se01.example.org\nStart: \(formatter.string(from: start))\nEnd: \(formatter.string(from: start.addingTimeInterval(30 * 3600)))\nJustification: full migration",
            date: desk.clock.now
        ), user: "notifications")
        #expect(try desk.ticket(1).status == .accepted)
        desk.clock.advance(by: 50 * 3600)
        try await desk.receive(TestMail.make(from: "bob@x.example", subject: "se01.example.org is not working", body: "transfers fail"))
        #expect(try desk.ticket(2).maintenance == 1)
    }

    @Test func aSecurityReportGoesToSecurityOnlyAndTheAcknowledgementQuotesNothing() async throws {
        let desk = try Desk()
        defer { desk.close() }
        try await desk.receive(TestMail.make(
            from: "Eve Reporter <eve@cert.example>", cc: "boss@cert.example, support-list@example.org",
            subject: "Security incident: compromised account on ui01", body: "Account alice has been used from 203.0.113.9 to run a miner."
        ))
        let ticket = try desk.ticket(1)
        #expect(ticket.kind == .security && ticket.unit == "Security" && ticket.priority >= .high)
        #expect(ticket.participants.isEmpty)
        let mails = try desk.newMail()
        let ack = try #require(mails.first { $0.to == ["eve@cert.example"] })
        #expect(ack.message.subject == "[ticketd #1] Security report received")
        #expect(ack.message.cc.isEmpty)
        #expect(ack.message.text?.contains("alice") == false && ack.message.text?.contains("compromised") == false)
        #expect(!mails.contains { $0.to.contains("boss@cert.example") || $0.to.contains("support-list@example.org") })
        #expect(mails.contains { $0.to == ["csirt@example.org"] })

        // A reply from the CSIRT goes to the reporter, never to the Cc addresses.
        try await desk.receive(try desk.reply(from: "csirt@example.org", ticket: 1, body: "Account locked."))
        #expect(try desk.newMail().map(\.to) == [["eve@cert.example"]])

        // Lists hide it unless asked for by the Security unit.
        #expect(TicketViews.visible(try desk.store().tickets(), unit: nil, config: desk.config).isEmpty)
        #expect(TicketViews.visible(try desk.store().tickets(), unit: "Security", config: desk.config).map(\.number) == [1])
    }

    @Test func aForgedCommandFromANonMemberChangesNothingAndIsRecordedAsRefused() async throws {
        let desk = try Desk()
        defer { desk.close() }
        try await desk.receive(TestMail.make(from: "ann@uni.example", subject: "Cannot log in to the portal", body: "It says error 500."))
        let before = try desk.ticket(1)
        _ = try desk.newMail()
        try await desk.receive(TestMail.make(
            from: "mallory@evil.example", subject: "Re: [ticketd #1] Cannot log in", body: "Status: resolved\nPriority: immediate\nAssign: Security\n"
        ))
        let after = try desk.ticket(1)
        #expect(after.status == before.status && after.priority == before.priority && after.unit == before.unit)
        let refused = try desk.store().events(ofTicket: 1).filter { $0.field == .refused }
        #expect(refused.map(\.newValue) == ["Status: resolved", "Priority: immediate", "Assign: Security"])
        #expect(refused.allSatisfy { $0.actor == "mallory@evil.example" && $0.reason?.contains("not a member of Operations") == true })
        #expect(try desk.newMail().allSatisfy { !$0.to.contains("mallory@evil.example") })
    }

    @Test func aMemberCommandThatTheLifecycleForbidsIsRefusedWithTheAllowedMoves() async throws {
        let desk = try Desk()
        defer { desk.close() }
        try await desk.receive(TestMail.make(from: "ann@uni.example", subject: "Question about quotas", body: "How much space do we have?"))
        _ = try desk.newMail()
        try await desk.receive(try desk.reply(from: "ops@example.org", ticket: 1, body: "Status: accepted\nPriority: very urgent\nAssign: Storage\n\nWe will check."))
        let ticket = try desk.ticket(1)
        #expect(ticket.status == .new)
        #expect(ticket.priority == .high && ticket.unit == "Storage")
        let mails = try desk.newMail()
        let refusal = try #require(mails.first { $0.to == ["ops@example.org"] })
        #expect(refusal.message.text?.contains("a request cannot move from new to accepted (allowed: rejected, open, stalled)") == true)
        // The text of the reply still reaches the requester.
        #expect(mails.contains { $0.to == ["ann@uni.example"] && $0.message.text?.contains("We will check.") == true })
    }

    @Test func aRequesterReplyReopensWithinTheWindowAndStartsALinkedTicketAfterIt() async throws {
        let desk = try Desk()
        defer { desk.close() }
        try await desk.receive(TestMail.make(from: "ann@uni.example", subject: "Portal error on login", body: "error 500"))
        try await desk.receive(try desk.reply(from: "ops@example.org", ticket: 1, body: "Status: open"))
        try await desk.receive(try desk.reply(from: "ops@example.org", ticket: 1, body: "Status: resolved\n\nFixed."))
        desk.clock.advance(by: 3 * 86_400)
        try await desk.receive(try desk.reply(from: "ann@uni.example", ticket: 1, body: "It is back."))
        #expect(try desk.ticket(1).status == .open)

        try await desk.receive(try desk.reply(from: "ops@example.org", ticket: 1, body: "Status: resolved"))
        desk.clock.advance(by: 15 * 86_400)
        let outcomes = try await desk.receive(try desk.reply(from: "ann@uni.example", ticket: 1, body: "Again, weeks later."))
        #expect(outcomes == [.created(ticket: 2)])
        #expect(try desk.ticket(1).status == .resolved)
        #expect(try desk.ticket(2).follows == 1)
        #expect(try desk.store().messages(ofTicket: 2).first?.threadMatch == "follows #1")
    }

    @Test func monitoringAlertsOpenOneIncidentPerHostAndServiceAndRecoveryResolvesIt() async throws {
        let desk = try Desk()
        defer { desk.close() }
        let problem = "** PROBLEM: host=se01.example.org service=SRM state=CRITICAL **"
        let headers = ["Auto-Submitted: auto-generated"]
        let to = "notifications@ticketd.example"
        #expect(try await desk.receive(TestMail.make(from: "argo@mon.example", to: to, subject: problem, body: "CRITICAL", headers: headers), user: "notifications") == [.created(ticket: 1)])
        #expect(try await desk.receive(TestMail.make(from: "argo@mon.example", to: to, subject: problem, body: "still CRITICAL", headers: headers), user: "notifications") == [.correspondence(ticket: 1, match: .alert(1))])
        #expect(try await desk.receive(TestMail.make(from: "argo@mon.example", to: to, subject: "** PROBLEM: host=se01.example.org service=WebDAV state=WARNING **", body: "", headers: headers), user: "notifications") == [.created(ticket: 2)])
        let incident = try desk.ticket(1)
        #expect(incident.kind == .incident && incident.rule == "monitoring-alert" && incident.fingerprint == "alert:se01.example.org/srm")
        try await desk.receive(TestMail.make(from: "argo@mon.example", to: to, subject: "** RECOVERY: host=se01.example.org service=SRM state=OK **", body: "OK", headers: headers), user: "notifications")
        #expect(try desk.ticket(1).status == .resolved)
        #expect(try desk.ticket(2).status == .new)
        #expect(try desk.store().messages(ofTicket: 1).filter { $0.direction == .incoming }.count == 3)
        // Alerts are never answered; only the team hears of new incidents.
        #expect(try desk.servers.received().allSatisfy { $0.recipients == ["ops@example.org"] })
    }
}
