import ArgumentParser
import DeskConfiguration
import Foundation
import TicketdApp
import Workflow

struct CheckConfig: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-config",
        abstract: "Check the config and every template; with --connect, log in to each mailbox and the SMTP server.",
        discussion: """
            Exits 0 when everything holds, else prints the first problem (with its key and \
            file, or the server and what it said) and exits with its sysexits code: 78 for \
            the config or a template, 77 for a refused login, 69 for a server not reached.
            """
    )

    @OptionGroup var options: ConfigOption

    @Flag(help: "Also log in to each IMAP mailbox (and select its folder) and to the SMTP server.")
    var connect = false

    func run() async throws {
        let config = try options.load()
        print("config \(options.path): \(config.mailboxes.count) mailbox(es), \(config.workflow.units.count) unit(s), \(config.workflow.rules.count) rule(s)")
        do {
            try await ConfigCheck.run(config: config, connect: connect) { print($0) }
        } catch {
            fail(error)
        }
    }
}
