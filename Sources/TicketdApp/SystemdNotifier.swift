public import Foundation
public import Logging
public import ServiceLifecycle

/// The service manager's notify socket (`Type=notify` units): a few datagrams, no library.
/// READY=1 once the worker's services run, WATCHDOG=1 at half of `WatchdogSec=` while the
/// process still schedules work (a deadlocked pool stops the pings, and systemd restarts
/// it), STOPPING=1 when it begins to stop. Without `NOTIFY_SOCKET` it sends nothing.
public struct SystemdNotifier: Sendable {
    /// The socket's address, as systemd gives it (`@` for the abstract namespace).
    let socket: String?
    /// Half of `WATCHDOG_USEC`, when the watchdog is for this process.
    let watchdogInterval: Duration?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, pid: Int32 = getpid()) {
        socket = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        let forUs = environment["WATCHDOG_PID"].map { Int32($0) == pid } ?? true
        if forUs, let micros = environment["WATCHDOG_USEC"].flatMap(Int64.init), micros > 0 {
            watchdogInterval = .microseconds(micros / 2)
        } else {
            watchdogInterval = nil
        }
    }

    /// Whether the service manager watches this process (`WATCHDOG_USEC`, and
    /// `WATCHDOG_PID` when given, is ours).
    public var watchesThisProcess: Bool { watchdogInterval != nil }

    /// Sends `state` (`READY=1`…); false when there is no socket or it refused.
    @discardableResult
    public func send(_ state: String) -> Bool {
        guard let socket, socket.hasPrefix("/") || socket.hasPrefix("@") else { return false }
        let descriptor = Glibc.socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var path = Array(socket.utf8)
        if path.first == UInt8(ascii: "@") { path[0] = 0 }  // the abstract namespace
        guard path.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + path.count)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                Array(state.utf8).withUnsafeBytes { bytes in sendto(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), address, length) }
            }
        }
        return sent >= 0
    }
}

/// The worker's link to systemd, the last service of the group: so it says READY=1 once
/// the others have started, and, being stopped first, STOPPING=1 as stopping begins.
public struct SystemdService: Service {
    let notifier: SystemdNotifier
    let logger: Logger

    public init(notifier: SystemdNotifier, logger: Logger) {
        self.notifier = notifier
        self.logger = logger
    }

    public func run() async throws {
        notifier.send("READY=1")
        if let interval = notifier.watchdogInterval {
            logger.debug("systemd watchdog pings", metadata: ["ticketd.interval": "\(interval)"])
        }
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                if let interval = notifier.watchdogInterval {
                    notifier.send("WATCHDOG=1")
                    try await Task.sleep(for: interval)
                } else {
                    try await Task.sleep(for: .seconds(3600))
                }
            }
        }
        notifier.send("STOPPING=1")
    }
}
