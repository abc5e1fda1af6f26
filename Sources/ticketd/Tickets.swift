import ArgumentParser
import DeskConfiguration
import Foundation
import TicketdApp
import Workflow
import WorkingTime

struct Tickets: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickets",
        abstract: "List tickets or show one with its thread.",
        subcommands: [List.self, Show.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list")
        @OptionGroup var options: ConfigOption
        @Flag(help: "JSON instead of a table.") var json = false
        @Option(help: "Only this support unit's tickets. Security tickets show only with --unit Security.") var unit: String?

        func run() throws {
            let config = try options.load(resolveSecrets: false)
            do {
                print(try TicketViews.list(in: Backend.open(config), config: config, unit: unit, json: json), terminator: "")
            } catch {
                fail(error)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show")
        @OptionGroup var options: ConfigOption
        @Flag(help: "JSON instead of text.") var json = false
        @Argument(help: "The ticket number.") var number: Int

        func run() throws {
            let config = try options.load(resolveSecrets: false)
            do {
                guard let text = try TicketViews.show(in: Backend.open(config), config: config, number: number, json: json) else {
                    FileHandle.standardError.write(Data("ticketd: no ticket #\(number)\n".utf8))
                    throw ExitCode(ExitStatus.dataError)
                }
                print(text, terminator: "")
            } catch let exit as ExitCode {
                throw exit
            } catch {
                fail(error)
            }
        }
    }
}
