import Etpan
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
        do {
            try await withGracefulShutdownHandler {
                // A failed pass is retried at the next ring; a server that fails the
                // certificate check ends the worker (exit 69), since retrying cannot help.
                for await _ in wakeups {
                    do {
                        try await dispatcher.flush()
                    } catch let error as EtpanError where error.kind == .certificate {
                        throw error
                    } catch {
                        dispatcher.logger.error("outbox failed", metadata: ["error": "\(error)"])
                    }
                }
            } onGracefulShutdown: {
                ring.finish()
            }
        } catch {
            await dispatcher.client.close()
            throw error
        }
        await dispatcher.client.close()
    }
}
