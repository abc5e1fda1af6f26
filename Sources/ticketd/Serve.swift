import ArgumentParser
import DeskConfiguration
import Foundation
import TicketdApp

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the web server: the dashboard, the JSON API, /metrics and /healthz.",
        discussion: """
            Listens where [web] listen says (127.0.0.1:8080 by default), beside a worker that \
            runs on the same database (`ticketd run`), or in its process (`ticketd run --serve`). \
            Stops on SIGTERM and SIGINT.
            """
    )

    @OptionGroup var options: ConfigOption

    func run() async throws {
        let config = try options.load(resolveSecrets: false)
        let logger = makeLogger(level: config.logLevel)
        do {
            try await runWebServer(config: config, logger: logger)
        } catch {
            fail(error)
        }
    }
}
