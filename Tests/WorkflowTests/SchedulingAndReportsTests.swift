import Foundation
import Testing
import TicketCore
import Workflow
import WorkingTime

@Suite struct SchedulingDecisionTests {
    let rules = Fixture.rules()
    let now = Fixture.now
    let calendar = OfficeCalendar.standard(timeZone: TimeZone(identifier: "UTC")!)

    @Test(arguments: [([String](), Ticket.Review.Outcome.unanswered), (["fine"], .answered)])
    func aReviewClosesAnsweredOrUnanswered(_ answers: [String], _ outcome: Ticket.Review.Outcome) {
        var change = Fixture.ticket(9, kind: .change, status: .resolved)
        change.review = Ticket.Review(requestedAt: now.addingTimeInterval(-8 * 86_400), closesAt: now.addingTimeInterval(-86_400), answers: answers)
        let effects = rules.closeReview(of: change, now: now)
        guard case .saveTicket(let saved) = effects.first, case .event(let event) = effects.last else { Issue.record("\(effects)"); return }
        #expect(saved.review?.outcome == outcome)
        #expect(event.newValue == outcome.rawValue)
        #expect(event.reason == "the review period ended with \(answers.count) answer(s)")
    }

    @Test func aDueWarningGoesToTheUnitOnceAndIsMarked() {
        let started = now.addingTimeInterval(-7 * 86_400)
        let clock = SLAClock(kind: .response, unit: "Operations", target: 8 * 3600, at: started, calendar: calendar)
        let result = rules.notices(clockID: 3, priority: .high, clock: clock, warnedAt: nil, breachedAt: nil, ticket: Fixture.ticket(5), now: now)
        #expect(result.sent == 2)  // a week later both are due
        let mails = result.effects.compactMap { if case .mail(let mail) = $0 { mail } else { nil } }
        #expect(mails.map(\.template) == ["sla-warning", "sla-breach"])
        #expect(mails[0].recipients == [Fixture.member])
        #expect(mails[1].recipients == [Fixture.member, Fixture.manager])
        guard case .ticket(_, _, let details) = mails[1].content else { return }
        #expect(details.late?.hasPrefix("This notice is late: it fell due at ") == true)
        #expect(result.effects.contains { effect in
            if case .clock(.noticesSent(3, 5, .high, let marked, now, now)) = effect { marked.outcome == .breached } else { false }
        })
    }

    @Test func aNoticeAlreadySentIsNotSentAgain() {
        let clock = SLAClock(kind: .response, unit: "Operations", target: 8 * 3600, at: now.addingTimeInterval(-7 * 86_400), calendar: calendar)
        let result = rules.notices(clockID: 3, priority: .high, clock: clock, warnedAt: now, breachedAt: now, ticket: Fixture.ticket(5), now: now)
        #expect(result.sent == 0)
    }

    @Test func aSecurityTicketsSubjectStaysOutOfItsNotices() {
        let clock = SLAClock(kind: .response, unit: "Security", target: 8 * 3600, at: now.addingTimeInterval(-7 * 86_400), calendar: calendar)
        let ticket = Fixture.ticket(6, kind: .security, unit: "Security")
        let result = rules.notices(clockID: 1, priority: .high, clock: clock, warnedAt: nil, breachedAt: nil, ticket: ticket, now: now)
        for case .mail(let mail) in result.effects {
            guard case .ticket(_, _, let details) = mail.content else { continue }
            #expect(details.subject == "(security ticket)")
        }
    }
}

@Suite struct BounceAndReportDecisionTests {
    let rules = Fixture.rules()
    let now = Fixture.now

    static let deliveryReport = """
        --x
        Content-Type: text/plain

        This is the mail system.
        --x
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.lab.example

        Final-Recipient: rfc822; gone@lab.example
        Action: failed
        Status: 5.1.1 (mailbox unknown)
        --x
        Content-Type: text/rfc822-headers

        From: Service Desk <support@desk.example>
        Message-ID: <SENT-ID>
        --x--
        """

    /// The Message-ID ticketd gave its mail about ticket 5 to `recipient`.
    static func sentID(to recipient: String) -> String { "ticketd.\(Fixture.token(5, for: recipient)).1.t@desk.example" }

    static func deliveryReport(about id: String, failing recipient: String = "gone@lab.example") -> Message {
        let report = deliveryReport.replacingOccurrences(of: "SENT-ID", with: id).replacingOccurrences(of: "gone@lab.example", with: recipient)
        return Fixture.mail(
            from: "mailer-daemon@lab.example", subject: "Undelivered Mail Returned to Sender",
            headers: ["Content-Type: multipart/report; report-type=delivery-status; boundary=x"], body: report
        )
    }

    @Test func aPermanentBounceOfOurMailIsRecordedOnItsTicketAndSuppressesTheAddress() throws {
        let id = Self.sentID(to: "gone@lab.example")
        let desk = InMemoryDesk(tickets: [Fixture.ticket(5)], messageIDs: [id: 5], sent: [id: ["gone@lab.example"]])
        let decision = try rules.decide(Self.deliveryReport(about: id), facts: Fixture.facts(.request), mailbox: "support", reading: desk, now: now)
        #expect(decision.outcome == .screened(.deliveryStatus, ticket: 5))
        #expect(decision.events.first?.reason == "permanent failure 5.1.1")
        #expect(decision.effects.contains(.suppress(
            address: "gone@lab.example", until: now.addingTimeInterval(60 * 86_400), reason: "gone@lab.example bounced permanently (5.1.1) on ticket #5"
        )))
    }

    /// Issue 13: a forged delivery report must not silence the team, nor anyone our
    /// bounced mail did not go to.
    @Test(arguments: [Fixture.member, Fixture.approver, Fixture.manager, "someone.else@lab.example"])
    func aBounceSuppressesOnlyOutsideRecipientsOfTheBouncedMail(_ named: String) throws {
        let recipient = named == "someone.else@lab.example" ? "gone@lab.example" : named
        let id = Self.sentID(to: recipient)
        let desk = InMemoryDesk(tickets: [Fixture.ticket(5)], messageIDs: [id: 5], sent: [id: [recipient]])
        let decision = try rules.decide(
            Self.deliveryReport(about: id, failing: named), facts: Fixture.facts(.request), mailbox: "support", reading: desk, now: now
        )
        // Still recorded on its ticket when the address is the mail's; ignored when it is not
        // (outsider attack F7: a report naming another address than the mail went to).
        #expect(decision.outcome == .screened(.deliveryStatus, ticket: named == "someone.else@lab.example" ? nil : 5))
        #expect(!decision.effects.contains { if case .suppress = $0 { true } else { false } })
    }

    /// Issue 13: a report counts only when it names a Message-ID that ticketd signed for
    /// the mail's recipient: one it sent unsigned, or with another address's token, is ignored.
    @Test(arguments: ["ticketd.5.abc@desk.example", "ticketd.\(Fixture.token(5, for: "other@lab.example")).1.t@desk.example"])
    func aBounceOfAMessageIDWeDidNotSignForItsRecipientCountsForNothing(_ id: String) throws {
        let desk = InMemoryDesk(tickets: [Fixture.ticket(5)], messageIDs: [id: 5], sent: [id: ["gone@lab.example"]])
        let decision = try rules.decide(Self.deliveryReport(about: id), facts: Fixture.facts(.request), mailbox: "support", reading: desk, now: now)
        #expect(decision.outcome == .screened(.deliveryStatus, ticket: nil))
        #expect(!decision.effects.contains { if case .suppress = $0 { true } else { false } })
    }

    @Test func aBounceOfMailWeNeverSentTouchesNoTicket() throws {
        let decision = try rules.decide(
            Self.deliveryReport(about: Self.sentID(to: "gone@lab.example")), facts: Fixture.facts(.request), mailbox: "support",
            reading: InMemoryDesk(), now: now
        )
        #expect(decision.outcome == .screened(.deliveryStatus, ticket: nil))
        #expect(!decision.effects.contains { if case .suppress = $0 { true } else { false } })
    }

    /// The site's MTA saw DMARC pass for the manager's domain.
    static let managerDMARC = "Authentication-Results: mx.desk.example; dmarc=pass header.from=egi.example"

    @Test func aManagerGetsTheReportTheyAskFor() throws {
        let message = Fixture.mail(
            from: Fixture.manager, subject: "SLA report 2026-10-01 to 2026-10-31 unit Operations priority high", headers: [Self.managerDMARC]
        )
        let decision = try rules.decide(message, facts: Fixture.facts(.request), mailbox: "reports", reading: InMemoryDesk(), now: now)
        #expect(decision.outcome == .reportRequest(answered: true))
        guard case .slaReport(_, let request) = decision.mails.first?.content else { Issue.record("no report"); return }
        #expect(request.unit == "Operations")
        #expect(request.priority == .high)
        #expect(request.from.map { ISOTime.utc($0) } == "2026-10-01T00:00:00+00:00")
        #expect(request.to.map { ISOTime.utc($0) } == "2026-11-01T00:00:00+00:00")
    }

    /// Issue 13: a forged manager with a Reply-To of their own does not receive the report.
    @Test func theReportGoesToTheConfiguredManagerAddressNeverToAReplyTo() throws {
        let message = Fixture.mail(
            from: Fixture.manager, subject: "SLA report last month", headers: ["Reply-To: thief@evil.example", Self.managerDMARC]
        )
        let decision = try rules.decide(message, facts: Fixture.facts(.request), mailbox: "reports", reading: InMemoryDesk(), now: now)
        #expect(decision.mails.map(\.recipients) == [[Fixture.manager]])
        #expect(decision.mails.map(\.template) == ["sla-report"])
    }

    /// Issue 13: a manager's From alone gets no report; the configured address is asked to
    /// confirm, and its reply (which brings the token back) gets the report.
    @Test func aManagersFromAloneGetsNoReportButAConfirmationRequestToTheManager() throws {
        let forged = Fixture.mail(from: Fixture.manager, subject: "SLA report last month", headers: ["Reply-To: thief@evil.example"])
        let decision = try rules.decide(forged, facts: Fixture.facts(.request), mailbox: "reports", reading: InMemoryDesk(), now: now)
        #expect(decision.outcome == .reportRequest(answered: false))
        #expect(decision.mails.map(\.template) == ["report-confirm"])
        #expect(decision.mails.map(\.recipients) == [[Fixture.manager]])

        let confirmed = Fixture.mail(
            from: Fixture.manager, subject: "Re: Confirm your SLA report request", headers: ["To: <reports+\(Fixture.token(nil, for: Fixture.manager))@desk.example>"],
            body: "last month"
        )
        let answer = try rules.decide(confirmed, facts: Fixture.facts(.request), mailbox: "reports", reading: InMemoryDesk(), now: now)
        #expect(answer.outcome == .reportRequest(answered: true))
        #expect(answer.mails.map(\.template) == ["sla-report"])
    }

    /// A mail sent to the wrong mailbox with a forged Authentication-Results of the site's own
    /// id, below the MTA's real one, proves nothing.
    @Test func aForgedAuthenticationResultsBelowTheMTAsOwnProvesNothing() throws {
        let forged = Fixture.mail(
            from: Fixture.manager, subject: "SLA report last month",
            headers: ["Authentication-Results: mx.desk.example; dmarc=fail header.from=egi.example", Self.managerDMARC]
        )
        let decision = try rules.decide(forged, facts: Fixture.facts(.request), mailbox: "reports", reading: InMemoryDesk(), now: now)
        #expect(decision.mails.map(\.template) == ["report-confirm"])
    }

    @Test func anyoneElseIsRefusedTheReport() throws {
        let message = Fixture.mail(from: Fixture.stranger, subject: "SLA report last month")
        let decision = try rules.decide(message, facts: Fixture.facts(.request), mailbox: "reports", reading: InMemoryDesk(), now: now)
        #expect(decision.outcome == .reportRequest(answered: false))
        #expect(decision.mails.map(\.template) == ["report-refused"])
        #expect(decision.mails.first?.recipients == [Fixture.stranger])
    }

    @Test func anAutomaticReportRequestIsNotAnswered() throws {
        let message = Fixture.mail(from: Fixture.manager, subject: "SLA report", headers: ["Auto-Submitted: auto-generated"])
        let decision = try rules.decide(message, facts: Fixture.facts(.request), mailbox: "reports", reading: InMemoryDesk(), now: now)
        #expect(decision.outcome == .screened(.autoSubmitted, ticket: nil))
        #expect(decision.mails.isEmpty)
    }
}
