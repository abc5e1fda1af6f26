import Apply
public import DeskConfiguration
import Etpan
public import Foundation
import Intake
public import Logging
import MailTransport
import Outbox
public import ServiceLifecycle
import Store
public import Templates
import Trust
public import UnixSignals

/// Exit codes from sysexits(3), as mail tools use them.
public enum ExitStatus {
    public static let ok: Int32 = 0
    public static let dataError: Int32 = 65
    public static let noInput: Int32 = 66
    public static let unavailable: Int32 = 69
    public static let software: Int32 = 70
    public static let cannotCreate: Int32 = 73
    public static let temporaryFailure: Int32 = 75
    public static let noPermission: Int32 = 77
    public static let config: Int32 = 78

    /// The exit code for an error that ended a command.
    public static func of(_ error: any Error) -> Int32 {
        switch error {
        case is ConfigError, is TemplateError, is SecretFile.Failure: return config
        case is InputError: return noInput
        case let check as ConfigCheck.Failure: return of(check.underlying)
        case is BackupTargetExists: return cannotCreate
        case is WrongUser: return noPermission
        case let etpan as EtpanError:
            switch etpan.kind {
            case .authentication: return noPermission
            case .connection, .certificate: return unavailable
            default: return temporaryFailure
            }
        default: return software
        }
    }
}

/// The composition root: everything the worker needs, built from the config.
public struct TicketdServices: Sendable {
    public let config: TicketdConfig
    public let store: any Backend.Full
    public let templates: TemplateSet
    public let worker: Worker
    public let once: Bool
    /// The web server runs in the same group (`run --serve`).
    public let web: (any Service)?
    let logger: Logger

    /// Runs the worker in one service group until it ends or is cancelled; `signals` stop
    /// it gracefully. One pass is one service that ends the group; otherwise the worker's
    /// own services, the sender first so that it is stopped last.
    public func run(gracefulShutdownSignals signals: [UnixSignal] = []) async throws {
        // A worker that runs on tells systemd (Type=notify) when it is ready, that it lives,
        // and when it stops.
        let members: [ServiceGroupConfiguration.ServiceConfiguration] = once
            ? [.init(service: worker, successTerminationBehavior: .gracefullyShutdownGroup)]
            : (worker.services + [web].compactMap { $0 } + [SystemdService(notifier: SystemdNotifier(), logger: logger)]).map { .init(service: $0) }
        try await ServiceGroup(configuration: .init(services: members, gracefulShutdownSignals: signals, logger: logger)).run()
    }
}

public func buildServices(
    config: TicketdConfig, once: Bool, serve: Bool = false, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
) async throws -> TicketdServices {
    warnOfInsecureTransport(config, logger: logger)
    let templates = try TemplateSet(directory: config.service.templates)
    let trust = try SiteTrust.load(config, now: now())
    let store = try await Backend.open(config)
    let dispatcher = try OutboxDispatcher(config: config, store: store, logger: logger, now: now)
    let worker = try Worker(config: config, store: store, dispatcher: dispatcher, templates: templates, trust: trust, logger: logger, now: now)
    let ring = worker.ring
    let web = serve ? try await WebSide.server(config: config, store: store, logger: logger, now: now, acted: { ring.yield() }) : nil
    return TicketdServices(config: config, store: store, templates: templates, worker: worker, once: once, web: web, logger: logger)
}

/// `ticketd run`: runs the worker in a service group that stops on SIGTERM and SIGINT.
/// With `once`, returns after one pass with that pass's report; with `serve`, the web
/// server runs in the same group.
public func runWorker(
    config: TicketdConfig, once: Bool, serve: Bool = false, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
) async throws -> CycleReport? {
    let services = try await buildServices(config: config, once: once, serve: serve, logger: logger, now: now)
    try await services.run(gracefulShutdownSignals: [.sigterm, .sigint])
    return services.worker.report
}

/// With `allow_insecure_transport`, every start says which connections leave the machine
/// in clear or to a server whose certificate is not checked.
func warnOfInsecureTransport(_ config: TicketdConfig, logger: Logger) {
    let endpoints = config.mailboxes.map { ("mailbox \($0.name)", $0.endpoint.host, $0.endpoint.security, $0.endpoint.certificates.verify) }
        + [("smtp", config.smtp.endpoint.host, config.smtp.endpoint.security, config.smtp.endpoint.certificates.verify)]
    for (name, host, security, verifies) in endpoints where TransportPolicy.isInsecure(host: host, security: security, verifiesCertificate: verifies) {
        let what = security == .none ? "plain TCP to another machine" : "TLS without a certificate check"
        logger.warning("insecure transport allowed: \(what)", metadata: ["connection": "\(name)", "host": "\(host)"])
    }
}
