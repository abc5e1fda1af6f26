public import Foundation
public import TicketCore
public import WorkingTime

/// What the scheduler decides on its rounds: reviews whose week has passed, SLA warnings
/// and breaches that have fallen due.
extension WorkflowRules {
    /// Closes the post-implementation review of `ticket`, answered or not.
    public func closeReview(of ticket: Ticket, now: Date) -> [Effect] {
        guard var review = ticket.review else { return [] }
        var ticket = ticket
        review.outcome = review.answers.isEmpty ? .unanswered : .answered
        ticket.review = review
        var effects: [Effect] = [
            .event(TicketEvent(
                ticket: ticket.number, at: now, actor: "ticketd", field: .review, newValue: review.outcome?.rawValue,
                reason: "the review period ended with \(review.answers.count) answer(s)"
            )),
        ]
        // A deployed release is reviewed once its review closes.
        if var release = ticket.release, release.state == .deployed {
            release.state = .reviewed
            ticket.release = release
            effects.append(.event(TicketEvent(ticket: ticket.number, at: now, actor: "ticketd", field: .release, oldValue: "deployed", newValue: "reviewed")))
        }
        return [.saveTicket(ticket)] + effects
    }

    /// The warning and breach notices of one running clock that have fallen due, sent
    /// once each: the notice and the mark that it went out are one decision. A notice sent
    /// well after its instant (the worker was down) says so.
    public func notices(
        clockID: Int64, priority: Priority, clock: SLAClock, warnedAt: Date?, breachedAt: Date?, ticket: Ticket, now: Date
    ) -> (effects: [Effect], sent: Int) {
        var (clock, warnedAt, breachedAt) = (clock, warnedAt, breachedAt)
        var effects: [Effect] = []
        var sent = 0
        let members = workflow.unit(named: clock.unit)?.members.sorted() ?? []
        if warnedAt == nil, let warnAt = clock.warnAt, warnAt <= now {
            effects += notice("sla-warning", ticket: ticket, clock: clock, dueInstant: warnAt, to: members, now: now)
            warnedAt = now
            sent += 1
        }
        if breachedAt == nil, let dueAt = clock.dueAt, dueAt <= now {
            effects += notice("sla-breach", ticket: ticket, clock: clock, dueInstant: dueAt, to: members + sla.managers, now: now)
            breachedAt = now
            clock.markBreached()
            sent += 1
        }
        // A clock started after its warning point (a late reassignment) has no warning to send.
        if warnedAt == nil, clock.warnAt == nil { warnedAt = now }
        effects.append(.clock(.noticesSent(clockID: clockID, ticket: ticket.number, priority: priority, clock: clock, warnedAt: warnedAt, breachedAt: breachedAt)))
        effects.append(.event(TicketEvent(
            ticket: ticket.number, at: now, actor: "ticketd", field: .sla,
            newValue: "\(clock.kind.rawValue) \(breachedAt == now ? "breached" : "warning")",
            reason: "\(clock.unit), target \(Int(clock.target / 60)) working minutes"
        )))
        return (effects, sent)
    }

    private func notice(_ template: String, ticket: Ticket, clock: SLAClock, dueInstant: Date, to recipients: [String], now: Date) -> [Effect] {
        guard !recipients.isEmpty else { return [] }
        let zone = sla.calendar.timeZone
        var details = MailDetails()
        if ticket.kind == .security { details.subject = "(security ticket)" }
        details.clock = clock.kind.rawValue
        details.target = "\(Int(clock.target / 60)) working minutes"
        details.dueAt = clock.dueAt.map { ISOTime.format($0, in: zone) }
        details.startedAt = ISOTime.format(clock.startedAt, in: zone)
        if now.timeIntervalSince(dueInstant) > sla.lateAfter {
            details.late = "This notice is late: it fell due at \(ISOTime.format(dueInstant, in: zone)), while ticketd was not running."
        }
        return [.mail(MailOrder(.ticket(templates: [template], ticket: ticket, details: details), to: recipients, inReplyToMessage: false))]
    }
}
