import Access
public import Foundation
public import Hummingbird
import HTTPTypes
import Logging
public import Reports
public import Storage
import TicketCore
import Workflow
public import WorkingTime

/// The SLA report (the `report sla` code, with its downloads) and the quarantine.
struct ReportAndQuarantinePages {
    let services: WebServer.Services
    var settings: WebServer.Settings { services.settings }

    /// Breaches listed on the page; the downloads have them all.
    static let breachesShown = 200

    func add(to router: Router<WebContext>) {
        router.get("/reports/sla") { request, context in try await slaReport(request, context: context) }
        router.get("/reports/releases") { request, context in try await releaseReport(request, context: context) }
        router.get("/quarantine") { request, context in try await services.threads.offloaded { try quarantine(request, context: context) } }
        router.post("/quarantine/:id/retry") { request, context in try await retry(request, context: context) }
    }

    /// The report's filter from the query: days in the office time zone, a unit, a priority.
    static func filter(_ query: [String: String], zone: TimeZone) -> (SLAReport.Filter, errors: [String]) {
        var filter = SLAReport.Filter()
        var errors: [String] = []
        if let from = query["from"], !from.isEmpty {
            if let date = ReportPeriod.start(from, zone: zone) { filter.from = date } else { errors.append("from: not a date (YYYY-MM-DD): \(from)") }
        }
        if let to = query["to"], !to.isEmpty {
            if let date = ReportPeriod.end(to, zone: zone) { filter.to = date } else { errors.append("to: not a date (YYYY-MM-DD): \(to)") }
        }
        if let unit = query["unit"], !unit.isEmpty { filter.unit = unit }
        if let priority = query["priority"], !priority.isEmpty {
            if let value = Priority(parsing: priority) { filter.priority = value } else { errors.append("priority: unknown: \(priority)") }
        }
        return (filter, errors)
    }

    func slaReport(_ request: Request, context: WebContext) async throws -> Response {
        let query = Forms.fields(request.uri.query ?? "")
        let zone = settings.timeZone
        let (filter, errors) = Self.filter(query, zone: zone)
        let report = try await services.slaReport(filter)
        if let format = query["format"].flatMap(ReportFormat.init(rawValue:)), format != .table {
            return Self.download(report.render(format, timeZone: zone), format: format, name: "sla-report")
        }
        let rows: [[String: Any]] = report.rows.map { row in
            [
                "unit": row.unit, "priority": row.priority.ggusName, "tickets": row.tickets, "met": row.met, "breached": row.breached,
                "running": row.running, "percentMet": row.percentMet.map { String(format: "%.1f", $0) } ?? "-", "median": row.medianHours.map { String(format: "%.1f", $0) } ?? "-",
                "p90": row.p90Hours.map { String(format: "%.1f", $0) } ?? "-",
            ]
        }
        let breaches: [[String: Any]] = report.breaches.prefix(Self.breachesShown).map { breach in
            [
                "ticket": breach.ticket, "unit": breach.unit, "priority": breach.priority.ggusName, "subject": breach.subject ?? "(security ticket)",
                "target": String(format: "%.1f", breach.targetHours), "actual": String(format: "%.1f", breach.actualHours),
                "at": ISOTime.format(breach.breachedAt, in: zone),
            ]
        }
        var pageQuery = query
        pageQuery["format"] = nil
        let base = pageQuery.sorted { $0.key < $1.key }.map { Forms.encode($0.key) + "=" + Forms.encode($0.value) }.joined(separator: "&")
        let totals = report.totals
        let values: [String: Any] = [
            "errors": errors, "hasErrors": !errors.isEmpty, "from": query["from"] ?? "", "to": query["to"] ?? "",
            "units": [["value": "", "label": "all units", "selected": (query["unit"] ?? "").isEmpty]]
                + settings.units.map { ["value": $0.name, "label": $0.name, "selected": $0.name == query["unit"]] },
            "priorities": [["value": "", "label": "all priorities", "selected": (query["priority"] ?? "").isEmpty]]
                + Priority.allCases.map { ["value": $0.name, "label": $0.ggusName, "selected": $0.name == query["priority"]] },
            "period": report.periodDescription(zone), "chart": report.chartSVG(), "rows": rows, "hasRows": !rows.isEmpty,
            "totalTickets": totals.tickets, "totalMet": totals.met, "totalBreached": totals.breached,
            "breaches": breaches, "breachCount": report.breaches.count, "moreBreaches": report.breaches.count > Self.breachesShown,
            "csv": "/reports/sla?" + (base.isEmpty ? "" : base + "&") + "format=csv",
            "json": "/reports/sla?" + (base.isEmpty ? "" : base + "&") + "format=json",
            "html": "/reports/sla?" + (base.isEmpty ? "" : base + "&") + "format=html",
        ]
        return services.pages.render("report", title: "SLA report", values: values, context: context, settings: settings)
    }

    /// The releases planned in a period, as `report releases` gives them, with downloads.
    func releaseReport(_ request: Request, context: WebContext) async throws -> Response {
        let query = Forms.fields(request.uri.query ?? "")
        var errors: [String] = []
        func day(_ name: String) -> LocalDate? {
            guard let text = query[name], !text.isEmpty else { return nil }
            guard let day = LocalDate(parsing: text) else {
                errors.append("\(name): not a date (YYYY-MM-DD): \(text)")
                return nil
            }
            return day
        }
        let (from, to) = (day("from"), day("to"))
        let report = try await services.releaseReport(from, to)
        let zone = settings.timeZone
        if let format = query["format"].flatMap(ReportFormat.init(rawValue:)), format != .table {
            return Self.download(report.render(format, timeZone: zone), format: format, name: "releases")
        }
        let rows: [[String: Any]] = report.rows.map { row in
            let cells = ReleaseReport.cells(row)
            return [
                "ticket": row.ticket, "version": row.version, "service": cells[2], "state": cells[3], "planned": cells[4], "scope": cells[6],
                "announced": cells[7], "inTime": cells[8], "late": row.announcedInTime == false, "board": cells[9], "tests": cells[10],
                "deployed": cells[11], "review": cells[12], "answers": cells[13], "outcome": cells[14],
            ]
        }
        var pageQuery = query
        pageQuery["format"] = nil
        let base = pageQuery.sorted { $0.key < $1.key }.map { Forms.encode($0.key) + "=" + Forms.encode($0.value) }.joined(separator: "&")
        let link = { (format: String) in "/reports/releases?" + (base.isEmpty ? "" : base + "&") + "format=" + format }
        let values: [String: Any] = [
            "errors": errors, "hasErrors": !errors.isEmpty, "from": query["from"] ?? "", "to": query["to"] ?? "",
            "rows": rows, "hasRows": !rows.isEmpty, "csv": link("csv"), "json": link("json"), "html": link("html"),
        ]
        return services.pages.render("releases", title: "Releases", values: values, context: context, settings: settings)
    }

    /// A report as a download: never shown inline, sandboxed if it is opened anyway.
    static func download(_ text: String, format: ReportFormat, name: String) -> Response {
        let types: [ReportFormat: String] = [.csv: "text/csv; charset=utf-8", .json: "application/json", .html: "text/html; charset=utf-8"]
        return Response(
            status: .ok,
            headers: [
                .contentType: types[format] ?? "text/plain", .contentDisposition: "attachment; filename=\"\(name).\(format.rawValue)\"",
                .cacheControl: "no-store", .contentSecurityPolicy: "sandbox; default-src 'none'; style-src 'unsafe-inline'",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }

    func visibleFailures(_ viewer: Viewer) throws -> [QuarantinedMessage] {
        try services.store.failures().filter {
            Access.canSeeQuarantined(mailbox: $0.mailbox, viewer: viewer, securityMailboxes: settings.securityMailboxes)
        }
    }

    func quarantine(_ request: Request, context: WebContext, results: [String] = []) throws -> Response {
        guard let viewer = context.viewer else { return WebServer.plain(.unauthorized, "sign in first") }
        guard Access.mayUseQuarantine(viewer) else {
            return services.pages.render(
                "error", title: "Not for you", values: ["message": "The quarantine is for the members of a unit."], context: context, settings: settings,
                status: .forbidden
            )
        }
        let zone = settings.timeZone
        let failures: [[String: Any]] = try visibleFailures(viewer).reversed().map { failure in
            var values: [String: Any] = [
                "id": failure.id, "mailbox": failure.mailbox, "uid": failure.uid.map(String.init) ?? "-", "messageID": failure.messageID ?? "-",
                "reason": failure.reason, "at": ISOTime.format(failure.failedAt, in: zone), "size": failure.raw.count,
            ]
            if let retried = failure.retriedAt { values["retried"] = "retried \(ISOTime.format(retried, in: zone)): \(failure.retryOutcome ?? "")" }
            return values
        }
        let values: [String: Any] = ["failures": failures, "empty": failures.isEmpty, "results": results, "hasResults": !results.isEmpty]
        return services.pages.render("quarantine", title: "Quarantine", values: values, context: context, settings: settings)
    }

    func retry(_ request: Request, context: WebContext) async throws -> Response {
        guard let viewer = context.viewer, let id = context.parameters.get("id", as: Int64.self),
              try visibleFailures(viewer).contains(where: { $0.id == id }) else {
            return services.pages.render("error", title: "Not found", values: ["message": "There is no such quarantined mail."], context: context, settings: settings, status: .notFound)
        }
        let outcome = try await services.retryFailure(id)
        context.logger.info("quarantine retry", metadata: ["ticketd.failure": "\(id)", "ticketd.web-user": "\(viewer.name)", "ticketd.outcome": "\(outcome)"])
        return try quarantine(request, context: context, results: ["#\(id): \(outcome)"])
    }
}
