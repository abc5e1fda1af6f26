import ArgumentParser
import BuildInfo
import DeskConfiguration
import Etpan
import Foundation
import Logging
import TicketdApp

@main
enum Main {
    static func main() async {
        ProcessMemory.limitMallocArenas(to: 4)
        // An MTA runs `ticketd ingest` once per mail: its usual arguments skip
        // ArgumentParser (see `Ingest.Invocation.fromMTA`). A mailbox that does not exist
        // goes the usual way too, which says so the usual way.
        if let invocation = Ingest.Invocation.fromMTA(Array(CommandLine.arguments.dropFirst())), let target = invocation.target() {
            await Ingest.ingest(invocation, into: target)
            return
        }
        // A monitoring check or a package script asks for the version: ArgumentParser's
        // reading of the command tree was two thirds of that process.
        if CommandLine.arguments.dropFirst().elementsEqual(["--version"]) {
            print(BuildInfo.versionText)
            return
        }
        // A probe's bad option is UNKNOWN (exit 3) to Nagios, not a usage error (64).
        if CommandLine.arguments.dropFirst().first == "probe" {
            let arguments = Array(CommandLine.arguments.dropFirst(2))
            do {
                let probe = try Probe.parse(arguments)
                try await probe.run()
            } catch {
                if Probe.exitCode(for: error) == .success || error is ExitCode { Probe.exit(withError: error) }
                Probe.unknown(Probe.message(for: error))
            }
            return
        }
        await Ticketd.main()
    }
}

struct Ticketd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticketd",
        abstract: "Turns support and notification mail into tickets, and answers them.",
        version: BuildInfo.versionText,
        subcommands: [
            Run.self, Ingest.self, Inspect.self, Evaluate.self, Tickets.self, SLA.self, Report.self, Failures.self, Mail.self, Secret.self,
            CheckConfig.self, Backup.self, Probe.self, Serve.self, Users.self,
        ]
    )
}

/// `--config FILE`, shared by the commands that need one.
struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: "The TOML config file (default: $TICKETD_CONFIG, else /etc/ticketd/ticketd.toml).")
    var config: String?

    init() {}

    var path: String { Self.path(config) }

    static func path(_ config: String?) -> String {
        config ?? ProcessInfo.processInfo.environment["TICKETD_CONFIG"] ?? "/etc/ticketd/ticketd.toml"
    }

    /// Loads the config; on error prints it and exits 78 (EX_CONFIG). Every command that
    /// reads a config may write the desk's files: from here on, files are made for their
    /// owner only (umask 077).
    func load(resolveSecrets: Bool = true) throws -> TicketdConfig {
        Self.load(path: path, resolveSecrets: resolveSecrets)
    }

    /// The config at `path`; exits when it cannot be loaded.
    static func load(path: String, resolveSecrets: Bool = true) -> TicketdConfig {
        umask(0o077)
        do {
            return try ConfigLoader.load(path: path, resolveSecrets: resolveSecrets)
        } catch {
            fail(error)
        }
    }
}

/// Prints an error on stderr and exits with its sysexits code.
func fail(_ error: any Error, status: Int32? = nil) -> Never {
    FileHandle.standardError.write(Data("ticketd: \(error)\n".utf8))
    exit(status ?? ExitStatus.of(error))
}

/// Logs on stderr: for the journal when systemd connected it there, else with a timestamp.
func makeLogger(level: String) -> Logger {
    let journal = JournalLogHandler.stderrIsJournal()
    LoggingSystem.bootstrap { label in
        var handler: any LogHandler = journal ? JournalLogHandler() : StreamLogHandler.standardError(label: label)
        handler.logLevel = Logger.Level(rawValue: level) ?? .info
        return handler
    }
    return Logger(label: "ticketd")
}
