public import Classification
public import DeskConfiguration
import Etpan
public import Foundation
import MailParsing
import Reports
public import Storage
public import Templates
public import TicketCore
public import Trust
public import Workflow
import WorkingTime

/// The apply stage (DESIGN.md §2) for one message inside one store transaction: dedupe,
/// then the workflow's decision (pure, in the Workflow module), then `DecisionApplier`
/// carries it out. The scheduler's rounds go the same way.
public struct WorkflowRunner: Sendable {
    public let config: TicketdConfig
    public let templates: TemplateSet
    public let rules: WorkflowRules

    public init(config: TicketdConfig, templates: TemplateSet, trust: TrustSettings) {
        self.config = config
        self.templates = templates
        rules = WorkflowRules(workflow: config.workflow, sla: config.sla, desk: config.deskIdentity, roles: config.mailboxRoles, trust: trust)
    }

    public var classifier: Classifier { rules.classifier }

    /// The key a message is stored under: its Message-ID, else the hash of its bytes.
    static func storageKey(_ message: Message, contentHash: String) -> String {
        message.messageID ?? "sha256:" + contentHash
    }

    /// One message, start to end. `contentHash` (the SHA-256 of its bytes) and `facts`
    /// when the caller has them already.
    public func process(
        _ message: Message, contentHash: String? = nil, facts: MessageFacts? = nil, origin: MessageOrigin,
        in tx: any DeskTransaction, now: Date
    ) throws -> ProcessingOutcome {
        let contentHash = contentHash ?? ContentHash.sha256Hex(message.raw)
        let key = Self.storageKey(message, contentHash: contentHash)
        if try tx.hasMessage(key: key) { return .duplicate }
        let facts = facts ?? MessageFacts(message, mailbox: origin.mailbox, classifier: classifier)
        let decision = try rules.decide(message, facts: facts, mailbox: origin.mailbox, reading: tx, now: now)
        let incoming = DecisionApplier.Incoming(message: message, key: key, contentHash: contentHash, origin: origin)
        try applier(tx, now: now, incoming: incoming).apply(decision.effects)
        return decision.outcome
    }

    /// What a web action did: the outcome, and why each refused command was refused.
    public struct WebActionResult: Sendable, Equatable {
        public var outcome: ProcessingOutcome
        public var refusals: [String]
    }

    /// A signed-in web user's action on ticket `number`, written as their reply (`message`,
    /// whose Message-ID is the form's own: a form sent twice acts once). Nil when there is
    /// no such ticket.
    public func processWebAction(
        _ message: Message, ticket number: Int, literal: Bool, origin: MessageOrigin, in tx: any DeskTransaction, now: Date
    ) throws -> WebActionResult? {
        let contentHash = ContentHash.sha256Hex(message.raw)
        let key = Self.storageKey(message, contentHash: contentHash)
        if try tx.hasMessage(key: key) { return WebActionResult(outcome: .duplicate, refusals: []) }
        guard let decision = try rules.decide(webAction: message, ticket: number, literal: literal, reading: tx, now: now) else { return nil }
        let incoming = DecisionApplier.Incoming(message: message, key: key, contentHash: contentHash, origin: origin)
        try applier(tx, now: now, incoming: incoming).apply(decision.effects)
        let refusals = decision.effects.compactMap { effect -> String? in
            guard case .event(let event) = effect, event.field == .refused else { return nil }
            return "\(event.newValue ?? ""): \(event.reason ?? "refused")"
        }
        return WebActionResult(outcome: decision.outcome, refusals: refusals)
    }

    /// Closes the reviews whose week has passed (the worker calls this every cycle).
    public func closeDueReviews(in tx: any DeskTransaction, now: Date) throws -> Int {
        let due = try tx.reviewsDue(at: now)
        let applier = applier(tx, now: now)
        for ticket in due { try applier.apply(rules.closeReview(of: ticket, now: now)) }
        return due.count
    }

    /// Reminds the units of announced releases with no test result a working day before
    /// their date, once each.
    public func remindUntestedReleases(in tx: any DeskTransaction, now: Date) throws -> Int {
        let applier = applier(tx, now: now)
        var reminded = 0
        for release in try tx.releasesAtWork() {
            let scope = try (release.release?.scope ?? []).compactMap { try tx.ticket($0) }
            let effects = rules.testReminder(of: release, scope: scope, now: now)
            guard !effects.isEmpty else { continue }
            try applier.apply(effects)
            reminded += 1
        }
        return reminded
    }

    /// Sends every SLA warning and breach notice that has fallen due, once: the notice and
    /// the mark that it went out commit together.
    public func fireSLANotices(in tx: any DeskTransaction, now: Date) throws -> Int {
        let applier = applier(tx, now: now)
        var sent = 0
        for stored in try tx.clocksWithNoticesDue(at: now) {
            guard let ticket = try tx.ticket(stored.ticket) else { continue }
            let notices = rules.notices(
                clockID: stored.id, priority: stored.priority, clock: stored.clock, warnedAt: stored.warnedAt,
                breachedAt: stored.breachedAt, ticket: ticket, now: now
            )
            try applier.apply(notices.effects)
            sent += notices.sent
        }
        return sent
    }

    /// Tells the sender of an oversize mail that it was not taken (never an automatic sender).
    public func refuseOversize(_ message: Message, size: Int, limit: Int, in tx: any DeskTransaction, now: Date) throws {
        try applyRefusal(rules.refuseOversize(message, size: size, limit: limit), to: message, in: tx, now: now)
    }

    /// Tells the sender of a mail refused for its structure that it was not taken.
    public func refuseUnreadable(_ message: Message, reason: String, in tx: any DeskTransaction, now: Date) throws {
        try applyRefusal(rules.refuseUnreadable(message, reason: reason), to: message, in: tx, now: now)
    }

    private func applyRefusal(_ effects: [Effect], to message: Message, in tx: any DeskTransaction, now: Date) throws {
        // Not stored: the failure record keeps it. Only the refusal's threading needs it.
        let incoming = DecisionApplier.Incoming(message: message, key: "", contentHash: "", origin: nil)
        try applier(tx, now: now, incoming: incoming).apply(effects)
    }

    private func applier(_ tx: any DeskTransaction, now: Date, incoming: DecisionApplier.Incoming? = nil) -> DecisionApplier {
        DecisionApplier(config: config, templates: templates, rules: rules, tx: tx, now: now, incoming: incoming)
    }
}
