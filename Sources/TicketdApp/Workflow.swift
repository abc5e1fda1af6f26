import Classification
import Etpan
import Foundation
import MailParsing
import Reports
import Screening
import Store
import Synchronization
import Templates
import Threading
import TicketCore
import WorkingTime

/// The apply stage (DESIGN.md §2) for one message inside one store transaction: dedupe,
/// screen, thread, classify, run the ticket's state machine and mail commands, and queue
/// every mail that follows. Pure apart from the transaction it is given and `now`.
struct Workflow: Sendable {
    let config: TicketdConfig
    let templates: TemplateSet
    let screener = Screener()
    let classifier: Classifier
    let resolver: ThreadResolver

    init(config: TicketdConfig, templates: TemplateSet) {
        self.config = config
        self.templates = templates
        classifier = config.workflow.classifier(roles: config.mailboxRoles)
        resolver = ThreadResolver(tagPrefix: config.service.tagPrefix)
    }

    private var service: TicketdConfig.Service { config.service }
    private var rules: WorkflowConfig { config.workflow }

    /// The review questions of EGI's change management.
    static let reviewQuestions = [
        "Were release notes and documentation sufficient?",
        "Is the service working as expected?",
    ]

    /// The key a message is stored under: its Message-ID, else the hash of its bytes.
    static func storageKey(_ message: Message, contentHash: String) -> String {
        message.messageID ?? "sha256:" + contentHash
    }

    /// One message, start to end. `contentHash` (the SHA-256 of its bytes) and `facts`
    /// when the caller has them already.
    func process(
        _ message: Message, contentHash: String? = nil, facts: MessageFacts? = nil, origin: MessageOrigin,
        in tx: StoreTransaction, now: Date
    ) throws -> ProcessingOutcome {
        let contentHash = contentHash ?? ContentHash.sha256Hex(message.raw)
        let key = Self.storageKey(message, contentHash: contentHash)
        if try tx.hasMessage(key: key) { return .duplicate }
        let run = Run(
            workflow: self, message: message, origin: origin, tx: tx, now: now, key: key, contentHash: contentHash,
            facts: facts ?? MessageFacts(message, mailbox: origin.mailbox, classifier: classifier)
        )
        return try run.process()
    }

    /// Closes the reviews whose week has passed (the worker calls this every cycle).
    func closeDueReviews(in tx: StoreTransaction, now: Date) throws -> Int {
        let due = try tx.reviewsDue(at: now)
        for var ticket in due {
            guard var review = ticket.review else { continue }
            review.outcome = review.answers.isEmpty ? .unanswered : .answered
            ticket.review = review
            try tx.saveTicket(ticket)
            try tx.recordEvent(TicketEvent(
                ticket: ticket.number, at: now, actor: "ticketd", field: .review, newValue: review.outcome?.rawValue,
                reason: "the review period ended with \(review.answers.count) answer(s)"
            ))
        }
        return due.count
    }

    /// Sends every SLA warning and breach notice that has fallen due, once: the notice and
    /// the mark that it went out commit together. A notice sent well after its instant
    /// (the worker was down) says so.
    func fireSLANotices(in tx: StoreTransaction, now: Date) throws -> Int {
        var sent = 0
        for var stored in try tx.clocksWithNoticesDue(at: now) {
            guard let ticket = try tx.ticket(stored.ticket) else { continue }
            let members = rules.unit(named: stored.clock.unit)?.members.sorted() ?? []
            if stored.warnedAt == nil, let warnAt = stored.clock.warnAt, warnAt <= now {
                try notice("sla-warning", ticket: ticket, clock: stored.clock, dueInstant: warnAt, to: members, tx: tx, now: now)
                stored.warnedAt = now
                sent += 1
            }
            if stored.breachedAt == nil, let dueAt = stored.clock.dueAt, dueAt <= now {
                try notice("sla-breach", ticket: ticket, clock: stored.clock, dueInstant: dueAt, to: members + config.sla.managers, tx: tx, now: now)
                stored.breachedAt = now
                stored.clock.markBreached()
                sent += 1
            }
            // A clock started after its warning point (a late reassignment) has no warning to send.
            if stored.warnedAt == nil, stored.clock.warnAt == nil { stored.warnedAt = now }
            try tx.saveClock(stored)
            try tx.recordEvent(TicketEvent(
                ticket: ticket.number, at: now, actor: "ticketd", field: .sla,
                newValue: "\(stored.clock.kind.rawValue) \(stored.breachedAt == now ? "breached" : "warning")",
                reason: "\(stored.clock.unit), target \(Int(stored.clock.target / 60)) working minutes"
            ))
        }
        return sent
    }

    private func notice(
        _ template: String, ticket: Ticket, clock: SLAClock, dueInstant: Date, to recipients: [String], tx: StoreTransaction, now: Date
    ) throws {
        var view = MailView(ticket: ticket, service: config.service, tag: SubjectTag.format(prefix: service.tagPrefix, number: ticket.number))
        if ticket.kind == .security { view.subject = "(security ticket)" }
        let zone = config.sla.calendar.timeZone
        view.clock = clock.kind.rawValue
        view.target = "\(Int(clock.target / 60)) working minutes"
        view.due_at = clock.dueAt.map { ISOTime.format($0, in: zone) }
        view.started_at = ISOTime.format(clock.startedAt, in: zone)
        if now.timeIntervalSince(dueInstant) > config.sla.lateAfter {
            view.late = "This notice is late: it fell due at \(ISOTime.format(dueInstant, in: zone)), while ticketd was not running."
        }
        try Mailer(workflow: self, tx: tx, now: now).send(template, about: ticket, to: recipients, inReplyTo: nil, view: view)
    }

    /// Tells the sender of an oversize mail that it was not taken (never an automatic sender).
    func refuseOversize(_ message: Message, in tx: StoreTransaction, now: Date) throws {
        guard screener.automaticReason(message) == nil, let recipient = message.replyAddress?.address, !isOwnAddress(recipient) else { return }
        let view = OversizeView(
            service_name: config.service.name, requester_name: message.from?.name ?? recipient,
            subject: message.subject ?? "(no subject)", size_mb: Self.megabytes(message.raw.count),
            limit_mb: Self.megabytes(config.service.maxMessageBytes)
        )
        try Mailer(workflow: self, tx: tx, now: now).queue(try templates.render("oversize-refused", view), ticket: nil, to: [recipient], inReplyTo: message)
    }

    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// Unit members, approvers and managers: the people who work the desk.
    func isTeamAddress(_ address: String) -> Bool {
        let address = address.lowercased()
        return rules.units.contains { $0.hasMember(address) } || rules.isApprover(address) || config.sla.managers.contains(address)
    }

    fileprivate func isOwnAddress(_ address: String) -> Bool {
        let address = address.lowercased()
        return address == service.address.address.lowercased() || config.mailboxAddresses[address] != nil
    }
}

/// The processing of one message: the state that its steps share.
private struct Run {
    let workflow: Workflow
    let message: Message
    let origin: MessageOrigin
    let tx: StoreTransaction
    let now: Date
    let key: String
    let contentHash: String
    let facts: MessageFacts

    var config: TicketdConfig { workflow.config }
    var rules: WorkflowConfig { config.workflow }
    var sender: String { message.from?.address.lowercased() ?? "" }

    func process() throws -> ProcessingOutcome {
        let role = workflow.classifier.role(of: origin.mailbox)
        var automatic = workflow.screener.automaticReason(message)
        if automatic == nil, let from = message.from, workflow.isOwnAddress(from.address) { automatic = .loop }
        if role == .reports { return try reportRequest(automatic: automatic) }
        if automatic == .deliveryStatus, let outcome = try bounce() { return outcome }
        let match = try workflow.resolver.resolve(message, lookup: StoreThreadLookup(transaction: tx))

        if let number = match.ticketNumber, var ticket = try tx.ticket(number) {
            if let automatic, automatic != .autoSubmitted || MonitoringAlert.parse(message) == nil {
                try record(on: number, automatic: automatic, match: match)
                try tx.touchTicket(number, at: now)
                return .screened(automatic, ticket: number)
            }
            return try correspondence(on: &ticket, match: match)
        }

        // Monitoring alerts and downtime announcements are automatic by nature, but they
        // are what a notification mailbox is for.
        if role == .notifications || message.hasHeader("X-ARGO-Status") {
            if let alert = MonitoringAlert.parse(message) { return try monitoringAlert(alert) }
        }
        if let announcement = DowntimeAnnouncement.parse(message), role == .notifications || automatic == nil {
            return try maintenance(announcement, automatic: automatic)
        }
        if let automatic {
            try record(on: nil, automatic: automatic, match: match)
            return .screened(automatic, ticket: nil)
        }
        return try newTicket(classification: facts.classification)
    }

    // MARK: - New tickets

    private func newTicket(classification: Classification, fingerprint: String? = nil) throws -> ProcessingOutcome {
        var ticket = try createTicket(classification: classification, fingerprint: fingerprint)
        let created = ticket
        try record(on: ticket.number, automatic: nil, match: .newTicket)
        switch ticket.kind {
        case .change:
            try startChange(&ticket)
        case .incident:
            try linkMaintenance(&ticket, host: nil)
            try detectProblem(for: &ticket)
        default:
            break
        }
        if ticket != created { try tx.saveTicket(ticket) }
        if let recipient = message.replyAddress, !workflow.isOwnAddress(recipient.address) {
            let template = ["acknowledgement-\(ticket.kind.rawValue)"].first { workflow.templates.names.contains($0) } ?? "acknowledgement"
            try send(template, about: ticket, to: [recipient.address], inReplyTo: message)
        }
        try notifyTeam(about: ticket, template: "team-new-ticket")
        return .created(ticket: ticket.number)
    }

    private func createTicket(classification: Classification, fingerprint: String?, subject: String? = nil, actor: String? = nil) throws -> Ticket {
        let requester = message.replyAddress ?? EmailAddress(name: nil, address: "unknown@invalid")
        let isSecurity = classification.kind == .security
        let others = (message.to + message.cc).map(\.address).filter { !workflow.isOwnAddress($0) && $0.lowercased() != requester.normalized }
        let draft = Ticket(
            number: 0, subject: subject ?? cleanSubject(message.subject), requester: requester, status: .new,
            mailbox: origin.mailbox, createdAt: now, updatedAt: now, kind: classification.kind,
            changeClass: classification.changeClass, priority: classification.priority, unit: classification.unit,
            rule: classification.rule,
            // Security reports never go to Cc addresses.
            participants: isSecurity ? [] : others,
            fingerprint: fingerprint ?? (classification.kind == .incident ? facts.fingerprint : nil)
        )
        let ticket = try tx.createTicket(draft)
        try startClocks(for: ticket)
        try tx.recordEvent(TicketEvent(
            ticket: ticket.number, at: now, actor: actor ?? (sender.isEmpty ? "unknown" : sender), field: .created,
            newValue: [ticket.kind.rawValue, ticket.changeClass?.rawValue].compactMap { $0 }.joined(separator: "/"),
            reason: actor != nil ? nil : classification.rule.map { "rule \($0)" } ?? "defaults of mailbox \(origin.mailbox)"
        ))
        return ticket
    }

    private func startChange(_ ticket: inout Ticket) throws {
        switch ticket.changeClass {
        case .standard:
            try move(&ticket, to: .accepted, actor: "ticketd", reason: "standard change: pre-approved")
        case .emergency:
            ticket.needsPostReview = true
            try tx.recordEvent(TicketEvent(
                ticket: ticket.number, at: now, actor: "ticketd", field: .review, newValue: "post-review required",
                reason: "emergency change: may be implemented without approval"
            ))
        default:
            break
        }
    }

    /// Links an incident to a declared maintenance of its service that covers now.
    private func linkMaintenance(_ ticket: inout Ticket, host: String?) throws {
        let maintenances = try tx.maintenances(covering: now)
        guard !maintenances.isEmpty else { return }
        let text = (message.subject ?? "") + "\n" + (message.text ?? "")
        for maintenance in maintenances {
            guard let service = maintenance.service,
                  host?.lowercased() == service || TextLines.containsIgnoringASCIICase(text, service)
            else { continue }
            ticket.maintenance = maintenance.number
            try tx.recordEvent(TicketEvent(
                ticket: ticket.number, at: now, actor: "ticketd", field: .link, newValue: "maintenance #\(maintenance.number)",
                reason: "\(service) is in a declared maintenance window"
            ))
            return
        }
    }

    /// Recurring incidents become children of a problem for the Operations unit.
    private func detectProblem(for ticket: inout Ticket) throws {
        guard let fingerprint = ticket.fingerprint else { return }
        if let problem = try tx.activeTicket(kind: .problem, fingerprint: fingerprint) {
            try adopt(&ticket, into: problem)
            return
        }
        let recent = try tx.tickets(kind: .incident, fingerprint: fingerprint, since: now.addingTimeInterval(-rules.problemWindow))
        guard recent.count >= rules.problemThreshold else { return }
        let classification = Classification(
            mailbox: origin.mailbox, kind: .problem, changeClass: nil, priority: recent.map(\.priority).max() ?? .normal,
            unit: rules.operationsUnit, rule: nil
        )
        var problem = try createTicket(
            classification: classification, fingerprint: fingerprint,
            subject: "Recurring incidents: \(recent.first?.subject ?? ticket.subject)", actor: "ticketd"
        )
        problem.requester = EmailAddress(name: config.service.name, address: config.service.address.address)
        problem.participants = []
        try tx.saveTicket(problem)
        for var child in recent where child.parent == nil && child.number != ticket.number {
            try adopt(&child, into: problem)
            try tx.saveTicket(child)
        }
        try adopt(&ticket, into: problem)
        var view = view(of: problem)
        view.children = recent.map(\.number)
        try notifyTeam(about: problem, template: "problem-opened", view: view)
    }

    private func adopt(_ incident: inout Ticket, into problem: Ticket) throws {
        incident.parent = problem.number
        try tx.recordEvent(TicketEvent(
            ticket: incident.number, at: now, actor: "ticketd", field: .link, newValue: "problem #\(problem.number)",
            reason: "recurring incident (\(incident.fingerprint ?? "same fingerprint"))"
        ))
        try tx.recordEvent(TicketEvent(
            ticket: problem.number, at: now, actor: "ticketd", field: .link, newValue: "child #\(incident.number)"
        ))
    }

    // MARK: - Notifications

    private func monitoringAlert(_ alert: MonitoringAlert) throws -> ProcessingOutcome {
        if var incident = try tx.activeTicket(kind: .incident, fingerprint: alert.key) {
            try record(on: incident.number, automatic: nil, match: .alert(incident.number))
            if alert.state == .recovery {
                try tx.recordEvent(TicketEvent(
                    ticket: incident.number, at: now, actor: sender, field: .comment, newValue: "recovery",
                    reason: "\(alert.host) \(alert.service) recovered"
                ))
                if rules.resolveOnRecovery {
                    try move(&incident, to: .resolved, actor: "ticketd", reason: "recovery alert", checkLifecycle: false)
                }
            }
            incident.updatedAt = now
            try tx.saveTicket(incident)
            return .correspondence(ticket: incident.number, match: .alert(incident.number))
        }
        guard alert.state == .problem else {
            // A recovery for nothing open: kept, not a ticket.
            try record(on: nil, automatic: .autoSubmitted, match: .newTicket)
            return .screened(.autoSubmitted, ticket: nil)
        }
        // An alert is an incident whatever else the rules say; they still set priority and unit.
        var classification = facts.classification
        classification.kind = .incident
        classification.changeClass = nil
        var ticket = try createTicket(
            classification: classification, fingerprint: alert.key,
            subject: "\(alert.service) on \(alert.host): \(cleanSubject(message.subject))"
        )
        try record(on: ticket.number, automatic: nil, match: .newTicket)
        try linkMaintenance(&ticket, host: alert.host)
        try detectProblem(for: &ticket)
        try tx.saveTicket(ticket)
        try notifyTeam(about: ticket, template: "team-new-ticket")
        return .created(ticket: ticket.number)
    }

    private func maintenance(_ announcement: DowntimeAnnouncement, automatic: AutomaticReason?) throws -> ProcessingOutcome {
        var classification = facts.classification
        classification.kind = .maintenance
        classification.changeClass = nil
        var ticket = try createTicket(classification: classification, fingerprint: nil)
        ticket.service = announcement.service
        ticket.windowStart = announcement.start
        ticket.windowEnd = announcement.end
        try record(on: ticket.number, automatic: automatic, match: .newTicket)
        // Declared when it was sent (its Date), unless that claims to be in the future.
        let sentAt = message.date?.instant ?? now
        let declaredAt = sentAt <= now.addingTimeInterval(300) ? sentAt : now
        let problems = announcement.violations(
            declaredAt: declaredAt, minimumNotice: rules.maintenanceMinimumNotice, maximumDuration: rules.maintenanceMaximumDuration
        )
        // Refusals and confirmations go to people; an automatic announcer gets none.
        let recipient = automatic == nil ? message.replyAddress.map(\.address).flatMap { workflow.isOwnAddress($0) ? nil : $0 } : nil
        if problems.isEmpty {
            try move(&ticket, to: .accepted, actor: "ticketd", reason: "declared in time and within the allowed duration", checkLifecycle: false)
            try tx.saveTicket(ticket)
            if let recipient { try send("acknowledgement-maintenance", about: ticket, to: [recipient], inReplyTo: message) }
        } else {
            try move(&ticket, to: .rejected, actor: "ticketd", reason: problems.joined(separator: "; "), checkLifecycle: false)
            try tx.saveTicket(ticket)
            if let recipient {
                var view = view(of: ticket)
                view.reasons = problems
                try send("maintenance-refused", about: ticket, to: [recipient], inReplyTo: message, view: view)
            }
        }
        return .created(ticket: ticket.number)
    }

    // MARK: - Replies on existing tickets

    private func correspondence(on ticket: inout Ticket, match: ThreadMatch) throws -> ProcessingOutcome {
        try record(on: ticket.number, automatic: nil, match: match)
        let isApprover = rules.isApprover(sender)
        let isMember = rules.unit(named: ticket.unit)?.hasMember(sender) ?? false
        let reply = MailCommandParser.parse(message.text ?? "")

        if isMember || isApprover {
            var refusals: [String] = []
            for command in reply.commands {
                if let refusal = try apply(command, to: &ticket, isMember: isMember, isApprover: isApprover) {
                    refusals.append(refusal)
                    try tx.recordEvent(TicketEvent(ticket: ticket.number, at: now, actor: sender, field: .refused, newValue: describe(command), reason: refusal))
                }
            }
            ticket.updatedAt = now
            try tx.saveTicket(ticket)
            if !refusals.isEmpty {
                var view = view(of: ticket)
                view.reasons = refusals
                try send("command-refused", about: ticket, to: [sender], inReplyTo: message, view: view)
            }
            if !reply.isInternalComment, !reply.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                // The first reply from a member of the ticket's unit answers it.
                if isMember { try stopClocks(of: ticket, kinds: [.response]) }
                var view = view(of: ticket)
                view.body = reply.body
                view.author = message.from?.name ?? sender
                let recipients = [ticket.requester.address] + (ticket.kind == .security ? [] : ticket.participants)
                try send("correspondence", about: ticket, to: recipients.filter { $0.lowercased() != sender }, inReplyTo: message, view: view)
            }
            return .correspondence(ticket: ticket.number, match: match)
        }

        // Anyone else: commands have no effect and are recorded as refused.
        for command in reply.commands {
            try tx.recordEvent(TicketEvent(
                ticket: ticket.number, at: now, actor: sender, field: .refused, newValue: describe(command),
                reason: "\(sender) is not a member of \(ticket.unit) or an approver"
            ))
        }
        let isRequester = sender == ticket.requester.normalized
        if ticket.kind != .security, !isRequester, !sender.isEmpty, !ticket.participants.contains(where: { $0.lowercased() == sender }) {
            ticket.participants.append(sender)
        }
        if var review = ticket.review, review.outcome == nil, now < review.closesAt, isRequester {
            review.answers.append(reply.body.trimmingCharacters(in: .whitespacesAndNewlines))
            ticket.review = review
            try tx.recordEvent(TicketEvent(ticket: ticket.number, at: now, actor: sender, field: .review, newValue: "answer recorded"))
        } else if ticket.status == .resolved {
            let resolvedAt = try tx.lastMove(ofTicket: ticket.number, to: .resolved) ?? ticket.updatedAt
            if now.timeIntervalSince(resolvedAt) <= rules.reopenWindow {
                try move(&ticket, to: .open, actor: sender, reason: "reply from the requester after resolution", checkLifecycle: false)
            } else {
                return try followUp(of: ticket)
            }
        }
        ticket.updatedAt = now
        try tx.saveTicket(ticket)
        try notifyTeam(about: ticket, template: "team-correspondence", body: reply.body)
        return .correspondence(ticket: ticket.number, match: match)
    }

    /// A reply after the reopen window starts a new ticket that links the old one.
    private func followUp(of old: Ticket) throws -> ProcessingOutcome {
        var classification = facts.classification
        classification.kind = old.kind == .security ? .security : classification.kind
        var ticket = try createTicket(classification: classification, fingerprint: nil)
        ticket.follows = old.number
        try tx.saveTicket(ticket)
        try tx.attachMessage(key: key, toTicket: ticket.number, threadMatch: "follows #\(old.number)")
        try tx.recordEvent(TicketEvent(
            ticket: ticket.number, at: now, actor: sender, field: .link, newValue: "follows #\(old.number)",
            reason: "reply to a ticket resolved more than \(Int(rules.reopenWindow / 86_400)) days ago"
        ))
        if let recipient = message.replyAddress, !workflow.isOwnAddress(recipient.address) {
            try send("acknowledgement", about: ticket, to: [recipient.address], inReplyTo: message)
        }
        try notifyTeam(about: ticket, template: "team-new-ticket")
        return .created(ticket: ticket.number)
    }

    /// Applies one command from a team member or approver; returns why it was refused, or nil.
    private func apply(_ command: MailCommand, to ticket: inout Ticket, isMember: Bool, isApprover: Bool) throws -> String? {
        switch command {
        case .invalid(_, let reason):
            return reason
        case .status(let status):
            if ticket.kind == .change, ticket.changeClass == .normal, [.accepted, .open].contains(status), ticket.approval != .approved {
                return "a normal change is accepted by an approver's `Approve`, after the team's assessment (`Comment:`)"
            }
            let emergencyStart = ticket.kind == .change && ticket.changeClass == .emergency && ticket.status == .new && status == .open
            if !emergencyStart, !rules.lifecycle.allows(kind: ticket.kind, from: ticket.status, to: status) {
                let targets = rules.lifecycle.targets(kind: ticket.kind, from: ticket.status).map(\.rawValue)
                return "a \(ticket.kind.rawValue) cannot move from \(ticket.status.rawValue) to \(status.rawValue)"
                    + (targets.isEmpty ? "" : " (allowed: \(targets.joined(separator: ", ")))")
            }
            try move(&ticket, to: status, actor: sender, reason: "Status command", checkLifecycle: false)
        case .priority(let priority):
            guard priority != ticket.priority else { return nil }
            if ticket.kind == .security, priority < .high { return "security tickets keep at least priority high" }
            try change(&ticket, field: .priority, from: ticket.priority.name, to: priority.name)
            ticket.priority = priority
            try retargetClocks(of: ticket)
        case .assign(let name):
            guard let unit = rules.unit(named: name) else {
                return "no support unit is named \"\(name)\" (units: \(rules.units.map(\.name).joined(separator: ", ")))"
            }
            guard unit.name != ticket.unit else { return nil }
            try change(&ticket, field: .unit, from: ticket.unit, to: unit.name)
            // Reassignment ends the old unit's response measure and starts the new one's.
            try stopClocks(of: ticket, kinds: [.response])
            ticket.unit = unit.name
            if ticket.isActive { try startResponseClock(for: ticket) }
        case .kind(let kind, let changeClass):
            let newClass = kind == .change ? (changeClass ?? ticket.changeClass ?? .normal) : nil
            guard kind != ticket.kind || newClass != ticket.changeClass else { return nil }
            try change(
                &ticket, field: .kind, from: [ticket.kind.rawValue, ticket.changeClass?.rawValue].compactMap { $0 }.joined(separator: "/"),
                to: [kind.rawValue, newClass?.rawValue].compactMap { $0 }.joined(separator: "/")
            )
            ticket.kind = kind
            ticket.changeClass = newClass
            if kind == .security {
                ticket.unit = rules.securityUnit
                ticket.priority = max(ticket.priority, .high)
                ticket.participants = []
            }
            if kind == .change { try startChange(&ticket) }
        case .approve, .reject:
            guard isApprover else { return "only a change approver may approve or reject a change" }
            guard ticket.kind == .change else { return "only a change is approved or rejected; this is a \(ticket.kind.rawValue)" }
            guard ticket.changeClass == .normal else { return "a \(ticket.changeClass?.rawValue ?? "") change needs no approval" }
            guard ticket.approval == nil, ticket.status == .new || ticket.status == .stalled else {
                return "this change was already \(ticket.approval?.rawValue ?? ticket.status.rawValue)"
            }
            if case .reject(let reason) = command {
                ticket.approval = .rejected
                try tx.recordEvent(TicketEvent(ticket: ticket.number, at: now, actor: sender, field: .approval, newValue: "rejected", reason: reason))
                try move(&ticket, to: .rejected, actor: sender, reason: reason, checkLifecycle: false)
            } else {
                guard ticket.assessed else { return "a normal change needs an assessment comment from \(ticket.unit) before approval" }
                ticket.approval = .approved
                try tx.recordEvent(TicketEvent(ticket: ticket.number, at: now, actor: sender, field: .approval, newValue: "approved"))
                try move(&ticket, to: .accepted, actor: sender, reason: "approved", checkLifecycle: false)
            }
        case .comment(let text):
            try tx.recordEvent(TicketEvent(ticket: ticket.number, at: now, actor: sender, field: .comment, newValue: text))
            if ticket.kind == .change, ticket.changeClass == .normal, isMember, !ticket.assessed, ticket.approval == nil {
                ticket.assessed = true
                try tx.recordEvent(TicketEvent(ticket: ticket.number, at: now, actor: sender, field: .assessment, newValue: "assessed"))
                if !rules.approvers.isEmpty {
                    var view = view(of: ticket)
                    view.body = text
                    view.author = message.from?.name ?? sender
                    try send("approval-request", about: ticket, to: rules.approvers.sorted(), inReplyTo: nil, view: view)
                }
            }
        }
        return nil
    }

    /// Moves the status, records the event, tells the requester and starts the review
    /// of a resolved change.
    private func move(_ ticket: inout Ticket, to status: TicketStatus, actor: String, reason: String, checkLifecycle: Bool = true) throws {
        guard ticket.status != status else { return }
        let old = ticket.status
        try change(&ticket, field: .status, from: old.rawValue, to: status.rawValue, actor: actor, reason: reason)
        ticket.status = status
        try clocksFollow(ticket, from: old, to: status)
        if ticket.kind == .change, status == .resolved, ticket.review == nil {
            ticket.review = Ticket.Review(requestedAt: now, closesAt: now.addingTimeInterval(rules.reviewPeriod))
            var view = view(of: ticket)
            view.questions = Workflow.reviewQuestions
            view.review_days = Int(rules.reviewPeriod / 86_400)
            try send("review-request", about: ticket, to: [ticket.requester.address], inReplyTo: nil, view: view)
        } else if actor != "ticketd" || ticket.kind != .maintenance {
            var view = view(of: ticket)
            view.old_status = old.displayName
            view.reason = reason
            if ticket.kind != .maintenance, ticket.number > 0, !workflow.isOwnAddress(ticket.requester.address), actor != "ticketd" || status == .accepted {
                try send("status-change", about: ticket, to: [ticket.requester.address], inReplyTo: nil, view: view)
            }
        }
    }

    private func change(_ ticket: inout Ticket, field: TicketEvent.Field, from old: String, to new: String, actor: String? = nil, reason: String? = nil) throws {
        try tx.recordEvent(TicketEvent(ticket: ticket.number, at: now, actor: actor ?? sender, field: field, oldValue: old, newValue: new, reason: reason))
    }

    // MARK: - Bounces

    /// A delivery-status report about mail of ours: recorded on that mail's ticket, never
    /// a ticket of its own; a permanent failure stops automatic mail to the address.
    private func bounce() throws -> ProcessingOutcome? {
        let text = String(decoding: message.raw, as: UTF8.self)
        let ids = Self.captures(#"(?im)^\s*(?:Message-ID|X-Original-Message-ID)\s*:\s*<([^>\s]+)>"#, in: text)
            .filter { $0 != message.messageID }
        guard let number = try tx.ticketNumber(forMessageIDs: ids) else { return nil }
        try tx.recordIncoming(
            message, key: key, contentHash: contentHash, origin: origin, ticketNumber: number, automatic: .deliveryStatus,
            threadMatch: "bounce", at: now
        )
        let recipients = Self.captures(#"(?im)^\s*Final-Recipient\s*:\s*[^;]*;\s*<?([^>\s]+@[^>\s]+)>?"#, in: text)
        let status = Self.captures(#"(?im)^\s*Status\s*:\s*([245]\.\d{1,3}\.\d{1,3})"#, in: text).first
        let permanent = status?.hasPrefix("5") ?? false
        try tx.recordEvent(TicketEvent(
            ticket: number, at: now, actor: sender.isEmpty ? "mailer-daemon" : sender, field: .bounce,
            newValue: recipients.joined(separator: ", "),
            reason: (permanent ? "permanent failure" : "delivery report") + (status.map { " \($0)" } ?? "")
        ))
        if permanent {
            for recipient in recipients {
                try tx.suppress(
                    recipient, until: now.addingTimeInterval(rules.bounceSuppression),
                    reason: "\(recipient) bounced permanently (\(status ?? "5.x.x")) on ticket #\(number)"
                )
            }
        }
        try tx.touchTicket(number, at: now)
        return .screened(.deliveryStatus, ticket: number)
    }

    private static func captures(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    // MARK: - Reports by mail

    /// A manager asks the reports mailbox for an SLA report; anyone else is refused politely.
    private func reportRequest(automatic: AutomaticReason?) throws -> ProcessingOutcome {
        try tx.recordIncoming(
            message, key: key, contentHash: contentHash, origin: origin, ticketNumber: nil, automatic: automatic,
            threadMatch: "report-request", at: now
        )
        if let automatic { return .screened(automatic, ticket: nil) }
        guard let recipient = message.replyAddress?.address else { return .reportRequest(answered: false) }
        let mailer = Mailer(workflow: workflow, tx: tx, now: now)
        let zone = config.sla.calendar.timeZone
        var view = ReportView(service_name: config.service.name, requester_name: message.from?.name ?? sender)
        guard config.sla.managers.contains(sender) else {
            try mailer.queue(try workflow.templates.render("report-refused", view), ticket: nil, to: [recipient], inReplyTo: message)
            return .reportRequest(answered: false)
        }
        let request = ReportPeriod.request((message.subject ?? "") + "\n" + (message.text ?? ""), now: now, zone: zone)
        let filter = SLAReport.Filter(
            from: request.from, to: request.to, unit: request.unit, priority: request.priority.flatMap(Priority.init(parsing:))
        )
        let report = try SLAReport.build(in: tx, filter: filter, now: now, calendar: config.sla.calendar)
        view.report = report.table(timeZone: zone)
        view.period = report.periodDescription(zone)
        try mailer.queue(
            try workflow.templates.render("sla-report", view), ticket: nil, to: [recipient], inReplyTo: message,
            attachments: [
                OutgoingAttachment(filename: "sla-report.csv", contentType: "text/csv; charset=utf-8", data: Array(report.csv(timeZone: zone).utf8)),
                OutgoingAttachment(filename: "sla-report.html", contentType: "text/html; charset=utf-8", data: Array(report.html(timeZone: zone).utf8)),
            ]
        )
        return .reportRequest(answered: true)
    }

    // MARK: - SLA clocks

    private var sla: SLAConfig { config.sla }

    private func startClocks(for ticket: Ticket) throws {
        guard ticket.kind != .maintenance, ticket.isActive else { return }
        try startResponseClock(for: ticket)
        if let target = sla.resolutionTarget(kind: ticket.kind, priority: ticket.priority) {
            let clock = SLAClock(kind: .resolution, unit: ticket.unit, target: target, at: now, calendar: sla.calendar, warningFraction: sla.warningFraction)
            try tx.insertClock(ticket: ticket.number, priority: ticket.priority, clock: clock)
        }
    }

    private func startResponseClock(for ticket: Ticket) throws {
        let level = rules.unit(named: ticket.unit)?.qos ?? .medium
        guard let target = sla.responseTarget(level: level, priority: ticket.priority) else { return }
        let clock = SLAClock(kind: .response, unit: ticket.unit, target: target, at: now, calendar: sla.calendar, warningFraction: sla.warningFraction)
        try tx.insertClock(ticket: ticket.number, priority: ticket.priority, clock: clock)
    }

    private func stopClocks(of ticket: Ticket, kinds: Set<SLAClock.Kind>) throws {
        for var stored in try tx.clocks(ofTicket: ticket.number) where stored.clock.isRunning && kinds.contains(stored.clock.kind) {
            stored.clock.stop(at: now, calendar: sla.calendar)
            try tx.saveClock(stored)
        }
    }

    /// GGUS semantics: the response clock stops at the first move away from `new`;
    /// resolution clocks pause while stalled and stop at resolution or rejection.
    private func clocksFollow(_ ticket: Ticket, from old: TicketStatus, to status: TicketStatus) throws {
        if old == .new { try stopClocks(of: ticket, kinds: [.response]) }
        if status == .resolved || status == .rejected { try stopClocks(of: ticket, kinds: [.response, .resolution]) }
        guard status == .stalled || old == .stalled else { return }
        for var stored in try tx.clocks(ofTicket: ticket.number) where stored.clock.kind == .resolution && stored.clock.isRunning {
            if status == .stalled { stored.clock.pause(at: now, calendar: sla.calendar) } else { stored.clock.resume(at: now, calendar: sla.calendar) }
            try tx.saveClock(stored)
        }
    }

    /// A new priority moves the targets of the running clocks.
    private func retargetClocks(of ticket: Ticket) throws {
        let level = rules.unit(named: ticket.unit)?.qos ?? .medium
        for var stored in try tx.clocks(ofTicket: ticket.number) where stored.clock.isRunning {
            let target = stored.clock.kind == .response
                ? sla.responseTarget(level: level, priority: ticket.priority)
                : sla.resolutionTarget(kind: ticket.kind, priority: ticket.priority)
            guard let target else { continue }
            stored.clock.retarget(target, calendar: sla.calendar)
            stored.priority = ticket.priority
            try tx.saveClock(stored)
        }
    }

    // MARK: - Mail out

    private func view(of ticket: Ticket) -> MailView {
        MailView(ticket: ticket, service: config.service, tag: SubjectTag.format(prefix: config.service.tagPrefix, number: ticket.number))
    }

    private func send(_ template: String, about ticket: Ticket, to recipients: [String], inReplyTo original: Message?, view: MailView? = nil) throws {
        try Mailer(workflow: workflow, tx: tx, now: now)
            .send(template, about: ticket, to: recipients, inReplyTo: original, view: view ?? self.view(of: ticket))
    }

    /// Tells the members of the ticket's unit about it, with the text of the mail.
    private func notifyTeam(about ticket: Ticket, template: String, view: MailView? = nil, body: String? = nil) throws {
        guard let unit = rules.unit(named: ticket.unit), !unit.members.isEmpty else { return }
        var view = view ?? self.view(of: ticket)
        if view.body == nil { view.body = body ?? message.text ?? "" }
        if view.author == nil { view.author = message.from.map { $0.name.map { "\($0) <\(sender)>" } ?? sender } }
        try send(template, about: ticket, to: unit.members.sorted().filter { $0 != sender }, inReplyTo: nil, view: view)
    }

    // MARK: - Helpers

    private func record(on ticket: Int?, automatic: AutomaticReason?, match: ThreadMatch) throws {
        try tx.recordIncoming(
            message, key: key, contentHash: contentHash, origin: origin, ticketNumber: ticket, automatic: automatic,
            threadMatch: match.label, at: now
        )
    }

    private func cleanSubject(_ subject: String?) -> String {
        // Trimmed without Foundation's character sets, which cost 1% of the database thread.
        let scalars = (subject ?? "").unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "(no subject)" }
        return String(scalars[first...last])
    }

    private func describe(_ command: MailCommand) -> String {
        switch command {
        case .status(let status): "Status: \(status.rawValue)"
        case .priority(let priority): "Priority: \(priority.name)"
        case .assign(let unit): "Assign: \(unit)"
        case .kind(let kind, let changeClass): "Kind: \([kind.rawValue, changeClass?.rawValue].compactMap { $0 }.joined(separator: "/"))"
        case .approve: "Approve"
        case .reject(let reason): "Reject: \(reason)"
        case .comment: "Comment"
        case .invalid(let line, _): line
        }
    }
}

/// Renders a template and queues the mail in the current transaction.
struct Mailer {
    let workflow: Workflow
    let tx: StoreTransaction
    let now: Date

    /// Queues `template` to `recipients`, dropping our own addresses and duplicates. It
    /// is rendered where the outbox row is made (on another thread, in a batch).
    func send(_ template: String, about ticket: Ticket, to recipients: [String], inReplyTo original: Message?, view: MailView) throws {
        let templates = workflow.templates
        try queue(ticket: ticket.number, to: recipients, inReplyTo: original) { try templates.render(template, view) }
    }

    func queue(
        _ rendered: RenderedMail, ticket: Int?, to recipients: [String], inReplyTo original: Message?,
        attachments: [OutgoingAttachment] = []
    ) throws {
        try queue(ticket: ticket, to: recipients, inReplyTo: original, attachments: attachments) { rendered }
    }

    private func queue(
        ticket: Int?, to recipients: [String], inReplyTo original: Message?, attachments: [OutgoingAttachment] = [],
        render: @escaping @Sendable () throws -> RenderedMail
    ) throws {
        let service = workflow.config.service
        var seen = Set<String>()
        let candidates = recipients.filter { address in
            let lower = address.lowercased()
            return !lower.isEmpty && !workflow.isOwnAddress(lower) && seen.insert(lower).inserted
        }
        var addresses: [String] = []
        // Rendered here only when a suppression event needs the subject, and then once.
        var renderedHere: RenderedMail?
        for address in candidates {
            if let reason = try suppression(of: address) {
                if let ticket {
                    let rendered = try renderedHere ?? render()
                    renderedHere = rendered
                    try tx.recordEvent(TicketEvent(
                        ticket: ticket, at: now, actor: "ticketd", field: .suppressed, newValue: "\(rendered.subject) to \(address)",
                        reason: reason
                    ))
                }
                continue
            }
            addresses.append(address)
            if !workflow.isTeamAddress(address) { try tx.recordAutomaticMail(to: address, at: now) }
        }
        guard !addresses.isEmpty else { return }
        let domain = service.address.address.split(separator: "@").last.map(String.init) ?? "localhost"
        let messageID = MessageIDs.next(ticket: ticket, domain: domain)
        let originalID = original?.messageID
        let from = EmailAddress(name: service.address.name, address: service.address.address)
        let references = originalID.map { (original?.references ?? []) + [$0] } ?? []
        let (date, extraHeaders, to) = (now, OutgoingHeaders.automatic(instance: service.instance), addresses.map { EmailAddress(address: $0) })
        let alreadyRendered = renderedHere
        try tx.enqueueOutgoing(messageID: messageID, from: from, recipients: addresses, ticketNumber: ticket, at: now) {
            let rendered = try alreadyRendered ?? render()
            var mail = OutgoingMail(
                from: from, to: to, subject: rendered.subject, body: rendered.body,
                messageID: messageID, inReplyTo: originalID, references: references, date: date, extraHeaders: extraHeaders
            )
            mail.attachments = attachments
            let raw = MailComposer.compose(mail)
            return MadeMail(subject: rendered.subject, raw: raw, contentHash: ContentHash.sha256Hex(raw))
        }
    }

    /// Why no automatic mail may go to `address` now, or nil. No-reply and daemon
    /// addresses never get one; other outside addresses at most so many per 10 minutes
    /// and per day (the team, approvers and managers are not limited).
    private func suppression(of address: String) throws -> String? {
        let local = address.lowercased().prefix { $0 != "@" }
        let noReply = ["noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply", "mailer-daemon", "postmaster", "bounce", "bounces"]
        if noReply.contains(where: { local == $0 || local.hasPrefix($0) && "+-".contains(local.dropFirst($0.count).first ?? " ") }) {
            return "\(address) is a no-reply or daemon address"
        }
        if let bounced = try tx.suppression(of: address, at: now) { return bounced }
        guard !workflow.isTeamAddress(address) else { return nil }
        let rules = workflow.config.workflow
        let sent = try tx.automaticMailCounts(to: address, since: now.addingTimeInterval(-600), andSince: now.addingTimeInterval(-86_400))
        if sent.recent >= rules.automaticMailPerTenMinutes {
            return "more than \(rules.automaticMailPerTenMinutes) automatic mails to \(address) in 10 minutes (mail loop defence)"
        }
        if sent.earlier >= rules.automaticMailPerDay {
            return "more than \(rules.automaticMailPerDay) automatic mails to \(address) in a day (mail loop defence)"
        }
        return nil
    }
}

/// Message-IDs of the mail ticketd sends, unique without a random draw per mail (a UUID
/// is a system call, 2% of the database thread): a 64-bit random tag drawn once per
/// process, and a counter.
enum MessageIDs {
    private static let tag = String(UInt64.random(in: .min ... .max), radix: 36)
    private static let counter = Atomic<UInt64>(0)

    static func next(ticket: Int?, domain: String) -> String {
        let serial = counter.add(1, ordering: .relaxed).newValue
        return "ticketd.\(ticket.map(String.init) ?? "report").\(String(serial, radix: 36)).\(tag)@\(domain)"
    }
}
