public import DeskConfiguration
public import Foundation
public import Logging
import Monitoring
public import ServiceLifecycle
public import Web
import UnixSignals

/// The web side over the store: what `ticketd serve` and `run --serve` run.
public enum WebSide {
    /// What the routes read and do, over an open store.
    public static func services(config: TicketdConfig, store: any Backend.Full, now: @escaping @Sendable () -> Date) -> WebServer.Services {
        let thresholds = HealthThresholds.defaults(pollIntervalSeconds: config.service.pollIntervalSeconds)
        return WebServer.Services(health: { HealthProbe.evaluate(store, config: config, thresholds: thresholds, now: now()) })
    }

    /// The server as a service, listening where `[web] listen` says; it logs the address
    /// it listens on (the port the system gave, for port 0).
    public static func server(config: TicketdConfig, store: any Backend.Full, logger: Logger, now: @escaping @Sendable () -> Date) -> any Service {
        let host = config.web.host
        return WebServer.application(services(config: config, store: store, now: now), host: host, port: config.web.port, logger: logger) { port in
            logger.notice("web server listening", metadata: ["ticketd.url": "http://\(host.contains(":") ? "[\(host)]" : host):\(port)/"])
        }
    }
}

/// `ticketd serve`: the web side alone, beside a worker that runs elsewhere on the same
/// database; stops on SIGTERM and SIGINT.
public func runWebServer(config: TicketdConfig, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) async throws {
    let store = try await Backend.open(config)
    let services: [any Service] = [WebSide.server(config: config, store: store, logger: logger, now: now), SystemdService(notifier: SystemdNotifier(), logger: logger)]
    try await ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)).run()
}
