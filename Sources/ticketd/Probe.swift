import ArgumentParser
import DeskConfiguration
import Foundation
import Monitoring
import TicketdApp

struct Probe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Check the worker's health, as a Nagios or ARGO probe.",
        discussion: """
            Prints one status line with performance data after `|`, then one line per check, \
            and exits 0 (OK), 1 (WARNING), 2 (CRITICAL) or 3 (UNKNOWN: the probe itself could \
            not run, as with a bad option or config). Checks: each mailbox's last good pass \
            (the worker records one after every pass, idle or not), the replies waiting in \
            the outbox and how long the oldest deferred one has waited, mail quarantined \
            recently, that the database takes a write (undone at once), and with --connect \
            that each IMAP mailbox and the SMTP server take the login.

            Thresholds: -w and -c take NAME=VALUE pairs, separated by commas; a value above \
            the threshold is in that state. Names: last-pass (a duration: 90, 90s, 15m, 2h, \
            1d; default 3 and 10 poll intervals), outbox (replies not sent; 100 and 1000), \
            deferred-age (a duration; 1h and 4h), quarantined (mail quarantined within \
            --quarantine-window, 24h by default; 0 and 10).
            """
    )

    @Option(name: .long, help: "The TOML config file (default: $TICKETD_CONFIG, else /etc/ticketd/ticketd.toml).")
    var config: String?

    @Option(name: [.short, .customLong("warning")], help: "Warning thresholds, as last-pass=10m,outbox=50.")
    var warning: String?

    @Option(name: [.short, .customLong("critical")], help: "Critical thresholds, as last-pass=1h,deferred-age=2h.")
    var critical: String?

    @Option(help: "How far back quarantined mail counts (default 24h).")
    var quarantineWindow: String?

    @Flag(help: "Also log in to each IMAP mailbox and to the SMTP server.")
    var connect = false

    func run() async throws {
        let path = ConfigOption.path(config)
        let report: HealthReport
        do {
            let config = try ConfigLoader.load(path: path, resolveSecrets: connect)
            var thresholds = try HealthThresholds.defaults(pollIntervalSeconds: config.service.pollIntervalSeconds)
                .applying(warning: warning, critical: critical)
            if let quarantineWindow { thresholds = try thresholds.withQuarantineWindow(quarantineWindow) }
            report = await HealthProbe.run(config: config, thresholds: thresholds, connect: connect, now: Date())
        } catch {
            Self.unknown("\(error)")
        }
        FileHandle.standardOutput.write(Data(report.pluginOutput.utf8))
        throw ExitCode(Int32(report.status.rawValue))
    }

    /// The probe could not run: UNKNOWN, exit 3, as Nagios expects rather than a usage code.
    static func unknown(_ reason: String) -> Never {
        let line = reason.split(whereSeparator: \.isNewline).joined(separator: " ")
        FileHandle.standardOutput.write(Data("TICKETD UNKNOWN - \(line)\n".utf8))
        Foundation.exit(Int32(HealthStatus.unknown.rawValue))
    }
}
