import DeskConfiguration
import Etpan
import Foundation
import MailParsing
import Reports
import Storage
import Synchronization
import Templates
import Threading
import TicketCore
import Trust
import Workflow
import WorkingTime

/// The one place where a workflow decision is carried out: tickets, events, clocks,
/// suppressions and outbox mail written in the current transaction, in the decision's order.
struct DecisionApplier {
    /// The incoming message the decision is about.
    struct Incoming {
        var message: Message
        var key: String
        var contentHash: String
        /// Where it came from; nil when it is not to be stored.
        var origin: MessageOrigin?
    }

    let config: TicketdConfig
    let templates: TemplateSet
    let rules: WorkflowRules
    let tx: any DeskTransaction
    let now: Date
    let incoming: Incoming?

    private var calendar: OfficeCalendar { config.sla.calendar }

    func apply(_ effects: [Effect]) throws {
        for effect in effects {
            switch effect {
            case .createTicket(let ticket): try tx.createTicket(numbered: ticket)
            case .saveTicket(let ticket): try tx.saveTicket(ticket)
            case .touchTicket(let number): try tx.touchTicket(number, at: now)
            case .fileMessage(let filing): try file(filing)
            case .event(let event): try tx.recordEvent(event)
            case .clock(let action): try apply(action)
            case .mail(let order): try queue(order)
            case .suppress(let address, let until, let reason): try tx.suppress(address, until: until, reason: reason)
            }
        }
    }

    private func file(_ filing: MessageFiling) throws {
        guard let incoming, let origin = incoming.origin else { preconditionFailure("a decision filed a message it was not given") }
        try tx.recordIncoming(
            incoming.message, key: incoming.key, contentHash: incoming.contentHash, origin: origin, ticketNumber: filing.ticket,
            automatic: filing.automatic, threadMatch: filing.threadMatch, at: now
        )
    }

    // MARK: - Clocks

    private func apply(_ action: ClockAction) throws {
        switch action {
        case .start(let ticket, let priority, let clock):
            try tx.insertClock(ticket: ticket, priority: priority, clock: clock)
        case .stop(let ticket, let kinds, let at):
            try updateRunningClocks(of: ticket, kinds: kinds) { $0.clock.stop(at: at, calendar: calendar) }
        case .pauseResolution(let ticket, let at):
            try updateRunningClocks(of: ticket, kinds: [.resolution]) { $0.clock.pause(at: at, calendar: calendar) }
        case .resumeResolution(let ticket, let at):
            try updateRunningClocks(of: ticket, kinds: [.resolution]) { $0.clock.resume(at: at, calendar: calendar) }
        case .retarget(let ticket, let priority, let response, let resolution):
            try updateRunningClocks(of: ticket, kinds: [.response, .resolution]) { stored in
                guard let target = stored.clock.kind == .response ? response : resolution else { return false }
                stored.clock.retarget(target, calendar: calendar)
                stored.priority = priority
                return true
            }
        case .noticesSent(let id, let ticket, let priority, let clock, let warnedAt, let breachedAt):
            try tx.saveClock(StoredClock(id: id, ticket: ticket, priority: priority, clock: clock, warnedAt: warnedAt, breachedAt: breachedAt))
        }
    }

    private func updateRunningClocks(of ticket: Int, kinds: Set<SLAClock.Kind>, _ change: (inout StoredClock) -> Void) throws {
        try updateRunningClocks(of: ticket, kinds: kinds) { stored -> Bool in
            change(&stored)
            return true
        }
    }

    /// Changes each running clock of these kinds; `change` returns false to leave one as it is.
    private func updateRunningClocks(of ticket: Int, kinds: Set<SLAClock.Kind>, _ change: (inout StoredClock) -> Bool) throws {
        for var stored in try tx.clocks(ofTicket: ticket) where stored.clock.isRunning && kinds.contains(stored.clock.kind) {
            if change(&stored) { try tx.saveClock(stored) }
        }
    }

    // MARK: - Mail

    /// The address of the mailbox the incoming message came to, when configured: replies
    /// to a report go back to the reports mailbox, not to support.
    private var incomingMailboxAddress: String? {
        guard let mailbox = incoming?.origin?.mailbox else { return nil }
        return config.mailboxes.first { $0.name == mailbox }?.address
    }

    private func queue(_ order: MailOrder) throws {
        let mailer = Mailer(config: config, rules: rules, tx: tx, now: now)
        let original = order.inReplyToMessage ? incoming?.message : nil
        switch order.content {
        case .ticket(let names, let ticket, let details):
            let template = names.dropLast().first { templates.names.contains($0) } ?? names.last ?? ""
            var view = MailView(ticket: ticket, service: config.service, tag: SubjectTag.format(prefix: config.service.tagPrefix, number: ticket.number))
            view.apply(details)
            try mailer.send(template, with: templates, about: ticket.number, to: order.recipients, inReplyTo: original, view: view)
        case .reportRefused(let requesterName):
            let view = ReportView(service_name: config.service.name, requester_name: requesterName)
            try mailer.queue(try templates.render("report-refused", view), ticket: nil, to: order.recipients, inReplyTo: original, replyBase: incomingMailboxAddress)
        case .reportConfirmation(let requesterName):
            let view = ReportView(service_name: config.service.name, requester_name: requesterName)
            // Anyone can ask in a manager's name: these count against the loop defence's
            // limits like mail to an outsider, so that no one floods a manager with them.
            try mailer.queue(
                try templates.render("report-confirm", view), ticket: nil, to: order.recipients, inReplyTo: original, replyBase: incomingMailboxAddress,
                limitingTeam: true
            )
        case .slaReport(let requesterName, let request):
            let zone = calendar.timeZone
            let filter = SLAReport.Filter(from: request.from, to: request.to, unit: request.unit, priority: request.priority)
            let report = try SLAReport.build(in: tx, filter: filter, now: now, calendar: calendar)
            var view = ReportView(service_name: config.service.name, requester_name: requesterName)
            view.report = report.table(timeZone: zone)
            view.period = report.periodDescription(zone)
            try mailer.queue(
                try templates.render("sla-report", view), ticket: nil, to: order.recipients, inReplyTo: original, replyBase: incomingMailboxAddress,
                attachments: [
                    OutgoingAttachment(filename: "sla-report.csv", contentType: "text/csv; charset=utf-8", data: Array(report.csv(timeZone: zone).utf8)),
                    OutgoingAttachment(filename: "sla-report.html", contentType: "text/html; charset=utf-8", data: Array(report.html(timeZone: zone).utf8)),
                ]
            )
        case .oversizeRefused(let requesterName, let subject, let sizeMB, let limitMB):
            let view = OversizeView(
                service_name: config.service.name, requester_name: requesterName, subject: subject, size_mb: sizeMB, limit_mb: limitMB
            )
            try mailer.queue(try templates.render("oversize-refused", view), ticket: nil, to: order.recipients, inReplyTo: original)
        case .unreadableRefused(let requesterName, let subject, let reason):
            let view = UnreadableView(service_name: config.service.name, requester_name: requesterName, subject: subject, reason: reason)
            try mailer.queue(try templates.render("unreadable-refused", view), ticket: nil, to: order.recipients, inReplyTo: original)
        }
    }
}

/// Renders a template and queues the mail in the current transaction, leaving out our own
/// addresses, duplicates, and addresses that may get no automatic mail now.
struct Mailer {
    let config: TicketdConfig
    let rules: WorkflowRules
    let tx: any DeskTransaction
    let now: Date

    /// Queues `template` to `recipients`. It is rendered where the outbox row is made (on
    /// another thread, in a batch).
    func send(_ template: String, with templates: TemplateSet, about ticket: Int, to recipients: [String], inReplyTo original: Message?, view: MailView) throws {
        try queue(ticket: ticket, to: recipients, inReplyTo: original) { try templates.render(template, view) }
    }

    /// `limitingTeam`: the loop defence's limits apply to team addresses too (mail that
    /// anyone can cause to be sent to them).
    func queue(
        _ rendered: RenderedMail, ticket: Int?, to recipients: [String], inReplyTo original: Message?, replyBase: String? = nil,
        attachments: [OutgoingAttachment] = [], limitingTeam: Bool = false
    ) throws {
        try queue(ticket: ticket, to: recipients, inReplyTo: original, replyBase: replyBase, attachments: attachments, limitingTeam: limitingTeam) {
            rendered
        }
    }

    /// One outbox row per recipient: each mail carries that recipient's reply token, in its
    /// Message-ID and in its Reply-To (DESIGN.md §1, "Trust"). The text is rendered once.
    private func queue(
        ticket: Int?, to recipients: [String], inReplyTo original: Message?, replyBase: String? = nil,
        attachments: [OutgoingAttachment] = [], limitingTeam: Bool = false, render: @escaping @Sendable () throws -> RenderedMail
    ) throws {
        let service = config.service
        var seen = Set<String>()
        let candidates = recipients.filter { address in
            let lower = address.lowercased()
            return !lower.isEmpty && !rules.desk.isOwnAddress(lower) && seen.insert(lower).inserted
        }
        let rendering = RenderOnce(render)
        var addresses: [String] = []
        for address in candidates {
            if let reason = try suppression(of: address, limitingTeam: limitingTeam) {
                if let ticket {
                    try tx.recordEvent(TicketEvent(
                        ticket: ticket, at: now, actor: "ticketd", field: .suppressed, newValue: "\(try rendering.mail().subject) to \(address)",
                        reason: reason
                    ))
                }
                continue
            }
            addresses.append(address)
            if limitingTeam || !rules.isTeamAddress(address) { try tx.recordAutomaticMail(to: address, at: now) }
        }
        guard !addresses.isEmpty else { return }
        let domain = service.address.address.split(separator: "@").last.map(String.init) ?? "localhost"
        let originalID = original?.messageID
        let from = EmailAddress(name: service.address.name, address: service.address.address)
        let references = originalID.map { MessageIDSyntax.references(of: original?.references ?? [], replyingTo: $0) } ?? []
        let (date, extraHeaders) = (now, OutgoingHeaders.automatic(instance: service.instance))
        for address in addresses {
            let token = rules.trust.keyring.token(ticket: ticket, address: address)
            let messageID = MessageIDs.next(token: token, domain: domain)
            let replyTo = EmailAddress(name: service.address.name, address: rules.desk.replyAddress(token: token, on: replyBase))
            let envelope = OutgoingEnvelope(messageID: messageID, from: from, recipients: [address], ticketNumber: ticket, date: now)
            try tx.enqueueOutgoing(envelope) {
                let rendered = try rendering.mail()
                var mail = OutgoingMail(
                    from: from, to: [EmailAddress(address: address)], subject: rendered.subject, body: rendered.body,
                    messageID: messageID, inReplyTo: originalID, references: references, date: date, extraHeaders: extraHeaders
                )
                mail.replyTo = replyTo
                mail.attachments = attachments
                let raw = MailComposer.compose(mail)
                return MadeMail(subject: rendered.subject, raw: raw, contentHash: ContentHash.sha256Hex(raw))
            }
        }
    }

    /// Why no automatic mail may go to `address` now, or nil (the team, approvers and
    /// managers are not rate-limited).
    private func suppression(of address: String, limitingTeam: Bool) throws -> String? {
        if let invalid = AddrSpec.refusal(address) { return "\(address) is not a valid address: \(invalid)" }
        if let refusal = AutomaticMailPolicy.noReplyRefusal(address) { return refusal }
        if let bounced = try tx.suppression(of: address, at: now) { return bounced }
        guard limitingTeam || !rules.isTeamAddress(address) else { return nil }
        let sent = try tx.automaticMailCounts(to: address, since: now.addingTimeInterval(-600), andSince: now.addingTimeInterval(-86_400))
        return AutomaticMailPolicy.rateRefusal(address, recent: sent.recent, today: sent.earlier, limits: config.workflow)
    }
}

/// Message-IDs of the mail ticketd sends, unique without a random draw per mail (a UUID
/// is a system call, 2% of the database thread): a 64-bit random tag drawn once per
/// process, and a counter.
enum MessageIDs {
    private static let tag = String(UInt64.random(in: .min ... .max), radix: 36)
    private static let counter = Atomic<UInt64>(0)

    static func next(token: String, domain: String) -> String {
        let serial = counter.add(1, ordering: .relaxed).newValue
        return ReplyTokenKeyring.messageID(token: token, unique: "\(String(serial, radix: 36)).\(tag)", domain: domain)
    }
}

/// A mail's text, rendered the first time one of its per-recipient copies needs it.
final class RenderOnce: Sendable {
    private let render: @Sendable () throws -> RenderedMail
    private let rendered = Mutex<RenderedMail?>(nil)

    init(_ render: @escaping @Sendable () throws -> RenderedMail) {
        self.render = render
    }

    func mail() throws -> RenderedMail {
        try rendered.withLock { stored in
            if let stored { return stored }
            let mail = try render()
            stored = mail
            return mail
        }
    }
}
