public import Foundation
public import Storage
public import TicketCore
public import WorkingTime

/// `ticketd report releases`: each release with its day, scope, whether it was announced
/// in time, its tests, its deployment and its review (the operations rules' "Review
/// Release": each release monitored for success or failure).
public struct ReleaseReport: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var ticket: Int
        public var version: String
        public var service: String?
        public var state: Release.State
        public var plannedFor: LocalDate?
        public var emergency: Bool
        public var scopeSize: Int
        public var announcedOn: LocalDate?
        /// Announced `noticeDays` before its day at least; nil when not announced, or an
        /// emergency release (which may be announced late).
        public var announcedInTime: Bool?
        public var presentedOn: LocalDate?
        public var testResults: [Bool]
        public var deployedOn: LocalDate?
        /// The review: nil before deployment, else open, answered or unanswered.
        public var review: String?
        public var reviewAnswers: Int
        public var succeeded: Bool?
    }

    public var from: LocalDate?
    public var to: LocalDate?
    public var generatedAt: Date
    public var rows: [Row]

    /// The releases planned from `from` to `to` (days included; a release without a day
    /// only when neither is given), as the office calendar reads their instants.
    public static func build(
        in source: any SLAReportSource, from: LocalDate?, to: LocalDate?, now: Date, calendar: OfficeCalendar, noticeDays: Int
    ) throws -> ReleaseReport {
        let rows = try source.releaseTickets().compactMap { ticket -> Row? in
            guard let release = ticket.release else { return nil }
            let planned = release.plannedFor.map(calendar.localDate(of:))
            if from != nil || to != nil {
                guard let planned, from.map({ planned >= $0 }) ?? true, to.map({ planned <= $0 }) ?? true else { return nil }
            }
            let announced = release.announcedAt.map(calendar.localDate(of:))
            var inTime: Bool?
            if let announced, let planned, !release.emergency { inTime = announced <= planned.adding(days: -noticeDays) }
            let review: String? = ticket.review.map { $0.outcome?.rawValue ?? (now < $0.closesAt ? "open" : "closing") }
            return Row(
                ticket: ticket.number, version: release.version, service: ticket.service, state: release.state, plannedFor: planned,
                emergency: release.emergency, scopeSize: release.scope.count, announcedOn: announced, announcedInTime: inTime,
                presentedOn: release.presentAt.map(calendar.localDate(of:)), testResults: release.testResults,
                deployedOn: release.deployedAt.map(calendar.localDate(of:)), review: review, reviewAnswers: ticket.review?.answers.count ?? 0,
                succeeded: release.succeeded
            )
        }
        return ReleaseReport(from: from, to: to, generatedAt: now, rows: rows)
    }

    public func render(_ format: ReportFormat, timeZone: TimeZone) -> String {
        switch format {
        case .table: table(timeZone: timeZone)
        case .csv: csv()
        case .json: json(timeZone: timeZone)
        case .html: html(timeZone: timeZone)
        }
    }

    /// The columns, as each format names them and writes a row's values.
    static let columns = [
        "ticket", "version", "service", "state", "planned_for", "emergency", "scope", "announced_on", "announced_in_time", "presented_on",
        "tests", "deployed_on", "review", "review_answers", "outcome",
    ]

    /// A row's values as text, "-" where there is none.
    public static func cells(_ row: Row) -> [String] {
        [
            "#\(row.ticket)", row.version, row.service ?? "-", row.state.rawValue, row.plannedFor.map(\.description) ?? "-",
            row.emergency ? "yes" : "no", "\(row.scopeSize)", row.announcedOn.map(\.description) ?? "-",
            row.emergency && row.announcedOn != nil ? "emergency" : row.announcedInTime.map { $0 ? "yes" : "no" } ?? "-",
            row.presentedOn.map(\.description) ?? "-", tests(row.testResults), row.deployedOn.map(\.description) ?? "-",
            row.review.map { "\($0)" } ?? "-", "\(row.reviewAnswers)", row.succeeded.map { $0 ? "success" : "failure" } ?? "-",
        ]
    }

    static func tests(_ results: [Bool]) -> String {
        results.isEmpty ? "-" : results.map { $0 ? "passed" : "failed" }.joined(separator: ", ")
    }

    var title: String {
        let range = switch (from, to) {
        case let (from?, to?): "planned from \(from) to \(to)"
        case let (from?, nil): "planned from \(from)"
        case let (nil, to?): "planned until \(to)"
        case (nil, nil): "all"
        }
        return "Releases, \(range)"
    }

    // MARK: - Formats

    public func table(timeZone: TimeZone) -> String {
        var lines = ["\(title) (generated \(SLAReport.iso(generatedAt, timeZone)))", ""]
        guard !rows.isEmpty else { return (lines + ["No releases."]).joined(separator: "\n") + "\n" }
        let header = ["TICKET", "VERSION", "STATE", "PLANNED", "SCOPE", "ANNOUNCED", "IN TIME", "TESTS", "DEPLOYED", "REVIEW", "OUTCOME"]
        let body = rows.map { row -> [String] in
            let cells = Self.cells(row)
            return [cells[0], cells[1], cells[3], cells[4], cells[6], cells[7], cells[8], cells[10], cells[11],
                    row.review.map { "\($0) (\(row.reviewAnswers))" } ?? "-", cells[14]]
        }
        let widths = header.indices.map { column in ([header] + body).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        lines.append(line(header))
        lines.append(String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1)))
        lines += body.map(line)
        let deployed = rows.filter { $0.deployedOn != nil }
        lines.append("")
        lines.append(
            "\(rows.count) release(s): \(rows.filter { $0.announcedInTime == true }.count) announced in time, "
                + "\(rows.filter { $0.announcedInTime == false }.count) late, \(rows.filter(\.emergency).count) emergency; "
                + "\(deployed.count) deployed, \(rows.filter { $0.review == "answered" }.count) review(s) answered"
        )
        return lines.joined(separator: "\n") + "\n"
    }

    public func csv() -> String {
        var text = Self.columns.joined(separator: ",") + "\n"
        for row in rows {
            var cells = Self.cells(row)
            cells[0] = "\(row.ticket)"
            text += cells.map(SLAReport.csvField).joined(separator: ",") + "\n"
        }
        return text
    }

    /// Stable for scripts: keys in a fixed order, absent values null.
    public func json(timeZone: TimeZone) -> String {
        let string: (String?) -> String = { $0.map(JSONText.quote) ?? "null" }
        let flag: (Bool?) -> String = { $0.map { $0 ? "true" : "false" } ?? "null" }
        var text = "{\n"
        text += "  \"from\": \(string(from?.description)),\n  \"to\": \(string(to?.description)),\n"
        text += "  \"generated_at\": \(string(SLAReport.iso(generatedAt, timeZone))),\n  \"releases\": [\n"
        text += rows.map { row in
            "    {\"ticket\": \(row.ticket), \"version\": \(string(row.version)), \"service\": \(string(row.service)), "
                + "\"state\": \(string(row.state.rawValue)), \"planned_for\": \(string(row.plannedFor?.description)), "
                + "\"emergency\": \(flag(row.emergency)), \"scope\": \(row.scopeSize), \"announced_on\": \(string(row.announcedOn?.description)), "
                + "\"announced_in_time\": \(flag(row.announcedInTime)), \"presented_on\": \(string(row.presentedOn?.description)), "
                + "\"tests\": [\(row.testResults.map { $0 ? "\"passed\"" : "\"failed\"" }.joined(separator: ", "))], "
                + "\"deployed_on\": \(string(row.deployedOn?.description)), \"review\": \(string(row.review)), "
                + "\"review_answers\": \(row.reviewAnswers), \"succeeded\": \(flag(row.succeeded))}"
        }.joined(separator: ",\n")
        text += rows.isEmpty ? "  ]\n" : "\n  ]\n"
        return text + "}\n"
    }

    /// One page, no scripts and no external files.
    public func html(timeZone: TimeZone) -> String {
        let escape = SLAReport.htmlEscape
        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>\(escape(title))</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
        table { border-collapse: collapse; margin: 1em 0; }
        th, td { padding: 4px 10px; border-bottom: 1px solid #ddd; text-align: left; }
        td.late { color: #c62828; }
        </style>
        </head>
        <body>
        <h1>\(escape(title))</h1>
        <p>Generated \(escape(SLAReport.iso(generatedAt, timeZone))).</p>

        """
        if rows.isEmpty { return html + "<p>No releases.</p>\n</body>\n</html>\n" }
        html += "<table>\n<tr>" + ["Ticket", "Version", "Service", "State", "Planned", "Emergency", "Scope", "Announced", "In time", "Board",
                                   "Tests", "Deployed", "Review", "Answers", "Outcome"].map { "<th>\($0)</th>" }.joined() + "</tr>\n"
        for row in rows {
            let cells = Self.cells(row).enumerated().map { index, cell in
                index == 8 && row.announcedInTime == false ? "<td class=\"late\">\(escape(cell))</td>" : "<td>\(escape(cell))</td>"
            }
            html += "<tr>" + cells.joined() + "</tr>\n"
        }
        return html + "</table>\n</body>\n</html>\n"
    }
}
