import Foundation
import Testing
import TicketCore
import Trust
import Workflow

@Suite struct CommandAuthorityTests {
    typealias Standing = CommandAuthority.Standing
    static let stranger = Standing(isMember: false, isApprover: false)
    static let member = Standing(isMember: true, isApprover: false)
    static let approver = Standing(isMember: false, isApprover: true)
    static let both = Standing(isMember: true, isApprover: true)

    static let everyCommand: [MailCommand] = [
        .status(.resolved), .priority(.high), .assign(unit: "Storage"), .kind(.change, .normal), .approve, .reject(reason: "no"),
        .comment("looks fine"), .invalid(line: "Status: maybe", reason: "unknown status"),
        // Issue 17: the release commands.
        .releaseStatus(.to(.announced)), .releaseStatus(.failed), .release(version: "2.3"), .include([12]), .exclude([12]),
        .plannedDate("2027-01-20"), .releaseText(.notes, "faster"), .emergency(true), .outcome(succeeded: true), .rollback("reinstall 2.2"),
        .risk(high: true),
    ]

    @Test(arguments: everyCommand)
    func aStrangerMayGiveNoCommand(_ command: MailCommand) {
        #expect(
            CommandAuthority.refusal(of: command, by: Fixture.stranger, standing: Self.stranger, authentication: .token, unit: "Operations")
                == "\(Fixture.stranger) is not a member of Operations or an approver"
        )
    }

    @Test(arguments: [MailCommand.approve, .reject(reason: "too risky")])
    func aMemberWhoIsNoApproverMayNotApproveOrReject(_ command: MailCommand) {
        #expect(
            CommandAuthority.refusal(of: command, by: Fixture.member, standing: Self.member, authentication: .token, unit: "Operations")
                == "only a change approver may approve or reject a change"
        )
    }

    @Test func anUnreadableCommandIsRefusedWithItsReason() {
        let command = MailCommand.invalid(line: "Priority: whenever", reason: "unknown priority \"whenever\"")
        #expect(CommandAuthority.refusal(of: command, by: Fixture.member, standing: Self.member, authentication: .token, unit: "Operations") == "unknown priority \"whenever\"")
    }

    @Test(arguments: [MailCommand.status(.open), .priority(.low), .assign(unit: "Storage"), .kind(.incident, nil), .comment("ok"),
                      .releaseStatus(.to(.deployed)), .include([3]), .releaseText(.knownIssues, "slow"), .rollback("undo")])
    func membersAndApproversMayGiveTheOtherCommands(_ command: MailCommand) {
        for standing in [Self.member, Self.approver, Self.both] {
            #expect(CommandAuthority.refusal(of: command, by: "x@y", standing: standing, authentication: .token, unit: "Operations") == nil)
        }
    }

    static let dmarc = SenderAuthentication.domain(.dmarcPass(domain: "ops.example"))

    @Test(arguments: everyCommand)
    func aMemberOrApproverWhoProvedNothingMayGiveNoCommand(_ command: MailCommand) {
        for standing in [Self.member, Self.approver, Self.both] {
            #expect(
                CommandAuthority.refusal(of: command, by: Fixture.member, standing: standing, authentication: .none, unit: "Operations")
                    == "\(Fixture.member) is not authenticated for this ticket: the mail brought back no reply token issued to that address, "
                    + "and the site's mail server reported no DMARC pass for its domain"
            )
        }
    }

    @Test(arguments: [MailCommand.approve, .reject(reason: "no")])
    func anApprovalNeedsATokenNotOnlyTheDomainsDMARCPass(_ command: MailCommand) {
        #expect(
            CommandAuthority.refusal(of: command, by: Fixture.approver, standing: Self.approver, authentication: Self.dmarc, unit: "Operations")
                == "an approval needs the reply token of the approval request sent to \(Fixture.approver): reply to that mail"
        )
    }

    @Test(arguments: [MailCommand.status(.open), .priority(.low), .assign(unit: "Storage"), .kind(.incident, nil), .comment("ok"),
                      .releaseStatus(.to(.deployed)), .include([3]), .releaseText(.knownIssues, "slow"), .rollback("undo")])
    func aDMARCPassFromTheSitesServerAuthenticatesAMembersCommands(_ command: MailCommand) {
        #expect(CommandAuthority.refusal(of: command, by: Fixture.member, standing: Self.member, authentication: Self.dmarc, unit: "Operations") == nil)
    }

    @Test(arguments: [MailCommand.approve, .reject(reason: "no")])
    func approversMayApproveAndReject(_ command: MailCommand) {
        #expect(CommandAuthority.refusal(of: command, by: Fixture.approver, standing: Self.approver, authentication: .token, unit: "Operations") == nil)
    }
}

@Suite struct StatusRulesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var ticket: Ticket
        var to: TicketStatus
        var refusal: String?
        var testDescription: String { "\(ticket.kind)/\(ticket.changeClass?.rawValue ?? "-") \(ticket.status) -> \(to)" }
    }

    static let cases: [Case] = {
        var approved = Fixture.ticket(1, kind: .change, changeClass: .normal)
        approved.approval = .approved
        return [
            Case(
                ticket: Fixture.ticket(1, kind: .change, changeClass: .normal), to: .accepted,
                refusal: "a normal change is accepted by an approver's `Approve`, after the team's assessment (`Comment:`)"
            ),
            Case(
                ticket: Fixture.ticket(1, kind: .change, changeClass: .normal), to: .open,
                refusal: "a normal change is accepted by an approver's `Approve`, after the team's assessment (`Comment:`)"
            ),
            Case(
                ticket: Fixture.ticket(1, kind: .incident, status: .resolved), to: .accepted,
                refusal: "an incident cannot move from resolved to accepted (allowed: open)"
            ),
            Case(ticket: Fixture.ticket(1, kind: .incident), to: .open, refusal: nil),
            Case(ticket: Fixture.ticket(1, kind: .change, changeClass: .emergency), to: .open, refusal: nil),
            Case(ticket: Fixture.ticket(1, kind: .change, changeClass: .standard, status: .accepted), to: .open, refusal: nil),
            Case(ticket: approved, to: .stalled, refusal: nil),
        ]
    }()

    @Test(arguments: cases)
    func statusCommandsFollowTheLifecycle(_ example: Case) {
        #expect(StatusRules.refusal(moving: example.ticket, to: example.to, lifecycle: .standard) == example.refusal)
    }
}

@Suite struct ChangeApprovalTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var ticket: Ticket
        var refusal: String?
        var testDescription: String { refusal ?? "allowed" }
    }

    static let cases: [Case] = {
        var approved = Fixture.ticket(1, kind: .change, changeClass: .normal, status: .accepted)
        approved.approval = .approved
        return [
            Case(ticket: Fixture.ticket(1, kind: .incident), refusal: "only a change is approved or rejected; this is an incident"),
            Case(ticket: Fixture.ticket(1, kind: .change, changeClass: .standard), refusal: "a standard change needs no approval"),
            Case(ticket: Fixture.ticket(1, kind: .change, changeClass: .emergency), refusal: "a emergency change needs no approval"),
            Case(ticket: approved, refusal: "this change was already approved"),
            Case(ticket: Fixture.ticket(1, kind: .change, changeClass: .normal, status: .resolved), refusal: "this change was already resolved"),
            Case(ticket: Fixture.ticket(1, kind: .change, changeClass: .normal), refusal: nil),
            Case(ticket: Fixture.ticket(1, kind: .change, changeClass: .normal, status: .stalled), refusal: nil),
        ]
    }()

    @Test(arguments: cases)
    func onlyAnUndecidedNormalChangeIsApproved(_ example: Case) {
        #expect(ChangeRules.approvalRefusal(example.ticket) == example.refusal)
    }
}

@Suite struct AutomaticMailPolicyTests {
    @Test(arguments: [
        "noreply@x.org", "no-reply@x.org", "NoReply+abc@x.org", "do_not_reply@x.org", "mailer-daemon@x.org", "postmaster@x.org",
        "bounces-123@x.org",
    ])
    func noReplyAndDaemonAddressesGetNoAutomaticMail(_ address: String) {
        #expect(AutomaticMailPolicy.noReplyRefusal(address) == "\(address) is a no-reply or daemon address")
    }

    @Test(arguments: ["user@x.org", "noreplyer@x.org", "bouncer@x.org", "postmistress@x.org"])
    func otherAddressesDo(_ address: String) {
        #expect(AutomaticMailPolicy.noReplyRefusal(address) == nil)
    }

    @Test func theLoopDefenceCountsTenMinutesAndADay() {
        let limits = WorkflowConfig()
        #expect(AutomaticMailPolicy.rateRefusal("a@b", recent: 9, today: 39, limits: limits) == nil)
        #expect(
            AutomaticMailPolicy.rateRefusal("a@b", recent: 10, today: 10, limits: limits)
                == "more than 10 automatic mails to a@b in 10 minutes (mail loop defence)"
        )
        #expect(
            AutomaticMailPolicy.rateRefusal("a@b", recent: 0, today: 40, limits: limits)
                == "more than 40 automatic mails to a@b in a day (mail loop defence)"
        )
    }
}
