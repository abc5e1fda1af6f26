import ArgumentParser
import DeskConfiguration
import Foundation
import Storage
import TicketCore
import TicketdApp

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Parse mail files and print what ticketd sees, without storing anything.")

    @Flag(help: "One JSON object per file, one per line.")
    var json = false

    @Option(help: "A config file: adds the classification, and the ticket the mail would join.")
    var config: String?

    @Option(help: "The mailbox the mail arrived in (default: found from To/Cc, else support).")
    var mailbox: String?

    @Argument(help: "Mail files (.eml).")
    var files: [String]

    func run() throws {
        var loaded: TicketdConfig?
        var store: (any DeskQueries)?
        if let config {
            let config = ConfigOption.load(path: config, resolveSecrets: false)
            loaded = config
            if FileManager.default.fileExists(atPath: config.service.database) {
                do { store = try Backend.open(config) } catch { fail(error) }
            }
        }
        var status: Int32 = 0
        for file in files {
            do {
                let value = try Inspector.inspect(file: file, config: loaded, mailbox: mailbox, store: store)
                print(json ? value.serialized() : value.serialized(pretty: true))
            } catch {
                FileHandle.standardError.write(Data("ticketd: \(error)\n".utf8))
                status = ExitStatus.of(error)
            }
        }
        if status != 0 { throw ExitCode(status) }
    }
}
