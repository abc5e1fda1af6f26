public import Apply
public import Classification
import DeskConfiguration
import Etpan
public import Foundation
import Synchronization
public import Logging
public import MailParsing
public import Storage
public import TicketCore
public import Workflow

/// A message to take in: its bytes and where it came from, parsed, hashed and classified
/// (which needs no database, so it is done for the next batch while this one is written).
/// Made by ``MailReader``, which refuses what must not be parsed.
public struct IncomingMail: Sendable {
    public var raw: [UInt8]
    public var origin: MessageOrigin
    public var message: Message
    public var contentHash: String
    public var facts: MessageFacts
    /// Why the mail is quarantined without being processed; `message` then holds what its
    /// bounded header says, or nothing when even that was not read.
    public var refusal: Refusal?
    /// The whole header was read (always, but for a refused mail whose header went past
    /// the bounds): only then may its fields say that the mail is not automatic.
    public var headerIsWhole = true

    public enum Refusal: Sendable, Equatable {
        /// Over `max_message_bytes`; `headOnly`: by the IMAP server's size, and only the
        /// head was fetched (the mail stays on the server, in the quarantine folder).
        case oversize(size: Int, limit: Int, headOnly: Bool)
        /// Over a structure limit, found before parsing.
        case structure(StructureViolation)
        /// Reading it took longer than the watchdog allows.
        case watchdog(seconds: Int)
        /// In flight when the worker ended abnormally this many times: not parsed again.
        case abnormalEnds(Int)

        public var reason: String {
            switch self {
            case .oversize(let size, let limit, let headOnly):
                "oversize: \(size) bytes, more than the limit of \(limit)"
                    + (headOnly ? " (the server's size: only its header was fetched; the mail stays in the quarantine folder)" : "")
            case .structure(let violation): "refused before parsing: \(violation)"
            case .watchdog(let seconds): "watchdog: parsing and classifying it took more than \(seconds) s"
            case .abnormalEnds(let count): "in flight at \(count) abnormal ends of the worker (crash, kill or watchdog); not parsed again"
            }
        }
    }

    /// A mail read whole.
    public init(raw: [UInt8], origin: MessageOrigin, classifier: Classifier) {
        self.init(raw: raw, origin: origin, message: MessageParser.parse(raw), classifier: classifier, refusal: nil)
    }

    /// A refused mail: `header` is what may safely be parsed of it (nil: nothing), and
    /// `headerIsWhole` whether that is all of it.
    init(raw: [UInt8], origin: MessageOrigin, header: [UInt8]?, headerIsWhole: Bool, classifier: Classifier, refusal: Refusal) {
        let message = MessageParser.parse(header ?? [])
        self.init(raw: raw, origin: origin, message: message, classifier: classifier, refusal: refusal)
        self.headerIsWhole = headerIsWhole
    }

    private init(raw: [UInt8], origin: MessageOrigin, message: Message, classifier: Classifier, refusal: Refusal?) {
        self.raw = raw
        self.origin = origin
        self.message = message
        self.refusal = refusal
        contentHash = ContentHash.sha256Hex(raw)
        facts = MessageFacts(message, mailbox: origin.mailbox, classifier: classifier)
    }
}

/// What became of one message.
public struct IntakeResult: Sendable {
    public var origin: MessageOrigin
    public var messageID: String?
    public var outcome: ProcessingOutcome
}

/// Parses and processes messages inside a store transaction that many messages share
/// (one commit, one fsync for the lot). Each message runs in its own savepoint: one that
/// fails is rolled back alone and quarantined with the reason, and the others commit.
/// Errors a later try may not have (a busy or full database) end the whole transaction,
/// so that the batch is taken in again later, whole.
public struct BatchIntake: Sendable {
    public let workflow: WorkflowRunner
    let store: any DeskStore
    let logger: Logger
    /// How long each mail's decision took, in this batch: written with it, for /metrics'
    /// histogram. Batches are written one at a time (one writer), so one tally serves.
    let batchTimes = BatchTimes()

    final class BatchTimes: Sendable {
        private let times = Mutex(ProcessingTimes())

        func record(seconds: Double) { times.withLock { $0.record(seconds: seconds) } }

        func takeAll() -> ProcessingTimes {
            times.withLock { times in
                defer { times = ProcessingTimes() }
                return times
            }
        }
    }

    public init(workflow: WorkflowRunner, store: any DeskStore, logger: Logger) {
        self.workflow = workflow
        self.store = store
        self.logger = logger
    }

    /// One transaction for a batch, its replies made on other threads meanwhile. Should
    /// making one fail, the batch is taken in again with replies made in place, so that
    /// the message at fault is quarantined as any message that fails is.
    public func writeBatch<T: Sendable>(_ body: @escaping @Sendable (any DeskTransaction) throws -> T) async throws -> T {
        let times = batchTimes
        let timed: @Sendable (any DeskTransaction) throws -> T = { tx in
            _ = times.takeAll()  // what a try rolled back counted
            let result = try body(tx)
            let batch = times.takeAll()
            if batch.count > 0 { try tx.addProcessingTimes(batch) }
            return result
        }
        do {
            return try await store.writeTransaction(deferringMail: true, timed)
        } catch let error as DeferredMailError {
            logger.warning("a reply could not be made; taking the batch in again", metadata: [
                "error": "\(error)", "ticketd.ticket": "\(error.ticketNumber.map(String.init) ?? "none")",
            ])
            return try await store.writeTransaction(timed)
        }
    }

    public func take(_ mail: IncomingMail, in tx: any DeskTransaction, now: Date) throws -> IntakeResult {
        let message = mail.message
        if !mail.facts.classification.timedOutRules.isEmpty {
            logger.warning("classification rules ran out of time and counted as no match", metadata: [
                "rules": "\(mail.facts.classification.timedOutRules)", "ticketd.message-id": "\(message.messageID ?? "none")",
            ])
        }
        let outcome: ProcessingOutcome
        if let refusal = mail.refusal {
            outcome = try tx.savepoint {
                try quarantine(mail, message: message, reason: refusal.reason, in: tx, now: now)
                // A header read only in part may hide the fields that make the mail
                // automatic (a list server adds them last): such a sender is told nothing
                // (outsider attack: a newsletter with a long header got a refusal).
                guard mail.headerIsWhole else { return .quarantined(reason: refusal.reason) }
                switch refusal {
                case .oversize(let size, let limit, _): try workflow.refuseOversize(message, size: size, limit: limit, in: tx, now: now)
                case .structure(let violation): try workflow.refuseUnreadable(message, reason: violation.description, in: tx, now: now)
                case .watchdog, .abnormalEnds: break
                }
                return .quarantined(reason: refusal.reason)
            }
        } else {
            do {
                let limit = workflow.config.service.limits.watchdogSeconds
                outcome = try tx.savepoint {
                    let started = ContinuousClock.now
                    let outcome = try workflow.process(message, contentHash: mail.contentHash, facts: mail.facts, origin: mail.origin, in: tx, now: now)
                    let took = ContinuousClock.now - started
                    // What took too long is undone: the savepoint rolls back, the mail is quarantined.
                    if took > .seconds(limit) { throw DecisionWatchdogError(seconds: limit) }
                    batchTimes.record(seconds: Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18)
                    return outcome
                }
            } catch where !store.isTransient(error) {
                // A poison message must not stop the worker: keep it aside with the reason.
                let reason = "processing failed: \(error)"
                try quarantine(mail, message: message, reason: reason, in: tx, now: now)
                outcome = .quarantined(reason: reason)
            }
        }
        return IntakeResult(origin: mail.origin, messageID: message.messageID, outcome: outcome)
    }

    /// Records the message as a failure, with its bytes.
    private func quarantine(_ mail: IncomingMail, message: Message, reason: String, in tx: any DeskTransaction, now: Date) throws {
        try tx.recordFailure(
            mailbox: mail.origin.mailbox, uid: mail.origin.uid, messageID: message.messageID, reason: reason, raw: mail.raw, at: now
        )
    }

    /// Logs what became of a message, once its transaction has committed.
    public func log(_ result: IntakeResult) {
        var logger = logger
        if let uid = result.origin.uid { logger[metadataKey: "ticketd.uid"] = "\(uid)" }
        logger[metadataKey: "ticketd.message-id"] = "\(result.messageID ?? "none")"
        switch result.outcome {
        case .created(let ticket): logger.info("ticket opened", metadata: ["ticketd.ticket": "\(ticket)"])
        case .correspondence(let ticket, _): logger.info("correspondence added", metadata: ["ticketd.ticket": "\(ticket)"])
        case .screened(let reason, let ticket):
            logger.info("automatic mail recorded, not answered", metadata: [
                "reason": "\(reason.rawValue)", "ticketd.ticket": "\(ticket.map(String.init) ?? "none")",
            ])
        case .duplicate: logger.info("already processed; nothing changed")
        case .quarantined(let reason): logger.error("message quarantined", metadata: ["reason": "\(reason)"])
        case .reportRequest(let answered): logger.info(answered ? "report sent" : "report request refused")
        }
    }
}

/// One mail's decision took longer than the watchdog allows (issue 14, point 1).
struct DecisionWatchdogError: Error, CustomStringConvertible {
    var seconds: Int
    var description: String { "watchdog: deciding took more than \(seconds) s" }
}
