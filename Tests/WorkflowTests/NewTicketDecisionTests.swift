import Classification
import Foundation
import Testing
import Threading
import TicketCore
import Workflow
import WorkingTime

/// New tickets, changes, problems, alerts and downtime announcements, decided without a store.
@Suite struct NewTicketDecisionTests {
    let rules = Fixture.rules()
    let now = Fixture.now

    @Test func aRequestOpensATicketNumberedByTheStoreWithAClockAnAcknowledgementAndTheTeamTold() throws {
        let desk = InMemoryDesk(tickets: [Fixture.ticket(41)])
        let message = Fixture.mail(subject: "  Please add me to the VO  ", headers: ["Cc: colleague@lab.example, \(Fixture.desk)"])
        let decision = try rules.decide(message, facts: Fixture.facts(.request, priority: .low), mailbox: "support", reading: desk, now: now)

        #expect(decision.outcome == .created(ticket: 42))
        let ticket = try #require(decision.createdTickets.first)
        #expect(ticket.number == 42)
        #expect(ticket.subject == "Please add me to the VO")
        #expect(ticket.requester.address == Fixture.requester)
        #expect(ticket.participants == ["colleague@lab.example"])  // our own address is no participant
        #expect(decision.filing == MessageFiling(ticket: 42, automatic: nil, threadMatch: "new"))
        #expect(decision.events.map(\.field) == [.created])
        #expect(decision.events.first?.reason == "defaults of mailbox support")
        guard case .start(42, .low, let clock) = decision.clockActions.first else { Issue.record("no response clock"); return }
        #expect(clock.kind == .response)
        #expect(clock.target == 5 * 8 * 3600)  // Medium, less urgent: 5 working days
        #expect(decision.mails.map(\.template) == ["acknowledgement-request", "team-new-ticket"])
        #expect(decision.mails[0].recipients == [Fixture.requester])
        #expect(decision.mails[0].inReplyToMessage)
        if case .ticket(let templates, _, _) = decision.mails[0].content { #expect(templates == ["acknowledgement-request", "acknowledgement"]) }
        #expect(decision.mails[1].recipients == [Fixture.member])
    }

    /// Issue 14, point 8: a sender who asks for no automatic replies gets no acknowledgement;
    /// the ticket is opened and the team told all the same.
    @Test(arguments: [("All", false), ("OOF, AutoReply", false), ("DR, RN", true), ("NRN,autoreply", false)])
    func xAutoResponseSuppressIsHonoured(_ value: String, _ acknowledged: Bool) throws {
        let message = Fixture.mail(subject: "Please add me to the VO", headers: ["X-Auto-Response-Suppress: \(value)"])
        let decision = try rules.decide(message, facts: Fixture.facts(.request), mailbox: "support", reading: InMemoryDesk(), now: now)
        #expect(decision.outcome == .created(ticket: 1))
        #expect(decision.mails.map(\.template) == (acknowledged ? ["acknowledgement-request", "team-new-ticket"] : ["team-new-ticket"]))
    }

    @Test func aStandardChangeIsAcceptedOnArrivalAndItsResponseClockStops() throws {
        let message = Fixture.mail(subject: "Restart the service please")
        let decision = try rules.decide(message, facts: Fixture.facts(.change, .standard), mailbox: "support", reading: InMemoryDesk(), now: now)
        let ticket = try #require(decision.finalTicket(1))
        #expect(ticket.status == .accepted)
        #expect(decision.events.map(\.field) == [.created, .status])
        #expect(decision.events[1].reason == "standard change: pre-approved")
        #expect(decision.clockActions.contains(.stop(ticket: 1, kinds: [.response], at: now)))
        #expect(decision.mails.map(\.template) == ["status-change", "acknowledgement-change", "team-new-ticket"])
    }

    @Test func anEmergencyChangeIsFlaggedForAPostReviewWithoutApproval() throws {
        let message = Fixture.mail(subject: "Emergency change: patch CVE-2026-1234")
        let decision = try rules.decide(
            message, facts: Fixture.facts(.change, .emergency, priority: .immediate), mailbox: "support", reading: InMemoryDesk(), now: now
        )
        let ticket = try #require(decision.finalTicket(1))
        #expect(ticket.needsPostReview)
        #expect(ticket.status == .new)
        #expect(decision.events.last?.newValue == "post-review required")
    }

    @Test func theThirdIncidentWithAFingerprintOpensAProblemThatAdoptsThemAll() throws {
        let earlier = Date(timeInterval: -3600, since: now)
        var first = Fixture.ticket(1, createdAt: earlier)
        first.fingerprint = "subject:storage is slow"
        var second = Fixture.ticket(2, createdAt: earlier)
        second.fingerprint = "subject:storage is slow"
        let desk = InMemoryDesk(tickets: [first, second])
        let message = Fixture.mail(subject: "Storage is slow")
        let decision = try rules.decide(
            message, facts: Fixture.facts(.incident, fingerprint: "subject:storage is slow"), mailbox: "support", reading: desk, now: now
        )

        #expect(decision.outcome == .created(ticket: 3))
        #expect(decision.createdTickets.map(\.number) == [3, 4])
        let problem = try #require(decision.finalTicket(4))
        #expect(problem.kind == .problem)
        #expect(problem.unit == "Operations")
        #expect(problem.subject == "Recurring incidents: Ticket 1")
        #expect(problem.requester.address == Fixture.desk)
        #expect(decision.finalTicket(1)?.parent == 4)
        #expect(decision.finalTicket(2)?.parent == 4)
        #expect(decision.finalTicket(3)?.parent == 4)
        #expect(decision.mails.map(\.template) == ["problem-opened", "acknowledgement-incident", "team-new-ticket"])
    }

    @Test func aProblemOpenedByARecurringAlertIsTheDesksNotFlaggedAsAutomatic() throws {
        let earlier = Date(timeInterval: -3600, since: now)
        let tickets = (1...2).map { number in
            var ticket = Fixture.ticket(number, createdAt: earlier)
            ticket.fingerprint = "subject:storage is slow"
            return ticket
        }
        let decision = try rules.decide(
            Fixture.mail(subject: "Storage is slow", headers: ["Precedence: bulk"]), facts: Fixture.facts(.incident, fingerprint: "subject:storage is slow"),
            mailbox: "support", reading: InMemoryDesk(tickets: tickets), now: now
        )
        #expect(decision.finalTicket(3)?.automatic == .precedence)
        #expect(decision.finalTicket(4)?.kind == .problem)
        #expect(decision.finalTicket(4)?.automatic == nil)
    }

    @Test func twoIncidentsAreNoProblemYet() throws {
        var first = Fixture.ticket(1)
        first.fingerprint = "f"
        let decision = try rules.decide(
            Fixture.mail(subject: "x"), facts: Fixture.facts(.incident, fingerprint: "f"), mailbox: "support",
            reading: InMemoryDesk(tickets: [first]), now: now
        )
        #expect(decision.createdTickets.map(\.kind) == [.incident])
    }

    @Test func anIncidentDuringADeclaredMaintenanceOfItsServiceIsLinkedToIt() throws {
        var window = Fixture.ticket(7, kind: .maintenance, status: .accepted)
        window.service = "storage.example.org"
        window.windowStart = now.addingTimeInterval(-600)
        window.windowEnd = now.addingTimeInterval(3600)
        let decision = try rules.decide(
            Fixture.mail(subject: "storage.example.org is down"), facts: Fixture.facts(.incident), mailbox: "support",
            reading: InMemoryDesk(tickets: [window]), now: now
        )
        #expect(decision.finalTicket(8)?.maintenance == 7)
        #expect(decision.events.contains { $0.field == .link && $0.newValue == "maintenance #7" })
    }

    @Test func aProblemAlertOpensAnIncidentAndItsRecoveryResolvesIt() throws {
        let alert = Fixture.mail(from: "nagios@mon.example", subject: "PROBLEM: host=ce01.example service=CREAM-CE", headers: ["Auto-Submitted: auto-generated"])
        let opened = try rules.decide(alert, facts: Fixture.facts(.incident), mailbox: "notifications", reading: InMemoryDesk(), now: now)
        let incident = try #require(opened.finalTicket(1))
        #expect(incident.kind == .incident)
        #expect(incident.fingerprint == "alert:ce01.example/cream-ce")
        #expect(incident.subject.hasPrefix("CREAM-CE on ce01.example: "))
        #expect(opened.mails.map(\.template) == ["team-new-ticket"])  // no acknowledgement to a monitoring system
        #expect(incident.automatic == .autoSubmitted)

        let recovery = Fixture.mail(from: "nagios@mon.example", subject: "RECOVERY: host=ce01.example service=CREAM-CE", headers: ["Auto-Submitted: auto-generated"])
        let resolved = try rules.decide(recovery, facts: Fixture.facts(.incident), mailbox: "notifications", reading: InMemoryDesk(tickets: [incident]), now: now)
        #expect(resolved.outcome == .correspondence(ticket: 1, match: .alert(1)))
        #expect(resolved.finalTicket(1)?.status == .resolved)
        #expect(resolved.clockActions.contains(.stop(ticket: 1, kinds: [.response, .resolution], at: now)))
    }

    @Test func anAlertWithoutAutomaticHeadersOpensATicketFlaggedAsAnAlert() throws {
        let alert = Fixture.mail(from: "nagios@mon.example", subject: "PROBLEM: host=ce01.example service=CREAM-CE")
        let opened = try rules.decide(alert, facts: Fixture.facts(.incident), mailbox: "notifications", reading: InMemoryDesk(), now: now)
        #expect(opened.finalTicket(1)?.automatic == .monitoringAlert)
        #expect(opened.effects.contains(.fileMessage(MessageFiling(ticket: 1, automatic: .monitoringAlert, threadMatch: "new"))))
    }

    @Test func aPersonsMailOpensATicketNotFlaggedAsAutomatic() throws {
        let decision = try rules.decide(Fixture.mail(subject: "Cannot log in"), facts: Fixture.facts(.request), mailbox: "support", reading: InMemoryDesk(), now: now)
        #expect(decision.finalTicket(1)?.automatic == nil)
    }

    @Test func aRecoveryForNothingOpenIsKeptButOpensNothing() throws {
        let recovery = Fixture.mail(from: "nagios@mon.example", subject: "RECOVERY: host=a service=b")
        let decision = try rules.decide(recovery, facts: Fixture.facts(.incident), mailbox: "notifications", reading: InMemoryDesk(), now: now)
        #expect(decision.outcome == .screened(.autoSubmitted, ticket: nil))
        #expect(decision.createdTickets.isEmpty)
    }

    @Test func aDowntimeDeclaredTooLateIsRejectedAndTheAnnouncerToldWhy() throws {
        let body = "Service: storage.example.org\nStart: 2026-11-10 12:00 UTC\nEnd: 2026-11-10 14:00 UTC\n"
        let decision = try rules.decide(
            Fixture.mail(subject: "Scheduled downtime of storage", body: body), facts: Fixture.facts(.maintenance), mailbox: "support",
            reading: InMemoryDesk(), now: now
        )
        let ticket = try #require(decision.finalTicket(1))
        #expect(ticket.status == .rejected)
        #expect(ticket.service == "storage.example.org")
        #expect(decision.mails.map(\.template) == ["maintenance-refused"])
        guard case .ticket(_, _, let details) = decision.mails[0].content else { return }
        #expect(details.reasons == ["it was declared 2 hours before it starts; at least 24 hours of notice is required"])
    }

    /// Outsider attack: a list's downtime announcement opened a maintenance ticket not
    /// flagged as automatic; reclassified and resolved by the team, it mailed the list.
    @Test func aDowntimeAnnouncedByAListIsFlaggedAutomaticAndItsRequesterToldNothingLater() throws {
        let body = "Service: storage.example.org\nStart: 2026-11-12 12:00 UTC\nEnd: 2026-11-12 14:00 UTC\n"
        let announced = try rules.decide(
            Fixture.mail(from: "broadcast@lists.example.org", subject: "Scheduled downtime of storage", headers: ["List-Id: <broadcast.lists.example.org>"], body: body),
            facts: Fixture.facts(.maintenance), mailbox: "notifications", reading: InMemoryDesk(), now: now
        )
        var ticket = try #require(announced.finalTicket(1))
        #expect(ticket.automatic == .list)
        #expect(announced.mails.allSatisfy { !$0.recipients.contains("broadcast@lists.example.org") })

        ticket.kind = .change
        ticket.changeClass = .standard
        ticket.status = .open
        let resolved = try rules.decide(
            Fixture.reply(to: 1, from: Fixture.member, body: "Status: resolved\n"), facts: Fixture.facts(.request), mailbox: "support",
            reading: InMemoryDesk(tickets: [ticket]), now: now
        )
        #expect(resolved.finalTicket(1)?.status == .resolved)
        #expect(resolved.mails.allSatisfy { !$0.recipients.contains("broadcast@lists.example.org") })
    }

    @Test func aDowntimeDeclaredInTimeIsAcceptedAndConfirmed() throws {
        let body = "Service: storage.example.org\nStart: 2026-11-12 12:00 UTC\nEnd: 2026-11-12 14:00 UTC\n"
        let decision = try rules.decide(
            Fixture.mail(subject: "Scheduled downtime of storage", body: body), facts: Fixture.facts(.maintenance), mailbox: "support",
            reading: InMemoryDesk(), now: now
        )
        #expect(decision.finalTicket(1)?.status == .accepted)
        #expect(decision.mails.map(\.template) == ["acknowledgement-maintenance"])
        // Maintenance runs no SLA clock.
        #expect(!decision.clockActions.contains { if case .start = $0 { true } else { false } })
    }

    @Test(arguments: [
        ("Auto-Submitted: auto-replied", AutomaticReason.autoReplied), ("X-Autoreply: yes", .autoReplied), ("Return-Path: <>", .nullReturnPath),
    ])
    func anAutoReplyThatThreadsNowhereIsRecordedWithoutATicket(_ header: String, _ reason: AutomaticReason) throws {
        let decision = try rules.decide(
            Fixture.mail(subject: "Out of office", headers: [header]), facts: Fixture.facts(.request), mailbox: "support", reading: InMemoryDesk(), now: now
        )
        #expect(decision.outcome == .screened(reason, ticket: nil))
        #expect(decision.effects == [.fileMessage(MessageFiling(ticket: nil, automatic: reason, threadMatch: "new"))])
    }

    /// Issue 18: an alert, a list's or a no-reply system's mail opens a ticket classified
    /// like any other, filed as automatic, and nothing goes to its sender; the team hears.
    @Test(arguments: [
        ("Someone <\(Fixture.requester)>", "Auto-Submitted: auto-generated", AutomaticReason.autoSubmitted),
        ("Someone <\(Fixture.requester)>", "Precedence: bulk", .precedence),
        ("Someone <\(Fixture.requester)>", "List-Id: <ops.lists.example>", .list),
        ("Monitor <noreply@monitor.example>", "X-Mailer: monitor", .noReplySender),
    ])
    func automaticMailThatStartsAConversationOpensAnUnansweredTicket(_ from: String, _ header: String, _ reason: AutomaticReason) throws {
        let sender = String(from.split(separator: "<")[1].dropLast())
        let decision = try rules.decide(
            Fixture.mail(from: sender, subject: "Disk usage at 95% on se01", headers: [header]), facts: Fixture.facts(.incident),
            mailbox: "support", reading: InMemoryDesk(), now: now
        )
        #expect(decision.outcome == .created(ticket: 1))
        #expect(decision.finalTicket(1)?.kind == .incident)
        #expect(decision.finalTicket(1)?.automatic == reason)
        #expect(decision.effects.contains(.fileMessage(MessageFiling(ticket: 1, automatic: reason, threadMatch: "new"))))
        #expect(!decision.mails.contains { $0.recipients.contains(sender) })
        #expect(decision.mails.map(\.recipients) == [[Fixture.member]])
    }

    @Test func aStandardChangeFromAnAutomaticSenderIsAcceptedWithoutTellingIt() throws {
        let decision = try rules.decide(
            Fixture.mail(subject: "Renew host certificate", headers: ["Auto-Submitted: auto-generated"]), facts: Fixture.facts(.change, .standard),
            mailbox: "support", reading: InMemoryDesk(), now: now
        )
        #expect(decision.finalTicket(1)?.status == .accepted)
        #expect(!decision.mails.contains { $0.recipients.contains(Fixture.requester) })
    }

    @Test func aMailboxThatScreensAutomaticMailKeepsItWithoutATicket() throws {
        var workflow = Fixture.config()
        workflow.mailboxesScreeningAutomaticMail = ["support"]
        let decision = try Fixture.rules(workflow).decide(
            Fixture.mail(subject: "Disk usage at 95%", headers: ["Precedence: bulk"]), facts: Fixture.facts(.incident),
            mailbox: "support", reading: InMemoryDesk(), now: now
        )
        #expect(decision.outcome == .screened(.precedence, ticket: nil))
        #expect(decision.effects == [.fileMessage(MessageFiling(ticket: nil, automatic: .precedence, threadMatch: "new"))])
    }

    @Test func mailFromOurOwnAddressIsALoop() throws {
        let decision = try rules.decide(
            Fixture.mail(from: Fixture.desk, subject: "Your ticket"), facts: Fixture.facts(.request), mailbox: "support", reading: InMemoryDesk(), now: now
        )
        #expect(decision.outcome == .screened(.loop, ticket: nil))
    }

    @Test func anOversizeMailIsRefusedToAPersonButNotToAnAutomaticSender() {
        let person = Fixture.mail(subject: "Big logs")
        let refusal = rules.refuseOversize(person, size: 12 * 1_048_576, limit: 10 * 1_048_576)
        #expect(refusal == [.mail(MailOrder(
            .oversizeRefused(requesterName: "Someone", subject: "Big logs", sizeMB: "12.0", limitMB: "10.0"), to: [Fixture.requester], inReplyToMessage: true
        ))])
        #expect(rules.refuseOversize(Fixture.mail(subject: "x", headers: ["Precedence: bulk"]), size: 1, limit: 0).isEmpty)
    }

    @Test func aLongDowntimeWithoutJustificationIsRejectedAndWithOneAccepted() throws {
        let window = "Service: storage.example.org\nStart: 2026-11-12 08:00 UTC\nEnd: 2026-11-13 20:00 UTC\n"
        let bare = try rules.decide(
            Fixture.mail(subject: "Downtime of storage", body: window), facts: Fixture.facts(.maintenance), mailbox: "support",
            reading: InMemoryDesk(), now: now
        )
        #expect(bare.finalTicket(1)?.status == .rejected)
        #expect(bare.events.last?.reason == "it lasts 36 hours, longer than 24 hours, and gives no `Justification:`")
        let justified = try rules.decide(
            Fixture.mail(subject: "Downtime of storage", body: window + "Justification: firmware upgrade of the whole array\n"),
            facts: Fixture.facts(.maintenance), mailbox: "support", reading: InMemoryDesk(), now: now
        )
        #expect(justified.finalTicket(1)?.status == .accepted)
    }

    @Test func aSecurityReportKeepsNoCcParticipantsAndItsCSIRTIsTold() throws {
        let report = Fixture.mail(subject: "Compromised account", headers: ["Cc: friend@lab.example, list@lab.example"])
        let decision = try rules.decide(
            report, facts: Fixture.facts(.security, priority: .high, unit: "Security"), mailbox: "support", reading: InMemoryDesk(), now: now
        )
        let ticket = try #require(decision.finalTicket(1))
        #expect(ticket.participants.isEmpty)
        #expect(decision.mails.map(\.template) == ["acknowledgement-security", "team-new-ticket"])
        #expect(decision.mails.map(\.recipients) == [[Fixture.requester], ["csirt@egi.example"]])
    }
}
