import ArgumentParser
import DeskConfiguration
import Foundation
import TicketCore
import TicketdApp

struct Mail: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "The mail taken in: what became of each, and the automatic mail kept without a ticket.",
        subcommands: [List.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List incoming mail, oldest first, with the ticket it opened or joined.",
            discussion: """
                With --screened, only the automatic mail that opened no ticket, with its reason: \
                auto-replies (filed on their ticket), delivery reports, our own mail looped back, \
                and automatic mail of mailboxes with automatic_mail = "screen". Mail of the \
                security mailboxes shows only with --mailbox.
                """
        )
        @OptionGroup var options: ConfigOption
        @Flag(help: "Only automatic mail that opened no ticket.") var screened = false
        @Option(help: "Only mail taken in from this time on (2026-12-01 or 2026-12-01T08:00:00Z).") var since: String?
        @Option(help: "Only mail of this mailbox.") var mailbox: String?
        @Flag(help: "JSON instead of text.") var json = false

        func validate() throws {
            if let since, Self.date(since) == nil { throw ValidationError("--since: not a date or time: \(since)") }
        }

        static func date(_ text: String) -> Date? {
            ISOTime.parse(text) ?? ISOTime.parse(text + "T00:00:00Z")
        }

        func run() throws {
            let config = try options.load(resolveSecrets: false)
            do {
                let output = try MailViews.list(
                    in: Backend.open(config), config: config, since: since.flatMap(Self.date), screened: screened, mailbox: mailbox, json: json
                )
                print(output, terminator: "")
            } catch {
                fail(error)
            }
        }
    }
}
