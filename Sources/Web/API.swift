import Access
public import Foundation
public import Hummingbird
import HTTPTypes
import Logging
import Reports
import Storage
import TicketCore
import WorkingTime

/// The JSON API under /api/v1: the pages' reads and actions for scripts, signed in with an
/// API token (`Authorization: Bearer`). Described by web/openapi.yaml, which the tests
/// check the server against. Unlike the pages, a value the API does not know is an error
/// (400), not ignored.
struct API {
    let services: WebServer.Services
    var settings: WebServer.Settings { services.settings }

    func add(to router: Router<WebContext>) {
        let api = router.group("/api/v1")
        api.get("/me") { _, context in try me(context) }
        api.get("/tickets") { request, context in try await services.threads.offloaded { try tickets(request, context: context) } }
        api.get("/tickets/:number") { _, context in try await services.threads.offloaded { try ticket(context) } }
        api.post("/tickets/:number/actions") { request, context in try await act(request, context: context) }
        api.get("/reports/sla") { request, context in try await report(request) }
        api.get("/quarantine") { _, context in try await services.threads.offloaded { try quarantine(context) } }
        api.post("/quarantine/:id/retry") { _, context in try await retry(context) }
    }

    // MARK: Values

    struct Me: Encodable {
        var name: String
        var address: String
        var units: [String]
        var approver: Bool
        var security: Bool
    }

    struct SLA: Encodable {
        var state: String
        var text: String
        var dueAt: String?
    }

    struct TicketSummary: Encodable {
        var number: Int
        var subject: String
        var requester: String
        var status: String
        var kind: String
        var changeClass: String?
        var priority: String
        var unit: String
        var sla: SLA
    }

    struct TicketPage: Encodable {
        var page: Int
        var nextPage: Int?
        var tickets: [TicketSummary]

        /// The same as JSONEncoder writes (keys sorted, snake case, nil left out), written
        /// directly: Foundation's encoder took a fifth of a list's time.
        var jsonText: String {
            var text = "{" + (nextPage.map { "\"next_page\":\($0)," } ?? "") + "\"page\":\(page),\"tickets\":["
            for (index, ticket) in tickets.enumerated() {
                if index > 0 { text += "," }
                text += "{"
                if let changeClass = ticket.changeClass { text += "\"change_class\":" + JSONText.quote(changeClass) + "," }
                text += "\"kind\":" + JSONText.quote(ticket.kind) + ",\"number\":\(ticket.number),\"priority\":" + JSONText.quote(ticket.priority)
                text += ",\"requester\":" + JSONText.quote(ticket.requester) + ",\"sla\":{"
                if let due = ticket.sla.dueAt { text += "\"due_at\":" + JSONText.quote(due) + "," }
                text += "\"state\":" + JSONText.quote(ticket.sla.state) + ",\"text\":" + JSONText.quote(ticket.sla.text) + "}"
                text += ",\"status\":" + JSONText.quote(ticket.status) + ",\"subject\":" + JSONText.quote(ticket.subject)
                text += ",\"unit\":" + JSONText.quote(ticket.unit) + "}"
            }
            return text + "]}"
        }
    }

    struct AttachmentInfo: Encodable {
        var index: Int
        var name: String
        var contentType: String
        var size: Int
    }

    struct Mail: Encodable {
        var id: Int64
        var direction: String
        var from: String
        var subject: String
        var at: String
        var text: String
        var automatic: String?
        var attachments: [AttachmentInfo]
    }

    struct Event: Encodable {
        var at: String
        var actor: String
        var field: String
        var oldValue: String?
        var newValue: String?
        var reason: String?
    }

    struct Clock: Encodable {
        var kind: String
        var unit: String
        var startedAt: String
        var dueAt: String?
        var stoppedAt: String?
        var state: String
        var text: String
    }

    struct TicketDetailJSON: Encodable {
        var ticket: TicketSummary
        var createdAt: String
        var updatedAt: String
        var automatic: String?
        var parent: Int?
        var follows: Int?
        var maintenance: Int?
        var children: [Int]
        var mail: [Mail]
        var events: [Event]
        var clocks: [Clock]
    }

    struct ActionRequest {
        var verb: String
        var value: String?
        var id: String?
    }

    struct ActionResult: Encodable {
        var done: Bool
        var duplicate: Bool
        var refused: [String]
    }

    struct Failure: Encodable {
        var id: Int64
        var mailbox: String
        var uid: Int?
        var messageId: String?
        var reason: String
        var failedAt: String
        var retriedAt: String?
        var retryOutcome: String?
    }

    struct Failures: Encodable {
        var failures: [Failure]
    }

    struct Retried: Encodable {
        var id: Int64
        var outcome: String
    }

    struct Problem: Encodable, Error {
        var error: String
    }

    // MARK: Responses

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        let body = (try? encoder.encode(value)) ?? Data(#"{"error":"the answer could not be written"}"#.utf8)
        return Response(
            status: status, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        )
    }

    static func problem(_ status: HTTPResponse.Status, _ text: String) -> Response { json(Problem(error: text), status: status) }

    func time(_ date: Date) -> String { ISOTime.format(date, in: settings.timeZone) }

    func summary(_ ticket: Ticket, clock: SLAClock?) -> TicketSummary {
        let state = SLAState.of(clock, now: services.now(), calendar: settings.calendar)
        return TicketSummary(
            number: ticket.number, subject: ticket.subject, requester: ticket.requester.address, status: ticket.status.rawValue,
            kind: ticket.kind.rawValue, changeClass: ticket.changeClass?.rawValue, priority: ticket.priority.name, unit: ticket.unit,
            sla: SLA(state: state.colour, text: state.text, dueAt: clock?.dueAt.map(time))
        )
    }

    // MARK: Routes

    func me(_ context: WebContext) throws -> Response {
        guard let viewer = context.viewer else { return Self.problem(.unauthorized, "sign in first") }
        return Self.json(Me(name: viewer.name, address: viewer.address, units: viewer.units, approver: viewer.isApprover, security: viewer.isSecurity))
    }

    /// The queue's filter, strictly: an unknown value is an error.
    static func filter(_ query: [String: String], viewer: Viewer) -> Result<(QueueFilter, Int), Problem> {
        let known: Set<String> = ["status", "unit", "kind", "priority", "q", "page"]
        if let unknown = query.keys.sorted().first(where: { !known.contains($0) }) { return .failure(Problem(error: "unknown parameter \(unknown)")) }
        if let status = query["status"], status != "active", status != "all", TicketStatus(rawValue: status) == nil {
            return .failure(Problem(error: "status: one of active, all, " + TicketStatus.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        if let kind = query["kind"], TicketKind(rawValue: kind) == nil {
            return .failure(Problem(error: "kind: one of " + TicketKind.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        if let priority = query["priority"], !Priority.allCases.contains(where: { $0.name == priority }) {
            return .failure(Problem(error: "priority: one of " + Priority.allCases.map(\.name).joined(separator: ", ")))
        }
        if let page = query["page"], Int(page).map({ (1...100_000).contains($0) }) != true {
            return .failure(Problem(error: "page: a whole number from 1 to 100000"))
        }
        let (filter, page) = DeskPages.filter(query, viewer: viewer)
        return .success((filter, page))
    }

    func tickets(_ request: Request, context: WebContext) throws -> Response {
        guard let viewer = context.viewer else { return Self.problem(.unauthorized, "sign in first") }
        let (filter, page): (QueueFilter, Int)
        switch Self.filter(Forms.fields(request.uri.query ?? ""), viewer: viewer) {
        case .failure(let problem): return Self.json(problem, status: .badRequest)
        case .success(let value): (filter, page) = value
        }
        let entries = try services.store.queue(filter)
        let tickets = entries.prefix(DeskPages.pageSize).map { summary($0.ticket, clock: $0.responseClock?.clock) }
        let list = TicketPage(page: page, nextPage: entries.count > DeskPages.pageSize ? page + 1 : nil, tickets: Array(tickets))
        return Response(
            status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: ResponseBody(byteBuffer: ByteBuffer(string: list.jsonText))
        )
    }

    func visibleDetail(_ context: WebContext) throws -> TicketDetail? {
        guard let viewer = context.viewer, let number = context.parameters.get("number", as: Int.self),
              let detail = try services.ticketDetail(number), Access.canSee(detail.ticket, viewer: viewer) else { return nil }
        return detail
    }

    func ticket(_ context: WebContext) throws -> Response {
        guard let detail = try visibleDetail(context) else { return Self.problem(.notFound, "no such ticket") }
        let ticket = detail.ticket
        let response = detail.clocks.last { $0.clock.kind == .response }?.clock
        let now = services.now()
        return Self.json(TicketDetailJSON(
            ticket: summary(ticket, clock: response), createdAt: time(ticket.createdAt), updatedAt: time(ticket.updatedAt),
            automatic: ticket.automatic?.rawValue, parent: ticket.parent, follows: ticket.follows, maintenance: ticket.maintenance,
            children: detail.children.map(\.number),
            mail: detail.mail.map { mail in
                Mail(
                    id: mail.id, direction: mail.incoming ? "received" : "sent", from: mail.from, subject: mail.subject, at: time(mail.at),
                    text: mail.text, automatic: mail.automatic,
                    attachments: mail.attachments.map { AttachmentInfo(index: $0.index, name: $0.name, contentType: $0.contentType, size: $0.bytes.count) }
                )
            },
            events: detail.events.map {
                Event(at: time($0.at), actor: $0.actor, field: $0.field.rawValue, oldValue: $0.oldValue, newValue: $0.newValue, reason: $0.reason)
            },
            clocks: detail.clocks.map { stored in
                let state = SLAState.of(stored.clock, now: now, calendar: settings.calendar)
                return Clock(
                    kind: stored.clock.kind.rawValue, unit: stored.clock.unit, startedAt: time(stored.clock.startedAt), dueAt: stored.clock.dueAt.map(time),
                    stoppedAt: stored.clock.stoppedAt.map(time), state: state.colour, text: state.text
                )
            }
        ))
    }

    func act(_ request: Request, context: WebContext) async throws -> Response {
        guard let viewer = context.viewer, let detail = try visibleDetail(context) else { return Self.problem(.notFound, "no such ticket") }
        var request = request
        let body = try await request.collectBody(upTo: 1_048_576)
        // Read strictly: a value or an id that is there must be a string (null is not).
        let object = try? JSONSerialization.jsonObject(with: Data(body.getBytes(at: body.readerIndex, length: body.readableBytes) ?? [])) as? [String: Any]
        guard let object, let verb = object["verb"] as? String, object["id"].map({ $0 is String }) ?? true,
              verb == "approve" || object["value"].map({ $0 is String }) ?? true else {
            return Self.problem(.badRequest, "expected a JSON object with verb, and value and id where the verb needs them")
        }
        let asked = ActionRequest(verb: verb, value: object["value"] as? String, id: object["id"] as? String)
        guard let action = WebAction(verb: asked.verb, value: asked.value) else {
            return Self.problem(.badRequest, "verb: one of reply, comment, status, priority, assign, kind, approve, reject; each but approve with a value")
        }
        if let id = asked.id, !Self.isActionID(id) { return Self.problem(.badRequest, "id: 16 to 64 letters, digits, - and _") }
        guard let outcome = try await services.act(action, viewer, detail.ticket.number, asked.id) else { return Self.problem(.notFound, "no such ticket") }
        context.logger.info("api action", metadata: ["ticketd.ticket": "\(detail.ticket.number)", "ticketd.web-user": "\(viewer.name)"])
        let result = ActionResult(done: outcome.refusals.isEmpty, duplicate: outcome.wasDuplicate, refused: outcome.refusals)
        // Refused by the ticket's rules: in conflict with its state (409).
        return Self.json(result, status: outcome.refusals.isEmpty ? .ok : .conflict)
    }

    static func isActionID(_ id: String) -> Bool {
        (16...64).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    /// The methods each API path takes: another is 405 with `Allow`, not 404.
    static func allowedMethods(_ path: String) -> [HTTPRequest.Method]? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 4, parts[0] == "", parts[1] == "api", parts[2] == "v1" else { return nil }
        let rest = Array(parts.dropFirst(3))
        switch rest.count {
        case 1 where ["me", "tickets", "quarantine"].contains(rest[0]): return [.get]
        case 2 where rest == ["reports", "sla"]: return [.get]
        case 2 where rest[0] == "tickets": return [.get]
        case 3 where rest[0] == "tickets" && rest[2] == "actions": return [.post]
        case 3 where rest[0] == "quarantine" && rest[2] == "retry": return [.post]
        default: return nil
        }
    }


    func report(_ request: Request) async throws -> Response {
        let query = Forms.fields(request.uri.query ?? "")
        let known: Set<String> = ["from", "to", "unit", "priority"]
        if let unknown = query.keys.sorted().first(where: { !known.contains($0) }) { return Self.problem(.badRequest, "unknown parameter \(unknown)") }
        for name in ["from", "to", "priority"] where query[name]?.isEmpty == true { return Self.problem(.badRequest, "\(name): empty") }
        if let priority = query["priority"], !Priority.allCases.contains(where: { $0.name == priority }) {
            return Self.problem(.badRequest, "priority: one of " + Priority.allCases.map(\.name).joined(separator: ", "))
        }
        let (filter, errors) = ReportAndQuarantinePages.filter(query, zone: settings.timeZone)
        if let error = errors.first { return Self.problem(.badRequest, error) }
        let report = try await services.slaReport(filter)
        return Response(
            status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: report.render(.json, timeZone: settings.timeZone)))
        )
    }

    func quarantine(_ context: WebContext) throws -> Response {
        guard let viewer = context.viewer else { return Self.problem(.unauthorized, "sign in first") }
        guard Access.mayUseQuarantine(viewer) else { return Self.problem(.forbidden, "the quarantine is for the members of a unit") }
        let failures = try services.store.failures().filter {
            Access.canSeeQuarantined(mailbox: $0.mailbox, viewer: viewer, securityMailboxes: settings.securityMailboxes)
        }
        return Self.json(Failures(failures: failures.map { failure in
            Failure(
                id: failure.id, mailbox: failure.mailbox, uid: failure.uid.map(Int.init), messageId: failure.messageID, reason: failure.reason,
                failedAt: time(failure.failedAt), retriedAt: failure.retriedAt.map(time), retryOutcome: failure.retryOutcome
            )
        }))
    }

    func retry(_ context: WebContext) async throws -> Response {
        guard let viewer = context.viewer, let id = context.parameters.get("id", as: Int64.self),
              try services.store.failures().contains(where: {
                  $0.id == id && Access.canSeeQuarantined(mailbox: $0.mailbox, viewer: viewer, securityMailboxes: settings.securityMailboxes)
              }) else { return Self.problem(.notFound, "no such quarantined mail") }
        let outcome = try await services.retryFailure(id)
        return Self.json(Retried(id: id, outcome: outcome))
    }
}


/// A known API path asked with a method it does not take: 405 and the methods it does.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = WebContext

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        if let allowed = API.allowedMethods(request.uri.path), !allowed.contains(request.method), !(request.method == .head && allowed.contains(.get)) {
            var response = API.problem(.methodNotAllowed, "\(request.method.rawValue) is not taken here")
            response.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
            return response
        }
        return try await next(request, context)
    }
}
