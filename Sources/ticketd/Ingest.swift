import ArgumentParser
import DeskConfiguration
import Foundation
import Intake
import MailTransport
import Outbox
import TicketdApp

struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Take in mail from standard input (an MTA pipe), a file, an mbox or a Maildir.",
        discussion: """
            Messages go through the same pipeline as those fetched over IMAP, with the same \
            exactly-once rule: a message already stored (same Message-ID, or same bytes) is \
            not taken in again. From standard input, a temporary failure exits 75 \
            (EX_TEMPFAIL), so that the MTA keeps the message and tries again.
            """
    )

    @OptionGroup var options: ConfigOption

    @Argument(help: "A message file, an mbox file, a Maildir or a folder of message files; - (the default) reads one message from standard input.")
    var source = "-"

    @Option(help: "The mailbox the mail counts as arriving in (default: the first support mailbox).")
    var mailbox: String?

    @Flag(help: "Leave the replies in the outbox for the worker to send.")
    var noSend = false

    func run() async throws {
        let invocation = Invocation(config: options.config, source: source, mailbox: mailbox, noSend: noSend)
        guard let target = invocation.target() else {
            // A config mistake (an MTA's alias names the mailbox): EX_CONFIG, which an MTA
            // takes as temporary, rather than a usage error's bounce (outsider review).
            let config = try options.load(resolveSecrets: false)
            let known = config.mailboxes.map(\.name).joined(separator: ", ")
            fail(ValidationError("--mailbox: no mailbox named \(mailbox ?? "") in \(options.path); there are \(known)"), status: ExitStatus.config)
        }
        await Self.ingest(invocation, into: target)
    }

    /// What `ingest` was asked to do.
    struct Invocation: Equatable {
        var config: String?
        var source = "-"
        var mailbox: String?
        var noSend = false

        /// The config, with the SMTP password when replies are sent, and the mailbox the
        /// mail counts as arriving in; nil when there is no such mailbox. Without making a
        /// `ConfigOption`, whose property wrapper sets ArgumentParser's machinery up.
        func target() -> (config: TicketdConfig, mailbox: TicketdConfig.Mailbox)? {
            let path = ConfigOption.path(self.config)
            // Sending needs the SMTP password only; read secrets only when it is used.
            var config = ConfigOption.load(path: path, resolveSecrets: false)
            if !noSend, config.smtp.endpoint.user != nil { config = ConfigOption.load(path: path) }
            return IngestCommand.mailbox(named: mailbox, in: config).map { (config, $0) }
        }

        /// The arguments an MTA gives (`ingest [-] [--config FILE] [--mailbox NAME]
        /// [--no-send]`, each at most once), read by hand: ArgumentParser's reading of the
        /// command tree was a fifth of the work of a process that takes in one mail. Nil
        /// for anything else, which ArgumentParser reads (and explains when it is wrong).
        static func fromMTA(_ arguments: [String]) -> Invocation? {
            guard arguments.first == "ingest" else { return nil }
            var invocation = Invocation()
            var seen: Set<String> = []
            var rest = arguments.dropFirst()
            while let argument = rest.popFirst() {
                let (name, inlineValue) = argument.hasPrefix("--") && argument.contains("=")
                    ? (String(argument.prefix { $0 != "=" }), Optional(String(argument.drop { $0 != "=" }.dropFirst())))
                    : (argument, nil)
                guard seen.insert(name).inserted else { return nil }
                switch name {
                case "-": break
                case "--no-send" where inlineValue == nil: invocation.noSend = true
                case "--config", "--mailbox":
                    guard let value = inlineValue ?? rest.popFirst(), !value.isEmpty, !value.hasPrefix("-") else { return nil }
                    if name == "--config" { invocation.config = value } else { invocation.mailbox = value }
                default: return nil
                }
            }
            return invocation
        }
    }

    /// Takes in the mail and prints what became of it; exits on an error.
    static func ingest(_ invocation: Invocation, into target: (config: TicketdConfig, mailbox: TicketdConfig.Mailbox)) async {
        let (config, target) = target
        let source = invocation.source
        let logger = makeLogger(level: config.logLevel)
        let fromStandardInput = source == "-"
        let report: IngestReport
        do {
            let mail = try MailSource.open(source)
            let bar = ProgressBar(total: mail.count, enabled: isatty(STDOUT_FILENO) == 1 && mail.count > 1)
            report = try await IngestCommand.run(
                config: config, source: mail, mailbox: target, send: !invocation.noSend, logger: logger, progress: { bar.update($0) }
            )
            bar.finish()
        } catch {
            // Nothing was committed for the message in hand: the MTA must keep it.
            if fromStandardInput, !(error is InputError) { fail(error, status: ExitStatus.temporaryFailure) }
            fail(error, status: Backend.isTransient(error) ? ExitStatus.temporaryFailure : ExitStatus.of(error))
        }
        print(IngestCommand.summary(report))
        if let error = report.replies.error {
            FileHandle.standardError.write(Data("ticketd: the outbox could not be sent (\(error)); the worker will send it\n".utf8))
        } else if report.replies.deferred > 0 {
            FileHandle.standardError.write(Data("ticketd: \(report.replies.deferred) repl(ies) could not be sent yet and stay in the outbox\n".utf8))
        }
    }
}

/// `count/total  rate  ETA` on one line of a terminal, redrawn at most ten times a second.
final class ProgressBar: @unchecked Sendable {
    private let total: Int
    private let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private let lock = NSLock()

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    func update(_ done: Int) {
        guard enabled else { return }
        lock.withLock {
            let now = Date()
            guard now.timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
            lastDraw = now
            let elapsed = max(now.timeIntervalSince(start), 0.001)
            let rate = Double(done) / elapsed
            let eta = rate > 0 ? Int((Double(total - done) / rate).rounded()) : 0
            let width = 30
            let filled = total > 0 ? width * done / total : width
            let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
            let line = "\r[\(bar)] \(done)/\(total)  \(Int(rate.rounded())) msg/s  ETA " + String(format: "%d:%02d ", eta / 60, eta % 60)
            FileHandle.standardOutput.write(Data(line.utf8))
        }
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
