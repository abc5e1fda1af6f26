public import Etpan

/// Where and how to reach an IMAP server.
public struct IMAPEndpoint: Sendable {
    public var host: String
    public var port: UInt16
    public var security: ConnectionSecurity
    public var user: String
    public var password: Secret
    public var timeoutSeconds: Int

    public init(host: String, port: UInt16, security: ConnectionSecurity, user: String, password: Secret, timeoutSeconds: Int) {
        self.host = host
        self.port = port
        self.security = security
        self.user = user
        self.password = password
        self.timeoutSeconds = timeoutSeconds
    }
}

/// One IMAP mailbox (a folder of one account) seen through its own connection, which is
/// opened on first use and again after it drops. Every call blocks on a private thread.
public final class MailboxClient: Sendable {
    public let endpoint: IMAPEndpoint
    public let folder: String
    private let lane: SessionLane<IMAPConnection>

    public init(endpoint: IMAPEndpoint, folder: String) {
        self.endpoint = endpoint
        self.folder = folder
        lane = SessionLane(label: "ticketd.imap.\(endpoint.user).\(folder)")
    }

    private var open: @Sendable () throws -> IMAPConnection {
        let endpoint = endpoint
        return {
            let connection = try IMAPConnection.connect(
                host: endpoint.host, port: endpoint.port, security: endpoint.security, timeoutSeconds: endpoint.timeoutSeconds
            )
            try connection.login(user: endpoint.user, password: endpoint.password.value)
            return connection
        }
    }

    /// Selects the folder and returns its UIDVALIDITY, UIDNEXT and message count.
    public func select() async throws -> MailboxStatus {
        let folder = folder
        return try await lane.run(open: open) { try $0.select(folder) }
    }

    /// Selects the folder and lists every UID in it greater than `afterUID`.
    public func uids(after afterUID: UInt32) async throws -> (MailboxStatus, [UInt32]) {
        let folder = folder
        return try await lane.run(open: open) { connection in
            let status = try connection.select(folder)
            return (status, try connection.uidSearch(after: afterUID))
        }
    }

    public func fetch(uids: [UInt32]) async throws -> [FetchedMessage] {
        try await lane.run(open: open) { try $0.fetch(uids: uids) }
    }

    /// Marks the messages `\Seen`, then moves them to `destination` when one is given,
    /// creating that folder if the server says it does not exist.
    public func finish(uids: [UInt32], moveTo destination: String?) async throws {
        try await lane.run(open: open) { connection in
            try connection.markSeen(uids: uids)
            guard let destination else { return }
            do {
                try connection.move(uids: uids, to: destination)
            } catch let error as EtpanError where error.kind == .refused {
                guard (try? connection.create(destination)) != nil else { throw error }
                try connection.move(uids: uids, to: destination)
            }
        }
    }

    public func append(_ raw: [UInt8], to folder: String? = nil) async throws {
        let target = folder ?? self.folder
        try await lane.run(open: open) { try $0.append(raw, to: target) }
    }

    public func close() async {
        await lane.close { $0.logout() }
    }
}
