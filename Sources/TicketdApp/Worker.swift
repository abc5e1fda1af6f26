import Apply
import Configuration
import Etpan
import Foundation
import Intake
import Logging
import MailTransport
public import Outbox
public import ServiceLifecycle
import Storage
import Synchronization
import Templates
public import Workflow

/// What one pass of the worker did.
public struct CycleReport: Sendable {
    public struct MailboxFailure: Sendable {
        public var mailbox: String
        public var error: any Error
    }

    public var outcomes: [ProcessingOutcome] = []
    public var failures: [MailboxFailure] = []
    public var replies = RepliesReport()
}

/// The worker. Each mailbox has its own loop: take in what is new, then wait in IMAP
/// IDLE until the server tells of new mail (or, without IDLE, sleep the poll interval).
/// Beside them, the outbox sender sends replies as soon as a batch of mail commits, and
/// the scheduler fires SLA notices and closes reviews every poll interval. With `once`,
/// the worker does one pass of everything and returns, which ends the service group.
public final class Worker: Service, Sendable {
    let config: TicketdConfig
    let store: any DeskStore
    let pollers: [MailboxPoller]
    let dispatcher: OutboxDispatcher
    let workflow: WorkflowRunner
    let now: @Sendable () -> Date
    let once: Bool
    let logger: Logger
    private let lastReport = Mutex<CycleReport?>(nil)

    init(
        config: TicketdConfig, store: any DeskStore, dispatcher: OutboxDispatcher, templates: TemplateSet, once: Bool,
        logger: Logger, now: @escaping @Sendable () -> Date
    ) {
        self.config = config
        self.store = store
        self.once = once
        self.logger = logger
        let workflow = WorkflowRunner(config: config, templates: templates)
        self.workflow = workflow
        self.now = now
        pollers = config.mailboxes.map { mailbox in
            var mailboxLogger = logger
            mailboxLogger[metadataKey: "ticketd.mailbox"] = "\(mailbox.name)"
            return MailboxPoller(
                mailbox: mailbox, client: MailboxClient(endpoint: mailbox.endpoint, folder: mailbox.folder), store: store,
                intake: BatchIntake(workflow: workflow, store: store, logger: mailboxLogger), batchSize: config.service.fetchBatchSize,
                logger: mailboxLogger, now: now
            )
        }
        self.dispatcher = dispatcher
    }

    /// The report of the pass, with `once`.
    public var report: CycleReport? { lastReport.withLock { $0 } }

    public func run() async throws {
        if once {
            let report = await runOnce()
            lastReport.withLock { $0 = report }
        } else {
            await runUntilShutdown()
        }
        await close()
    }

    /// Every mailbox (one failing does not stop the others), then the scheduler; the outbox
    /// is sent meanwhile and emptied at the end.
    func runOnce() async -> CycleReport {
        let (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let sending = Task { await dispatcher.report(running: wakeups) }
        var report = CycleReport()
        for poller in pollers {
            if Task.isShuttingDownGracefully { break }
            do {
                report.outcomes += try await poller.poll { wake.yield() }.outcomes
            } catch {
                report.failures.append(.init(mailbox: poller.mailbox.name, error: error))
            }
        }
        do {
            try await runScheduler()
        } catch {
            report.failures.append(.init(mailbox: "(scheduler)", error: error))
        }
        wake.finish()
        report.replies = await sending.value
        return report
    }

    /// The mailbox loops, the scheduler and the outbox sender, until graceful shutdown.
    private func runUntilShutdown() async {
        let (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.sendOutbox(wakeups) }
            await withTaskGroup(of: Void.self) { producers in
                for poller in pollers {
                    producers.addTask { await self.watch(poller, wake: wake) }
                }
                producers.addTask { await self.schedule(wake: wake) }
            }
            // The producers have stopped: the sender sends what they left, then ends.
            wake.finish()
        }
    }

    /// One mailbox: take in what is new, wait for more, again; after a failure, wait
    /// with back-off before trying again.
    private func watch(_ poller: MailboxPoller, wake: AsyncStream<Void>.Continuation) async {
        let backoff = Backoff(baseSeconds: 5, capSeconds: 600)
        var failures = 0
        var idle: Bool?
        while !Self.isStopping {
            do {
                // Again until a pass finds nothing, so that IDLE starts right after the
                // search: mail that came during a pass is then reported at once.
                while try await poller.poll(committed: { wake.yield() }).listed > 0, !Self.isStopping {}
                failures = 0
                if idle == nil { idle = try await poller.client.supportsIdle() }
                if idle == true {
                    try await waitForMail(poller.client)
                } else {
                    await Self.sleep(seconds: Double(config.service.pollIntervalSeconds))
                }
            } catch {
                let delay = backoff.delay(afterAttempt: failures, unit: Double.random(in: 0..<1))
                failures += 1
                logger.error("mailbox failed; will retry", metadata: [
                    "ticketd.mailbox": "\(poller.mailbox.name)", "error": "\(error)", "retry-in-seconds": "\(Int(delay))",
                ])
                await Self.sleep(seconds: delay)
            }
        }
    }

    /// IMAP IDLE for at most the poll interval, cut short by a graceful shutdown.
    private func waitForMail(_ client: MailboxClient) async throws {
        let interval = config.service.pollIntervalSeconds
        try await withGracefulShutdownHandler {
            _ = try await client.idle(timeoutSeconds: interval)
        } onGracefulShutdown: {
            client.interrupt()
        }
    }

    /// SLA notices and review closing every poll interval; each pass also wakes the
    /// sender, for replies whose retry has come due.
    private func schedule(wake: AsyncStream<Void>.Continuation) async {
        while !Self.isStopping {
            do {
                try await runScheduler()
            } catch {
                logger.error("scheduler failed", metadata: ["error": "\(error)"])
            }
            wake.yield()
            await Self.sleep(seconds: Double(config.service.pollIntervalSeconds))
        }
    }

    private func sendOutbox(_ wakeups: AsyncStream<Void>) async {
        // The sender ends only when the producers are gone, so that no commit goes unsent;
        // a failed pass is retried at the next wake-up.
        var wakeups = wakeups.makeAsyncIterator()
        while await wakeups.next() != nil {
            do {
                _ = try await dispatcher.flush()
            } catch {
                logger.error("outbox failed", metadata: ["error": "\(error)"])
            }
        }
    }

    private func runScheduler() async throws {
        let at = now()
        let workflow = workflow
        let closed = try await store.writeTransaction { try workflow.closeDueReviews(in: $0, now: at) }
        if closed > 0 { logger.info("post-implementation reviews closed", metadata: ["count": "\(closed)"]) }
        let notices = try await store.writeTransaction { try workflow.fireSLANotices(in: $0, now: at) }
        if notices > 0 { logger.info("SLA notices queued", metadata: ["count": "\(notices)"]) }
    }

    private static var isStopping: Bool { Task.isCancelled || Task.isShuttingDownGracefully }

    /// Sleeps, cut short by a graceful shutdown.
    private static func sleep(seconds: Double) async {
        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(seconds)) }
    }

    func close() async {
        for poller in pollers { await poller.client.close() }
        await dispatcher.client.close()
    }
}
