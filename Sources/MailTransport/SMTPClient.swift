public import Etpan

/// Where and how to reach the SMTP server.
public struct SMTPEndpoint: Sendable {
    public var host: String
    public var port: UInt16
    public var security: ConnectionSecurity
    public var user: String?
    public var password: Secret?
    public var timeoutSeconds: Int
    /// How the server's TLS certificate is checked.
    public var certificates: CertificateCheck

    public init(
        host: String, port: UInt16, security: ConnectionSecurity, user: String?, password: Secret?,
        timeoutSeconds: Int, certificates: CertificateCheck = CertificateCheck()
    ) {
        self.certificates = certificates
        self.host = host
        self.port = port
        self.security = security
        self.user = user
        self.password = password
        self.timeoutSeconds = timeoutSeconds
    }
}

/// One SMTP connection kept open across many messages; reopened after it drops.
public final class SMTPClient: Sendable {
    public let endpoint: SMTPEndpoint
    private let lane: SessionLane<SMTPConnection>

    public init(endpoint: SMTPEndpoint) {
        self.endpoint = endpoint
        lane = SessionLane(label: "ticketd.smtp")
    }

    /// Sends one message; returns the refusals of the recipients the server refused for
    /// good while it took the message for the others.
    @discardableResult
    public func send(from sender: String, to recipients: [String], data: [UInt8]) async throws -> [EtpanError] {
        try await lane.run(open: open) { try $0.send(from: sender, to: recipients, data: data) }
    }

    /// Connects, with TLS and the login when configured, and sends nothing (`check-config
    /// --connect`).
    public func verify() async throws {
        try await lane.run(open: open) { _ in }
    }

    private var open: @Sendable () throws -> SMTPConnection {
        let endpoint = endpoint
        return {
            try SMTPConnection.connect(
                host: endpoint.host, port: endpoint.port, security: endpoint.security,
                user: endpoint.user, password: endpoint.password?.value, timeoutSeconds: endpoint.timeoutSeconds,
                certificates: endpoint.certificates
            )
        }
    }

    public func close() async {
        await lane.close { $0.quit() }
    }
}
