public import Apply
import DeskConfiguration
import Etpan
import Foundation
public import Intake
import Logging
import MailTransport
public import Outbox
public import ServiceLifecycle
import Storage
import Synchronization
import Templates
import Trust
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

/// The worker: three services over one store. The intake (a loop per mailbox, IDLE or
/// polling), the scheduler (SLA notices and review closing every poll interval) and the
/// outbox sender, which either of the others rings when there is mail to send. In one
/// service group they start sender first, so that the sender is stopped last, after the
/// others. `run` (the worker as one service of its own) is `run --once`: one pass of
/// everything, the outbox sent meanwhile and emptied at the end. A worker runs once.
public final class Worker: Service, Sendable {
    public let intake: IntakeService
    public let scheduler: SchedulerService
    public let outbox: OutboxService
    let dispatcher: OutboxDispatcher
    let wakeups: AsyncStream<Void>
    let ring: AsyncStream<Void>.Continuation
    let logger: Logger
    private let lastReport = Mutex<CycleReport?>(nil)

    init(
        config: TicketdConfig, store: any DeskStore, dispatcher: OutboxDispatcher, templates: TemplateSet, trust: TrustSettings,
        logger: Logger, now: @escaping @Sendable () -> Date
    ) throws {
        self.logger = logger
        self.dispatcher = dispatcher
        (wakeups, ring) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let ring = ring
        let workflow = WorkflowRunner(config: config, templates: templates, trust: trust)
        let reader = MailReader(classifier: workflow.classifier, limits: config.service.limits, maxMessageBytes: config.service.maxMessageBytes)
        let journal = try AttemptJournal(path: AttemptJournal.path(forDatabase: config.service.database))
        let pollers = config.mailboxes.map { mailbox in
            var mailboxLogger = logger
            mailboxLogger[metadataKey: "ticketd.mailbox"] = "\(mailbox.name)"
            return MailboxPoller(
                mailbox: mailbox, client: MailboxClient(endpoint: mailbox.endpoint, folder: mailbox.folder), store: store,
                intake: BatchIntake(workflow: workflow, store: store, logger: mailboxLogger), reader: reader, journal: journal,
                batchSize: config.service.fetchBatchSize, logger: mailboxLogger, now: now
            )
        }
        intake = IntakeService(
            pollers: pollers, pollIntervalSeconds: config.service.pollIntervalSeconds, committed: { ring.yield() }, logger: logger
        )
        scheduler = SchedulerService(
            workflow: workflow, store: store, intervalSeconds: config.service.pollIntervalSeconds, ring: { ring.yield() },
            logger: logger, now: now
        )
        outbox = OutboxService(dispatcher: dispatcher, wakeups: wakeups, ring: ring)
    }

    /// The report of the pass, once `run` has returned.
    public var report: CycleReport? { lastReport.withLock { $0 } }

    /// The services in start order; a group stops them in the reverse order.
    public var services: [any Service] { [outbox, scheduler, intake] }

    /// One pass of everything (`run --once`).
    public func run() async throws {
        let report = await runOnce()
        lastReport.withLock { $0 = report }
        await intake.close()
        await dispatcher.client.close()
    }

    /// Every mailbox (one failing does not stop the others), then the scheduler; the outbox
    /// is sent meanwhile and emptied at the end.
    func runOnce() async -> CycleReport {
        let sending = Task { await dispatcher.report(running: wakeups) }
        var report = CycleReport()
        let pass = await intake.runOnce()
        report.outcomes = pass.outcomes
        report.failures = pass.failures.map { .init(mailbox: $0.mailbox, error: $0.error) }
        do {
            try await scheduler.runOnce()
        } catch {
            report.failures.append(.init(mailbox: "(scheduler)", error: error))
        }
        ring.finish()
        report.replies = await sending.value
        return report
    }
}
