public import Foundation
public import Logging
public import ServiceLifecycle
public import Storage

/// The SLA scheduler as a service: every interval it closes the reviews whose week has
/// passed and queues the SLA warnings and breach notices that have fallen due, then rings
/// the outbox sender (also for replies whose retry has come due).
public struct SchedulerService: Service {
    let workflow: WorkflowRunner
    let store: any DeskStore
    let intervalSeconds: Int
    let ring: @Sendable () -> Void
    let logger: Logger
    let now: @Sendable () -> Date

    public init(
        workflow: WorkflowRunner, store: any DeskStore, intervalSeconds: Int, ring: @escaping @Sendable () -> Void, logger: Logger,
        now: @escaping @Sendable () -> Date
    ) {
        self.workflow = workflow
        self.store = store
        self.intervalSeconds = intervalSeconds
        self.ring = ring
        self.logger = logger
        self.now = now
    }

    public func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                try await runOnce()
            } catch {
                logger.error("scheduler failed", metadata: ["error": "\(error)"])
            }
            ring()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(Double(intervalSeconds))) }
        }
    }

    /// One round: reviews closed, release reminders and SLA notices queued, each in its own transaction.
    public func runOnce() async throws {
        let at = now()
        let workflow = workflow
        let closed = try await store.writeTransaction { try workflow.closeDueReviews(in: $0, now: at) }
        if closed > 0 { logger.info("post-implementation reviews closed", metadata: ["count": "\(closed)"]) }
        let reminders = try await store.writeTransaction { try workflow.remindUntestedReleases(in: $0, now: at) }
        if reminders > 0 { logger.info("release test reminders queued", metadata: ["count": "\(reminders)"]) }
        let notices = try await store.writeTransaction { try workflow.fireSLANotices(in: $0, now: at) }
        if notices > 0 { logger.info("SLA notices queued", metadata: ["count": "\(notices)"]) }
    }
}
