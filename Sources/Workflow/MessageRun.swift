import Classification
import Foundation
import Screening
import Threading
import TicketCore
import WorkingTime

/// The decision for one message: the state its steps share, and the effects they add.
struct MessageRun<Reader: WorkflowReader> {
    let rules: WorkflowRules
    let message: Message
    let mailbox: String
    let facts: MessageFacts
    let reader: Reader
    let now: Date
    let sender: String
    var effects: [Effect] = []
    /// Why the mail is automatic (nil for a person's): nothing this run sends goes to its
    /// sender, and a ticket it opens is flagged with the reason.
    var automaticSender: AutomaticReason?
    /// The sender signed in to the web dashboard and acts from there: the session proves
    /// who they are, as a reply token does, and what is refused shows on the page.
    var signedIn = false
    /// The reply is words only: its lines are not read as commands (the dashboard's reply).
    var literalReply = false
    /// The number the next created ticket gets, once the reader was asked.
    private var nextNumber: Int?

    init(rules: WorkflowRules, message: Message, mailbox: String, facts: MessageFacts, reader: Reader, now: Date) {
        self.rules = rules
        self.message = message
        self.mailbox = mailbox
        self.facts = facts
        self.reader = reader
        self.now = now
        sender = message.from?.address.lowercased() ?? ""
    }

    var workflow: WorkflowConfig { rules.workflow }
    var sla: SLAConfig { rules.sla }
    var desk: DeskIdentity { rules.desk }

    mutating func process() throws -> ProcessingOutcome {
        let role = rules.classifier.role(of: mailbox)
        let automatic = rules.automaticReason(message)
        if role == .reports { return reportRequest(automatic: automatic) }
        if automatic == .deliveryStatus, let outcome = try bounce() { return outcome }
        // Whatever this mail becomes, nothing this run sends goes to an automatic sender.
        automaticSender = automatic
        let match = try rules.resolver.resolve(message, lookup: reader)

        if let number = match.ticketNumber, var ticket = try reader.ticket(number) {
            // In a thread, a no-reply sender is often another desk's system carrying a
            // person's answer: it is correspondence (and gets no mail back, by policy).
            if let automatic, automatic != .noReplySender, automatic != .autoSubmitted || MonitoringAlert.parse(message) == nil {
                file(on: number, automatic: automatic, match: match)
                effects.append(.touchTicket(number))
                return .screened(automatic, ticket: number)
            }
            return try correspondence(on: &ticket, match: match)
        }

        // Monitoring alerts and downtime announcements are automatic by nature, but they
        // are what a notification mailbox is for.
        if role == .notifications || message.hasHeader("X-ARGO-Status") {
            if let alert = MonitoringAlert.parse(message) { return try monitoringAlert(alert) }
        }
        // Automatic mail that starts a conversation (an alert, a list's or a no-reply
        // system's mail) opens a ticket like any other, unanswered; unless the mailbox
        // screens it. Auto-replies, delivery reports and our own mail never do.
        let opensTicket = automatic.map { $0.startsConversation && !workflow.mailboxesScreeningAutomaticMail.contains(mailbox) } ?? true
        if let announcement = DowntimeAnnouncement.parse(message), role == .notifications || opensTicket {
            return try maintenance(announcement)
        }
        if let automatic, !opensTicket {
            file(on: nil, automatic: automatic, match: match)
            return .screened(automatic, ticket: nil)
        }
        if automatic == nil, role == .support, let release = ReleaseSubject.parse(cleanSubject(message.subject)), mayOpenRelease() {
            return try newRelease(release)
        }
        return try newTicket(classification: facts.classification)
    }

    // MARK: - Effects

    mutating func file(on ticket: Int?, automatic: AutomaticReason?, match: ThreadMatch) {
        effects.append(.fileMessage(MessageFiling(ticket: ticket, automatic: automatic, threadMatch: match.label)))
    }

    mutating func event(
        _ ticket: Int, _ field: TicketEvent.Field, actor: String? = nil, old: String? = nil, new: String? = nil, reason: String? = nil
    ) {
        effects.append(.event(TicketEvent(
            ticket: ticket, at: now, actor: actor ?? sender, field: field, oldValue: old, newValue: new, reason: reason
        )))
    }

    mutating func save(_ ticket: Ticket) { effects.append(.saveTicket(ticket)) }

    mutating func clock(_ action: ClockAction) { effects.append(.clock(action)) }

    /// Queues a ticket mail, unless no one is left to send it to. A sender who asked for no
    /// automatic replies (`X-Auto-Response-Suppress`) gets none in answer to this mail, and
    /// the sender of automatic mail none at all.
    mutating func send(
        _ template: String, fallback: String? = nil, about ticket: Ticket, to recipients: [String], replying: Bool,
        details: MailDetails = MailDetails()
    ) {
        var recipients = recipients
        // The release lists get release mails only (outsider attack: an acknowledgement to a
        // list a forged Reply-To named, in the desk's name).
        if !ReleasePolicy.listTemplates.contains(template) {
            let lists = workflow.releases.addresses
            if !lists.isEmpty { recipients.removeAll { lists.contains($0.lowercased()) } }
        }
        if automaticSender != nil || replying && Screener.suppressesAutoReplies(message) {
            let senders = Set([message.from?.address, message.replyAddress?.address].compactMap { $0?.lowercased() })
            recipients.removeAll { senders.contains($0.lowercased()) }
        }
        guard !recipients.isEmpty else { return }
        let templates = [template] + (fallback.map { [$0] } ?? [])
        effects.append(.mail(MailOrder(.ticket(templates: templates, ticket: ticket, details: details), to: recipients, inReplyToMessage: replying)))
    }

    /// Tells the members of the ticket's unit about it, with the text of the mail.
    mutating func notifyTeam(about ticket: Ticket, template: String, details: MailDetails = MailDetails(), body: String? = nil) {
        guard let unit = workflow.unit(named: ticket.unit), !unit.members.isEmpty else { return }
        var details = details
        if details.body == nil { details.body = body ?? message.text ?? "" }
        if details.author == nil {
            details.author = message.from.map { $0.name.map { "\($0) <\(sender)>" } ?? sender } ?? "(a sender without an address)"
        }
        send(template, about: ticket, to: unit.members.sorted().filter { $0 != sender }, replying: false, details: details)
    }

    /// A ticket number for a new ticket.
    mutating func allocateNumber() throws -> Int {
        let number = try nextNumber ?? reader.nextTicketNumber()
        nextNumber = number + 1
        return number
    }

    // MARK: - SLA clocks

    mutating func startClocks(for ticket: Ticket) {
        // Maintenance and releases have their own dates, not the desk's targets.
        guard ticket.kind != .maintenance, ticket.kind != .release, ticket.isActive else { return }
        startResponseClock(for: ticket)
        startClock(.resolution, target: sla.resolutionTarget(kind: ticket.kind, priority: ticket.priority), for: ticket)
    }

    mutating func startResponseClock(for ticket: Ticket) {
        guard ticket.kind != .release else { return }
        startClock(.response, target: rules.responseTarget(for: ticket), for: ticket)
    }

    /// A clock of `kind` for the ticket's unit, when its kind and priority have a target.
    private mutating func startClock(_ kind: SLAClock.Kind, target: TimeInterval?, for ticket: Ticket) {
        guard let target else { return }
        let started = SLAClock(kind: kind, unit: ticket.unit, target: target, at: now, calendar: sla.calendar, warningFraction: sla.warningFraction)
        clock(.start(ticket: ticket.number, priority: ticket.priority, clock: started))
    }

    /// GGUS semantics: the response clock stops at the first move away from `new`;
    /// resolution clocks pause while stalled and stop at resolution or rejection.
    mutating func clocksFollow(_ ticket: Ticket, from old: TicketStatus, to status: TicketStatus) {
        // One stop for both rules, so that the clocks are read once when it is carried out.
        var stopping: Set<SLAClock.Kind> = old == .new ? [.response] : []
        if status == .resolved || status == .rejected { stopping.formUnion([.response, .resolution]) }
        if !stopping.isEmpty { clock(.stop(ticket: ticket.number, kinds: stopping, at: now)) }
        if status == .stalled {
            clock(.pauseResolution(ticket: ticket.number, at: now))
        } else if old == .stalled {
            clock(.resumeResolution(ticket: ticket.number, at: now))
        }
    }

    /// A new priority moves the targets of the running clocks.
    mutating func retargetClocks(of ticket: Ticket) {
        clock(.retarget(
            ticket: ticket.number, priority: ticket.priority, response: rules.responseTarget(for: ticket),
            resolution: sla.resolutionTarget(kind: ticket.kind, priority: ticket.priority)
        ))
    }

    // MARK: - Helpers

    func cleanSubject(_ subject: String?) -> String {
        // Trimmed without Foundation's character sets, which cost 1% of the database thread.
        let scalars = (subject ?? "").unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "(no subject)" }
        return String(scalars[first...last])
    }
}
