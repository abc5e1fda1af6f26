import Foundation
import Testing
import TicketCore
import Workflow
import WorkingTime

/// Release and deployment management: each rule of the operations text, each refusal.
@Suite struct ReleaseRulesTests {
    static let calendar = OfficeCalendar.standard(timeZone: TimeZone(identifier: "Europe/Amsterdam")!)
    /// Meetings on the first Tuesday: 2027-01-05, 2027-02-02.
    static let policy = ReleasePolicy(noticeDays: 7, board: BoardMeetings(rule: "first Tuesday of the month")!)

    static func at(_ day: String, hour: Int = 10) -> Date {
        calendar.start(of: LocalDate(parsing: day)!)!.addingTimeInterval(Double(hour) * 3600)
    }

    static func change(_ number: Int, status: TicketStatus = .accepted, changeClass: ChangeClass = .normal, approval: Ticket.Approval? = .approved,
                       priority: Priority = .normal, risk: Bool = false, rollback: String? = nil, kind: TicketKind = .change) -> ReleaseRules.ScopedChange {
        let ticket = Ticket(
            number: number, subject: "Change \(number)", requester: EmailAddress(address: "dev@x.example"), status: status, mailbox: "support",
            createdAt: at("2026-12-01"), updatedAt: at("2026-12-01"), kind: kind, changeClass: kind == .change ? changeClass : nil, priority: priority,
            approval: approval
        )
        return ReleaseRules.ScopedChange(ticket: ticket, plan: ChangePlan(release: 100, declaredHighRisk: risk, rollback: rollback))
    }

    static func release(_ day: String? = "2027-01-20", emergency: Bool = false, state: Release.State = .planned) -> Release {
        Release(version: "2.3", plannedFor: day.map { at($0, hour: 0) }, emergency: emergency, state: state)
    }

    static func refusal(_ release: Release = release(), scope: [ReleaseRules.ScopedChange] = [change(12)], on day: String = "2026-12-28") -> String? {
        ReleaseRules.announcementRefusal(release, scope: scope, now: at(day), calendar: calendar, policy: policy)
    }

    @Test func aPlannedReleaseAnnouncedInTimeBeforeItsMeetingIsAnnounced() {
        #expect(Self.refusal() == nil)
        #expect(Self.refusal(on: "2027-01-05") == nil)  // on the meeting's day
        #expect(ReleaseRules.presentation(of: Self.release(), calendar: Self.calendar, policy: Self.policy) == LocalDate(parsing: "2027-01-05"))
    }

    @Test(arguments: [
        // Less than 7 days before its day.
        ("2027-01-14", "release 2.3 is planned for 2027-01-20: it is announced 7 days before at least, by 2027-01-13 (move its date, or mark it `Emergency: yes`)"),
        // In time for the notice, but after the last meeting before its day: the refusal names the meeting.
        ("2027-01-06", "release 2.3 should have been presented at the operations board meeting of 2027-01-05, the last before 2027-01-20 (move its date after the next meeting, or mark it `Emergency: yes`)"),
    ])
    func aPlannedReleaseAnnouncedLateIsRefused(day: String, reason: String) {
        #expect(Self.refusal(on: day) == reason)
    }

    @Test func anEmergencyReleaseMayBeAnnouncedLateAndIsPresentedAtTheNextMeetingAfterIt() {
        let release = Self.release(emergency: true)
        #expect(Self.refusal(release, on: "2027-01-19") == nil)
        #expect(ReleaseRules.presentation(of: release, calendar: Self.calendar, policy: Self.policy) == LocalDate(parsing: "2027-02-02"))
    }

    @Test(arguments: [
        (change(12, priority: .high), "change #12 is high risk and has no rollback steps: write them on it (`Rollback: …`)"),
        (change(12, priority: .immediate, rollback: "  "), "change #12 is high risk and has no rollback steps: write them on it (`Rollback: …`)"),
        (change(12, risk: true), "change #12 is high risk and has no rollback steps: write them on it (`Rollback: …`)"),
        (change(12, status: .new, approval: nil), "change #12 is not accepted yet (new, not approved)"),
        (change(12, status: .stalled, approval: nil), "change #12 is not accepted yet (stalled, not approved)"),
        (change(12, status: .rejected, approval: .rejected), "change #12 is not accepted yet (rejected)"),
        (change(12, kind: .incident), "#12 is an incident, not a change: `Exclude: #12`"),
    ])
    func aReleaseWithAChangeNotReadyIsNotAnnounced(change: ReleaseRules.ScopedChange, reason: String) {
        #expect(Self.refusal(scope: [Self.change(11), change]) == reason)
    }

    @Test(arguments: [
        change(12, priority: .high, rollback: "reinstall 2.2 from the repository"), change(12, risk: true, rollback: "revert the schema"),
        change(12, status: .open, changeClass: .standard, approval: nil), change(12, status: .open, changeClass: .emergency, approval: nil),
    ])
    func aChangeReadyForReleaseLetsItBeAnnounced(_ change: ReleaseRules.ScopedChange) {
        #expect(Self.refusal(scope: [change]) == nil)
    }

    @Test func aReleaseWithoutDateScopeOrPlanIsNotAnnounced() {
        #expect(Self.refusal(Self.release(nil)) == "release 2.3 has no date: give it one first (`Date: YYYY-MM-DD`)")
        #expect(Self.refusal(scope: []) == "release 2.3 has no change in its scope: `Include: #N` first")
        #expect(Self.refusal(Self.release(state: .announced)) == "only a planned release is announced; 2.3 is announced")
    }

    @Test(arguments: [
        (Release.State.planned, Release.Move.to(.inTest), "release 2.3 cannot become in test from planned: announce it first (`Status: announced`)"),
        (.planned, .to(.deployed), "release 2.3 cannot become deployed from planned: announce it first (`Status: announced`)"),
        (.planned, .failed, "release 2.3 cannot become failed from planned: announce it first (`Status: announced`)"),
        (.announced, .to(.deployed), "release 2.3 cannot become deployed from announced: test it first (`Status: in test`)"),
        (.inTest, .to(.announced), "release 2.3 cannot become announced from in test: it is in test: `Status: deployed` or `Status: failed`"),
        (.deployed, .to(.cancelled), "release 2.3 cannot become cancelled from deployed: it is deployed already"),
        (.cancelled, .to(.announced), "release 2.3 cannot become announced from cancelled: it was cancelled"),
        (.inTest, .to(.planned), "a release goes back to planned when its test fails: `Status: failed`"),
        (.deployed, .to(.reviewed), "a release is reviewed when its post-implementation review closes"),
    ])
    func aStatusOutOfTurnIsRefused(from: Release.State, move: Release.Move, reason: String) {
        #expect(ReleaseRules.moveRefusal(Self.release(state: from), move) == reason)
    }

    @Test(arguments: [
        (Release.State.planned, Release.Move.to(.announced)), (.announced, .to(.inTest)), (.inTest, .to(.deployed)), (.inTest, .failed),
        (.announced, .failed), (.planned, .to(.cancelled)), (.inTest, .to(.cancelled)),
    ])
    func theReleasesCourseIsAllowed(from: Release.State, move: Release.Move) {
        #expect(ReleaseRules.moveRefusal(Self.release(state: from), move) == nil)
    }

    @Test func onlyChangesJoinAScopeAndOnlyWhileTheReleaseIsPlanned() {
        #expect(ReleaseRules.scopeRefusal(change: Self.change(12).ticket, release: Self.release()) == nil)
        #expect(ReleaseRules.scopeRefusal(change: Self.change(12, kind: .incident).ticket, release: Self.release())
            == "#12 is an incident: only changes ship in a release")
        #expect(ReleaseRules.scopeRefusal(change: Self.change(12).ticket, release: Self.release(state: .announced))
            == "release 2.3 is announced: its scope changes only while it is planned")
    }
}
