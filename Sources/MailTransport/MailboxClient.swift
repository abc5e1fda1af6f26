public import Etpan
import Glibc

/// Where and how to reach an IMAP server.
public struct IMAPEndpoint: Sendable {
    public var host: String
    public var port: UInt16
    public var security: ConnectionSecurity
    public var user: String
    public var password: Secret
    public var timeoutSeconds: Int
    /// How the server's TLS certificate is checked.
    public var certificates: CertificateCheck

    public init(
        host: String, port: UInt16, security: ConnectionSecurity, user: String, password: Secret, timeoutSeconds: Int,
        certificates: CertificateCheck = CertificateCheck()
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.user = user
        self.password = password
        self.timeoutSeconds = timeoutSeconds
        self.certificates = certificates
    }
}

/// One IMAP mailbox (a folder of one account) seen through its own connection, which is
/// opened on first use and again after it drops. Every call blocks on a private thread.
public final class MailboxClient: Sendable {
    public let endpoint: IMAPEndpoint
    public let folder: String
    private let lane: SessionLane<IMAPConnection>
    private let wakeUp: WakeUpPipe

    public init(endpoint: IMAPEndpoint, folder: String) {
        self.endpoint = endpoint
        self.folder = folder
        lane = SessionLane(label: "ticketd.imap.\(endpoint.user).\(folder)")
        wakeUp = WakeUpPipe()
    }

    private var open: @Sendable () throws -> IMAPConnection {
        let endpoint = endpoint
        return {
            let connection = try IMAPConnection.connect(
                host: endpoint.host, port: endpoint.port, security: endpoint.security, timeoutSeconds: endpoint.timeoutSeconds,
                certificates: endpoint.certificates
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

    /// The size in bytes of each of the given UIDs.
    public func sizes(uids: [UInt32]) async throws -> [UInt32: Int] {
        try await lane.run(open: open) { try $0.sizes(uids: uids) }
    }

    public func fetch(uids: [UInt32]) async throws -> [FetchedMessage] {
        try await lane.run(open: open) { try $0.fetch(uids: uids) }
    }

    /// Fetches one large message in pieces (see `IMAPConnection.fetch(uid:size:piece:)`).
    public func fetch(uid: UInt32, size: Int, piece: Int = 4 << 20) async throws -> [FetchedMessage] {
        try await lane.run(open: open) { connection in
            try connection.fetch(uid: uid, size: size, piece: piece).map { [$0] } ?? []
        }
    }

    /// The first `bytes` bytes of one message (its header), without the rest.
    public func fetchHead(uid: UInt32, bytes: Int) async throws -> FetchedMessage? {
        try await lane.run(open: open) { try $0.fetchHead(uid: uid, bytes: bytes) }
    }

    /// Marks the messages `\Seen`, then moves them to `destination` when one is given,
    /// creating that folder if the server says it does not exist.
    public func finish(uids: [UInt32], moveTo destination: String?) async throws {
        guard !uids.isEmpty else { return }
        let folder = folder
        try await lane.run(open: open) { connection in
            if connection.selectedMailbox != folder { _ = try connection.select(folder) }
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

    /// Whether the server can tell of new mail (IMAP IDLE, RFC 2177).
    public func supportsIdle() async throws -> Bool {
        try await lane.run(open: open) { $0.supportsIdle }
    }

    /// Waits in IDLE on the folder for new mail, at most `timeoutSeconds` or until
    /// `interrupt()`. True when the server spoke, or when the session is new (after a
    /// reconnect): then what came since the last search is unknown, so look again.
    ///
    /// Call it right after a search that found nothing: the server then reports at once
    /// whatever arrived since. A SELECT here would swallow that news.
    public func idle(timeoutSeconds: Int) async throws -> Bool {
        let folder = folder
        let wakeUp = wakeUp
        return try await lane.run(open: open) { connection in
            guard connection.selectedMailbox == folder else {
                _ = try connection.select(folder)
                return true
            }
            // A wake-up that came before the wait began ends it at once; it is used up here.
            defer { wakeUp.drain() }
            return try connection.idle(timeoutSeconds: timeoutSeconds, wakeDescriptor: wakeUp.readDescriptor)
        }
    }

    /// Ends a running `idle` now (from any thread), for a shutdown.
    public func interrupt() { wakeUp.signal() }

    public func append(_ raw: [UInt8], to folder: String? = nil) async throws {
        let target = folder ?? self.folder
        try await lane.run(open: open) { try $0.append(raw, to: target) }
    }

    public func close() async {
        await lane.close { $0.logout() }
    }
}

/// A pipe whose read end `poll` can watch: how another thread wakes a blocking IDLE.
final class WakeUpPipe: Sendable {
    let readDescriptor: Int32
    private let writeDescriptor: Int32

    init() {
        var descriptors: [Int32] = [-1, -1]
        if pipe(&descriptors) == 0 {
            for descriptor in descriptors {
                _ = fcntl(descriptor, F_SETFL, O_NONBLOCK)
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            }
        }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
    }

    deinit {
        close(readDescriptor)
        close(writeDescriptor)
    }

    func signal() {
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Uses up the wake-ups signalled so far.
    func drain() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(readDescriptor, &buffer, buffer.count) > 0 {}
    }
}
