import ArgumentParser
import DeskConfiguration
import Foundation
import Storage
import TicketCore
import TicketdApp

struct Failures: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "failures",
        abstract: "Mail that could not be processed (kept in quarantine): list it, or process it again.",
        subcommands: [List.self, Retry.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list")
        @OptionGroup var options: ConfigOption
        @Flag(help: "JSON instead of text.") var json = false

        func run() throws {
            let config = try options.load(resolveSecrets: false)
            do {
                let failures = try Backend.open(config).failures()
                print(json ? FailureCommands.listJSON(failures).serialized(pretty: true) + "\n" : FailureCommands.listText(failures), terminator: "")
            } catch {
                fail(error)
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "retry")
        @OptionGroup var options: ConfigOption
        @Argument(help: "Failure ids (see `ticketd failures list`).") var ids: [Int64] = []
        @Flag(help: "Every failure not retried yet.") var all = false

        func validate() throws {
            if ids.isEmpty == !all { throw ValidationError("give failure ids or --all") }
        }

        func run() async throws {
            let config = try options.load(resolveSecrets: false)
            let results: [(id: Int64, outcome: String)]
            do {
                results = try await FailureCommands.retry(config: config, ids: all ? nil : ids)
            } catch {
                fail(error)
            }
            for result in results { print("#\(result.id): \(result.outcome)") }
            if results.contains(where: { $0.outcome.hasPrefix("failed again") || $0.outcome.hasPrefix("refused again") }) {
                throw ExitCode(ExitStatus.temporaryFailure)
            }
        }
    }
}
