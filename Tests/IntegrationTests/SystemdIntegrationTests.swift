import Foundation
import Logging
import Testing
@testable import TicketdApp
import TicketdTestSupport

/// Issue 16, point 2: the worker speaks systemd's notify protocol itself (Type=notify,
/// WatchdogSec=), and its logs fit the journal. Through the built binary, a real Dovecot
/// and SMTP server, and a datagram socket standing in for systemd's.
@Suite(.timeLimit(.minutes(2)))
struct SystemdIntegrationTests {
    /// A bound datagram socket, as systemd's notify socket is.
    final class NotifySocket {
        let path: String
        let descriptor: Int32

        init(path: String) throws {
            self.path = path
            descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            var bytes = Array(path.utf8)
            if bytes.first == UInt8(ascii: "@") { bytes[0] = 0 }
            withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
            let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count)
            let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) } }
            #expect(bound == 0, "bind: \(String(cString: strerror(errno)))")
        }

        deinit { close(descriptor) }

        /// The datagrams received until `until` holds of them, or `seconds` passed.
        func receive(for seconds: Double, until: ([String]) -> Bool) -> [String] {
            var messages: [String] = []
            let end = Date().addingTimeInterval(seconds)
            var buffer = [UInt8](repeating: 0, count: 4096)
            while Date() < end, !until(messages) {
                let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                if count > 0 { messages.append(String(decoding: buffer[..<count], as: UTF8.self)) } else { Thread.sleep(forTimeInterval: 0.01) }
            }
            return messages
        }
    }

    @Test(arguments: [false, true])
    func theWorkerSaysReadyPingsTheWatchdogAndSaysStopping(_ abstract: Bool) throws {
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try TestConfig.write(servers: servers, directory: directory, mailboxes: ["support"])
        let socket = try NotifySocket(path: abstract ? "@ticketd-test-\(UUID().uuidString.prefix(8))" : directory.file("notify"))
        let worker = try WorkerProcess(
            config: config, servers: servers, directory: directory,
            environment: ["NOTIFY_SOCKET": socket.path, "WATCHDOG_USEC": "200000"]
        )
        let started = socket.receive(for: 20) { $0.filter { $0 == "WATCHDOG=1" }.count >= 3 }
        #expect(started.first == "READY=1", "\(started) \(worker.stderr)")
        #expect(started.filter { $0 == "WATCHDOG=1" }.count >= 3, "\(started)")
        #expect(worker.stop() != nil)
        #expect(worker.exitedCleanly, "\(worker.stderr)")
        let stopping = socket.receive(for: 2) { $0.contains("STOPPING=1") }
        #expect(stopping.contains("STOPPING=1"), "\(stopping)")
    }

    @Test func aWatchdogForAnotherProcessIsNotPinged() {
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "200000", "WATCHDOG_PID": "1"], pid: 4242)
        #expect(!notifier.watchesThisProcess)
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": "/run/x", "WATCHDOG_USEC": "200000"], pid: 4242).watchesThisProcess)
        #expect(!SystemdNotifier(environment: [:]).send("READY=1"))
    }

    @Test func aJournalLineIsOneLineWithItsPriorityAndSortedMetadata() {
        let line = JournalLogHandler.line(level: .error, message: "send failed\nnext", metadata: ["z": "1", "a": "two\nlines"])
        #expect(line == "<3>send failed\\nnext a=two\\nlines z=1\n")
        #expect([Logger.Level.trace, .debug, .info, .notice, .warning, .error, .critical].map(JournalLogHandler.priority) == [7, 7, 6, 5, 4, 3, 2])
        // Outsider review: a NUL, a carriage return or a line past journald's limit starts a
        // new entry there, where `<0>` would be read as a priority.
        let forged = JournalLogHandler.line(level: .info, message: "a\u{0}<0>b\r<0>c", metadata: [:])
        #expect(forged == "<6>a\\u{0}<0>b\\u{d}<0>c\n")
        let long = JournalLogHandler.line(level: .info, message: String(repeating: "x", count: 60_000) + "<0>forged", metadata: [:])
        #expect(long.utf8.count <= JournalLogHandler.maximumLineBytes + 1 && !long.contains("<0>forged") && long.hasSuffix("(cut)\n"))
    }

    /// Under systemd, stderr is the journal's stream: each line gets its priority as a
    /// `<N>` prefix and no timestamp of its own.
    @Test func logsToTheJournalCarryTheirPriorityAndNoTimestamp() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // No server answers: the worker's pass fails, and its logs are what is looked at.
        let config = try TestConfig.writeOffline(directory: directory, extra: "[logging]\nlevel = \"debug\"\n")
        let log = directory.file("journal")
        let script = """
            exec 2>'\(log)'
            export JOURNAL_STREAM="$(stat -c '%d:%i' '\(log)')"
            exec '\(RepositoryPaths.ticketdBinary)' run --once --config '\(config)'
            """
        _ = try ProcessRunner.run("/bin/bash", ["-c", script])
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        let logged = lines.filter { !$0.hasPrefix("ticketd: ") }  // the command's own last word
        #expect(logged.contains { $0.hasPrefix("<7>Starting service lifecycle") }, "\(lines)")
        #expect(logged.allSatisfy { $0.hasPrefix("<7>") || $0.hasPrefix("<6>") }, "\(logged)")
        // No date of its own, where the same run logging elsewhere starts each line with one.
        let year = "\(Calendar(identifier: .gregorian).component(.year, from: Date()))-"
        #expect(!logged.contains { $0.contains(year) }, "\(logged)")
        let elsewhere = try ProcessRunner.run(RepositoryPaths.ticketdBinary, ["run", "--once", "--config", config])
        #expect(elsewhere.stderr.split(separator: "\n").first?.hasPrefix(year) == true, "\(elsewhere.stderr)")
    }
}
