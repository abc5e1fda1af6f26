import Foundation
import Screening
import Threading
public import TicketCore
import Trust
import WorkingTime

/// What a delivery-status report says: the Message-IDs of the mail it is about, the
/// recipients that failed, and the status code. The parser reads them from the report's
/// `message/delivery-status` part and the returned header, never from free text.
public struct DeliveryReport: Sendable, Equatable {
    public var messageIDs: [String]
    public var recipients: [String]
    public var status: String?

    /// A 5.x.x status: the address will not take mail.
    public var isPermanent: Bool { status?.hasPrefix("5") ?? false }

    public init(_ message: Message) {
        let fields = message.deliveryStatus ?? DeliveryStatusFields()
        messageIDs = fields.messageIDs.filter { $0 != message.messageID }
        recipients = fields.recipients
        status = fields.status
    }
}

extension MessageRun {
    /// A delivery-status report about mail of ours: recorded on that mail's ticket, never
    /// a ticket of its own; a permanent failure stops automatic mail to the address.
    mutating func bounce() throws -> ProcessingOutcome? {
        let report = DeliveryReport(message)
        // Only mail ticketd signed: a Message-ID whose token was issued, for its ticket, to
        // one of the recipients that mail went to. Anyone can write a report that names
        // some other Message-ID.
        var signed: [String] = []
        var sentTo = Set<String>()
        for id in report.messageIDs {
            guard let token = ReplyTokenKeyring.token(inMessageID: id) else { continue }
            let recipients = try reader.recipients(ofSentMessage: id) ?? []
            guard recipients.contains(where: { rules.trust.keyring.verifies(token.text, ticket: token.ticket, address: $0, at: now) })
            else { continue }
            signed.append(id)
            sentTo.formUnion(recipients.map { $0.lowercased() })
        }
        // And only about addresses that mail went to: a report that names others (the team,
        // say) is someone's invention, not news of our mail.
        let failed = report.recipients.filter { sentTo.contains($0.lowercased()) }
        guard !failed.isEmpty, let number = try reader.ticketNumber(forMessageIDs: signed) else { return nil }
        effects.append(.fileMessage(MessageFiling(ticket: number, automatic: .deliveryStatus, threadMatch: "bounce")))
        event(
            number, .bounce, actor: sender.isEmpty ? "mailer-daemon" : sender, new: failed.joined(separator: ", "),
            reason: (report.isPermanent ? "permanent failure" : "delivery report") + (report.status.map { " \($0)" } ?? "")
        )
        if report.isPermanent {
            // Never the people who work the desk: a forged report must not silence the team,
            // approvers or managers.
            for recipient in failed where !rules.isTeamAddress(recipient) {
                effects.append(.suppress(
                    address: recipient, until: now.addingTimeInterval(workflow.bounceSuppression),
                    reason: "\(recipient) bounced permanently (\(report.status ?? "5.x.x")) on ticket #\(number)"
                ))
            }
        }
        effects.append(.touchTicket(number))
        return .screened(.deliveryStatus, ticket: number)
    }

    // MARK: - Reports by mail

    /// A manager asks the reports mailbox for an SLA report; anyone else is refused politely.
    mutating func reportRequest(automatic: AutomaticReason?) -> ProcessingOutcome {
        effects.append(.fileMessage(MessageFiling(ticket: nil, automatic: automatic, threadMatch: "report-request")))
        if let automatic { return .screened(automatic, ticket: nil) }
        guard let recipient = message.replyAddress?.address else { return .reportRequest(answered: false) }
        let requesterName = message.from?.name ?? sender
        guard sla.managers.contains(sender) else {
            if !Screener.suppressesAutoReplies(message) {
                effects.append(.mail(MailOrder(.reportRefused(requesterName: requesterName), to: [recipient], inReplyToMessage: true)))
            }
            return .reportRequest(answered: false)
        }
        // A manager's address in From proves nothing: without a token or the site's DMARC
        // pass, the configured address is asked to confirm by replying (the reply brings
        // its token back), and no report goes out.
        guard rules.trust.evidence(for: message, at: now).authentication(forTicket: nil).isAuthenticated else {
            effects.append(.mail(MailOrder(.reportConfirmation(requesterName: requesterName), to: [sender], inReplyToMessage: false)))
            return .reportRequest(answered: false)
        }
        let asked = ReportPeriod.request((message.subject ?? "") + "\n" + (message.text ?? ""), now: now, zone: sla.calendar.timeZone)
        let request = ReportRequest(from: asked.from, to: asked.to, unit: asked.unit, priority: asked.priority.flatMap(Priority.init(parsing:)))
        // To the configured manager address itself, never to a Reply-To: a forged From
        // with a Reply-To of its own must not receive the report.
        effects.append(.mail(MailOrder(.slaReport(requesterName: requesterName, request: request), to: [sender], inReplyToMessage: true)))
        return .reportRequest(answered: true)
    }
}
