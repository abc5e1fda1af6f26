import ArgumentParser
import DeskConfiguration
import Foundation
import Reports
import Storage
import TicketCore
import TicketdApp
import Workflow
import WorkingTime

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Reports for managers.", subcommands: [SLAReportCommand.self, ReleasesReportCommand.self])

    /// What every report takes: its format, where it goes, and the instant it is made as of.
    struct Output: ParsableArguments {
        @Option(help: "table, csv, json or html.") var format: String = "table"
        @Option(help: "Write to this file instead of standard output.") var output: String?
        @Option(help: ArgumentHelp("Report as of this instant (ISO 8601) instead of now.", visibility: .hidden)) var now: String?

        func validate() throws {
            guard ReportFormat(rawValue: format) != nil else { throw ValidationError("--format: use table, csv, json or html") }
            if let now, ISOTime.parse(now) == nil { throw ValidationError("--now: not an ISO 8601 instant with offset: \(now)") }
        }

        var reportFormat: ReportFormat { ReportFormat(rawValue: format) ?? .table }
        var instant: Date { now.flatMap(ISOTime.parse) ?? Date() }

        /// The report to the file `--output` names, or to standard output.
        func write(_ text: String) throws {
            if let output {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output))
            } else {
                print(text, terminator: "")
            }
        }
    }

    struct SLAReportCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sla",
            abstract: "Response targets met and breached, per unit and priority, and the list of breaches."
        )

        @OptionGroup var options: ConfigOption
        @Option(help: "First day (YYYY-MM-DD, in the office time zone) or instant (ISO 8601).") var from: String?
        @Option(help: "Last day, included (YYYY-MM-DD), or an instant.") var to: String?
        @Option(help: "Only this support unit.") var unit: String?
        @Option(help: "Only this priority (0-4, EGI or GGUS name).") var priority: String?
        @OptionGroup var report: Output

        func validate() throws {
            if let priority, Priority(parsing: priority) == nil { throw ValidationError("--priority: use 0-4, or an EGI or GGUS name") }
        }

        func run() throws {
            let config = try options.load(resolveSecrets: false)
            let zone = config.sla.calendar.timeZone
            var filter = SLAReport.Filter(unit: unit, priority: priority.flatMap(Priority.init(parsing:)))
            if let from {
                guard let date = ReportPeriod.start(from, zone: zone) else { throw ValidationError("--from: not a date (YYYY-MM-DD) or ISO 8601 instant: \(from)") }
                filter.from = date
            }
            if let to {
                guard let date = ReportPeriod.end(to, zone: zone) else { throw ValidationError("--to: not a date (YYYY-MM-DD) or ISO 8601 instant: \(to)") }
                filter.to = date
            }
            do {
                let store = try Backend.open(config)
                let report = try SLAReport.build(
                    store: store, filter: filter, now: self.report.instant, calendar: config.sla.calendar
                )
                let text = report.render(self.report.reportFormat, timeZone: zone)
                try self.report.write(text)
            } catch {
                fail(error)
            }
        }
    }

    struct ReleasesReportCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "releases",
            abstract: "Releases with their day, scope, announcement in time, tests, deployment, review and outcome."
        )

        @OptionGroup var options: ConfigOption
        @Option(help: "Releases planned from this day (YYYY-MM-DD).") var from: String?
        @Option(help: "Releases planned until this day, included (YYYY-MM-DD).") var to: String?
        @OptionGroup var report: Output

        func validate() throws {
            if let from, LocalDate(parsing: from) == nil { throw ValidationError("--from: not a day (YYYY-MM-DD): \(from)") }
            if let to, LocalDate(parsing: to) == nil { throw ValidationError("--to: not a day (YYYY-MM-DD): \(to)") }
        }

        func run() throws {
            let config = try options.load(resolveSecrets: false)
            do {
                let store = try Backend.open(config)
                let report = try store.readingReportSource { source in
                    try ReleaseReport.build(
                        in: source, from: from.flatMap(LocalDate.init(parsing:)), to: to.flatMap(LocalDate.init(parsing:)),
                        now: self.report.instant, calendar: config.sla.calendar, noticeDays: config.workflow.releases.noticeDays
                    )
                }
                let text = report.render(self.report.reportFormat, timeZone: config.sla.calendar.timeZone)
                try self.report.write(text)
            } catch {
                fail(error)
            }
        }
    }
}
