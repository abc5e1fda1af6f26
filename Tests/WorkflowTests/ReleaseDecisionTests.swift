import Foundation
import Testing
import TicketCore
import Workflow
import WorkingTime

/// Issue 17: releases through the pure workflow, each command and refusal as the desk
/// decides it from a member's reply.
@Suite struct ReleaseDecisionTests {
    static let lists = ["providers@lists.example", "otag@lists.example"]
    static let operations = "operations@egi.example"

    static func rules() -> WorkflowRules {
        var workflow = Fixture.config()
        // Board meetings on the first Tuesday: 2026-11-03, 2026-12-01.
        workflow.releases = ReleasePolicy(
            noticeDays: 7, board: BoardMeetings(rule: "first Tuesday of the month")!, announceTo: lists, operationsAddress: operations
        )
        return Fixture.rules(workflow)
    }

    let rules = Self.rules()
    let now = Fixture.now  // Tuesday 2026-11-10

    func day(_ text: String) -> Date { rules.sla.calendar.start(of: LocalDate(parsing: text)!)! }

    func releaseTicket(
        _ number: Int = 1, version: String = "2.3", scope: [Int] = [], on planned: String? = "2026-12-15", state: Release.State = .planned,
        emergency: Bool = false, unit: String = "Operations"
    ) -> Ticket {
        var ticket = Fixture.ticket(number, kind: .release, status: Release.ticketStatus(state), unit: unit, requester: Fixture.member)
        ticket.release = Release(version: version, scope: scope, plannedFor: planned.map(day), emergency: emergency, state: state)
        return ticket
    }

    /// An accepted normal change (approved), in release #1 when `inRelease`.
    func change(_ number: Int, priority: Priority = .normal, inRelease release: Int? = nil, rollback: String? = nil, status: TicketStatus = .accepted) -> Ticket {
        var ticket = Fixture.ticket(number, kind: .change, changeClass: .normal, status: status, priority: priority)
        ticket.approval = .approved
        if release != nil || rollback != nil { ticket.changePlan = ChangePlan(release: release, rollback: rollback) }
        return ticket
    }

    func reply(_ body: String, on number: Int = 1, from sender: String = Fixture.member, signed: Bool = true, _ tickets: [Ticket]) throws -> Decision {
        try rules.decide(
            Fixture.reply(to: number, from: sender, body: body, signed: signed), facts: Fixture.facts(.request), mailbox: "support",
            reading: InMemoryDesk(tickets: tickets), now: now
        )
    }

    func refusals(_ decision: Decision) -> [String] { decision.events.filter { $0.field == .refused }.compactMap(\.reason) }

    // MARK: - Opening

    @Test(arguments: [
        ("Release 2.3 of CheckIn planned for 2027-01-20", ReleaseSubject(version: "2.3", service: "CheckIn", plannedFor: LocalDate(year: 2027, month: 1, day: 20))),
        ("release v4.0.1 of the AAI proxy on 2027-02-03", ReleaseSubject(version: "v4.0.1", service: "the AAI proxy", plannedFor: LocalDate(year: 2027, month: 2, day: 3))),
        ("Release 2.3", ReleaseSubject(version: "2.3")),
        ("Release 2.3 breaks my jobs", nil),
        ("Release notes for 2.3", nil),
        ("Release 2.3 of CheckIn planned for next week", nil),
        ("Release 2.3 of planned for 2027-01-20", nil),
    ] as [(String, ReleaseSubject?)])
    func aReleaseSubjectIsReadOnlyWhenItIsOneWordForWord(_ subject: String, _ expected: ReleaseSubject?) {
        #expect(ReleaseSubject.parse(subject) == expected)
    }

    static let dmarcPass = "Authentication-Results: mx.desk.example; dmarc=pass header.from=ops.example"

    @Test func aMembersProvedReleaseMailOpensAPlannedReleaseWithItsVersionServiceAndDayAndNoSLAClock() throws {
        let decision = try rules.decide(
            Fixture.mail(from: Fixture.member, subject: "Release 2.3 of CheckIn planned for 2026-12-15", headers: [Self.dmarcPass]),
            facts: Fixture.facts(.request), mailbox: "support", reading: InMemoryDesk(), now: now
        )
        let ticket = try #require(decision.finalTicket(1))
        #expect(ticket.kind == .release)
        #expect(ticket.status == .open)
        #expect(ticket.service == "CheckIn")
        #expect(ticket.release == Release(version: "2.3", plannedFor: day("2026-12-15")))
        #expect(decision.clockActions.isEmpty)
        #expect(decision.mails.first?.template == "acknowledgement-release")
    }

    /// Outsider attack: anyone could open releases under the coming versions. A release
    /// mail from anyone but a member whose mail proves it is an ordinary ticket.
    @Test(arguments: [
        (Fixture.stranger, [String]()), (Fixture.member, []), (Fixture.stranger, ["Authentication-Results: mx.desk.example; dmarc=pass header.from=evil.example"]),
    ])
    func aReleaseMailFromAnyoneElseIsAnOrdinaryTicket(_ from: String, _ headers: [String]) throws {
        let decision = try rules.decide(
            Fixture.mail(from: from, subject: "Release 7.7 of CheckIn planned for 2026-12-15", headers: headers), facts: Fixture.facts(.request),
            mailbox: "support", reading: InMemoryDesk(), now: now
        )
        let ticket = try #require(decision.finalTicket(1))
        #expect(ticket.kind == .request)
        #expect(ticket.release == nil)
    }

    /// A day that does not exist, or has passed, is no release day: the release has none yet.
    @Test(arguments: ["2027-02-30", "2026-11-01", "0000-01-01"])
    func aSubjectsDayThatIsNoRealDayAheadIsLeftOut(_ day: String) throws {
        let decision = try rules.decide(
            Fixture.mail(from: Fixture.member, subject: "Release 2.3 of CheckIn planned for \(day)", headers: [Self.dmarcPass]),
            facts: Fixture.facts(.request), mailbox: "support", reading: InMemoryDesk(), now: now
        )
        let release = try #require(decision.finalTicket(1)?.release)
        #expect(release.plannedFor == nil)
    }

    @Test func aMembersKindReleaseMakesATicketAPlannedReleaseAndStopsItsClocks() throws {
        var ticket = Fixture.ticket(4)
        ticket.subject = "Release 3.0 of CheckIn planned for 2027-01-12"
        let decision = try reply("Kind: release\n", on: 4, [ticket])
        let after = try #require(decision.finalTicket(4))
        #expect(after.kind == .release)
        #expect(after.release?.version == "3.0")
        #expect(after.release?.plannedFor == day("2027-01-12"))
        #expect(decision.clockActions.contains(.stop(ticket: 4, kinds: [.response, .resolution], at: now)))
        #expect(refusals(try reply("Kind: incident\n", on: 1, [releaseTicket()])) == ["a release stays a release: `Status: cancelled` ends it"])
    }

    // MARK: - Scope

    @Test func includeAndReleasePutChangesInTheScopeOnBothSides() throws {
        let decision = try reply("Include: #2 #3\n", [releaseTicket(), change(2), change(3)])
        #expect(refusals(decision).isEmpty)
        #expect(decision.finalTicket(1)?.release?.scope == [2, 3])
        #expect(decision.finalTicket(2)?.changePlan?.release == 1)
        #expect(decision.finalTicket(3)?.changePlan?.release == 1)
        #expect(decision.events.filter { $0.field == .link }.map(\.newValue) == ["change #2", "release #1", "change #3", "release #1"])

        let fromTheChange = try reply("Release: 2.3\n", on: 2, [releaseTicket(), change(2)])
        #expect(refusals(fromTheChange).isEmpty)
        #expect(fromTheChange.finalTicket(1)?.release?.scope == [2])
        #expect(fromTheChange.finalTicket(2)?.changePlan?.release == 1)

        let excluded = try reply("Exclude: #2\n", [releaseTicket(scope: [2, 3]), change(2, inRelease: 1), change(3, inRelease: 1)])
        #expect(excluded.finalTicket(1)?.release?.scope == [3])
        #expect(excluded.finalTicket(2)?.changePlan?.release == nil)
    }

    @Test func eachScopeRefusalIsGivenWithItsReasonAndNothingIsPutIn() throws {
        let incident = Fixture.ticket(5)
        let storageChange = Fixture.ticket(6, kind: .change, changeClass: .standard, status: .accepted, unit: "Storage")
        let cases: [(String, Int, [Ticket], String)] = [
            ("Include: #2 #5", 1, [releaseTicket(), change(2), incident], "#5 is an incident: only changes ship in a release"),
            ("Include: #2", 1, [releaseTicket(state: .announced), change(2)], "release 2.3 is announced: its scope changes only while it is planned"),
            ("Include: #9", 1, [releaseTicket()], "there is no change #9 of a unit you work"),
            // Another unit's change (Storage's; a Security ticket): not the sender's to ship, nor to learn of.
            ("Include: #2 #6", 1, [releaseTicket(), change(2), storageChange], "there is no change #6 of a unit you work"),
            ("Include: #7", 1, [releaseTicket(), Fixture.ticket(7, kind: .security, unit: "Security")], "there is no change #7 of a unit you work"),
            ("Release: 2.3", 2, [releaseTicket(9, unit: "Storage"), change(2)],
             "no release 2.3 of a unit you work is planned: a member opens it first (a mail \"Release 2.3 of <service> planned for YYYY-MM-DD\", or `Kind: release` on a ticket)"),
            ("Include: #1", 1, [releaseTicket()], "a release is not in its own scope"),
            ("Include: #2", 1, [releaseTicket(), releaseTicket(7, version: "2.2", scope: [2]), change(2, inRelease: 7)],
             "change #2 ships in release 2.2 (#7): `Exclude: #2` there first"),
            ("Exclude: #3", 1, [releaseTicket(scope: [2])], "#3 is not in the scope of release 2.3"),
            ("Release: 9.9", 2, [change(2)], "no release 9.9 of a unit you work is planned: a member opens it first (a mail \"Release 9.9 of <service> planned for YYYY-MM-DD\", or `Kind: release` on a ticket)"),
            ("Release: 2.3", 2, [releaseTicket(), releaseTicket(8), change(2)], "2 releases are named 2.3 (#1, #8): on the one you mean, `Include: #2`"),
            ("Release: 2.3", 5, [releaseTicket(), incident], "only a change ships in a release; this is an incident"),
            ("Include: #2", 5, [incident, change(2)], "#5 is an incident, not a release"),
        ]
        for (body, number, tickets, expected) in cases {
            let decision = try reply(body + "\n", on: number, tickets)
            #expect(refusals(decision) == [expected], "\(body)")
            let before = tickets.first { $0.number == 1 }
            #expect((decision.finalTicket(1) ?? before)?.release?.scope == before?.release?.scope, "\(body)")
            #expect(tickets.allSatisfy { ($0.kind != .change) || (decision.finalTicket($0.number) ?? $0).changePlan == $0.changePlan }, "\(body)")
            #expect(decision.mails.map(\.template).contains("command-refused"), "\(body)")
        }
    }

    @Test func aStrangersReleaseCommandsChangeNothing() throws {
        let decision = try reply("Include: #2\nStatus: announced\n", from: Fixture.stranger, [releaseTicket(), change(2)])
        #expect(refusals(decision) == Array(repeating: "\(Fixture.stranger) is not a member of Operations or an approver", count: 2))
        #expect(decision.finalTicket(1)?.release?.scope == [])
        #expect(decision.finalTicket(2) == nil)
    }

    // MARK: - Announcement

    @Test func eachAnnouncementRefusalNamesItsReason() throws {
        let cases: [(Ticket, [Ticket], String)] = [
            (releaseTicket(scope: [2], on: "2026-11-20"), [change(2, inRelease: 1)],
             "release 2.3 should have been presented at the operations board meeting of 2026-11-03, the last before 2026-11-20 (move its date after the next meeting, or mark it `Emergency: yes`)"),
            (releaseTicket(scope: [2], on: "2026-11-15"), [change(2, inRelease: 1)],
             "release 2.3 is planned for 2026-11-15: it is announced 7 days before at least, by 2026-11-08 (move its date, or mark it `Emergency: yes`)"),
            (releaseTicket(scope: [2]), [change(2, priority: .high, inRelease: 1)],
             "change #2 is high risk and has no rollback steps: write them on it (`Rollback: …`)"),
            (releaseTicket(scope: [2]), [change(2, inRelease: 1, status: .new)], "change #2 is not accepted yet (new)"),
            (releaseTicket(), [], "release 2.3 has no change in its scope: `Include: #N` first"),
            (releaseTicket(scope: [2], on: nil), [change(2, inRelease: 1)], "release 2.3 has no date: give it one first (`Date: YYYY-MM-DD`)"),
        ]
        for (release, changes, expected) in cases {
            let decision = try reply("Status: announced\n", [release] + changes)
            #expect(refusals(decision) == [expected])
            #expect(decision.finalTicket(1)?.release?.state == .planned)
            #expect(!decision.mails.contains { $0.template == "release-announcement" })
        }
    }

    @Test func anAnnouncementGoesToTheListsWithItsScopeAndAOneSlideSummaryToOperations() throws {
        var changeTwo = change(2, priority: .high, inRelease: 1, rollback: "reinstall 2.2")
        changeTwo.subject = "New login page"
        let decision = try reply(
            "Notes: faster login\nTest plan: sign in twice\nStatus: announced\n", [releaseTicket(scope: [2, 3]), changeTwo, change(3, inRelease: 1)]
        )
        #expect(refusals(decision).isEmpty)
        let release = try #require(decision.finalTicket(1)?.release)
        #expect(release.state == .announced)
        #expect(release.announcedAt == now)
        #expect(release.presentAt == day("2026-12-01"))
        let announcement = try #require(decision.mails.first { $0.template == "release-announcement" })
        #expect(announcement.recipients == Self.lists)
        guard case .ticket(_, _, let details) = announcement.content, let shown = details.release else { Issue.record("no release details"); return }
        #expect(shown.changes.map(\.number) == [2, 3])
        #expect(shown.changes.first == ReleaseDetails.Change(number: 2, subject: "New login page", kind: "change/normal", priority: "high", highRisk: true, rollback: "reinstall 2.2"))
        #expect(shown.texts[.notes] == ["faster login"])
        #expect(shown.texts[.testPlan] == ["sign in twice"])
        #expect(shown.presentAt == "2026-12-01")
        #expect(decision.mails.first { $0.template == "release-summary" }?.recipients == [Self.operations])
    }

    @Test func anEmergencyReleaseIsAnnouncedLateAndPresentedAtTheNextMeetingAfterIt() throws {
        let decision = try reply("Emergency: yes\nStatus: announced\n", [releaseTicket(scope: [2], on: "2026-11-12"), change(2, inRelease: 1)])
        #expect(refusals(decision).isEmpty)
        let release = try #require(decision.finalTicket(1)?.release)
        #expect(release.emergency)
        #expect(release.presentAt == day("2026-12-01"))
    }

    // MARK: - Test, deployment, review

    @Test func aFailedTestSendsTheReleaseBackToPlannedAndItsChangesBackToWork() throws {
        let decision = try reply("Status: failed\n", [releaseTicket(scope: [2], state: .inTest), change(2, inRelease: 1)])
        #expect(refusals(decision).isEmpty)
        let release = try #require(decision.finalTicket(1)?.release)
        #expect(release.state == .planned)
        #expect(release.testResults == [false])
        #expect(decision.finalTicket(1)?.status == .open)
        #expect(decision.finalTicket(2)?.status == .open)
    }

    @Test func aDeploymentResolvesTheScopeAndAsksTheListsForTheReview() throws {
        let decision = try reply("Status: deployed\n", [releaseTicket(scope: [2], state: .inTest), change(2, inRelease: 1, status: .open)])
        #expect(refusals(decision).isEmpty)
        let ticket = try #require(decision.finalTicket(1))
        #expect(ticket.release?.state == .deployed)
        #expect(ticket.release?.testResults == [true])
        #expect(ticket.status == .resolved)
        #expect(ticket.review == Ticket.Review(requestedAt: now, closesAt: now.addingTimeInterval(7 * 86_400)))
        #expect(decision.finalTicket(2)?.status == .resolved)
        let review = try #require(decision.mails.first { $0.template == "release-review" })
        #expect(review.recipients == Self.lists)
        guard case .ticket(_, _, let details) = review.content else { return }
        #expect(details.questions == WorkflowRules.reviewQuestions)
    }

    @Test func eachStatusRefusalOnAReleaseIsGivenWithItsReason() throws {
        let cases: [(Release.State, String, String)] = [
            (.planned, "Status: deployed", "release 2.3 cannot become deployed from planned: announce it first (`Status: announced`)"),
            (.announced, "Status: deployed", "release 2.3 cannot become deployed from announced: test it first (`Status: in test`)"),
            (.deployed, "Status: failed", "release 2.3 cannot become failed from deployed: it is deployed already"),
            (.planned, "Status: resolved", "a release moves by its own statuses: `Status: announced`, `in test`, `deployed`, `failed` or `cancelled`"),
            (.planned, "Status: reviewed", "a release is reviewed when its post-implementation review closes"),
            (.announced, "Date: 2027-01-05", "release 2.3 is announced: its date moves only while it is planned"),
            (.planned, "Date: 2026-11-01", "2026-11-01 is not after today"),
            (.planned, "Date: soon", "Date needs a day as YYYY-MM-DD, not \"soon\""),
            (.planned, "Date: 2027-02-29", "Date needs a day as YYYY-MM-DD, not \"2027-02-29\""),
            (.planned, "Date: 99999-01-01", "Date needs a day as YYYY-MM-DD, not \"99999-01-01\""),
            (.planned, "Outcome: success", "release 2.3 is planned: its outcome is recorded once it is deployed"),
            (.announced, "Emergency: yes", "release 2.3 is announced: it is marked an emergency only while it is planned"),
        ]
        for (state, command, expected) in cases {
            let decision = try reply(command + "\n", [releaseTicket(state: state)])
            #expect(refusals(decision) == [expected], "\(command)")
        }
        #expect(refusals(try reply("Status: announced\n", on: 5, [Fixture.ticket(5)])) == ["only a release is announced, tested or deployed; this is an incident"])
        #expect(refusals(try reply("Rollback: undo it\n", on: 5, [Fixture.ticket(5)])) == ["rollback steps are written on a change; this is an incident"])
    }

    @Test func aCancelledReleaseFreesItsChangesForAnother() throws {
        let decision = try reply("Status: cancelled\n", [releaseTicket(scope: [2], state: .announced), change(2, inRelease: 1)])
        #expect(decision.finalTicket(1)?.status == .rejected)
        #expect(decision.finalTicket(2)?.changePlan?.release == nil)
    }

    @Test func aReviewAnswerIsRecordedFromAnySenderWhoProvesWhoTheyAreButNotFromAForgedFrom() throws {
        var deployed = releaseTicket(state: .deployed)
        deployed.review = Ticket.Review(requestedAt: now.addingTimeInterval(-86_400), closesAt: now.addingTimeInterval(6 * 86_400))
        let site = "admin@site.example"
        let proved = try reply("Yes, the notes were enough.\n", from: site, signed: true, [deployed])
        #expect(proved.finalTicket(1)?.review?.answers == ["\(site): Yes, the notes were enough."])
        let forged = try reply("Nothing works.\n", from: site, signed: false, [deployed])
        #expect(forged.finalTicket(1)?.review?.answers == [])
    }

    /// A release's requester need not be a member (a developer who mailed its plan): their
    /// reply after deployment does not reopen it behind its own course.
    @Test func aRequestersReplyDoesNotReopenADeployedRelease() throws {
        var deployed = releaseTicket(state: .deployed)
        deployed.requester = EmailAddress(address: Fixture.requester)
        let decision = try reply("Thanks for deploying it.\n", from: Fixture.requester, [deployed])
        #expect(decision.finalTicket(1)?.status == .resolved)
        #expect(!decision.events.contains { $0.field == .status })
    }

    @Test func theReviewsCloseMakesADeployedReleaseReviewed() throws {
        var deployed = releaseTicket(state: .deployed)
        deployed.review = Ticket.Review(requestedAt: now, closesAt: now, answers: ["fine"])
        let effects = rules.closeReview(of: deployed, now: now)
        guard case .saveTicket(let saved) = effects.first else { Issue.record("no save"); return }
        #expect(saved.release?.state == .reviewed)
        #expect(saved.review?.outcome == .answered)
    }

    @Test func theUnitIsRemindedOnceOfAnAnnouncedReleaseWithoutATestResultAWorkingDayBeforeIt() throws {
        // Tuesday 10:00, the release on Wednesday: less than a working day left.
        let tomorrow = releaseTicket(scope: [2], on: "2026-11-11", state: .announced)
        let effects = rules.testReminder(of: tomorrow, scope: [change(2, inRelease: 1)], now: now)
        let mails = effects.compactMap { if case .mail(let mail) = $0 { mail } else { nil } }
        #expect(mails.map(\.template) == ["release-reminder"])
        #expect(mails.first?.recipients == [Fixture.member])
        guard case .saveTicket(let saved) = effects.first else { Issue.record("no save"); return }
        #expect(saved.release?.remindedAt == now)
        #expect(rules.testReminder(of: saved, scope: [], now: now.addingTimeInterval(600)).isEmpty)
        // Two working days ahead, or already deployed: nothing yet.
        #expect(rules.testReminder(of: releaseTicket(on: "2026-11-13", state: .announced), scope: [], now: now).isEmpty)
        #expect(rules.testReminder(of: releaseTicket(on: "2026-11-11", state: .deployed), scope: [], now: now).isEmpty)
    }

    /// An outsider's lines that read as commands are refused as commands and still reach
    /// the team as words.
    @Test func anOutsidersReleaseLikeLinesReachTheTeamWhole() throws {
        let decision = try reply("Date: the 12th suits us\nNotes: please mention IPv6\n", on: 5, from: Fixture.requester, signed: false, [Fixture.ticket(5)])
        let team = try #require(decision.mails.first { $0.template == "team-correspondence" })
        guard case .ticket(_, _, let details) = team.content else { return }
        #expect(details.body?.contains("Date: the 12th suits us") == true)
        #expect(details.body?.contains("Notes: please mention IPv6") == true)
    }

    /// Outsider attack: a forged Reply-To or Cc naming a release list made the desk write
    /// to it. The lists get the release mails only, and are never participants.
    @Test func aReleaseListNamedByAMailGetsNoAcknowledgementAndIsNoParticipant() throws {
        let decision = try rules.decide(
            Fixture.mail(
                from: Fixture.stranger, subject: "Release 3.0 of CheckIn (install from http://evil.example)",
                headers: ["Reply-To: \(Self.lists[0])", "Cc: \(Self.lists[1]), \(Self.operations)"]
            ),
            facts: Fixture.facts(.request), mailbox: "support", reading: InMemoryDesk(), now: now
        )
        let ticket = try #require(decision.finalTicket(1))
        #expect(ticket.participants.isEmpty)
        let lists = Set(Self.lists + [Self.operations])
        #expect(decision.mails.allSatisfy { $0.recipients.allSatisfy { !lists.contains($0) } })
        #expect(rules.isTeamAddress(Self.lists[0]) && rules.isTeamAddress(Self.operations))
    }
}
