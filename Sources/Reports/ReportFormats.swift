public import Foundation
import TicketCore

/// The output formats of `ticketd report sla`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case table, csv, json, html
}

extension SLAReport {
    public func render(_ format: ReportFormat, timeZone: TimeZone) -> String {
        switch format {
        case .table: table(timeZone: timeZone)
        case .csv: csv(timeZone: timeZone)
        case .json: json(timeZone: timeZone)
        case .html: html(timeZone: timeZone)
        }
    }

    // MARK: - Table

    /// Fits an 80-column terminal.
    public func table(timeZone: TimeZone) -> String {
        var lines = ["SLA response report, \(period(timeZone)) (generated \(Self.iso(generatedAt, timeZone)))", ""]
        let header = pad("UNIT", 14) + pad("PRIORITY", 14) + lpad("TICKETS", 8) + lpad("MET", 7) + lpad("BREACHED", 9)
            + lpad("MET %", 7) + lpad("MEDIAN h", 9) + lpad("P90 h", 8)
        lines.append(header)
        lines.append(String(repeating: "-", count: header.count))
        for row in rows {
            lines.append(
                pad(row.unit, 14) + pad(row.priority.ggusName, 14) + lpad("\(row.tickets)", 8) + lpad("\(row.met)", 7)
                    + lpad("\(row.breached)", 9) + lpad(Self.number(row.percentMet, 1), 7) + lpad(Self.number(row.medianHours, 1), 9)
                    + lpad(Self.number(row.p90Hours, 1), 8)
            )
        }
        let totals = totals
        lines.append(String(repeating: "-", count: header.count))
        lines.append(pad("all", 28) + lpad("\(totals.tickets)", 8) + lpad("\(totals.met)", 7) + lpad("\(totals.breached)", 9))
        lines.append("")
        if breaches.isEmpty {
            lines.append("No breaches.")
        } else {
            lines.append("Breaches (\(breaches.count)):")
            lines.append(pad("TICKET", 8) + pad("UNIT", 14) + pad("PRIORITY", 14) + lpad("TARGET h", 9) + lpad("ACTUAL h", 9) + "  BREACHED AT")
            lines += Self.inParallel(breaches, timeZone) { slice, offsets in
                // Appended in place: joining the pieces with `+` built each line four times.
                var part = ""
                part.reserveCapacity(slice.count * 160)
                for breach in slice {
                    if !part.isEmpty { part += "\n" }
                    append("#\(breach.ticket)", 8, to: &part)
                    append(breach.unit, 14, to: &part)
                    append(breach.priority.ggusName, 14, to: &part)
                    append(Self.number(breach.targetHours, 1), rightAlignedIn: 9, to: &part)
                    append(Self.number(breach.actualHours, 1), rightAlignedIn: 9, to: &part)
                    part += "  "
                    part += offsets.iso(breach.breachedAt)
                    part += "\n        "
                    part += breach.subject.map { $0.utf8.count <= 70 ? $0 : String($0.prefix(70)) } ?? "(security ticket)"
                }
                return part
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - CSV

    /// RFC 4180: the summary, a blank line, then the breaches, each with a header row.
    public func csv(timeZone: TimeZone) -> String {
        var lines = ["unit,priority,ggus_priority,tickets,met,breached,running,percent_met,median_hours,p90_hours"]
        for row in rows {
            lines.append([
                Self.csvField(row.unit), row.priority.name, row.priority.ggusName, "\(row.tickets)", "\(row.met)", "\(row.breached)",
                "\(row.running)", Self.number(row.percentMet, 2, empty: ""), Self.number(row.medianHours, 2, empty: ""),
                Self.number(row.p90Hours, 2, empty: ""),
            ].joined(separator: ","))
        }
        lines.append("")
        lines.append("ticket,unit,priority,subject,target_hours,actual_hours,breached_at")
        lines += Self.inParallel(breaches, timeZone) { slice, offsets in
            slice.map { breach in
                [
                    "\(breach.ticket)", Self.csvField(breach.unit), breach.priority.name, Self.csvField(breach.subject ?? ""),
                    Self.number(breach.targetHours, 2), Self.number(breach.actualHours, 2), offsets.iso(breach.breachedAt),
                ].joined(separator: ",")
            }.joined(separator: "\r\n")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func csvField(_ text: String) -> String {
        // Quote what needs it, and defuse spreadsheet formulas in free text.
        // Byte checks: a report has a million fields, and Character iteration is slow.
        var value = text
        if let first = value.utf8.first, first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: "@") {
            value = "'" + value
        }
        guard value.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: - JSON

    /// Stable for scripts: keys in a fixed order, numbers rounded to two decimals.
    public func json(timeZone: TimeZone) -> String {
        let number: @Sendable (Double?) -> String = { value in value.map { Self.number($0, 2) } ?? "null" }
        let string: @Sendable (String?) -> String = { value in value.map(JSONText.quote) ?? "null" }
        var text = "{\n"
        text += "  \"from\": \(string(filter.from.map { Self.iso($0, timeZone) })),\n"
        text += "  \"to\": \(string(filter.to.map { Self.iso($0, timeZone) })),\n"
        text += "  \"unit\": \(string(filter.unit)),\n"
        text += "  \"priority\": \(filter.priority.map { "\($0.rawValue)" } ?? "null"),\n"
        text += "  \"generated_at\": \(string(Self.iso(generatedAt, timeZone))),\n"
        text += "  \"rows\": [\n"
        text += rows.map { row in
            "    {\"unit\": \(string(row.unit)), \"priority\": \(row.priority.rawValue), \"priority_name\": \(string(row.priority.name)), "
                + "\"ggus_priority\": \(string(row.priority.ggusName)), \"tickets\": \(row.tickets), \"met\": \(row.met), "
                + "\"breached\": \(row.breached), \"running\": \(row.running), \"percent_met\": \(number(row.percentMet)), "
                + "\"median_hours\": \(number(row.medianHours)), \"p90_hours\": \(number(row.p90Hours))}"
        }.joined(separator: ",\n")
        text += rows.isEmpty ? "  ],\n" : "\n  ],\n"
        text += "  \"breaches\": [\n"
        text += Self.inParallel(breaches, timeZone) { slice, offsets in
            slice.map { breach in
                "    {\"ticket\": \(breach.ticket), \"unit\": \(string(breach.unit)), \"priority\": \(breach.priority.rawValue), "
                    + "\"subject\": \(string(breach.subject)), \"target_hours\": \(number(breach.targetHours)), "
                    + "\"actual_hours\": \(number(breach.actualHours)), \"breached_at\": \(string(offsets.iso(breach.breachedAt)))}"
            }.joined(separator: ",\n")
        }.joined(separator: ",\n")
        text += breaches.isEmpty ? "  ]\n" : "\n  ]\n"
        return text + "}\n"
    }

    // MARK: - HTML

    /// Met and breached per unit and priority as an SVG bar chart, styled by the classes
    /// `met` and `breached` (the report's own page and the web dashboard's).
    public func chartSVG() -> String {
        let escape = Self.htmlEscape
        let barHeight = 22, gap = 10, labelWidth = 230, chartWidth = 440
        let maximum = max(rows.map { $0.met + $0.breached }.max() ?? 0, 1)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + chartWidth + 60)\" height=\"\(rows.count * (barHeight + gap) + 40)\" role=\"img\" aria-label=\"Met and breached response targets per unit and priority\">\n"
        for (index, row) in rows.enumerated() {
            let y = index * (barHeight + gap) + 10
            let metWidth = row.met * chartWidth / maximum
            let breachedWidth = row.breached * chartWidth / maximum
            svg += "  <text x=\"\(labelWidth - 8)\" y=\"\(y + 16)\" text-anchor=\"end\">\(escape(row.unit)) · \(escape(row.priority.ggusName))</text>\n"
            svg += "  <rect x=\"\(labelWidth)\" y=\"\(y)\" width=\"\(metWidth)\" height=\"\(barHeight)\" class=\"met\"><title>\(row.met) met</title></rect>\n"
            svg += "  <rect x=\"\(labelWidth + metWidth)\" y=\"\(y)\" width=\"\(breachedWidth)\" height=\"\(barHeight)\" class=\"breached\"><title>\(row.breached) breached</title></rect>\n"
            svg += "  <text x=\"\(labelWidth + metWidth + breachedWidth + 6)\" y=\"\(y + 16)\">\(row.met) / \(row.breached)</text>\n"
        }
        let legendY = rows.count * (barHeight + gap) + 22
        svg += "  <rect x=\"\(labelWidth)\" y=\"\(legendY)\" width=\"12\" height=\"12\" class=\"met\"/><text x=\"\(labelWidth + 18)\" y=\"\(legendY + 11)\">met</text>\n"
        svg += "  <rect x=\"\(labelWidth + 70)\" y=\"\(legendY)\" width=\"12\" height=\"12\" class=\"breached\"/><text x=\"\(labelWidth + 88)\" y=\"\(legendY + 11)\">breached</text>\n"
        svg += "</svg>"
        return svg
    }

    /// One self-contained page: an SVG bar chart of met and breached per unit and
    /// priority, the summary table and the breach list. No scripts, no external files.
    public func html(timeZone: TimeZone) -> String {
        let escape = Self.htmlEscape
        let svg = chartSVG()

        var html = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>SLA response report, \(escape(period(timeZone)))</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
        table { border-collapse: collapse; margin: 1em 0; }
        th, td { padding: 4px 10px; border-bottom: 1px solid #ddd; text-align: left; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        svg text { font-size: 13px; fill: #222; }
        .met { fill: #2e7d32; }
        .breached { fill: #c62828; }
        </style>
        </head>
        <body>
        <h1>SLA response report</h1>
        <p>\(escape(period(timeZone))); generated \(escape(Self.iso(generatedAt, timeZone))).</p>
        \(svg)
        <table>
        <tr><th>Unit</th><th>Priority</th><th>Tickets</th><th>Met</th><th>Breached</th><th>Running</th><th>Met %</th><th>Median h</th><th>P90 h</th></tr>

        """
        for row in rows {
            html += "<tr><td>\(escape(row.unit))</td><td>\(escape(row.priority.ggusName))</td><td class=\"n\">\(row.tickets)</td><td class=\"n\">\(row.met)</td><td class=\"n\">\(row.breached)</td><td class=\"n\">\(row.running)</td><td class=\"n\">\(Self.number(row.percentMet, 1))</td><td class=\"n\">\(Self.number(row.medianHours, 1))</td><td class=\"n\">\(Self.number(row.p90Hours, 1))</td></tr>\n"
        }
        html += "</table>\n<h2>Breaches (\(breaches.count))</h2>\n"
        if breaches.isEmpty {
            html += "<p>No breaches.</p>\n"
        } else {
            html += "<table>\n<tr><th>Ticket</th><th>Unit</th><th>Priority</th><th>Subject</th><th>Target h</th><th>Actual h</th><th>Breached at</th></tr>\n"
            html += Self.inParallel(breaches, timeZone) { slice, offsets in
                var part = ""
                for breach in slice {
                    part += "<tr><td>#\(breach.ticket)</td><td>\(escape(breach.unit))</td><td>\(escape(breach.priority.ggusName))</td><td>\(escape(breach.subject ?? "(security ticket)"))</td><td class=\"n\">\(Self.number(breach.targetHours, 1))</td><td class=\"n\">\(Self.number(breach.actualHours, 1))</td><td>\(escape(offsets.iso(breach.breachedAt)))</td></tr>\n"
                }
                return part
            }.joined()
            html += "</table>\n"
        }
        return html + "</body>\n</html>\n"
    }

    // MARK: - Helpers

    /// Renders the breaches in chunks on all cores (there can be hundreds of thousands),
    /// in order; each chunk gets its own zone offset cache.
    static func inParallel(
        _ breaches: [Breach], _ zone: TimeZone, _ render: @Sendable (ArraySlice<Breach>, ZoneOffsets) -> String
    ) -> [String] {
        let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 2, breaches.count / 20_000))
        let ranges = (0..<chunks).map { chunk in
            breaches.count * chunk / chunks..<breaches.count * (chunk + 1) / chunks
        }
        return ranges.concurrentMap { range in render(breaches[range], ZoneOffsets(zone)) }
    }

    /// `&`, `<`, `>` and `"` as entities; text without them is returned as it is (a
    /// report escapes a million fields).
    static func htmlEscape(_ text: String) -> String {
        let special: (UInt8) -> Bool = { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }
        guard text.utf8.contains(where: special) else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            default: output.unicodeScalars.append(character)
            }
        }
        return output
    }

    /// "from … to …, unit …", as the report's title says it.
    public func periodDescription(_ zone: TimeZone) -> String { period(zone) }

    private func period(_ zone: TimeZone) -> String {
        let range = switch (filter.from, filter.to) {
        case let (from?, to?): "from \(Self.iso(from, zone)) to \(Self.iso(to, zone))"
        case let (from?, nil): "from \(Self.iso(from, zone))"
        case let (nil, to?): "until \(Self.iso(to, zone))"
        case (nil, nil): "all time"
        }
        return range + (filter.unit.map { ", unit \($0)" } ?? "") + (filter.priority.map { ", priority \($0.name)" } ?? "")
    }

    static func iso(_ date: Date, _ zone: TimeZone) -> String {
        MessageDate(instant: date, offsetSeconds: zone.secondsFromGMT(for: date)).iso8601
    }

    /// Fixed-point, rounded half away from zero; no format string (it is slow at scale).
    static func number(_ value: Double?, _ decimals: Int, empty: String = "-") -> String {
        guard let value, value.isFinite else { return empty }
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((abs(value) * Double(scale)).rounded())
        let whole = String(scaled / scale)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard decimals > 0 else { return sign + whole }
        let fraction = String(scaled % scale)
        return sign + whole + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    private func pad(_ text: String, _ width: Int) -> String {
        let count = Self.width(text)
        return count >= width ? String(text.prefix(width - 1)) + " " : text + Self.spaces(width - count)
    }

    /// `pad(text, width)`, appended to `line`.
    private func append(_ text: String, _ width: Int, to line: inout String) {
        let count = Self.width(text)
        if count >= width {
            line += text.prefix(width - 1)
            line += " "
        } else {
            line += text
            line += Self.spaces(width - count)
        }
    }

    /// `lpad(text, width)`, appended to `line`.
    private func append(_ text: String, rightAlignedIn width: Int, to line: inout String) {
        let count = Self.width(text)
        if count < width { line += Self.spaces(width - count) }
        line += text
    }

    private func lpad(_ text: String, _ width: Int) -> String {
        let count = Self.width(text)
        return count >= width ? text : Self.spaces(width - count) + text
    }

    /// Characters in `text`; bytes when it is ASCII, which is cheaper to tell than to count
    /// characters (a report pads a million fields).
    private static func width(_ text: String) -> Int {
        text.utf8.allSatisfy { $0 < 0x80 } ? text.utf8.count : text.count
    }

    private static let blanks = (0...80).map { String(repeating: " ", count: $0) }

    private static func spaces(_ count: Int) -> String {
        count < blanks.count ? blanks[count] : String(repeating: " ", count: count)
    }
}

/// The zone's UTC offset for dates that mostly come in order (breaches are sorted): asks
/// the zone again only past the next transition, not for each of a million dates.
final class ZoneOffsets {
    let zone: TimeZone
    private var valid: Range<Date>?
    private var offset = 0

    init(_ zone: TimeZone) {
        self.zone = zone
    }

    func iso(_ date: Date) -> String {
        MessageDate(instant: date, offsetSeconds: offset(for: date)).iso8601
    }

    func offset(for date: Date) -> Int {
        if let valid, valid.contains(date) { return offset }
        offset = zone.secondsFromGMT(for: date)
        valid = date..<(zone.nextDaylightSavingTimeTransition(after: date) ?? .distantFuture)
        return offset
    }
}
