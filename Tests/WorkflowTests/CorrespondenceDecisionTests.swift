import Foundation
import Testing
import TicketCore
import Workflow
import WorkingTime

/// Replies on existing tickets: who may steer them, what is relayed, reopening and reviews.
@Suite struct CorrespondenceDecisionTests {
    let rules = Fixture.rules()
    let now = Fixture.now

    func decide(_ message: Message, on tickets: [Ticket], moves: [(ticket: Int, status: TicketStatus, at: Date)] = []) throws -> Decision {
        try rules.decide(message, facts: Fixture.facts(.request), mailbox: "support", reading: InMemoryDesk(tickets: tickets, moves: moves), now: now)
    }

    @Test func aStrangersCommandsChangeNothingStopNoClockAndAreRecordedAsRefused() throws {
        let ticket = Fixture.ticket(5)
        let decision = try decide(Fixture.reply(to: 5, from: Fixture.stranger, body: "Status: resolved\nPriority: low\n\nDone."), on: [ticket])
        let refused = decision.events.filter { $0.field == .refused }
        #expect(refused.map(\.newValue) == ["Status: resolved", "Priority: low"])
        #expect(refused.allSatisfy { $0.reason == "\(Fixture.stranger) is not a member of Operations or an approver" })
        let after = try #require(decision.finalTicket(5))
        #expect(after.status == .new)
        #expect(after.priority == .normal)
        #expect(decision.clockActions.isEmpty)
        #expect(!decision.mails.contains { $0.recipients.contains(Fixture.requester) })
    }

    @Test func aMembersStatusCommandMovesTheTicketStopsTheResponseClockAndTellsTheRequester() throws {
        let decision = try decide(Fixture.reply(to: 5, from: Fixture.member, body: "Status: in progress\n\nWe are on it."), on: [Fixture.ticket(5)])
        #expect(decision.finalTicket(5)?.status == .open)
        #expect(decision.clockActions.first == .stop(ticket: 5, kinds: [.response], at: now))
        #expect(decision.mails.map(\.template) == ["status-change", "correspondence"])
        #expect(decision.mails.allSatisfy { $0.recipients == [Fixture.requester] })
    }

    /// Issue 18: a ticket a system opened (an alert, a list's mail) tells it nothing
    /// automatically; a member's reply is a person's choice, and is relayed.
    @Test func aStatusMoveOnATicketOpenedByAutomaticMailTellsItsRequesterNothing() throws {
        var ticket = Fixture.ticket(5)
        ticket.automatic = .precedence
        let decision = try decide(Fixture.reply(to: 5, from: Fixture.member, body: "Status: in progress\n\nLooking."), on: [ticket])
        #expect(decision.finalTicket(5)?.status == .open)
        #expect(decision.mails.map(\.template) == ["correspondence"])
    }

    @Test func aResolvedChangeOpenedByAutomaticMailStartsItsReviewWithoutAskingItsRequester() throws {
        var change = Fixture.ticket(5, kind: .change, changeClass: .standard, status: .open)
        change.automatic = .autoSubmitted
        let decision = try decide(Fixture.reply(to: 5, from: Fixture.member, body: "Status: resolved\n"), on: [change])
        #expect(decision.finalTicket(5)?.review != nil)
        #expect(!decision.mails.contains { $0.template == "review-request" })
    }

    @Test func aMembersReplyIsRelayedToTheRequesterAndParticipantsButNotForASecurityTicket() throws {
        let plain = try decide(
            Fixture.reply(to: 5, from: Fixture.member, body: "Fixed."), on: [Fixture.ticket(5, participants: ["cc@lab.example"])]
        )
        #expect(plain.mails.map(\.recipients) == [[Fixture.requester, "cc@lab.example"]])
        let security = Fixture.ticket(6, kind: .security, unit: "Security", participants: ["cc@lab.example"])
        let restricted = try decide(Fixture.reply(to: 6, from: "csirt@egi.example", body: "Contained."), on: [security])
        #expect(restricted.mails.map(\.recipients) == [[Fixture.requester]])
    }

    @Test func anInternalCommentIsNotRelayed() throws {
        let decision = try decide(Fixture.reply(to: 5, from: Fixture.member, body: "Comment: the disk is full"), on: [Fixture.ticket(5)])
        #expect(decision.mails.isEmpty)
        #expect(decision.events.map(\.field) == [.comment])
    }

    @Test func refusedCommandsAreExplainedToTheMember() throws {
        let decision = try decide(Fixture.reply(to: 5, from: Fixture.member, body: "Assign: Nobody\nPriority: whenever\n"), on: [Fixture.ticket(5)])
        #expect(decision.mails.map(\.template) == ["command-refused"])
        #expect(decision.mails.first?.recipients == [Fixture.member])
        guard case .ticket(_, _, let details) = decision.mails.first?.content else { return }
        #expect(details.reasons?.count == 2)
        #expect(details.reasons?.first == "no support unit is named \"Nobody\" (units: Operations, Security, Storage)")
    }

    /// Outsider attack: `Kind: security` moved the ticket to the security unit and left the
    /// old unit's response clock running, for a ticket that unit can no longer see.
    @Test func makingATicketASecurityTicketReassignsItsResponseMeasure() throws {
        let decision = try decide(Fixture.reply(to: 5, from: Fixture.member, body: "Kind: security\n"), on: [Fixture.ticket(5)])
        let ticket = try #require(decision.finalTicket(5))
        #expect(ticket.unit == "Security")
        #expect(decision.events.contains { $0.field == .unit && $0.oldValue == "Operations" && $0.newValue == "Security" })
        #expect(decision.clockActions.first == .stop(ticket: 5, kinds: [.response], at: now))
        let started = decision.clockActions.compactMap { action -> String? in
            if case .start(_, _, let clock) = action, clock.kind == .response { return clock.unit } else { return nil }
        }
        #expect(started == ["Security"])
    }

    @Test func reassignmentEndsTheOldUnitsMeasureAndStartsTheNewUnits() throws {
        let decision = try decide(Fixture.reply(to: 5, from: Fixture.member, body: "Assign: Storage\n"), on: [Fixture.ticket(5)])
        #expect(decision.finalTicket(5)?.unit == "Storage")
        guard decision.clockActions.count == 2, case .start(5, .normal, let clock) = decision.clockActions[1] else {
            Issue.record("expected stop then start, got \(decision.clockActions)")
            return
        }
        #expect(decision.clockActions[0] == .stop(ticket: 5, kinds: [.response], at: now))
        #expect(clock.unit == "Storage")
    }

    @Test func aSecurityTicketKeepsAtLeastPriorityHigh() throws {
        let ticket = Fixture.ticket(6, kind: .security, unit: "Security", priority: .high)
        let decision = try decide(Fixture.reply(to: 6, from: "csirt@egi.example", body: "Priority: low\n"), on: [ticket])
        #expect(decision.events.first?.reason == "security tickets keep at least priority high")
        #expect(decision.finalTicket(6)?.priority == .high)
    }

    @Test func aNewPriorityRetargetsTheRunningClocks() throws {
        let decision = try decide(Fixture.reply(to: 5, from: Fixture.member, body: "Priority: immediate\n"), on: [Fixture.ticket(5)])
        #expect(decision.clockActions == [.retarget(ticket: 5, priority: .immediate, response: 8 * 3600, resolution: nil)])
    }

    @Test func aNormalChangeIsAssessedThenApprovedByAnApprover() throws {
        let change = Fixture.ticket(9, kind: .change, changeClass: .normal)
        let assessed = try decide(Fixture.reply(to: 9, from: Fixture.member, body: "Comment: low risk, tested in staging"), on: [change])
        let afterAssessment = try #require(assessed.finalTicket(9))
        #expect(afterAssessment.assessed)
        #expect(assessed.mails.map(\.template) == ["approval-request"])
        #expect(assessed.mails.first?.recipients == [Fixture.approver])

        let approved = try decide(Fixture.reply(to: 9, from: Fixture.approver, body: "Approve\n"), on: [afterAssessment])
        #expect(approved.finalTicket(9)?.approval == .approved)
        #expect(approved.finalTicket(9)?.status == .accepted)
    }

    @Test func anApprovalBeforeTheAssessmentIsRefused() throws {
        let change = Fixture.ticket(9, kind: .change, changeClass: .normal)
        let decision = try decide(Fixture.reply(to: 9, from: Fixture.approver, body: "Approve\n"), on: [change])
        #expect(decision.events.first?.reason == "a normal change needs an assessment comment from Operations before approval")
        #expect(decision.finalTicket(9)?.approval == nil)
    }

    @Test func resolvingAChangeStartsItsReview() throws {
        let change = Fixture.ticket(9, kind: .change, changeClass: .standard, status: .open)
        let decision = try decide(Fixture.reply(to: 9, from: Fixture.member, body: "Status: resolved\n"), on: [change])
        let review = try #require(decision.finalTicket(9)?.review)
        #expect(review.closesAt == now.addingTimeInterval(7 * 86_400))
        #expect(decision.mails.map(\.template) == ["review-request"])
    }

    @Test func theRequestersReplyWithinTheWindowReopensAResolvedTicket() throws {
        let ticket = Fixture.ticket(5, status: .resolved)
        let decision = try decide(
            Fixture.reply(to: 5, from: Fixture.requester, body: "Still broken."), on: [ticket], moves: [(5, .resolved, now.addingTimeInterval(-86_400))]
        )
        #expect(decision.finalTicket(5)?.status == .open)
        #expect(decision.events.first { $0.field == .status }?.reason == "reply from the requester after resolution")
        #expect(decision.mails.map(\.template) == ["status-change", "team-correspondence"])
    }

    @Test func aReplyAfterTheWindowStartsAFollowUpTicketThatTheMessageMovesTo() throws {
        let ticket = Fixture.ticket(5, status: .resolved)
        let decision = try decide(
            Fixture.reply(to: 5, from: Fixture.requester, body: "Again."), on: [ticket], moves: [(5, .resolved, now.addingTimeInterval(-30 * 86_400))]
        )
        #expect(decision.outcome == .created(ticket: 6))
        #expect(decision.finalTicket(6)?.follows == 5)
        #expect(decision.filing == MessageFiling(ticket: 6, automatic: nil, threadMatch: "follows #5"))
        #expect(decision.effects.filter { if case .fileMessage = $0 { true } else { false } }.count == 1)
    }

    /// Found by an outsider's attack: a no-reply sender's mail in a thread is correspondence,
    /// but neither it nor the Reply-To it names is answered, even when it starts a follow-up.
    @Test func aNoReplySenderAfterTheWindowStartsAFollowUpThatAnswersNoOne() throws {
        let ticket = Fixture.ticket(5, status: .resolved)
        let decision = try decide(
            Fixture.reply(to: 5, from: "noreply@partner-desk.example", body: "Again.", headers: ["Reply-To: victim@elsewhere.example"]),
            on: [ticket], moves: [(5, .resolved, now.addingTimeInterval(-30 * 86_400))]
        )
        #expect(decision.outcome == .created(ticket: 6))
        #expect(!decision.mails.contains { $0.recipients.contains("victim@elsewhere.example") || $0.recipients.contains("noreply@partner-desk.example") })
    }

    /// Issue 13: a reply makes no one a participant, whatever proves its sender: a DMARC
    /// pass of their own domain says nothing of a part in this ticket (outsider attack F3).
    @Test func aReplyMakesItsSenderNoParticipant() throws {
        let dmarc = "Authentication-Results: mx.desk.example; dmarc=pass header.from=lab.example"
        let decision = try decide(
            Fixture.reply(to: 5, from: "colleague@lab.example", body: "Me too.", headers: [dmarc], signed: false), on: [Fixture.ticket(5)]
        )
        #expect(decision.finalTicket(5)?.participants == [])
        #expect(decision.mails.allSatisfy { !$0.recipients.contains("colleague@lab.example") })
    }

    @Test func theRequestersAnswerDuringAReviewIsRecorded() throws {
        var change = Fixture.ticket(9, kind: .change, changeClass: .standard, status: .resolved)
        change.review = Ticket.Review(requestedAt: now.addingTimeInterval(-86_400), closesAt: now.addingTimeInterval(86_400))
        let decision = try decide(Fixture.reply(to: 9, from: Fixture.requester, body: "Yes, all good."), on: [change])
        #expect(decision.finalTicket(9)?.review?.answers == ["Yes, all good."])
        #expect(decision.finalTicket(9)?.status == .resolved)
    }

    /// Another desk's system (ServiceNow, GGUS) writes from a no-reply address for a person.
    @Test func aReplyInAThreadFromANoReplySystemIsCorrespondence() throws {
        let decision = try decide(Fixture.reply(to: 5, from: "noreply@partner-desk.example", body: "We fixed it on our side."), on: [Fixture.ticket(5)])
        guard case .correspondence(ticket: 5, _) = decision.outcome else {
            Issue.record("not correspondence: \(decision.outcome)")
            return
        }
        #expect(!decision.mails.contains { $0.recipients.contains("noreply@partner-desk.example") })
    }

    @Test func anAutoReplyToATicketIsRecordedOnItAndAnsweredByNothing() throws {
        let decision = try decide(
            Fixture.reply(to: 5, from: Fixture.requester, body: "I am away.", headers: ["Auto-Submitted: auto-replied"]), on: [Fixture.ticket(5)]
        )
        #expect(decision.outcome == .screened(.autoReplied, ticket: 5))
        #expect(decision.effects == [
            .fileMessage(MessageFiling(ticket: 5, automatic: .autoReplied, threadMatch: "subject-tag")), .touchTicket(5),
        ])
    }

    @Test func puttingATicketOnHoldPausesItsResolutionClocksAndTakingItOffResumesThem() throws {
        let open = Fixture.ticket(5, status: .open)
        let held = try decide(Fixture.reply(to: 5, from: Fixture.member, body: "Status: on hold\n"), on: [open])
        #expect(held.clockActions == [.pauseResolution(ticket: 5, at: now)])
        let resumed = try decide(Fixture.reply(to: 5, from: Fixture.member, body: "Status: in progress\n"), on: [Fixture.ticket(5, status: .stalled)])
        #expect(resumed.clockActions == [.resumeResolution(ticket: 5, at: now)])
        let resolved = try decide(Fixture.reply(to: 5, from: Fixture.member, body: "Status: resolved\n"), on: [open])
        #expect(resolved.clockActions == [.stop(ticket: 5, kinds: [.response, .resolution], at: now)])
    }

    // MARK: - Issue 13: a From header proves nothing

    /// A unit of two, so that the other member can be told of a forgery in the first one's name.
    static let pairRules: WorkflowRules = {
        var workflow = Fixture.config()
        workflow.units[0].members = [Fixture.member, "bob@ops.example"]
        return Fixture.rules(workflow)
    }()

    @Test func aForgedMembersStatusCommandChangesNothingStopsNoClockRelaysNothingAndTellsTheUnit() throws {
        let forged = Fixture.reply(to: 5, from: Fixture.member, body: "Status: in progress\n\nClick here to keep your account.", signed: false)
        let decision = try Self.pairRules.decide(
            forged, facts: Fixture.facts(.request), mailbox: "support", reading: InMemoryDesk(tickets: [Fixture.ticket(5)]), now: now
        )
        #expect(decision.finalTicket(5)?.status == .new)
        #expect(decision.clockActions.isEmpty)
        let refused = decision.events.filter { $0.field == .refused }
        #expect(refused.map(\.newValue) == ["Status: open"])
        #expect(refused.first?.reason?.hasPrefix("\(Fixture.member) is not authenticated for this ticket") == true)
        // Only the rest of the unit hears of it: nothing to the requester, nothing to the forged From.
        #expect(decision.mails.map(\.recipients) == [["bob@ops.example"]])
        #expect(decision.mails.map(\.template) == ["team-correspondence"])
        guard case .ticket(_, _, let details) = decision.mails.first?.content else { Issue.record("no team mail"); return }
        #expect(details.reasons?.first?.hasPrefix("The sender is not authenticated") == true)
    }

    @Test func twoForgedMailsDoNotAcceptANormalChange() throws {
        let change = Fixture.ticket(9, kind: .change, changeClass: .normal)
        let comment = try decide(Fixture.reply(to: 9, from: Fixture.member, body: "Comment: low risk", signed: false), on: [change])
        let afterComment = try #require(comment.finalTicket(9))
        #expect(!afterComment.assessed)
        #expect(!comment.events.contains { $0.field == .assessment })

        // Even on a change the real team assessed, a forged approval changes nothing.
        var assessed = change
        assessed.assessed = true
        let approval = try decide(Fixture.reply(to: 9, from: Fixture.approver, body: "Approve\n", signed: false), on: [assessed])
        #expect(approval.finalTicket(9)?.status == .new)
        #expect(approval.finalTicket(9)?.approval == nil)
        #expect(approval.mails.allSatisfy { !$0.recipients.contains(Fixture.approver) })
    }

    @Test func anApprovalWithOnlyTheDomainsDMARCPassIsRefused() throws {
        var assessed = Fixture.ticket(9, kind: .change, changeClass: .normal)
        assessed.assessed = true
        let dmarc = "Authentication-Results: mx.desk.example; dmarc=pass header.from=egi.example"
        let decision = try decide(Fixture.reply(to: 9, from: Fixture.approver, body: "Approve\n", headers: [dmarc], signed: false), on: [assessed])
        #expect(decision.finalTicket(9)?.approval == nil)
        #expect(decision.events.first { $0.field == .refused }?.reason
            == "an approval needs the reply token of the approval request sent to \(Fixture.approver): reply to that mail")
    }

    @Test func aMemberAuthenticatedByTheSitesDMARCPassMayGiveCommands() throws {
        let dmarc = "Authentication-Results: mx.desk.example; dmarc=pass header.from=ops.example"
        let decision = try decide(
            Fixture.reply(to: 5, from: Fixture.member, body: "Status: in progress\n", headers: [dmarc], signed: false), on: [Fixture.ticket(5)]
        )
        #expect(decision.finalTicket(5)?.status == .open)
    }

    @Test func aTokenForAnotherTicketDoesNotAuthenticate() throws {
        let other = "In-Reply-To: <ticketd.\(Fixture.token(4, for: Fixture.member)).1.t@desk.example>"
        let decision = try decide(
            Fixture.reply(to: 5, from: Fixture.member, body: "Status: in progress\n", headers: [other], signed: false), on: [Fixture.ticket(5)]
        )
        #expect(decision.finalTicket(5)?.status == .new)
    }

    @Test func anUnauthenticatedRequestersReplyDoesNotReopen() throws {
        let resolved = Fixture.ticket(5, status: .resolved)
        let forgedRequester = try decide(
            Fixture.reply(to: 5, from: Fixture.requester, body: "Still broken.", signed: false), on: [resolved],
            moves: [(5, .resolved, now.addingTimeInterval(-86_400))]
        )
        #expect(forgedRequester.finalTicket(5)?.status == .resolved)
        #expect(forgedRequester.clockActions.isEmpty)
        #expect(forgedRequester.mails.allSatisfy { !$0.recipients.contains(Fixture.requester) })
    }

    @Test func participantsAreCapped() throws {
        var workflow = Fixture.config()
        workflow.maxParticipants = 2
        let message = Fixture.mail(subject: "Help", headers: ["Cc: a@lab.example, b@lab.example, c@lab.example"])
        let decision = try Fixture.rules(workflow).decide(
            message, facts: Fixture.facts(.request), mailbox: "support", reading: InMemoryDesk(), now: now
        )
        #expect(decision.createdTickets.first?.participants == ["a@lab.example", "b@lab.example"])
    }
}
