import Foundation
import MailParsing
import Storage
import Store
import Testing
import TicketCore
import TicketdApp
import TicketdTestSupport
import WorkingTime

/// Issue 13: the attacks of an outsider who can write any From header, through the real
/// worker, Dovecot, the SMTP sink and SQLite. Each changed the desk before reply tokens.
@Suite(.timeLimit(.minutes(2)))
struct TrustIntegrationTests {
    typealias Desk = WorkflowIntegrationTests.Desk
    static let config = SLAIntegrationTests.config

    @Test func aForgedMembersStatusChangesNothingStopsNoClockAndSendsNothingOut() async throws {
        let desk = try Desk(extra: Self.config)
        defer { desk.close() }
        try await desk.receive(TestMail.make(from: "ann@uni.example", subject: "URGENT: se01 is down", body: "All transfers fail."))
        _ = try desk.newMail()
        desk.clock.advance(by: 3600)

        try await desk.receive(TestMail.make(
            from: "Operations <ops@example.org>", subject: "Re: [ticketd #1] URGENT: se01 is down",
            body: "Status: in progress\n\nPlease confirm your password at http://evil.example/login."
        ))
        let ticket = try desk.ticket(1)
        #expect(ticket.status == .new)
        #expect(try desk.store().clocks(ofTicket: 1).allSatisfy(\.clock.isRunning))
        // Nothing to the requester (no phishing from our address), nothing to the forged From.
        #expect(try desk.newMail().isEmpty)
        let refused = try desk.store().events(ofTicket: 1).filter { $0.field == .refused }
        #expect(refused.first?.reason?.contains("ops@example.org is not authenticated for this ticket") == true)

        // The real member, replying to the notification they got, still steers the ticket,
        // and their text reaches the requester.
        try await desk.receive(try desk.reply(from: "ops@example.org", ticket: 1, body: "Status: in progress\n\nWe are on it."))
        #expect(try desk.ticket(1).status == .open)
        #expect(try desk.store().clocks(ofTicket: 1).first { $0.clock.kind == .response }?.clock.outcome == .met)
        #expect(try desk.newMail().contains { $0.to == ["ann@uni.example"] && $0.message.text?.contains("We are on it.") == true })
    }

    @Test func twoForgedMailsDoNotAcceptANormalChange() async throws {
        let desk = try Desk(extra: Self.config)
        defer { desk.close() }
        try await desk.receive(TestMail.make(
            from: "ann@uni.example", subject: "Change request: upgrade dCache on se01 to 10.2", body: "Please upgrade."
        ))
        _ = try desk.newMail()
        try await desk.receive(TestMail.make(from: "ops@example.org", subject: "Re: [ticketd #1] upgrade", body: "Comment: fine, low risk"))
        try await desk.receive(TestMail.make(from: "omb@example.org", subject: "Re: [ticketd #1] upgrade", body: "Approve\n"))
        let change = try desk.ticket(1)
        #expect(!change.assessed && change.approval == nil && change.status == .new)
        // No approval request went out and no status change: only the unit hears of the forgery.
        #expect(try desk.newMail().allSatisfy { $0.to == ["ops@example.org"] && $0.message.text?.contains("NOTE: The sender is not authenticated") == true })
    }

    @Test func aForgedManagerWithAReplyToGetsNoReport() async throws {
        let desk = try Desk(extra: Self.config, mailboxes: ["support", "reports"])
        defer { desk.close() }
        try await desk.receive(TestMail.make(
            from: "managers@example.org", to: "reports@ticketd.example", subject: "SLA report this month", body: "",
            headers: ["Reply-To: thief@evil.example"]
        ), user: "reports")
        let mail = try desk.newMail()
        #expect(mail.map(\.to) == [["managers@example.org"]])
        #expect(mail.allSatisfy { $0.message.attachments.isEmpty })
    }

    @Test func aForgedDeliveryReportSilencesNoOne() async throws {
        let desk = try Desk(extra: Self.config)
        defer { desk.close() }
        // The attacker opens a ticket and so learns the Message-ID of our acknowledgement to them.
        try await desk.receive(TestMail.make(from: "mallory@evil.example", subject: "Question", body: "?"))
        let ack = try #require(try desk.newMail().first { $0.to == ["mallory@evil.example"] })
        let ackID = try #require(ack.message.messageID)
        let report = """
            From: MAILER-DAEMON@evil.example
            To: support@ticketd.example
            Subject: Undelivered Mail Returned to Sender
            Message-ID: <dsn-1@evil.example>
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="b"

            --b
            Content-Type: text/plain

            Delivery failed.
            --b
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.evil.example

            Final-Recipient: rfc822; ops@example.org
            Action: failed
            Status: 5.1.1

            Final-Recipient: rfc822; managers@example.org
            Action: failed
            Status: 5.1.1
            --b
            Content-Type: text/rfc822-headers

            Message-ID: <\(ackID)>
            --b--
            """.replacingOccurrences(of: "\n", with: "\r\n")
        try await desk.receive(report)
        try await desk.receive(TestMail.make(from: "bob@x.example", subject: "Another question", body: "?"))
        #expect(try desk.newMail().contains { $0.to == ["ops@example.org"] })
        #expect(try desk.store().events(ofTicket: 2).allSatisfy { $0.field != .suppressed })
    }

    @Test func aRequestersRealReplyReachesTheTeamAndAForgedOneDoesNotReopen() async throws {
        let desk = try Desk(extra: Self.config)
        defer { desk.close() }
        try await desk.receive(TestMail.make(from: "ann@uni.example", subject: "Portal error", body: "500"))
        _ = try desk.newMail()
        try await desk.receive(try desk.reply(from: "ops@example.org", ticket: 1, body: "Status: open"))
        try await desk.receive(try desk.reply(from: "ops@example.org", ticket: 1, body: "Status: resolved\n\nFixed."))
        #expect(try desk.ticket(1).status == .resolved)
        _ = try desk.newMail()

        try await desk.receive(TestMail.make(from: "ann@uni.example", subject: "Re: [ticketd #1] Portal error", body: "Still broken!"))
        #expect(try desk.ticket(1).status == .resolved)
        try await desk.receive(try desk.reply(from: "ann@uni.example", ticket: 1, body: "It is back."))
        #expect(try desk.ticket(1).status == .open)
        #expect(try desk.newMail().contains { $0.to == ["ops@example.org"] && $0.message.text?.contains("It is back.") == true })
    }
}
