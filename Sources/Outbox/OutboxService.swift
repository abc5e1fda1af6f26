import Logging
import MailTransport
public import ServiceLifecycle

/// The outbox sender as a service: it sends whenever it is rung (a batch committed, a
/// scheduler round). In the worker's service group it is started first and so stopped
/// last, after the intake and the scheduler have finished: only then is its ring closed,
/// and the loop ends once the rings already made are answered. A pass that starts after
/// the shutdown began leaves the rest pending for the next start, as a pass cut short by
/// SIGTERM always has.
public struct OutboxService: Service {
    let dispatcher: OutboxDispatcher
    let wakeups: AsyncStream<Void>
    let ring: AsyncStream<Void>.Continuation

    public init(dispatcher: OutboxDispatcher, wakeups: AsyncStream<Void>, ring: AsyncStream<Void>.Continuation) {
        self.dispatcher = dispatcher
        self.wakeups = wakeups
        self.ring = ring
    }

    public func run() async throws {
        let ring = ring
        await withGracefulShutdownHandler {
            // A failed pass is retried at the next ring.
            for await _ in wakeups {
                do {
                    try await dispatcher.flush()
                } catch {
                    dispatcher.logger.error("outbox failed", metadata: ["error": "\(error)"])
                }
            }
        } onGracefulShutdown: {
            ring.finish()
        }
        await dispatcher.client.close()
    }
}
