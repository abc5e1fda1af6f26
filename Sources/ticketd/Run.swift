import ArgumentParser
import Foundation
import TicketdApp

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the worker: poll the mailboxes, process mail, send replies.")

    @OptionGroup var options: ConfigOption

    @Flag(help: "Process what is there now, send the replies, and exit.")
    var once = false

    func run() async throws {
        let config = try options.load()
        let logger = makeLogger(level: config.logLevel)
        let report: CycleReport?
        do {
            report = try await runWorker(config: config, once: once, logger: logger)
        } catch {
            fail(error)
        }
        guard once, let report else { return }
        print("processed \(report.outcomes.count) message(s); replies sent \(report.repliesSent), deferred \(report.repliesDeferred), failed \(report.repliesFailed)")
        if let failure = report.failures.first {
            FileHandle.standardError.write(Data("ticketd: mailbox \(failure.mailbox): \(failure.error)\n".utf8))
            throw ExitCode(ExitStatus.of(failure.error))
        }
        if let error = report.outboxError { fail(error) }
        if report.repliesDeferred > 0 {
            // The mail is processed; its replies wait in the outbox for the next run.
            FileHandle.standardError.write(Data("ticketd: \(report.repliesDeferred) repl(ies) could not be sent yet and stay in the outbox\n".utf8))
            throw ExitCode(ExitStatus.temporaryFailure)
        }
    }
}
