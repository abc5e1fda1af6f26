import Etpan
import Foundation
import Logging
import MailTransport
import ServiceLifecycle
import Store
import Synchronization
import Templates

/// What one pass of the worker did.
public struct CycleReport: Sendable {
    public struct MailboxFailure: Sendable {
        public var mailbox: String
        public var error: any Error
    }

    public var outcomes: [ProcessingOutcome] = []
    public var failures: [MailboxFailure] = []
    public var repliesSent = 0
    public var repliesDeferred = 0
    public var repliesFailed = 0
    public var outboxError: (any Error)?
}

/// The worker: polls every configured mailbox, processes what is new, then sends the
/// outbox. As a `Service` it repeats at the poll interval until graceful shutdown; with
/// `once` it does one pass and returns, which ends the service group.
public final class Worker: Service, Sendable {
    let config: TicketdConfig
    let store: TicketStore
    let pollers: [MailboxPoller]
    let dispatcher: OutboxDispatcher
    let smtp: SMTPClient
    let workflow: Workflow
    let now: @Sendable () -> Date
    let once: Bool
    let logger: Logger
    private let lastReport = Mutex<CycleReport?>(nil)

    init(config: TicketdConfig, store: TicketStore, templates: TemplateSet, once: Bool, logger: Logger, now: @escaping @Sendable () -> Date) {
        self.config = config
        self.store = store
        self.once = once
        self.logger = logger
        let workflow = Workflow(config: config, templates: templates)
        self.workflow = workflow
        self.now = now
        pollers = config.mailboxes.map { mailbox in
            var mailboxLogger = logger
            mailboxLogger[metadataKey: "ticketd.mailbox"] = "\(mailbox.name)"
            return MailboxPoller(
                mailbox: mailbox, client: MailboxClient(endpoint: mailbox.endpoint, folder: mailbox.folder), store: store,
                workflow: workflow, batchSize: config.service.fetchBatchSize, logger: mailboxLogger, now: now
            )
        }
        smtp = SMTPClient(endpoint: config.smtp.endpoint)
        dispatcher = OutboxDispatcher(
            store: store, client: smtp,
            backoff: Backoff(baseSeconds: config.smtp.retryBaseSeconds, capSeconds: config.smtp.retryCapSeconds),
            logger: logger, now: now
        )
    }

    /// The report of the last finished pass.
    public var report: CycleReport? { lastReport.withLock { $0 } }

    public func run() async throws {
        // Failed mailboxes are retried with back-off rather than at every poll.
        var retryAfter: [String: (attempts: Int, at: ContinuousClock.Instant)] = [:]
        let backoff = Backoff(baseSeconds: 5, capSeconds: 600)
        repeat {
            let skipped = Set(retryAfter.filter { $0.value.at > .now }.keys)
            let report = await runCycle(skipping: skipped)
            for failure in report.failures {
                let attempts = (retryAfter[failure.mailbox]?.attempts ?? 0) + 1
                let delay = backoff.delay(afterAttempt: attempts - 1, unit: Double.random(in: 0..<1))
                retryAfter[failure.mailbox] = (attempts, .now + .seconds(delay))
                logger.error("mailbox failed; will retry", metadata: [
                    "ticketd.mailbox": "\(failure.mailbox)", "error": "\(failure.error)", "retry-in-seconds": "\(Int(delay))",
                ])
            }
            for poller in pollers where !skipped.contains(poller.mailbox.name) && !report.failures.contains(where: { $0.mailbox == poller.mailbox.name }) {
                retryAfter[poller.mailbox.name] = nil
            }
            lastReport.withLock { $0 = report }
            if once { break }
            let interval = config.service.pollIntervalSeconds
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(interval)) }
        } while !Task.isCancelled && !Task.isShuttingDownGracefully
        await close()
    }

    /// One pass: every mailbox (one failing does not stop the others), then the outbox.
    func runCycle(skipping skipped: Set<String> = []) async -> CycleReport {
        var report = CycleReport()
        for poller in pollers where !skipped.contains(poller.mailbox.name) {
            if Task.isShuttingDownGracefully { break }
            do {
                report.outcomes += try await poller.poll().outcomes
            } catch {
                report.failures.append(.init(mailbox: poller.mailbox.name, error: error))
            }
        }
        do {
            let at = now()
            let closed = try store.transaction { try workflow.closeDueReviews(in: $0, now: at) }
            if closed > 0 { logger.info("post-implementation reviews closed", metadata: ["count": "\(closed)"]) }
            let notices = try store.transaction { try workflow.fireSLANotices(in: $0, now: at) }
            if notices > 0 { logger.info("SLA notices queued", metadata: ["count": "\(notices)"]) }
        } catch {
            report.failures.append(.init(mailbox: "(scheduler)", error: error))
        }
        do {
            let summary = try await dispatcher.flush()
            report.repliesSent = summary.sent
            report.repliesDeferred = summary.deferred
            report.repliesFailed = summary.failed
        } catch {
            report.outboxError = error
            logger.error("outbox failed", metadata: ["error": "\(error)"])
        }
        return report
    }

    func close() async {
        for poller in pollers { await poller.client.close() }
        await smtp.close()
    }
}
