import Foundation
import Testing
import TicketdTestSupport

/// Issue 15, point 5: `ticketd probe` on the built binary, reading a real worker's state
/// (Dovecot, an SMTP server and the SQLite file), with a Nagios plugin's exit codes.
@Suite(.timeLimit(.minutes(2)))
struct ProbeTests {
    func ticketd(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try ProcessRunner.run(RepositoryPaths.ticketdBinary, arguments, environment: environment)
    }

    func firstLine(_ result: ProcessResult) -> String { String(result.stdout.split(separator: "\n").first ?? "") }

    @Test func theProbeReadsTheWorkersHeartbeatOutboxQuarantineAndServers() throws {
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try TestConfig.write(servers: servers, directory: directory, mailboxes: ["support"], pollIntervalSeconds: 60, service: "max_message_bytes = 4096")
        let password = ["TICKETD_TEST_IMAP_PASSWORD": servers.password]

        // Before the worker ever ran: no database, and no heartbeat.
        let never = try ticketd(["probe", "--config", config])
        #expect(never.status == 2, "\(never.stdout)")
        #expect(firstLine(never).hasPrefix("TICKETD CRITICAL - mailbox support: no pass recorded (is the worker running?); database: not writable: no database at"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("ticketd.sqlite")), "the probe made no database")

        try servers.deliver(RepositoryPaths.basicSupportSamples, to: "support")
        #expect(try ticketd(["run", "--once", "--config", config], environment: password).status == 0)
        let healthy = try ticketd(["probe", "--config", config])
        #expect(healthy.status == 0, "\(healthy.stdout)")
        #expect(firstLine(healthy).hasPrefix("TICKETD OK - 5 checks passed | 'last_pass_support'="), "\(healthy.stdout)")
        #expect(healthy.stdout.contains("[OK] outbox: 0 pending, 0 of them deferred"))
        #expect(healthy.stdout.contains("'database_write'="))

        // The pass is not this instant old: past a zero threshold it warns.
        let strict = try ticketd(["probe", "-w", "last-pass=0", "--config", config])
        #expect(strict.status == 1, "\(strict.stdout)")
        #expect(firstLine(strict).hasPrefix("TICKETD WARNING - mailbox support: last good pass"))

        // A pass that fails is on record, and so is its reason (not the password).
        #expect(try ticketd(["run", "--once", "--config", config], environment: ["TICKETD_TEST_IMAP_PASSWORD": "wrong"]).status != 0)
        let failing = try ticketd(["probe", "--config", config])
        #expect(failing.status == 1, "\(failing.stdout)")
        #expect(firstLine(failing).contains("(the last 1 failed: "), "\(failing.stdout)")
        #expect(!failing.stdout.contains("wrong"))

        // Mail over the size limit is quarantined.
        let big = directory.file("big.eml")
        try Data(HostileMail.oversize(8192)).write(to: URL(fileURLWithPath: big))
        try servers.deliver([big], to: "support")
        #expect(try ticketd(["run", "--once", "--config", config], environment: password).status == 0)
        let quarantined = try ticketd(["probe", "--config", config])
        #expect(quarantined.status == 1, "\(quarantined.stdout)")
        #expect(firstLine(quarantined).hasPrefix("TICKETD WARNING - quarantine: 1 new in the last 1d"), "\(quarantined.stdout)")
        Thread.sleep(forTimeInterval: 1.2)
        #expect(try ticketd(["probe", "--quarantine-window", "1s", "--config", config]).status == 0)

        // With --connect, each server takes the login, or the probe is critical and names it.
        let connected = try ticketd(["probe", "--connect", "--quarantine-window", "1s", "--config", config], environment: password)
        #expect(connected.status == 0, "\(connected.stdout)")
        #expect(connected.stdout.contains("[OK] imap mailbox support (support at \(servers.imapHost):\(servers.imapPort), folder INBOX): answered"))
        #expect(connected.stdout.contains("[OK] smtp server \(servers.smtpHost):\(servers.smtpPort): answered"))
        let refused = try ticketd(["probe", "--connect", "--quarantine-window", "1s", "--config", config], environment: ["TICKETD_TEST_IMAP_PASSWORD": "wrong"])
        #expect(refused.status == 2, "\(refused.stdout)")
        #expect(firstLine(refused).hasPrefix("TICKETD CRITICAL - imap mailbox support (support at"), "\(refused.stdout)")
        #expect(!refused.stdout.contains("wrong"))
    }

    /// Replies the SMTP server does not take wait in the outbox, and the probe says how long.
    @Test func theProbeTellsOfDeferredReplies() throws {
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try TestConfig.write(servers: servers, directory: directory, mailboxes: ["support"], pollIntervalSeconds: 60)
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try text.replacingOccurrences(of: "port = \(servers.smtpPort)", with: "port = 1").write(toFile: config, atomically: true, encoding: .utf8)
        try servers.deliver(RepositoryPaths.basicSupportSamples, to: "support")
        _ = try ticketd(["run", "--once", "--config", config], environment: ["TICKETD_TEST_IMAP_PASSWORD": servers.password])
        let deferred = try ticketd(["probe", "-w", "deferred-age=0", "--config", config])
        #expect(deferred.status == 1, "\(deferred.stdout)")
        #expect(firstLine(deferred).hasPrefix("TICKETD WARNING - deferred replies: the oldest waits for"), "\(deferred.stdout)")
        #expect(deferred.stdout.contains("of them deferred"))
        #expect(!deferred.stdout.contains("0 pending"))
    }

    /// An idle worker in IMAP IDLE still beats once per poll interval.
    @Test func anIdleWorkerKeepsItsHeartbeatFresh() throws {
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try TestConfig.write(servers: servers, directory: directory, mailboxes: ["support"], pollIntervalSeconds: 1)
        let worker = try WorkerProcess(config: config, servers: servers, directory: directory)
        defer { _ = worker.stop() }
        Thread.sleep(forTimeInterval: 4)
        // Three poll intervals without a beat would warn; the worker beats every one.
        let probe = try ticketd(["probe", "-w", "last-pass=3", "-c", "last-pass=10", "--config", config])
        #expect(probe.status == 0, "\(probe.stdout) \(worker.stderr)")
    }

    /// A probe that cannot run is UNKNOWN (3), as Nagios expects, never a usage code.
    @Test(arguments: [
        (["-w", "outbox=many"], "TICKETD UNKNOWN - -w outbox=many: a count is a whole number from 0"),
        (["-c", "speed=3"], "TICKETD UNKNOWN - -c speed=3: expected NAME=VALUE"),
        (["--frobnicate"], "TICKETD UNKNOWN - Unknown option '--frobnicate'"),
        (["--config", "/nonexistent/ticketd.toml"], "TICKETD UNKNOWN - "),
    ])
    func aProbeThatCannotRunIsUnknown(_ arguments: [String], _ says: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try TestConfig.writeOffline(directory: directory)
        let result = try ticketd(["probe"] + (arguments.contains("--config") ? arguments : arguments + ["--config", config]))
        #expect(result.status == 3, "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.hasPrefix(says), "\(result.stdout)")
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    @Test func theProbesHelpExitsZero() throws {
        let help = try ticketd(["probe", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("last-pass"))
    }
}
