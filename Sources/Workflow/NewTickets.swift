import Classification
import Foundation
import Threading
import TicketCore

/// New tickets: from a person's mail, a monitoring alert, a downtime announcement, a
/// reply after the reopen window, and problems from recurring incidents.
extension MessageRun {
    mutating func newTicket(classification: Classification, fingerprint: String? = nil) throws -> ProcessingOutcome {
        var ticket = try createTicket(classification: classification, fingerprint: fingerprint)
        let created = ticket
        file(on: ticket.number, automatic: automaticSender, match: .newTicket)
        switch ticket.kind {
        case .change:
            startChange(&ticket)
        case .incident:
            try linkMaintenance(&ticket, host: nil)
            try detectProblem(for: &ticket)
        default:
            break
        }
        if ticket != created { save(ticket) }
        if let recipient = message.replyAddress, !desk.isOwnAddress(recipient.address) {
            send("acknowledgement-\(ticket.kind.rawValue)", fallback: "acknowledgement", about: ticket, to: [recipient.address], replying: true)
        }
        notifyTeam(about: ticket, template: "team-new-ticket")
        return .created(ticket: ticket.number)
    }

    mutating func createTicket(
        classification: Classification, fingerprint: String?, subject: String? = nil, actor: String? = nil
    ) throws -> Ticket {
        let requester = message.replyAddress ?? EmailAddress(name: nil, address: "unknown@invalid")
        let isSecurity = classification.kind == .security
        let lists = workflow.releases.addresses
        let others = (message.to + message.cc).map(\.address).filter {
            !desk.isOwnAddress($0) && $0.lowercased() != requester.normalized && !lists.contains($0.lowercased())
        }
        let ticket = Ticket(
            number: try allocateNumber(), subject: subject ?? cleanSubject(message.subject), requester: requester, status: .new,
            mailbox: mailbox, createdAt: now, updatedAt: now, kind: classification.kind,
            changeClass: classification.changeClass, priority: classification.priority, unit: classification.unit,
            rule: classification.rule,
            // Security reports never go to Cc addresses.
            participants: isSecurity ? [] : Array(others.prefix(workflow.maxParticipants)),
            fingerprint: fingerprint ?? (classification.kind == .incident ? facts.fingerprint : nil),
            automatic: automaticSender
        )
        effects.append(.createTicket(ticket))
        startClocks(for: ticket)
        event(
            ticket.number, .created, actor: actor ?? (sender.isEmpty ? "unknown" : sender),
            new: [ticket.kind.rawValue, ticket.changeClass?.rawValue].compactMap { $0 }.joined(separator: "/"),
            reason: actor != nil ? nil : classification.rule.map { "rule \($0)" } ?? "defaults of mailbox \(mailbox)"
        )
        return ticket
    }

    /// A standard change is accepted on arrival; an emergency change is flagged for review.
    mutating func startChange(_ ticket: inout Ticket) {
        switch ticket.changeClass {
        case .standard:
            move(&ticket, to: .accepted, actor: "ticketd", reason: "standard change: pre-approved")
        case .emergency:
            ticket.needsPostReview = true
            event(
                ticket.number, .review, actor: "ticketd", new: "post-review required",
                reason: "emergency change: may be implemented without approval"
            )
        default:
            break
        }
    }

    /// Links an incident to a declared maintenance of its service that covers now.
    mutating func linkMaintenance(_ ticket: inout Ticket, host: String?) throws {
        let maintenances = try reader.maintenances(covering: now)
        guard !maintenances.isEmpty else { return }
        let text = (message.subject ?? "") + "\n" + (message.text ?? "")
        for maintenance in maintenances {
            guard let service = maintenance.service,
                  host?.lowercased() == service || TextLines.containsIgnoringASCIICase(text, service)
            else { continue }
            ticket.maintenance = maintenance.number
            event(
                ticket.number, .link, actor: "ticketd", new: "maintenance #\(maintenance.number)",
                reason: "\(service) is in a declared maintenance window"
            )
            return
        }
    }

    /// Recurring incidents become children of a problem for the Operations unit.
    mutating func detectProblem(for ticket: inout Ticket) throws {
        guard let fingerprint = ticket.fingerprint else { return }
        if let problem = try reader.activeTicket(kind: .problem, fingerprint: fingerprint) {
            adopt(&ticket, into: problem)
            return
        }
        // The store does not hold this incident yet: it counts too.
        let recent = try reader.tickets(kind: .incident, fingerprint: fingerprint, since: now.addingTimeInterval(-workflow.problemWindow))
            .filter { $0.number != ticket.number } + [ticket]
        guard recent.count >= workflow.problemThreshold else { return }
        let classification = Classification(
            mailbox: mailbox, kind: .problem, changeClass: nil, priority: recent.map(\.priority).max() ?? .normal,
            unit: workflow.operationsUnit, rule: nil
        )
        var problem = try createTicket(
            classification: classification, fingerprint: fingerprint,
            subject: "Recurring incidents: \(recent.first?.subject ?? ticket.subject)", actor: "ticketd"
        )
        problem.requester = EmailAddress(name: desk.serviceName, address: desk.address.address)
        problem.participants = []
        problem.automatic = nil
        save(problem)
        for var child in recent where child.parent == nil && child.number != ticket.number {
            adopt(&child, into: problem)
            save(child)
        }
        adopt(&ticket, into: problem)
        var details = MailDetails()
        details.children = recent.map(\.number)
        notifyTeam(about: problem, template: "problem-opened", details: details)
    }

    mutating func adopt(_ incident: inout Ticket, into problem: Ticket) {
        incident.parent = problem.number
        event(
            incident.number, .link, actor: "ticketd", new: "problem #\(problem.number)",
            reason: "recurring incident (\(incident.fingerprint ?? "same fingerprint"))"
        )
        event(problem.number, .link, actor: "ticketd", new: "child #\(incident.number)")
    }

    // MARK: - Notifications

    mutating func monitoringAlert(_ alert: MonitoringAlert) throws -> ProcessingOutcome {
        if var incident = try reader.activeTicket(kind: .incident, fingerprint: alert.key) {
            file(on: incident.number, automatic: nil, match: .alert(incident.number))
            if alert.state == .recovery {
                event(incident.number, .comment, new: "recovery", reason: "\(alert.host) \(alert.service) recovered")
                if workflow.resolveOnRecovery {
                    move(&incident, to: .resolved, actor: "ticketd", reason: "recovery alert")
                }
            }
            incident.updatedAt = now
            save(incident)
            return .correspondence(ticket: incident.number, match: .alert(incident.number))
        }
        guard alert.state == .problem else {
            // A recovery for nothing open: kept, not a ticket.
            file(on: nil, automatic: .autoSubmitted, match: .newTicket)
            return .screened(.autoSubmitted, ticket: nil)
        }
        // An alert is an incident whatever else the rules say; they still set priority and
        // unit. Its sender is a system, whatever its headers say.
        automaticSender = rules.automaticReason(message) ?? .monitoringAlert
        var classification = facts.classification
        classification.kind = .incident
        classification.changeClass = nil
        var ticket = try createTicket(
            classification: classification, fingerprint: alert.key,
            subject: "\(alert.service) on \(alert.host): \(cleanSubject(message.subject))"
        )
        file(on: ticket.number, automatic: automaticSender, match: .newTicket)
        try linkMaintenance(&ticket, host: alert.host)
        try detectProblem(for: &ticket)
        save(ticket)
        notifyTeam(about: ticket, template: "team-new-ticket")
        return .created(ticket: ticket.number)
    }

    /// A downtime announcement: accepted when declared in time and short enough, else
    /// rejected with the reasons; the announcer (a person) is told either way.
    mutating func maintenance(_ announcement: DowntimeAnnouncement) throws -> ProcessingOutcome {
        var classification = facts.classification
        classification.kind = .maintenance
        classification.changeClass = nil
        var ticket = try createTicket(classification: classification, fingerprint: nil)
        ticket.service = announcement.service
        ticket.windowStart = announcement.start
        ticket.windowEnd = announcement.end
        file(on: ticket.number, automatic: automaticSender, match: .newTicket)
        // Declared when it was sent (its Date), unless that claims to be in the future.
        let sentAt = message.date?.instant ?? now
        let declaredAt = sentAt <= now.addingTimeInterval(300) ? sentAt : now
        let problems = announcement.violations(
            declaredAt: declaredAt, minimumNotice: workflow.maintenanceMinimumNotice, maximumDuration: workflow.maintenanceMaximumDuration
        )
        // Refusals and confirmations go to people; an automatic announcer gets none.
        let recipient = automaticSender == nil ? message.replyAddress.map(\.address).flatMap { desk.isOwnAddress($0) ? nil : $0 } : nil
        if problems.isEmpty {
            move(&ticket, to: .accepted, actor: "ticketd", reason: "declared in time and within the allowed duration")
            save(ticket)
            if let recipient { send("acknowledgement-maintenance", about: ticket, to: [recipient], replying: true) }
        } else {
            move(&ticket, to: .rejected, actor: "ticketd", reason: problems.joined(separator: "; "))
            save(ticket)
            if let recipient {
                var details = MailDetails()
                details.reasons = problems
                send("maintenance-refused", about: ticket, to: [recipient], replying: true, details: details)
            }
        }
        return .created(ticket: ticket.number)
    }

    /// A reply after the reopen window starts a new ticket that links the old one.
    mutating func followUp(of old: Ticket) throws -> ProcessingOutcome {
        var classification = facts.classification
        classification.kind = old.kind == .security ? .security : classification.kind
        var ticket = try createTicket(classification: classification, fingerprint: nil)
        ticket.follows = old.number
        save(ticket)
        effects.append(.fileMessage(MessageFiling(ticket: ticket.number, automatic: automaticSender, threadMatch: "follows #\(old.number)")))
        event(
            ticket.number, .link, new: "follows #\(old.number)",
            reason: "reply to a ticket resolved more than \(Int(workflow.reopenWindow / 86_400)) days ago"
        )
        if let recipient = message.replyAddress, !desk.isOwnAddress(recipient.address) {
            send("acknowledgement", about: ticket, to: [recipient.address], replying: true)
        }
        notifyTeam(about: ticket, template: "team-new-ticket")
        return .created(ticket: ticket.number)
    }
}
