import ArgumentParser
import Foundation
import Store
import TicketdApp

struct Tickets: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List tickets or show one with its thread.",
        subcommands: [List.self, Show.self]
    )

    struct List: ParsableCommand {
        @OptionGroup var options: ConfigOption
        @Flag(help: "JSON instead of a table.") var json = false
        @Option(help: "Only this support unit's tickets. Security tickets show only with --unit Security.") var unit: String?

        func run() throws {
            let config = try options.load(resolveSecrets: false)
            do {
                let tickets = TicketViews.visible(try TicketStore.open(path: config.service.database).tickets(), unit: unit, config: config)
                print(json ? TicketViews.listJSON(tickets).serialized(pretty: true) : TicketViews.listText(tickets), terminator: json ? "\n" : "")
            } catch {
                fail(error)
            }
        }
    }

    struct Show: ParsableCommand {
        @OptionGroup var options: ConfigOption
        @Flag(help: "JSON instead of text.") var json = false
        @Argument(help: "The ticket number.") var number: Int

        func run() throws {
            let config = try options.load(resolveSecrets: false)
            do {
                let store = try TicketStore.open(path: config.service.database)
                guard let ticket = try store.ticket(number) else {
                    FileHandle.standardError.write(Data("ticketd: no ticket #\(number)\n".utf8))
                    throw ExitCode(ExitStatus.dataError)
                }
                let messages = try store.messages(ofTicket: number)
                let events = try store.events(ofTicket: number)
                let children = try store.children(of: number)
                print(
                    json
                        ? TicketViews.showJSON(ticket, messages: messages, events: events, children: children).serialized(pretty: true)
                        : TicketViews.showText(ticket, messages: messages, events: events, children: children),
                    terminator: json ? "\n" : ""
                )
            } catch let exit as ExitCode {
                throw exit
            } catch {
                fail(error)
            }
        }
    }
}
