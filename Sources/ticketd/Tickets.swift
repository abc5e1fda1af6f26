import ArgumentParser
import Configuration
import Foundation
import Store
import TicketdApp
import Workflow
import WorkingTime

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
                let store = try TicketStore.open(path: config.service.database)
                let tickets = TicketViews.visible(try store.tickets(), unit: unit, config: config)
                let text = json
                    ? TicketViews.listJSON(tickets).serialized(pretty: true) + "\n"
                    : TicketViews.listText(tickets, responseClocks: try store.latestResponseClocks(), timeZone: config.sla.calendar.timeZone)
                print(text, terminator: "")
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
                let clocks = try store.clocks(ofTicket: number)
                let zone = config.sla.calendar.timeZone
                print(
                    json
                        ? TicketViews.showJSON(ticket, messages: messages, events: events, children: children, clocks: clocks, timeZone: zone)
                            .serialized(pretty: true)
                        : TicketViews.showText(ticket, messages: messages, events: events, children: children, clocks: clocks, timeZone: zone),
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
