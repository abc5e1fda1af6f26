import ArgumentParser
import DeskConfiguration
import Foundation
import TicketdApp

struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write a consistent copy of the database to FILE, while the worker runs.",
        discussion: """
            SQLite's online backup: the worker goes on taking in mail meanwhile. The copy is \
            checked before it takes its name, is readable by its owner only, and an existing \
            FILE is never overwritten. To restore: stop the worker, copy FILE to the \
            database's path (removing its -wal and -shm files), and start it again.
            """
    )

    @OptionGroup var options: ConfigOption

    @Argument(help: "Where the copy goes; it must not exist yet.")
    var file: String

    func run() throws {
        let config = try options.load(resolveSecrets: false)
        do {
            let summary = try Backend.backup(config, to: file)
            print("backup \(file): \(summary.tickets) ticket(s), \(summary.bytes) bytes, checked")
        } catch {
            fail(error)
        }
    }
}
