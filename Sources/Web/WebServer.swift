import Foundation
public import Hummingbird
public import Logging
public import Monitoring

/// `ticketd serve`: the web side of the desk, one more service over the store seam.
public enum WebServer {
    /// What the web side reads and does, handed in by the composition root.
    public struct Services: Sendable {
        /// The probe's verdict, for `/healthz`.
        public var health: @Sendable () async -> HealthReport

        public init(health: @escaping @Sendable () async -> HealthReport) {
            self.health = health
        }
    }

    /// The routes.
    public static func router(_ services: Services) -> Router<BasicRequestContext> {
        let router = Router()
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
        return router
    }

    /// The server as a service, on `host:port`; `onListening` is told the port bound (for port 0).
    public static func application(
        _ services: Services, host: String, port: Int, logger: Logger, onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router(services), configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "ticketd"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) }, logger: logger
        )
    }
}
