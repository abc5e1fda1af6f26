public import DeskConfiguration
public import Foundation
public import Logging
import Apply
import Classification
import MailParsing
import Templates
import Workflow
import WorkingTime
import Monitoring
import Reports
public import ServiceLifecycle
import Storage
import TicketCore
import UnixSignals
public import Web

/// The web side over the store: what `ticketd serve` and `run --serve` run.
public enum WebSide {
    public static func settings(_ config: TicketdConfig) -> WebServer.Settings {
        WebServer.Settings(
            serviceName: config.service.name, units: config.workflow.units, approvers: config.workflow.approvers,
            securityUnit: config.workflow.securityUnit, trustedProxies: config.web.trustedProxies, proxyUserHeader: config.web.proxyUserHeader,
            sessionLifetime: TimeInterval(config.web.sessionHours * 3600), calendar: config.sla.calendar,
            securityMailboxes: Set(config.mailboxes.filter { $0.role == .security }.map(\.name))
        )
    }

    /// What the routes read and do, over an open store. `acted` rings after an action
    /// commits (in `run --serve`, the worker's outbox sender; alone, the worker's scheduler
    /// sends what an action queued within a poll interval).
    public static func services(
        config: TicketdConfig, store: any Backend.Full, now: @escaping @Sendable () -> Date, acted: @escaping @Sendable () -> Void = {},
        threads: WebServer.Threads = .shared
    ) async throws -> WebServer.Services {
        let thresholds = HealthThresholds.defaults(pollIntervalSeconds: config.service.pollIntervalSeconds)
        let runner = WorkflowRunner(config: config, templates: try TemplateSet(directory: config.service.templates), trust: try SiteTrust.load(config, now: now()))
        return WebServer.Services(
            settings: settings(config), store: store, pages: try await Pages(assets: config.web.assets),
            health: { HealthProbe.evaluate(store, config: config, thresholds: thresholds, now: now()) },
            ticketDetail: { number in try detail(number, store: store) },
            attachment: { number, mail, index in try attachment(ticket: number, mail: mail, index: index, store: store) },
            act: { action, viewer, number, actionID in
                let outcome = try await WebActions.act(
                    action, by: viewer, on: number, actionID: actionID, runner: runner, store: store, config: config, now: now()
                )
                acted()
                return outcome
            },
            slaReport: { filter in
                // A report over a million clocks takes a second of CPU: on a thread of its own.
                try await withCheckedThrowingContinuation { continuation in
                    Thread {
                        continuation.resume(with: Result { try SLAReport.build(store: store, filter: filter, now: now(), calendar: config.sla.calendar) })
                    }.start()
                }
            },
            releaseReport: { from, to in
                try await threads.offloaded {
                    try store.readingReportSource { source in
                        try ReleaseReport.build(
                            in: source, from: from, to: to, now: now(), calendar: config.sla.calendar, noticeDays: config.workflow.releases.noticeDays
                        )
                    }
                }
            },
            retryFailure: { id in
                let results = try await FailureCommands.retry(config: config, store: store, ids: [id], now: now())
                acted()
                return results.first?.outcome ?? "not found"
            },
            now: now, threads: threads
        )
    }

    /// A ticket with its mail read: text and attachments from the stored bytes.
    static func detail(_ number: Int, store: any DeskQueries) throws -> TicketDetail? {
        guard let ticket = try store.ticket(number) else { return nil }
        let mail = try store.messages(ofTicket: number).map { stored in
            let parsed = MessageParser.parseOnLargeStack(stored.raw)
            return TicketDetail.Mail(
                id: stored.id, incoming: stored.direction == .incoming,
                from: parsed.from.map { ($0.name.map { "\($0) " } ?? "") + "<\($0.address)>" } ?? "(none)",
                subject: parsed.subject ?? "(none)", at: stored.recordedAt, text: (parsed.text ?? "(no text)").trimmingScalars(in: .newlines),
                automatic: stored.automatic, attachments: attachments(of: parsed), viaWeb: stored.threadMatch == "web"
            )
        }
        return TicketDetail(
            ticket: ticket, mail: mail, events: try store.events(ofTicket: number), clocks: try store.clocks(ofTicket: number),
            children: try store.children(of: number)
        )
    }

    static func attachments(of message: Message) -> [TicketDetail.Attachment] {
        message.parts.enumerated().compactMap { index, part in
            guard part.isAttachment else { return nil }
            return TicketDetail.Attachment(index: index, name: part.filename ?? "attachment-\(index)", contentType: part.contentType, bytes: part.body)
        }
    }

    static func attachment(ticket: Int, mail: Int64, index: Int, store: any DeskQueries) throws -> TicketDetail.Attachment? {
        guard let stored = try store.messages(ofTicket: ticket).first(where: { $0.id == mail }) else { return nil }
        return attachments(of: MessageParser.parseOnLargeStack(stored.raw)).first { $0.index == index }
    }

    /// The server as a service, listening where `[web] listen` says; it logs the address
    /// it listens on (the port the system gave, for port 0).
    public static func server(
        config: TicketdConfig, store: any Backend.Full, logger: Logger, now: @escaping @Sendable () -> Date, acted: @escaping @Sendable () -> Void = {}
    ) async throws -> any Service {
        let host = config.web.host
        let services = try await services(config: config, store: store, now: now, acted: acted, threads: WebServer.Threads(count: config.web.threads ?? ProcessInfo.processInfo.activeProcessorCount))
        return WebServer.application(services, host: host, port: config.web.port, logger: logger) { port in
            logger.notice("web server listening", metadata: ["ticketd.url": "http://\(host.contains(":") ? "[\(host)]" : host):\(port)/"])
        }
    }
}

/// `ticketd serve`: the web side alone, beside a worker that runs elsewhere on the same
/// database; stops on SIGTERM and SIGINT.
public func runWebServer(config: TicketdConfig, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) async throws {
    let store = try await Backend.open(config)
    let services: [any Service] = [try await WebSide.server(config: config, store: store, logger: logger, now: now), SystemdService(notifier: SystemdNotifier(), logger: logger)]
    try await ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)).run()
}
