import Foundation
import Threading
public import TicketCore
public import Trust
import WorkingTime

/// Who may give which mail command (DESIGN.md §1, "Mail commands"): one pure function, so
/// that each refusal is a line of a table test.
public enum CommandAuthority {
    /// What the sender of a reply is to the ticket.
    public struct Standing: Sendable, Equatable {
        public var isMember: Bool
        public var isApprover: Bool

        public init(isMember: Bool, isApprover: Bool) {
            self.isMember = isMember
            self.isApprover = isApprover
        }

        /// Members of the ticket's unit and approvers work the desk; anyone else writes to it.
        public var isTeam: Bool { isMember || isApprover }
    }

    /// Why `sender`, of `standing` on a ticket of `unit` and authenticated for it as
    /// `authentication`, may not give `command`; nil when they may (the ticket's own rules
    /// may still refuse it). Commands need an authenticated member or approver; `Approve`
    /// and `Reject:` need an approver with a reply token (a domain's DMARC pass proves the
    /// domain, not that the approver saw this change).
    public static func refusal(
        of command: MailCommand, by sender: String, standing: Standing, authentication: SenderAuthentication, unit: String
    ) -> String? {
        guard standing.isTeam else { return "\(sender) is not a member of \(unit) or an approver" }
        guard authentication.isAuthenticated else {
            return "\(sender) is not authenticated for this ticket: the mail brought back no reply token issued to that address, "
                + "and the site's mail server reported no DMARC pass for its domain"
        }
        switch command {
        case .approve, .reject:
            guard standing.isApprover else { return "only a change approver may approve or reject a change" }
            return authentication.hasToken ? nil
                : "an approval needs the reply token of the approval request sent to \(sender): reply to that mail"
        case .invalid(_, let reason):
            return reason
        case .status, .priority, .assign, .kind, .comment, .releaseStatus, .release, .include, .exclude, .plannedDate, .releaseText,
             .emergency, .outcome, .rollback, .risk:
            return nil
        }
    }

    /// How a command is recorded when it is refused.
    public static func describe(_ command: MailCommand) -> String {
        switch command {
        case .status(let status): "Status: \(status.rawValue)"
        case .priority(let priority): "Priority: \(priority.name)"
        case .assign(let unit): "Assign: \(unit)"
        case .kind(let kind, let changeClass): "Kind: \([kind.rawValue, changeClass?.rawValue].compactMap { $0 }.joined(separator: "/"))"
        case .approve: "Approve"
        case .reject(let reason): "Reject: \(reason)"
        case .comment: "Comment"
        case .invalid(let line, _): line
        case .releaseStatus(.to(let state)): "Status: \(state.rawValue)"
        case .releaseStatus(.failed): "Status: failed"
        case .release(let version): "Release: \(version)"
        case .include(let numbers): "Include: " + numbers.map { "#\($0)" }.joined(separator: " ")
        case .exclude(let numbers): "Exclude: " + numbers.map { "#\($0)" }.joined(separator: " ")
        case .plannedDate(let text): "Date: \(text)"
        case .releaseText(let field, _): "\(field.command): …"
        case .emergency(let flag): "Emergency: \(flag ? "yes" : "no")"
        case .outcome(let succeeded): "Outcome: \(succeeded ? "success" : "failure")"
        case .rollback: "Rollback: …"
        case .risk(let high): "Risk: \(high ? "high" : "normal")"
        }
    }
}

/// Replies on existing tickets: commands, relaying, reopening, review answers.
extension MessageRun {
    mutating func correspondence(on ticket: inout Ticket, match: ThreadMatch) throws -> ProcessingOutcome {
        let standing = CommandAuthority.Standing(
            isMember: workflow.unit(named: ticket.unit)?.hasMember(sender) ?? false, isApprover: workflow.isApprover(sender)
        )
        let authentication = signedIn ? .token : rules.trust.evidence(for: message, at: now).authentication(forTicket: ticket.number)
        // A reply written on the dashboard is words, never commands: its forms give those.
        let reply = literalReply ? MailCommandParser.words(message.text ?? "") : MailCommandParser.parse(message.text ?? "")
        guard standing.isTeam, authentication.isAuthenticated else {
            return try outsiderReply(on: &ticket, reply: reply, match: match, standing: standing, authentication: authentication)
        }
        file(on: ticket.number, automatic: nil, match: match)
        var refusals: [String] = []
        for command in reply.commands {
            let refusal = try CommandAuthority.refusal(of: command, by: sender, standing: standing, authentication: authentication, unit: ticket.unit)
                ?? apply(command, to: &ticket, standing: standing)
            if let refusal {
                refusals.append(refusal)
                event(ticket.number, .refused, new: CommandAuthority.describe(command), reason: refusal)
            }
        }
        ticket.updatedAt = now
        save(ticket)
        if !refusals.isEmpty, !signedIn {
            var details = MailDetails()
            details.reasons = refusals
            send("command-refused", about: ticket, to: [sender], replying: true, details: details)
        }
        if !reply.isInternalComment, !reply.body.trimmingScalars(in: .whitespacesAndNewlines).isEmpty {
            // The first reply from a member of the ticket's unit answers it.
            if standing.isMember { clock(.stop(ticket: ticket.number, kinds: [.response], at: now)) }
            var details = MailDetails()
            details.body = reply.body
            details.author = message.from?.name ?? sender
            let recipients = [ticket.requester.address] + (ticket.kind == .security ? [] : ticket.participants)
            send("correspondence", about: ticket, to: recipients.filter { $0.lowercased() != sender }, replying: true, details: details)
        }
        return .correspondence(ticket: ticket.number, match: match)
    }

    /// Anyone but an authenticated member or approver: commands have no effect and are
    /// recorded as refused, and the mail goes to the team only, never relayed, and never
    /// makes its sender a participant (a DMARC pass proves a domain, not a part in this
    /// ticket). An authenticated requester's reply may answer a review or reopen the
    /// ticket; the From header alone does neither, stops no clock and gets nothing.
    private mutating func outsiderReply(
        on ticket: inout Ticket, reply: ParsedReply, match: ThreadMatch, standing: CommandAuthority.Standing,
        authentication: SenderAuthentication
    ) throws -> ProcessingOutcome {
        // What they wrote goes to the team whole: lines that read as commands (`Date:`,
        // `Notes:`) are refused as commands, not dropped from their words.
        let words = MailCommandParser.words(message.text ?? "").body
        let isRequester = sender == ticket.requester.normalized
        let speaksForRequester = isRequester && authentication.isAuthenticated
        // A release's review is asked of its announcement's lists: anyone whose mail proves
        // its sender answers it (a change's, only its requester).
        let mayAnswerReview = ticket.kind == .release ? authentication.isAuthenticated : speaksForRequester
        let answersReview = ticket.review.map { $0.outcome == nil && now < $0.closesAt } ?? false && mayAnswerReview
        // A reply after the reopen window belongs to the follow-up ticket it starts.
        var followsUp = false
        if !answersReview, ticket.status == .resolved {
            let resolvedAt = try reader.lastMove(ofTicket: ticket.number, to: .resolved) ?? ticket.updatedAt
            followsUp = now.timeIntervalSince(resolvedAt) > workflow.reopenWindow
        }
        if !followsUp { file(on: ticket.number, automatic: nil, match: match) }
        var refusals: [String] = []
        for command in reply.commands {
            let refusal = CommandAuthority.refusal(of: command, by: sender, standing: standing, authentication: authentication, unit: ticket.unit)
            refusals += refusal.map { [$0] } ?? []
            event(ticket.number, .refused, new: CommandAuthority.describe(command), reason: refusal)
        }
        if answersReview, var review = ticket.review {
            let answer = words.trimmingScalars(in: .whitespacesAndNewlines)
            // A release's answers come from many: each is recorded with who proved it.
            review.answers.append(ticket.kind == .release ? "\(sender): \(answer)" : answer)
            ticket.review = review
            event(ticket.number, .review, new: "answer recorded")
        } else if followsUp {
            return try followUp(of: ticket)
        } else if ticket.status == .resolved, speaksForRequester, ticket.kind != .release {
            // (A release's status follows its own course: a reply does not reopen it.)
            move(&ticket, to: .open, actor: sender, reason: "reply from the requester after resolution")
        }
        ticket.updatedAt = now
        save(ticket)
        var details = MailDetails()
        if !authentication.isAuthenticated {
            details.reasons = ["The sender is not authenticated for this ticket (no reply token of theirs, no DMARC pass): "
                + "this mail was not relayed and changed nothing."] + refusals
        }
        notifyTeam(about: ticket, template: "team-correspondence", details: details, body: words)
        return .correspondence(ticket: ticket.number, match: match)
    }

    /// Applies one command its sender may give; returns why the ticket's rules refuse it, or nil.
    mutating func apply(_ command: MailCommand, to ticket: inout Ticket, standing: CommandAuthority.Standing) throws -> String? {
        switch command {
        case .invalid(_, let reason):
            return reason
        case .releaseStatus, .release, .include, .exclude, .plannedDate, .releaseText, .emergency, .outcome, .rollback, .risk:
            return try applyRelease(command, to: &ticket)
        case .status(let status):
            if ticket.kind == .release {
                return "a release moves by its own statuses: `Status: announced`, `in test`, `deployed`, `failed` or `cancelled`"
            }
            if let refusal = StatusRules.refusal(moving: ticket, to: status, lifecycle: workflow.lifecycle) { return refusal }
            move(&ticket, to: status, actor: sender, reason: "Status command")
        case .priority(let priority):
            guard priority != ticket.priority else { return nil }
            if ticket.kind == .security, priority < .high { return "security tickets keep at least priority high" }
            event(ticket.number, .priority, old: ticket.priority.name, new: priority.name)
            ticket.priority = priority
            retargetClocks(of: ticket)
        case .assign(let name):
            guard let unit = workflow.unit(named: name) else {
                return "no support unit is named \"\(name)\" (units: \(workflow.units.map(\.name).joined(separator: ", ")))"
            }
            guard unit.name != ticket.unit else { return nil }
            event(ticket.number, .unit, old: ticket.unit, new: unit.name)
            // Reassignment ends the old unit's response measure and starts the new one's.
            clock(.stop(ticket: ticket.number, kinds: [.response], at: now))
            ticket.unit = unit.name
            if ticket.isActive { startResponseClock(for: ticket) }
        case .kind(let kind, let changeClass):
            let newClass = kind == .change ? (changeClass ?? ticket.changeClass ?? .normal) : nil
            guard kind != ticket.kind || newClass != ticket.changeClass else { return nil }
            if ticket.kind == .release { return "a release stays a release: `Status: cancelled` ends it" }
            event(
                ticket.number, .kind, old: [ticket.kind.rawValue, ticket.changeClass?.rawValue].compactMap { $0 }.joined(separator: "/"),
                new: [kind.rawValue, newClass?.rawValue].compactMap { $0 }.joined(separator: "/")
            )
            ticket.kind = kind
            ticket.changeClass = newClass
            if kind == .security {
                ticket.priority = max(ticket.priority, .high)
                ticket.participants = []
                if ticket.unit != workflow.securityUnit {
                    // A reassignment: the old unit's response measure ends, the security
                    // unit's starts (outsider attack: the old unit's clock ran on, for a
                    // ticket that unit can no longer see).
                    event(ticket.number, .unit, old: ticket.unit, new: workflow.securityUnit)
                    clock(.stop(ticket: ticket.number, kinds: [.response], at: now))
                    ticket.unit = workflow.securityUnit
                    if ticket.isActive { startResponseClock(for: ticket) }
                }
            }
            if kind == .change { startChange(&ticket) }
            if kind == .release { becomeRelease(&ticket) }
        case .approve, .reject:
            if let refusal = ChangeRules.approvalRefusal(ticket) { return refusal }
            if case .reject(let reason) = command {
                ticket.approval = .rejected
                event(ticket.number, .approval, new: "rejected", reason: reason)
                move(&ticket, to: .rejected, actor: sender, reason: reason)
            } else {
                guard ticket.assessed else { return "a normal change needs an assessment comment from \(ticket.unit) before approval" }
                ticket.approval = .approved
                event(ticket.number, .approval, new: "approved")
                move(&ticket, to: .accepted, actor: sender, reason: "approved")
            }
        case .comment(let text):
            event(ticket.number, .comment, new: text)
            if ticket.kind == .change, ticket.changeClass == .normal, standing.isMember, !ticket.assessed, ticket.approval == nil {
                ticket.assessed = true
                event(ticket.number, .assessment, new: "assessed")
                if !workflow.approvers.isEmpty {
                    var details = MailDetails()
                    details.body = text
                    details.author = message.from?.name ?? sender
                    send("approval-request", about: ticket, to: workflow.approvers.sorted(), replying: false, details: details)
                }
            }
        }
        return nil
    }

    /// Moves the status, records the event, tells the requester (unless a system opened
    /// the ticket) and starts the review of a resolved change.
    mutating func move(_ ticket: inout Ticket, to status: TicketStatus, actor: String, reason: String) {
        guard ticket.status != status else { return }
        let old = ticket.status
        event(ticket.number, .status, actor: actor, old: old.rawValue, new: status.rawValue, reason: reason)
        ticket.status = status
        clocksFollow(ticket, from: old, to: status)
        if ticket.kind == .change, status == .resolved, ticket.review == nil {
            ticket.review = Ticket.Review(requestedAt: now, closesAt: now.addingTimeInterval(workflow.reviewPeriod))
            guard ticket.automatic == nil else { return }
            var details = MailDetails()
            details.questions = WorkflowRules.reviewQuestions
            details.reviewDays = Int(workflow.reviewPeriod / 86_400)
            send("review-request", about: ticket, to: [ticket.requester.address], replying: false, details: details)
        } else if ticket.kind != .maintenance, ticket.automatic == nil, !desk.isOwnAddress(ticket.requester.address),
                  actor != "ticketd" || status == .accepted {
            var details = MailDetails()
            details.oldStatus = old.displayName
            details.reason = reason
            send("status-change", about: ticket, to: [ticket.requester.address], replying: false, details: details)
        }
    }
}

/// Which status moves a command may make.
public enum StatusRules {
    /// Why `ticket` may not move to `status` by command, or nil. A normal change is
    /// accepted only by approval; an emergency change may start at once; otherwise the
    /// configured lifecycle decides.
    public static func refusal(moving ticket: Ticket, to status: TicketStatus, lifecycle: Lifecycle) -> String? {
        if ticket.kind == .change, ticket.changeClass == .normal, [.accepted, .open].contains(status), ticket.approval != .approved {
            return "a normal change is accepted by an approver's `Approve`, after the team's assessment (`Comment:`)"
        }
        let emergencyStart = ticket.kind == .change && ticket.changeClass == .emergency && ticket.status == .new && status == .open
        if !emergencyStart, !lifecycle.allows(kind: ticket.kind, from: ticket.status, to: status) {
            let targets = lifecycle.targets(kind: ticket.kind, from: ticket.status).map(\.rawValue)
            return "\(ticket.kind.withArticle) cannot move from \(ticket.status.rawValue) to \(status.rawValue)"
                + (targets.isEmpty ? "" : " (allowed: \(targets.joined(separator: ", ")))")
        }
        return nil
    }
}

/// Change approval (DESIGN.md §1, "Change classes").
public enum ChangeRules {
    /// Why an approver's `Approve` or `Reject:` does not apply to `ticket`, or nil.
    public static func approvalRefusal(_ ticket: Ticket) -> String? {
        guard ticket.kind == .change else { return "only a change is approved or rejected; this is \(ticket.kind.withArticle)" }
        guard ticket.changeClass == .normal else { return "a \(ticket.changeClass?.rawValue ?? "") change needs no approval" }
        guard ticket.approval == nil, ticket.status == .new || ticket.status == .stalled else {
            return "this change was already \(ticket.approval?.rawValue ?? ticket.status.rawValue)"
        }
        return nil
    }
}
