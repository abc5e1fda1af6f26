import Foundation
import Testing
import TicketCore
import Workflow
import WorkingTime

/// Issue 15, point 1: an action from the web dashboard is the signed-in user's reply,
/// decided as that reply would be: the same refusals, the session in place of a token.
@Suite struct WebActionDecisionTests {
    let rules = Fixture.rules()
    let now = Fixture.now

    /// What the dashboard writes for an action: a reply with no token, not threaded.
    func action(_ text: String, by address: String) -> Message {
        Fixture.mail(from: address, subject: "Re: Ticket", body: text)
    }

    func decide(_ text: String, by address: String, on tickets: [Ticket], number: Int = 5) throws -> Decision? {
        try rules.decide(webAction: action(text, by: address), ticket: number, reading: InMemoryDesk(tickets: tickets), now: now)
    }

    @Test func aMembersStatusFromTheWebMovesTheTicketAsTheirMailWouldWithoutAToken() throws {
        let decision = try #require(try decide("Status: in progress", by: Fixture.member, on: [Fixture.ticket(5)]))
        #expect(decision.finalTicket(5)?.status == .open)
        #expect(decision.events.first { $0.field == .status }?.actor == Fixture.member)
        #expect(decision.mails.map(\.template) == ["status-change"])
        // The same mail, not signed in and with no token, changes nothing.
        let mailed = try rules.decide(
            action("Status: in progress", by: Fixture.member), facts: Fixture.facts(.incident), mailbox: "support",
            reading: InMemoryDesk(tickets: [Fixture.ticket(5)]), now: now
        )
        #expect(mailed.finalTicket(5)?.status != .open)
    }

    /// One refusal per row: the web user gets the reasons mail would give, on the page
    /// (no command-refused mail).
    @Test(arguments: [
        ("Status: resolved", Fixture.stranger, Fixture.ticket(5), "\(Fixture.stranger) is not a member of Operations or an approver"),
        ("Assign: Nobody", Fixture.member, Fixture.ticket(5), "no support unit is named \"Nobody\" (units: Operations, Security, Storage)"),
        ("Approve", Fixture.member, Fixture.ticket(5, kind: .change, changeClass: .normal), "only a change approver may approve or reject a change"),
        ("Approve", Fixture.approver, Fixture.ticket(5), "only a change is approved or rejected; this is an incident"),
        ("Status: accepted", Fixture.member, Fixture.ticket(5, kind: .change, changeClass: .normal),
         "a normal change is accepted by an approver's `Approve`, after the team's assessment (`Comment:`)"),
        ("Priority: low", Fixture.member, Fixture.ticket(5, kind: .security, unit: "Operations", priority: .high), "security tickets keep at least priority high"),
    ] as [(String, String, Ticket, String)])
    func aWebActionIsRefusedForTheReasonsItsMailWouldBe(_ text: String, _ address: String, _ ticket: Ticket, _ reason: String) throws {
        let decision = try #require(try decide(text, by: address, on: [ticket]))
        #expect(decision.events.filter { $0.field == .refused }.map(\.reason) == [reason])
        #expect(!decision.mails.contains { $0.template == "command-refused" })
    }

    @Test func anApproverSignedInApprovesAnAssessedChangeWithoutAReplyToken() throws {
        var change = Fixture.ticket(5, kind: .change, changeClass: .normal)
        change.assessed = true
        let decision = try #require(try decide("Approve", by: Fixture.approver, on: [change]))
        #expect(decision.finalTicket(5)?.approval == .approved)
        #expect(decision.finalTicket(5)?.status == .accepted)
    }

    @Test func aWebReplyIsRelayedAndFiledOnTheTicketAsComingFromTheWeb() throws {
        let decision = try #require(try decide("The disk is replaced.", by: Fixture.member, on: [Fixture.ticket(5)]))
        #expect(decision.mails.map(\.template) == ["correspondence"])
        #expect(decision.mails.first?.recipients == [Fixture.requester])
        #expect(decision.effects.contains(.fileMessage(MessageFiling(ticket: 5, automatic: nil, threadMatch: "web"))))
    }

    /// Outsider attack: a reply written on the dashboard that began "Status: stalled"
    /// changed the ticket. Its words are relayed as they are; the forms give commands.
    @Test func aReplyFromTheDashboardIsWordsNeverCommands() throws {
        let decision = try #require(try rules.decide(
            webAction: action("Status: resolved\nApprove\n\nAll done.", by: Fixture.member), ticket: 5, literal: true,
            reading: InMemoryDesk(tickets: [Fixture.ticket(5)]), now: now
        ))
        #expect(decision.finalTicket(5)?.status == .new)
        #expect(decision.events.filter { $0.field == .status || $0.field == .refused }.isEmpty)
        guard case .ticket(_, _, let details) = decision.mails.first?.content else { Issue.record("no mail"); return }
        #expect(details.body == "Status: resolved\nApprove\n\nAll done.\n")
    }

    @Test func anActionOnATicketThatDoesNotExistDecidesNothing() throws {
        #expect(try decide("Status: resolved", by: Fixture.member, on: [], number: 9) == nil)
    }
}
