import Logging
import MailTransport
public import ServiceLifecycle

/// The outbox sender as a service: it sends whenever it is rung (a batch committed, a
/// scheduler round), until it is told to stop. In the worker's service group it is the
/// first service started and the last stopped, so that the producers' last commits are
/// sent before it goes.
public struct OutboxService: Service {
    let dispatcher: OutboxDispatcher
    let wakeups: AsyncStream<Void>

    public init(dispatcher: OutboxDispatcher, wakeups: AsyncStream<Void>) {
        self.dispatcher = dispatcher
        self.wakeups = wakeups
    }

    public func run() async throws {
        // A failed pass is retried at the next ring.
        for await _ in wakeups.cancelOnGracefulShutdown() {
            do {
                try await dispatcher.flush()
            } catch {
                dispatcher.logger.error("outbox failed", metadata: ["error": "\(error)"])
            }
        }
        await dispatcher.client.close()
    }
}
