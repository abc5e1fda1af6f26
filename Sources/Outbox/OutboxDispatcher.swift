public import DeskConfiguration
import Etpan
public import Foundation
public import Logging
public import MailTransport
import ServiceLifecycle
public import Storage
import Synchronization
import TicketCore

/// What became of a run's replies: sent, left in the outbox for a retry, refused for
/// good; or the error that stopped the sender.
public struct RepliesReport: Sendable {
    public var sent = 0
    public var deferred = 0
    public var failed = 0
    public var error: (any Error)?

    public init(sent: Int = 0, deferred: Int = 0, failed: Int = 0, error: (any Error)? = nil) {
        self.sent = sent
        self.deferred = deferred
        self.failed = failed
        self.error = error
    }
}

/// Sends due outbox rows over one SMTP connection. A row counts as sent only after the
/// server accepted it: the sender notes it in the sent journal at once and folds the
/// journal into the database in batches. Temporary failures are retried with back-off,
/// permanent ones are marked failed with the server's text. Nothing is dropped.
public struct OutboxDispatcher: Sendable {
    let store: any OutboxStore
    public let client: SMTPClient
    let journal: SentJournal
    let backoff: Backoff
    let logger: Logger
    let now: @Sendable () -> Date
    /// The last exchange with the server noted in the store.
    let noted = NotedExchange()

    public struct Summary: Sendable, Equatable {
        public var sent = 0
        public var deferred = 0
        public var failed = 0
        /// The server could not be reached: the rest waits for the next pass.
        public var unreachable = false
        /// Why it could not.
        public var unreachableBecause: String?

        static func += (left: inout Summary, right: Summary) {
            left.sent += right.sent
            left.deferred += right.deferred
            left.failed += right.failed
            left.unreachable = left.unreachable || right.unreachable
            left.unreachableBecause = right.unreachableBecause ?? left.unreachableBecause
        }
    }

    /// A busy sender notes a server that answers at most once a minute (each note is a
    /// write beside the intake's); a server that does not, every time.
    final class NotedExchange: Sendable {
        private let last = Mutex<(answered: Bool, at: Date)?>(nil)

        func isWorthNoting(answered: Bool, at date: Date) -> Bool {
            last.withLock { last in
                if let last, last.answered, answered, date.timeIntervalSince(last.at) < 60 { return false }
                last = (answered, date)
                return true
            }
        }
    }

    /// Rows fetched at a time; the journal is folded into the database after each batch.
    static let batchSize = 200

    /// `run(wakeups:)`, its outcome or its failure as a report.
    public func report(running wakeups: AsyncStream<Void>) async -> RepliesReport {
        do {
            let summary = try await run(wakeups: wakeups)
            return RepliesReport(sent: summary.sent, deferred: summary.deferred, failed: summary.failed)
        } catch {
            logger.error("outbox failed", metadata: ["error": "\(error)"])
            return RepliesReport(error: error)
        }
    }

    /// Sends while others fill the outbox: a pass after each wake-up (wake-ups that come
    /// during a pass are merged), and a last pass when `wakeups` ends.
    func run(wakeups: AsyncStream<Void>) async throws -> Summary {
        var summary = Summary()
        for await _ in wakeups where !summary.unreachable {
            summary += try await flush()
        }
        if !summary.unreachable { summary += try await flush() }
        return summary
    }

    /// Sends everything that is due, in batches, until nothing due is left or the server
    /// is unreachable. Does nothing while another process holds the outbox.
    @discardableResult
    public func flush() async throws -> Summary {
        guard journal.tryLock() else {
            logger.debug("another ticketd process is sending the outbox")
            return Summary()
        }
        defer { journal.unlock() }
        try await settle()
        var summary = Summary()
        do {
            try await sendDue(&summary)
        } catch let error as EtpanError where error.kind == .certificate {
            await noteExchange(error: "\(error)")
            throw error
        }
        if summary.unreachable {
            await noteExchange(error: summary.unreachableBecause ?? "unreachable")
        } else if summary.sent + summary.deferred + summary.failed > 0 {
            await noteExchange(error: nil)
        }
        return summary
    }

    /// Sends the due rows, batch after batch, until none is left, the server is gone or
    /// the worker stops.
    private func sendDue(_ summary: inout Summary) async throws {
        // Rows deferred in this pass, whose retry may already be due: not tried twice. Sent
        // and refused rows leave the pending ones at each settle, so this stays small (a
        // set of every row tried had made each query read the whole backlog).
        var deferred = Set<Int64>()
        while true {
            let due = try await store.dueOutbox(now: now(), limit: Self.batchSize, excluding: deferred)
            if due.isEmpty { break }
            for item in due {
                // On SIGTERM the rest stays pending for the next start.
                let outcome: Outcome = Task.isShuttingDownGracefully ? .stop : try await send(item, summary: &summary)
                switch outcome {
                case .done: break
                case .deferred: deferred.insert(item.id)
                case .stop:
                    try await settle()
                    return
                }
            }
            try await settle()
        }
    }

    /// Notes how the exchange with the server went, for /metrics: `error` nil when it
    /// answered (even to refuse a mail). Failing to note it stops nothing.
    private func noteExchange(error: String?) async {
        let at = now()
        guard noted.isWorthNoting(answered: error == nil, at: at) else { return }
        do {
            try await store.recordSMTPPass(server: "\(client.endpoint.host):\(client.endpoint.port)", at: at, error: error)
        } catch {
            logger.error("could not note the SMTP server's state", metadata: ["error": "\(error)"])
        }
    }

    private enum Outcome { case done, deferred, stop }

    /// Recipients the server refused for good while it took the mail for the others: the
    /// ticket records them. The mail itself went out, so a failure here is logged, never a
    /// reason to send it again.
    private func recordRefusals(_ refused: [EtpanError], of item: OutboxItem, logger: Logger) async {
        logger.error("recipients refused permanently", metadata: ["error": "\(refused.map(\.description))"])
        guard let ticket = item.ticketNumber else { return }
        let event = TicketEvent(
            ticket: ticket, at: now(), actor: "ticketd", field: .undeliverable,
            newValue: refused.map { $0.input.trimmingScalars(in: CharacterSet(charactersIn: "<>")) }.joined(separator: ", "),
            reason: refused.map(\.description).joined(separator: "; ")
        )
        do {
            try await store.recordEvent(event)
        } catch {
            logger.error("could not record the refused recipients", metadata: ["error": "\(error)"])
        }
    }

    private func send(_ item: OutboxItem, summary: inout Summary) async throws -> Outcome {
        var logger = logger
        logger[metadataKey: "ticketd.ticket"] = "\(item.ticketNumber ?? 0)"
        logger[metadataKey: "ticketd.message-id"] = "\(item.messageID)"
        do {
            let refused = try await client.send(from: item.mailFrom, to: item.recipients, data: item.raw)
            try journal.record(SentMark(outboxID: item.id, at: now()))
            summary.sent += 1
            logger.debug("reply sent")
            if !refused.isEmpty { await recordRefusals(refused, of: item, logger: logger) }
        } catch let error as EtpanError where error.kind == .certificate {
            // Not this mail's fault, and no other mail can go either: it stays pending.
            throw error
        } catch let error as EtpanError where !error.isTemporary && error.kind != .connection {
            let event = item.ticketNumber.map { ticket in
                TicketEvent(
                    ticket: ticket, at: now(), actor: "ticketd", field: .undeliverable,
                    newValue: item.recipients.joined(separator: ", "), reason: error.description
                )
            }
            try await store.markFailed(outboxID: item.id, error: error.description, event: event)
            summary.failed += 1
            logger.error("reply refused permanently", metadata: ["error": "\(error)"])
        } catch let error as JournalError {
            // Sent, but not noted: stop before sending more that could not be noted either.
            throw error
        } catch {
            let delay = backoff.delay(afterAttempt: item.attempts, unit: Double.random(in: 0..<1))
            try await store.markRetry(outboxID: item.id, error: "\(error)", nextAttempt: now().addingTimeInterval(delay))
            summary.deferred += 1
            logger.warning("reply deferred", metadata: ["error": "\(error)", "retry-in-seconds": "\(Int(delay))"])
            if let etpan = error as? EtpanError, etpan.kind == .connection {
                // The server is gone: the other rows wait for the next pass.
                summary.unreachable = true
                summary.unreachableBecause = etpan.description
                return .stop
            }
            return .deferred
        }
        return .done
    }

    /// Folds the journal's marks into the database, then empties it.
    private func settle() async throws {
        let marks = try journal.marks()
        guard !marks.isEmpty else { return }
        try await store.markSent(marks)
        try journal.clear()
    }
}

extension OutboxDispatcher {
    /// The sender as `[smtp]` sets it up, with the sent journal beside the database.
    public init(config: TicketdConfig, store: any OutboxStore, logger: Logger, now: @escaping @Sendable () -> Date) throws {
        self.init(
            store: store, client: SMTPClient(endpoint: config.smtp.endpoint),
            journal: try SentJournal(databasePath: config.service.database),
            backoff: Backoff(baseSeconds: config.smtp.retryBaseSeconds, capSeconds: config.smtp.retryCapSeconds),
            logger: logger, now: now
        )
    }
}
