import DeskConfiguration
import Etpan
import Foundation
public import Logging
import MailTransport
public import ServiceLifecycle
public import Workflow

/// The intake as a service: a loop per mailbox that takes in what is new, then waits in
/// IMAP IDLE until the server tells of new mail (or, without IDLE, sleeps the poll
/// interval); after a failure it backs off. `committed` rings after each batch commits,
/// the outbox sender's cue that replies are waiting.
public struct IntakeService: Service {
    public let pollers: [MailboxPoller]
    let pollIntervalSeconds: Int
    let committed: @Sendable () -> Void
    let logger: Logger

    public init(pollers: [MailboxPoller], pollIntervalSeconds: Int, committed: @escaping @Sendable () -> Void, logger: Logger) {
        self.pollers = pollers
        self.pollIntervalSeconds = pollIntervalSeconds
        self.committed = committed
        self.logger = logger
    }

    /// What one pass over every mailbox did; a mailbox that failed does not stop the others.
    public struct Pass: Sendable {
        public var outcomes: [ProcessingOutcome] = []
        public var failures: [(mailbox: String, error: any Error)] = []
    }

    /// The mailbox loops, until graceful shutdown or cancellation; then the connections close.
    public func run() async throws {
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for poller in pollers {
                    group.addTask { try await watch(poller) }
                }
                try await group.waitForAll()
            }
        } catch {
            await close()
            throw error
        }
        await close()
    }

    /// One pass over every mailbox, for `run --once`.
    public func runOnce() async -> Pass {
        var pass = Pass()
        for poller in pollers {
            if Task.isShuttingDownGracefully { break }
            do {
                pass.outcomes += try await poller.poll(committed: committed).outcomes
                await poller.recordPass(error: nil)
            } catch {
                pass.failures.append((poller.mailbox.name, error))
                await poller.recordPass(error: error)
            }
        }
        return pass
    }

    public func close() async {
        for poller in pollers { await poller.client.close() }
    }

    /// One mailbox: take in what is new, wait for more, again; after a failure, wait
    /// with back-off before trying again. A server that fails the certificate check ends
    /// the worker instead: no retry can help, and the operator must see it (exit 69).
    private func watch(_ poller: MailboxPoller) async throws {
        let backoff = Backoff(baseSeconds: 5, capSeconds: 600)
        var failures = 0
        var idle: Bool?
        while !Self.isStopping {
            do {
                // Again until a pass finds nothing, so that IDLE starts right after the
                // search: mail that came during a pass is then reported at once.
                while try await poller.poll(committed: committed).listed > 0, !Self.isStopping {}
                await poller.recordPass(error: nil)
                failures = 0
                if idle == nil { idle = try await poller.client.supportsIdle() }
                if idle == true {
                    try await waitForMail(poller.client)
                } else {
                    await Self.sleep(seconds: Double(pollIntervalSeconds))
                }
            } catch let error as EtpanError where error.kind == .certificate {
                await poller.recordPass(error: error)
                logger.critical("server certificate refused", metadata: ["ticketd.mailbox": "\(poller.mailbox.name)", "error": "\(error)"])
                throw error
            } catch {
                if Self.isStopping { break }
                await poller.recordPass(error: error)
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
        let interval = pollIntervalSeconds
        try await withGracefulShutdownHandler {
            _ = try await client.idle(timeoutSeconds: interval)
        } onGracefulShutdown: {
            client.interrupt()
        }
    }

    static var isStopping: Bool { Task.isCancelled || Task.isShuttingDownGracefully }

    /// Sleeps, cut short by a graceful shutdown.
    static func sleep(seconds: Double) async {
        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(seconds)) }
    }
}
