import ArgumentParser
import DeskConfiguration
import Foundation
import Outbox
import TicketCore
import TicketdApp

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run the worker: poll the mailboxes, process mail, send replies.")

    @OptionGroup var options: ConfigOption

    @Flag(help: "Process what is there now, send the replies, and exit.")
    var once = false

    @Flag(help: "Also run the web server (as `ticketd serve`) in the same process.")
    var serve = false

    @Option(help: ArgumentHelp("Act as if the time were this instant (ISO 8601), then let it run on: for demos and what-if runs of the SLA scheduler.", visibility: .hidden))
    var now: String?

    func validate() throws {
        if once, serve { throw ValidationError("--serve runs on: it does not go with --once") }
        if let now, ISOTime.parse(now) == nil { throw ValidationError("--now: not an ISO 8601 instant with offset: \(now)") }
    }

    func run() async throws {
        let config = try options.load()
        let logger = makeLogger(level: config.logLevel)
        let report: CycleReport?
        do {
            let clock: @Sendable () -> Date
            if let now, let start = ISOTime.parse(now) {
                let offset = start.timeIntervalSinceNow
                clock = { Date().addingTimeInterval(offset) }
            } else {
                clock = { Date() }
            }
            report = try await runWorker(config: config, once: once, serve: serve, logger: logger, now: clock)
        } catch {
            fail(error)
        }
        guard once, let report else { return }
        print("processed \(report.outcomes.count) message(s); replies sent \(report.replies.sent), deferred \(report.replies.deferred), failed \(report.replies.failed)")
        if let failure = report.failures.first {
            FileHandle.standardError.write(Data("ticketd: mailbox \(failure.mailbox): \(failure.error)\n".utf8))
            throw ExitCode(ExitStatus.of(failure.error))
        }
        if let error = report.replies.error { fail(error) }
        if report.replies.deferred > 0 {
            // The mail is processed; its replies wait in the outbox for the next run.
            FileHandle.standardError.write(Data("ticketd: \(report.replies.deferred) repl(ies) could not be sent yet and stay in the outbox\n".utf8))
            throw ExitCode(ExitStatus.temporaryFailure)
        }
    }
}
