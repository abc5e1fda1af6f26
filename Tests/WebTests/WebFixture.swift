import Access
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Monitoring
import Reports
import Storage
import TicketCore
import Web
import WorkingTime

/// A web side over the in-memory store, with the repository's templates, three accounts
/// (an operations member, a security member, an approver), and tickets of each kind that
/// matters to who sees what.
struct WebFixture {
    static let now = Date(timeIntervalSince1970: 1_796_205_600)  // Wednesday 2026-12-02, 10:00 UTC
    static let password = "correct horse battery"
    /// bcrypt is slow on purpose: one hash serves every account.
    static let passwordHash = WebSecrets.hashPassword(password)
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let store = InMemoryStore()
    let services: WebServer.Services
    /// The actions the fake workflow was asked to carry out.
    let acted = Acted()

    final class Acted: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [(action: WebAction, user: String, ticket: Int, id: String?)] = []
        func add(_ entry: (WebAction, String, Int, String?)) { lock.withLock { list.append(entry) } }
        var all: [(action: WebAction, user: String, ticket: Int, id: String?)] { lock.withLock { list } }
    }

    static let settings = WebServer.Settings(
        serviceName: "Test Desk",
        units: [
            SupportUnit(name: "Operations", members: ["ops@example.org"]),
            SupportUnit(name: "Security", members: ["csirt@example.org"]),
        ],
        approvers: ["omb@example.org"], securityUnit: "Security", trustedProxies: ["127.0.0.1"], proxyUserHeader: "X-Remote-User",
        sessionLifetime: 3600, calendar: OfficeCalendar.standard(timeZone: TimeZone(identifier: "UTC")!), securityMailboxes: ["security"]
    )

    init(health: HealthStatus = .ok) async throws {
        let store = store
        for (name, address) in [("ops", "ops@example.org"), ("csirt", "csirt@example.org"), ("omb", "omb@example.org"), ("eve", "eve@example.org")] {
            _ = store.addUser(WebUser(name: name, address: address, passwordHash: Self.passwordHash, createdAt: Self.now))
        }
        try await store.writeTransaction { tx in
            for (number, kind, subject) in [(1, TicketKind.incident, "Storage down"), (2, .security, "Compromised host"), (3, .request, "New VO")] {
                var ticket = Ticket(
                    number: number, subject: subject, requester: EmailAddress(name: "Ann", address: "ann@example.org"), status: .new,
                    mailbox: "support", createdAt: Self.now, updatedAt: Self.now, kind: kind
                )
                ticket.unit = kind == .security ? "Security" : "Operations"
                try tx.createTicket(numbered: ticket)
                let clock = SLAClock(kind: .response, unit: ticket.unit, target: 8 * 3600, at: Self.now.addingTimeInterval(-3600), calendar: Self.settings.calendar)
                try tx.insertClock(ticket: number, priority: .normal, clock: clock)
            }
            try tx.recordFailure(mailbox: "support", uid: 4, messageID: "bad@x", reason: "unreadable: 40 nested parts", raw: [1, 2], at: Self.now)
            try tx.recordFailure(mailbox: "security", uid: 5, messageID: "secret@x", reason: "oversize", raw: [3], at: Self.now)
        }
        let report = HealthReport(status: health, checks: [HealthCheck(name: "database", status: health, text: "database: x")], perfdata: [])
        let acted = acted
        services = WebServer.Services(
            settings: Self.settings, store: store, pages: try await Pages(assets: Self.repository.appendingPathComponent("web").path),
            health: { report },
            ticketDetail: { number in
                guard let ticket = store.ticket(number) else { return nil }
                let mail = TicketDetail.Mail(
                    id: 7, incoming: true, from: "Ann <ann@example.org>", subject: ticket.subject, at: Self.now,
                    text: "<script>alert(1)</script> it is down", automatic: nil, attachments: [Self.attachment]
                )
                return TicketDetail(ticket: ticket, mail: [mail], events: store.events(ofTicket: number), clocks: store.clocks(ofTicket: number), children: [])
            },
            attachment: { _, mail, index in mail == 7 && index == 1 ? Self.attachment : nil },
            act: { action, viewer, number, id in
                // A stand-in for the workflow (its decision has its own tests): an unknown
                // status is refused, anything else done.
                acted.add((action, viewer.name, number, id))
                if case .status("frozen") = action { return WebActionOutcome(refusals: ["Status: frozen: unknown status"], wasDuplicate: false) }
                return store.ticket(number) == nil ? nil : WebActionOutcome(refusals: [], wasDuplicate: false)
            },
            slaReport: { filter in try SLAReport.build(store: store, filter: filter, now: Self.now, calendar: Self.settings.calendar) },
            releaseReport: { from, to in
                try store.readingReportSource { try ReleaseReport.build(in: $0, from: from, to: to, now: Self.now, calendar: Self.settings.calendar, noticeDays: 7) }
            },
            retryFailure: { id in "retried #\(id)" },
            now: { Self.now }
        )
    }

    static let attachment = TicketDetail.Attachment(index: 1, name: "report\".html", contentType: "text/html", bytes: Array("<h1>hi</h1>".utf8))

    var application: some ApplicationProtocol { Application(router: WebServer.router(services)) }

    /// Signs in through the form; the session cookie and the form token of the session.
    static func signIn(_ client: some TestClientProtocol, name: String, password: String = password) async throws -> (cookie: String, csrf: String) {
        let page = try await client.execute(uri: "/login", method: .get)
        let loginCookie = try cookie(page, "ticketd_login")
        let token = try field(page, "csrf")
        let response = try await client.execute(
            uri: "/login", method: .post, headers: [.cookie: "ticketd_login=\(loginCookie)", .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "csrf=\(token)&name=\(name)&password=\(password.replacingOccurrences(of: " ", with: "+"))&next=%2F")
        )
        guard response.status == .seeOther else { throw Failure(description: "sign-in: \(response.status) \(String(buffer: response.body))") }
        let session = try cookie(response, "ticketd_session")
        let queue = try await client.execute(uri: "/", method: .get, headers: [.cookie: "ticketd_session=\(session)"])
        return (session, try field(queue, "csrf"))
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    static func cookie(_ response: TestResponse, _ name: String) throws -> String {
        for value in response.headers[values: .setCookie] where value.hasPrefix(name + "=") {
            return String(value.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        throw Failure(description: "no cookie \(name) in \(response.headers)")
    }

    /// The value of the first hidden input named `name`.
    static func field(_ response: TestResponse, _ name: String) throws -> String {
        let html = String(buffer: response.body)
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { throw Failure(description: "no field \(name)") }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}
