import ArgumentParser
import DeskConfiguration
import Foundation
import TicketCore
import TicketdApp
import Workflow
import WorkingTime

struct SLA: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sla", abstract: "SLA clock answers.", subcommands: [Due.self]
    )

    struct Due: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "due", abstract: "When is a response due? Prints the warning and due instants of a clock started at --start.")

        @Option(help: "When the clock starts (ISO 8601 with offset, e.g. 2026-11-27T16:00:00+01:00).") var start: String
        @Option(help: "0-4, or an EGI or GGUS priority name.") var priority: String
        @Option(help: "Quality-of-support level: base, medium or advanced (default: the unit's, else medium).") var qos: String?
        @Option(help: "A support unit of the config, whose level applies.") var unit: String?
        @Option(help: "A config file for office hours, holidays and targets (default: Mon-Fri 09:00-17:00 UTC).") var config: String?
        @Option(help: "An IANA time zone for the office hours, overriding the config's.") var timezone: String?
        @Flag(help: "JSON: {\"start\",\"warn_at\",\"due\",\"target_working_minutes\"}.") var json = false

        func validate() throws {
            guard ISOTime.parse(start) != nil else { throw ValidationError("--start: not an ISO 8601 instant with offset: \(start)") }
            guard Priority(parsing: priority) != nil else { throw ValidationError("--priority: use 0-4, none, low, normal, high, immediate, or a GGUS name") }
            if let qos, QoSLevel(rawValue: qos.lowercased()) == nil { throw ValidationError("--qos: use base, medium or advanced") }
            if qos != nil, unit != nil { throw ValidationError("give --qos or --unit, not both") }
            if unit != nil, config == nil { throw ValidationError("--unit needs --config, where the units are") }
            if let timezone, TimeZone(identifier: timezone) == nil { throw ValidationError("--timezone: unknown IANA time zone \(timezone)") }
        }

        func run() throws {
            var sla = SLAConfig()
            var level = qos.flatMap { QoSLevel(rawValue: $0.lowercased()) } ?? .medium
            if let config {
                let loaded = ConfigOption.load(path: config, resolveSecrets: false)
                sla = loaded.sla
                if let unit {
                    guard let found = loaded.workflow.unit(named: unit) else {
                        throw ValidationError("--unit: no unit \(unit) in \(config) (units: \(loaded.workflow.units.map(\.name).joined(separator: ", ")))")
                    }
                    level = found.qos
                }
            }
            if let timezone, let zone = TimeZone(identifier: timezone) { sla.calendar = sla.calendar.with(timeZone: zone) }
            guard let startDate = ISOTime.parse(start), let priorityValue = Priority(parsing: priority),
                  let answer = DueAnswer.compute(start: startDate, priority: priorityValue, qos: level, sla: sla)
            else {
                FileHandle.standardError.write(Data("ticketd: no target or no office hours ahead for that clock\n".utf8))
                throw ExitCode(ExitStatus.dataError)
            }
            print(json ? answer.json.serialized() : answer.text, terminator: json ? "\n" : "")
        }
    }
}
