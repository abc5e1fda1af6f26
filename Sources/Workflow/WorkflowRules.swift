public import Classification
public import Foundation
import Screening
public import Threading
public import TicketCore
public import Trust

/// The rules of the service desk (DESIGN.md §1) as pure decisions: a message, a clock
/// tick or a review deadline goes in with what the rules read of the store, a `Decision`
/// comes out. Nothing here writes, sends or renders.
public struct WorkflowRules: Sendable {
    public let workflow: WorkflowConfig
    public let sla: SLAConfig
    public let desk: DeskIdentity
    public let classifier: Classifier
    public let resolver: ThreadResolver
    /// The reply-token keys and the site's trusted mail servers.
    public let trust: TrustSettings
    let screener = Screener()

    public init(workflow: WorkflowConfig, sla: SLAConfig, desk: DeskIdentity, roles: [String: MailboxRole], trust: TrustSettings) {
        self.workflow = workflow
        self.sla = sla
        self.desk = desk
        self.trust = trust
        classifier = workflow.classifier(roles: roles)
        resolver = ThreadResolver(tagPrefix: desk.tagPrefix)
    }

    /// The review questions of EGI's change management.
    public static let reviewQuestions = [
        "Were release notes and documentation sufficient?",
        "Is the service working as expected?",
    ]

    /// Unit members, approvers and managers: the people who work the desk; and the release
    /// lists it writes to (outsider attack: a forged bounce had silenced them for 60 days).
    public func isTeamAddress(_ address: String) -> Bool {
        let address = address.lowercased()
        return workflow.units.contains { $0.hasMember(address) } || workflow.isApprover(address) || sla.managers.contains(address)
            || workflow.releases.addresses.contains(address)
    }

    /// Why `message` is automatic, counting mail from our own addresses as a loop.
    public func automaticReason(_ message: Message) -> AutomaticReason? {
        if let reason = screener.automaticReason(message) { return reason }
        if let from = message.from, desk.isOwnAddress(from.address) { return .loop }
        return nil
    }

    /// Decides what one incoming message does. `facts` are its classification and
    /// fingerprint in `mailbox`; `reader` is the store as it stands in this transaction.
    public func decide(
        _ message: Message, facts: MessageFacts, mailbox: String, reading reader: some WorkflowReader, now: Date
    ) throws -> Decision {
        var run = MessageRun(rules: self, message: message, mailbox: mailbox, facts: facts, reader: reader, now: now)
        let outcome = try run.process()
        return Decision(outcome: outcome, effects: run.effects)
    }

    /// What a signed-in web user does on ticket `number`: `message` is their action written
    /// as a reply (the same command lines, the same text), decided as that reply would be,
    /// the session standing for the reply token. A `literal` reply is words only, never
    /// commands (the dashboard's forms give those). Nil when there is no such ticket.
    public func decide(
        webAction message: Message, ticket number: Int, literal: Bool = false, reading reader: some WorkflowReader, now: Date
    ) throws -> Decision? {
        guard var ticket = try reader.ticket(number) else { return nil }
        // A reply is never classified: the facts are the ticket's own.
        let facts = MessageFacts(
            classification: Classification(mailbox: ticket.mailbox, kind: ticket.kind, changeClass: ticket.changeClass, priority: ticket.priority, unit: ticket.unit, rule: nil),
            fingerprint: nil
        )
        var run = MessageRun(rules: self, message: message, mailbox: ticket.mailbox, facts: facts, reader: reader, now: now)
        run.signedIn = true
        run.literalReply = literal
        let outcome = try run.correspondence(on: &ticket, match: .web(number))
        return Decision(outcome: outcome, effects: run.effects)
    }

    /// The mail that tells the sender of an oversize mail that it was not taken: none to an
    /// automatic sender or to ourselves.
    public func refuseOversize(_ message: Message, size: Int, limit: Int) -> [Effect] {
        refusal(of: message) { name, subject in
            .oversizeRefused(requesterName: name, subject: subject, sizeMB: Self.megabytes(size), limitMB: Self.megabytes(limit))
        }
    }

    /// Tells the sender of a mail refused for its structure (never an automatic sender).
    public func refuseUnreadable(_ message: Message, reason: String) -> [Effect] {
        refusal(of: message) { name, subject in .unreadableRefused(requesterName: name, subject: subject, reason: reason) }
    }

    /// A refusal to the sender of a mail that was not taken in, unless the mail is automatic,
    /// asks for no automatic answer, or comes from the desk itself.
    private func refusal(of message: Message, _ content: (_ name: String, _ subject: String) -> MailOrder.Content) -> [Effect] {
        guard screener.automaticReason(message) == nil, !Screener.suppressesAutoReplies(message),
              let recipient = message.replyAddress?.address, !desk.isOwnAddress(recipient)
        else { return [] }
        let order = MailOrder(content(message.from?.name ?? recipient, message.subject ?? "(no subject)"), to: [recipient], inReplyToMessage: true)
        return [.mail(order)]
    }

    /// A size in megabytes with one decimal, rounded.
    private static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// The response target of the ticket's unit for its priority, in working seconds.
    func responseTarget(for ticket: Ticket) -> TimeInterval? {
        let level = workflow.unit(named: ticket.unit)?.qos ?? .medium
        return sla.responseTarget(level: level, priority: ticket.priority)
    }
}
