public import HTTPTypes
public import Access
public import Foundation
public import Hummingbird
import HummingbirdCore
import NIOCore
import NIOPosix
public import Logging
public import Monitoring
public import Storage
public import TicketCore
public import WorkingTime
public import Reports

/// What the web side reads: the store's roles it needs.
public typealias WebStore = DeskQueries & HealthQueries & WebAccounts & TicketQueue & MetricsQueries

/// `ticketd serve`: the web side of the desk, one more service over the store seam.
public enum WebServer {
    /// What the web side needs to know of the desk's config.
    public struct Settings: Sendable {
        public var serviceName: String
        public var units: [SupportUnit]
        public var approvers: Set<String>
        public var securityUnit: String
        public var trustedProxies: Set<String>
        public var proxyUserHeader: String
        public var sessionLifetime: TimeInterval
        public var calendar: OfficeCalendar
        /// Mailboxes whose quarantined mail only the security unit sees.
        public var securityMailboxes: Set<String>

        public init(
            serviceName: String, units: [SupportUnit], approvers: Set<String>, securityUnit: String, trustedProxies: Set<String>,
            proxyUserHeader: String, sessionLifetime: TimeInterval, calendar: OfficeCalendar, securityMailboxes: Set<String> = []
        ) {
            self.securityMailboxes = securityMailboxes
            self.serviceName = serviceName
            self.units = units
            self.approvers = approvers
            self.securityUnit = securityUnit
            self.trustedProxies = trustedProxies
            self.proxyUserHeader = proxyUserHeader
            self.sessionLifetime = sessionLifetime
            self.calendar = calendar
        }

        public var timeZone: TimeZone { calendar.timeZone }

        func viewer(name: String, address: String) -> Viewer {
            Viewer(name: name, address: address, units: units, approvers: approvers, securityUnit: securityUnit)
        }
    }

    /// The threads the web side works on: event loops for the connections and a pool for
    /// the handlers' blocking work (SQLite reads, making a page). A site caps both with
    /// `[web] threads`, so that a loaded web side cannot take every core from the worker.
    public struct Threads: Sendable {
        let eventLoops: MultiThreadedEventLoopGroup
        let blocking: NIOThreadPool

        /// NIO's process-wide ones (a thread per core each): for tests.
        public static let shared = Threads(eventLoops: .singleton, blocking: .singleton)

        init(eventLoops: MultiThreadedEventLoopGroup, blocking: NIOThreadPool) {
            self.eventLoops = eventLoops
            self.blocking = blocking
        }

        /// `count` of each, for the life of the process.
        public init(count: Int) {
            let pool = NIOThreadPool(numberOfThreads: count)
            pool.start()
            self.init(eventLoops: MultiThreadedEventLoopGroup(numberOfThreads: count), blocking: pool)
        }

        /// Runs a handler's blocking work on the pool, which takes work first come, first
        /// served, rather than on Swift's few cooperative threads: blocked there, 50
        /// clients' requests were served out of turn, and the queue's p99 was four times
        /// its median (107 ms against 23 ms; 29 ms here).
        public func offloaded<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
            try await blocking.runIfActive(body)
        }
    }

    /// What the web side reads and does, handed in by the composition root.
    public struct Services: Sendable {
        public var settings: Settings
        public var store: any WebStore
        public var pages: Pages
        /// The probe's verdict, for `/healthz`.
        public var health: @Sendable () async -> HealthReport
        /// A ticket with its thread read from the stored mail; nil when there is none.
        public var ticketDetail: @Sendable (Int) throws -> TicketDetail?
        /// One attachment of a stored message of a ticket.
        public var attachment: @Sendable (_ ticket: Int, _ message: Int64, _ index: Int) throws -> TicketDetail.Attachment?
        /// Carries out a signed-in user's action on a ticket (nil: no such ticket).
        public var act: @Sendable (_ action: WebAction, _ viewer: Viewer, _ ticket: Int, _ actionID: String?) async throws -> WebActionOutcome?
        /// The SLA report (the `report sla` code).
        public var slaReport: @Sendable (SLAReport.Filter) async throws -> SLAReport
        /// The releases planned in a period (the `report releases` code).
        public var releaseReport: @Sendable (_ from: LocalDate?, _ to: LocalDate?) async throws -> ReleaseReport
        /// Takes a quarantined mail in again; what became of it.
        public var retryFailure: @Sendable (Int64) async throws -> String
        public var now: @Sendable () -> Date
        public var threads: Threads

        public init(
            settings: Settings, store: any WebStore, pages: Pages, health: @escaping @Sendable () async -> HealthReport,
            ticketDetail: @escaping @Sendable (Int) throws -> TicketDetail?,
            attachment: @escaping @Sendable (Int, Int64, Int) throws -> TicketDetail.Attachment?,
            act: @escaping @Sendable (WebAction, Viewer, Int, String?) async throws -> WebActionOutcome?,
            slaReport: @escaping @Sendable (SLAReport.Filter) async throws -> SLAReport,
            releaseReport: @escaping @Sendable (LocalDate?, LocalDate?) async throws -> ReleaseReport,
            retryFailure: @escaping @Sendable (Int64) async throws -> String, now: @escaping @Sendable () -> Date,
            threads: Threads = .shared
        ) {
            self.threads = threads
            self.slaReport = slaReport
            self.releaseReport = releaseReport
            self.retryFailure = retryFailure
            self.settings = settings
            self.store = store
            self.pages = pages
            self.health = health
            self.ticketDetail = ticketDetail
            self.attachment = attachment
            self.act = act
            self.now = now
        }
    }

    /// The routes: `/healthz` and the style sheet for anyone, the sign-in pages, and the
    /// rest behind `SignInMiddleware`.
    public static func router(_ services: Services) -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: SignInMiddleware(services: services))
        router.add(middleware: MethodNotAllowedMiddleware())
        // The probe's verdict as JSON, without signing in: for a load balancer or an
        // uptime check. 503 when critical, so that a plain HTTP check sees it.
        router.get("/healthz") { _, _ -> Response in
            let report = await services.health()
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let body = (try? encoder.encode(report)) ?? Data("{}".utf8)
            return Response(
                status: report.status == .critical ? .serviceUnavailable : .ok,
                headers: [.contentType: "application/json", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
            )
        }
        router.get("/static/ticketd.css") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                body: ResponseBody(byteBuffer: services.pages.styleSheet)
            )
        }
        SignInRoutes(services: services).add(to: router)
        DeskPages(services: services).add(to: router)
        ReportAndQuarantinePages(services: services).add(to: router)
        API(services: services).add(to: router)
        MetricsPage(services: services, store: services.store).add(to: router)
        return router
    }

    /// The server as a service, on `host:port`; `onListening` is told the port bound (for port 0).
    public static func application(
        _ services: Services, host: String, port: Int, logger: Logger, onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        // A connection that sends nothing for 30 s is closed: a client holding many open
        // must not exhaust the server's descriptors (outsider attack). A reverse proxy in
        // front deals with slow clients better still.
        Application(
            router: router(services), server: .http1(configuration: HTTP1Channel.Configuration(idleTimeout: .seconds(30))),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "ticketd"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            eventLoopGroupProvider: .shared(services.threads.eventLoops), logger: logger
        )
    }

    /// An HTML response, with the cookie of a session made for this request.
    static func html(_ html: String, status: HTTPResponse.Status = .ok, context: WebContext) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
        if let cookie = context.newSessionCookie { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// A redirect after a form (303: the browser follows with GET).
    static func redirect(_ location: String, cookies: [String] = []) -> Response {
        var headers: HTTPFields = [.location: location, .cacheControl: "no-store"]
        for cookie in cookies { headers.append(HTTPField(name: .setCookie, value: cookie)) }
        return Response(status: .seeOther, headers: headers)
    }

    /// A plain-text error for what is not a page (a refused form, a missing attachment).
    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text + "\n"))
        )
    }
}

/// Every response: no script, nothing from elsewhere, no framing, no sniffing.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = WebContext

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            response = WebServer.plain(error.status, error.body ?? error.status.reasonPhrase)
        }
        for (name, value) in Access.securityHeaders {
            if let field = HTTPField.Name(name), response.headers[field] == nil { response.headers[field] = value }
        }
        return response
    }
}
