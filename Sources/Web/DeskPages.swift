public import HTTPTypes
import Logging
import Access
public import Foundation
public import Hummingbird
public import Storage
public import TicketCore
import WorkingTime

/// A ticket as its page shows it: the stored mail read for its text and attachments.
public struct TicketDetail: Sendable {
    public struct Mail: Sendable {
        public var id: Int64
        public var incoming: Bool
        public var from: String
        public var subject: String
        public var at: Date
        public var text: String
        public var automatic: String?
        public var attachments: [Attachment]
        /// A signed-in user's action from the dashboard, stored as their reply.
        public var viaWeb: Bool

        public init(
            id: Int64, incoming: Bool, from: String, subject: String, at: Date, text: String, automatic: String?, attachments: [Attachment],
            viaWeb: Bool = false
        ) {
            self.viaWeb = viaWeb
            self.id = id
            self.incoming = incoming
            self.from = from
            self.subject = subject
            self.at = at
            self.text = text
            self.automatic = automatic
            self.attachments = attachments
        }
    }

    public struct Attachment: Sendable {
        public var index: Int
        public var name: String
        public var contentType: String
        public var bytes: [UInt8]

        public init(index: Int, name: String, contentType: String, bytes: [UInt8]) {
            self.index = index
            self.name = name
            self.contentType = contentType
            self.bytes = bytes
        }
    }

    public var ticket: Ticket
    public var mail: [Mail]
    public var events: [TicketEvent]
    public var clocks: [StoredClock]
    public var children: [Ticket]

    public init(ticket: Ticket, mail: [Mail], events: [TicketEvent], clocks: [StoredClock], children: [Ticket]) {
        self.ticket = ticket
        self.mail = mail
        self.events = events
        self.clocks = clocks
        self.children = children
    }
}

/// Text for HTML: `&`, `<`, `>`, `"` and `'` as entities.
enum HTML {
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// The queue and the ticket pages.
struct DeskPages {
    let services: WebServer.Services

    static let pageSize = 50

    func add(to router: Router<WebContext>) {
        router.get("/") { request, context in try await services.threads.offloaded { try queue(request, context: context) } }
        router.get("/tickets/:number") { request, context in try await services.threads.offloaded { try ticketPage(request, context: context) } }
        router.get("/tickets/:number/mail/:mail/attachments/:index") { request, context in
            try await services.threads.offloaded { try attachment(request, context: context) }
        }
        router.post("/tickets/:number/act") { request, context in try await act(request, context: context) }
    }

    var settings: WebServer.Settings { services.settings }

    /// The queue's filter from the query: unknown values are ignored, not errors.
    static func filter(_ query: [String: String], viewer: Viewer) -> (QueueFilter, page: Int) {
        var filter = QueueFilter()
        switch query["status"] ?? "active" {
        case "all": filter.status = .all
        case let other: filter.status = TicketStatus(rawValue: other).map { .only($0) } ?? .active
        }
        filter.unit = query["unit"].flatMap { $0.isEmpty ? nil : $0 }
        filter.kind = query["kind"].flatMap(TicketKind.init(rawValue:))
        filter.priority = query["priority"].flatMap { name in Priority.allCases.first { $0.name == name } }
        filter.text = query["q"].flatMap { $0.isEmpty ? nil : String($0.prefix(200)) }
        filter.includeSecurity = viewer.isSecurity
        filter.securityUnit = viewer.securityUnit
        let page = max(1, min(Int(query["page"] ?? "1") ?? 1, 100_000))
        filter.offset = (page - 1) * pageSize
        filter.limit = pageSize + 1
        return (filter, page)
    }

    func queue(_ request: Request, context: WebContext) throws -> Response {
        guard let viewer = context.viewer else { return WebServer.plain(.unauthorized, "sign in first") }
        let query = Forms.fields(request.uri.query ?? "")
        let (filter, page) = Self.filter(query, viewer: viewer)
        let entries = try services.store.queue(filter)
        let now = services.now()
        // The rows are written here, escaped, rather than by Mustache: its generic lookups
        // and escaping were more than half of the page's time over a page of 50.
        var rows = ""
        rows.reserveCapacity(entries.count * 600)
        for entry in entries.prefix(Self.pageSize) {
            let ticket = entry.ticket
            let sla = SLAState.of(entry.responseClock?.clock, now: now, calendar: settings.calendar)
            let due = entry.responseClock?.clock.dueAt.map { ISOTime.format($0, in: settings.timeZone) } ?? ""
            let kind = ticket.kind.rawValue + (ticket.changeClass.map { "/\($0.rawValue)" } ?? "")
            rows += "<tr class=\"sla-\(sla.colour)\"><td><a href=\"/tickets/\(ticket.number)\">\(ticket.number)</a></td>"
            rows += "<td><a href=\"/tickets/\(ticket.number)\">\(HTML.escape(ticket.subject))</a></td><td>\(HTML.escape(ticket.requester.address))</td>"
            rows += "<td>\(HTML.escape(ticket.unit))</td><td>\(kind)</td><td>\(ticket.priority.name)</td><td>\(ticket.status.displayName)</td>"
            rows += "<td class=\"sla\" title=\"due \(due)\"><span class=\"dot\"></span>\(HTML.escape(sla.text))</td></tr>\n"
        }
        // The filters' options too, as `<option>`s: Mustache's sections over a list of
        // dictionaries were a sixth of the page's time.
        func options(_ values: [(String, String)], selected: String?) -> String {
            values.map { value, label in
                "<option value=\"\(HTML.escape(value))\"\(value == (selected ?? "") ? " selected" : "")>\(HTML.escape(label))</option>"
            }.joined()
        }
        let visibleUnits = settings.units.filter { viewer.isSecurity || $0.name.caseInsensitiveCompare(settings.securityUnit) != .orderedSame }
        var pageQuery = query
        pageQuery["page"] = nil
        let base = pageQuery.sorted { $0.key < $1.key }.map { Forms.encode($0.key) + "=" + Forms.encode($0.value) }.joined(separator: "&")
        let link = { (page: Int) in "/?" + (base.isEmpty ? "" : base + "&") + "page=\(page)" }
        var values: [String: Any] = [
            "rows": rows, "empty": rows.isEmpty, "page": page, "q": query["q"] ?? "",
            "units": options([("", "all units")] + visibleUnits.map { ($0.name, $0.name) }, selected: query["unit"]),
            "statuses": options([("active", "active"), ("all", "all")] + TicketStatus.allCases.map { ($0.rawValue, $0.displayName) }, selected: query["status"] ?? "active"),
            "kinds": options([("", "all kinds")] + TicketKind.allCases.filter { viewer.isSecurity || $0 != .security }.map { ($0.rawValue, $0.rawValue) }, selected: query["kind"]),
            "priorities": options([("", "all priorities")] + Priority.allCases.map { ($0.name, $0.name) }, selected: query["priority"]),
        ]
        if entries.count > Self.pageSize { values["next"] = link(page + 1) }
        if page > 1 { values["previous"] = link(page - 1) }
        return services.pages.render("queue", title: "Queue", values: values, context: context, settings: settings)
    }

    /// The ticket, when it exists and the viewer may see it; else nil (404 either way).
    func visibleDetail(_ context: WebContext) throws -> TicketDetail? {
        guard let viewer = context.viewer, let number = context.parameters.get("number", as: Int.self),
              let detail = try services.ticketDetail(number), Access.canSee(detail.ticket, viewer: viewer) else { return nil }
        return detail
    }

    func notFound(_ context: WebContext) -> Response {
        services.pages.render("error", title: "Not found", values: ["message": "There is no such ticket."], context: context, settings: settings, status: .notFound)
    }

    /// A form's action, carried out by the workflow as the user's reply would be: back to
    /// the ticket when done, the page again with the reasons when refused.
    func act(_ request: Request, context: WebContext) async throws -> Response {
        guard let viewer = context.viewer, let detail = try visibleDetail(context) else { return notFound(context) }
        var request = request
        let form = try await Forms.read(&request)
        guard let action = WebAction(verb: form["verb"], value: form["value"]) else {
            return try ticketPage(request, context: context, detail: detail, refusals: ["Nothing to do: choose a value, or write some text."], status: .unprocessableContent)
        }
        guard let outcome = try await services.act(action, viewer, detail.ticket.number, form["action"]) else { return notFound(context) }
        context.logger.info("web action", metadata: [
            "ticketd.ticket": "\(detail.ticket.number)", "ticketd.web-user": "\(viewer.name)", "ticketd.refused": "\(outcome.refusals.count)",
        ])
        if outcome.refusals.isEmpty { return WebServer.redirect("/tickets/\(detail.ticket.number)") }
        // Read again: what was refused may still have been recorded (the refusal events).
        return try ticketPage(request, context: context, refusals: outcome.refusals, status: .unprocessableContent)
    }

    /// `detail` when the caller has it already read.
    func ticketPage(
        _ request: Request, context: WebContext, detail known: TicketDetail? = nil, refusals: [String] = [], status: HTTPResponse.Status = .ok
    ) throws -> Response {
        guard let viewer = context.viewer, let detail = try known ?? visibleDetail(context) else { return notFound(context) }
        let ticket = detail.ticket
        let zone = settings.timeZone
        let now = services.now()
        func time(_ date: Date) -> String { ISOTime.format(date, in: zone) }
        let mail: [[String: Any]] = detail.mail.map { mail in
            var values: [String: Any] = [
                "id": mail.id, "direction": mail.incoming ? "received" : "sent", "incoming": mail.incoming, "from": mail.from, "subject": mail.subject,
                "at": time(mail.at), "text": mail.text, "hasAttachments": !mail.attachments.isEmpty, "viaWeb": mail.viaWeb,
                "attachments": mail.attachments.map { attachment in
                    [
                        "name": attachment.name, "type": attachment.contentType, "size": attachment.bytes.count,
                        "href": "/tickets/\(ticket.number)/mail/\(mail.id)/attachments/\(attachment.index)",
                    ] as [String: Any]
                },
            ]
            // Mustache shows a section for any string, the empty one too: absent when none.
            if let automatic = mail.automatic { values["automatic"] = automatic }
            return values
        }
        let events: [[String: Any]] = detail.events.map { event in
            [
                "at": time(event.at), "actor": event.actor, "field": event.field.rawValue, "old": event.oldValue ?? "", "new": event.newValue ?? "",
                "reason": event.reason ?? "",
            ]
        }
        let clocks: [[String: Any]] = detail.clocks.map { stored in
            let state = SLAState.of(stored.clock, now: now, calendar: settings.calendar)
            return [
                "kind": stored.clock.kind.rawValue, "unit": stored.clock.unit, "started": time(stored.clock.startedAt),
                "due": stored.clock.dueAt.map(time) ?? "-", "colour": state.colour, "state": state.text,
            ]
        }
        var values: [String: Any] = [
            "number": ticket.number, "subject": ticket.subject, "requester": ticket.requester.address, "requesterName": ticket.requester.name ?? "",
            "status": ticket.status.displayName, "kind": ticket.kind.rawValue + (ticket.changeClass.map { "/\($0.rawValue)" } ?? ""),
            "priority": ticket.priority.name, "unit": ticket.unit, "created": time(ticket.createdAt), "updated": time(ticket.updatedAt),
            "mail": mail, "events": events, "clocks": clocks,
            "children": detail.children.map { ["number": $0.number, "subject": $0.subject] }, "hasChildren": !detail.children.isEmpty,
        ]
        if let automatic = ticket.automatic { values["automatic"] = automatic.rawValue }
        values["refusals"] = refusals
        values["hasRefusals"] = !refusals.isEmpty
        values["actionID"] = WebSecrets.randomToken()
        if let release = ticket.release {
            // A release moves by its own states (the `Status:` of a release mail).
            values["statuses"] = [Release.State.planned, .announced, .inTest, .deployed, .cancelled].map {
                ["value": $0.rawValue, "label": $0.rawValue, "selected": $0 == release.state]
            } + [["value": "failed", "label": "failed (back to planned)", "selected": false]]
        } else {
            values["statuses"] = TicketStatus.allCases.map { ["value": $0.rawValue, "label": $0.displayName, "selected": $0 == ticket.status] }
        }
        values["priorityOptions"] = Priority.allCases.map { ["value": $0.name, "label": $0.name, "selected": $0 == ticket.priority] }
        values["unitOptions"] = settings.units.map { ["value": $0.name, "label": $0.name, "selected": $0.name == ticket.unit] }
        values["kindOptions"] = (TicketKind.allCases.filter { $0 != .change } .map { ($0.rawValue, $0.rawValue) }
            + ChangeClass.allCases.map { ("change/\($0.rawValue)", "change (\($0.rawValue))") })
            .map { ["value": $0.0, "label": $0.1, "selected": $0.0 == (ticket.kind == .change ? "change/\(ticket.changeClass?.rawValue ?? "normal")" : ticket.kind.rawValue)] }
        values["approver"] = Access.mayApprove(viewer) && ticket.kind == .change
        if let parent = ticket.parent { values["parent"] = parent }
        if let maintenance = ticket.maintenance { values["maintenance"] = maintenance }
        if let follows = ticket.follows { values["follows"] = follows }
        return services.pages.render("ticket", title: "#\(ticket.number) \(ticket.subject)", values: values, context: context, settings: settings, status: status)
    }

    /// An attachment, always as a download: a mail's HTML or SVG is never shown as a page
    /// of this site.
    func attachment(_ request: Request, context: WebContext) throws -> Response {
        guard let detail = try visibleDetail(context), let mail = context.parameters.get("mail", as: Int64.self),
              let index = context.parameters.get("index", as: Int.self),
              let attachment = try services.attachment(detail.ticket.number, mail, index) else { return notFound(context) }
        let type = Self.safeContentType(attachment.contentType)
        return Response(
            status: .ok,
            headers: [
                .contentType: type, .contentDisposition: Self.contentDisposition(attachment.name), .cacheControl: "private, no-store",
                .contentSecurityPolicy: "sandbox; default-src 'none'",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: attachment.bytes))
        )
    }

    /// The part's type when it is a plain `type/subtype`, else bytes.
    static func safeContentType(_ type: String) -> String {
        let plain = type.lowercased().split(separator: ";")[0].trimmingScalars(in: .whitespaces)
        let parts = plain.split(separator: "/")
        let token = { (text: Substring) in !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "!#$&-^_.+".contains($0)) } }
        return parts.count == 2 && token(parts[0]) && token(parts[1]) ? plain : "application/octet-stream"
    }

    /// `attachment` with the name as RFC 6266 has it: an ASCII fallback, and the name itself
    /// percent-encoded in `filename*`.
    static func contentDisposition(_ name: String) -> String {
        let fallback = String(name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" && $0.value != 0x7F ? Character($0) : "_" })
        return "attachment; filename=\"\(fallback.isEmpty ? "attachment" : fallback)\"; filename*=UTF-8''\(Forms.encode(name))"
    }
}
