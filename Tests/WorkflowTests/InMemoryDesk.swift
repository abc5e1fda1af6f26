import Classification
import Foundation
import MailParsing
import TicketCore
import Trust
import Workflow
import WorkingTime

/// The in-memory twin of the store's read side: what the rules read, from arrays.
struct InMemoryDesk: WorkflowReader {
    var tickets: [Ticket] = []
    /// Message-ID → ticket number, of mail stored or sent.
    var messageIDs: [String: Int] = [:]
    var moves: [(ticket: Int, status: TicketStatus, at: Date)] = []
    /// Message-ID → recipients, of mail ticketd sent.
    var sent: [String: [String]] = [:]

    func ticketExists(_ number: Int) -> Bool { tickets.contains { $0.number == number } }
    func ticketNumber(forMessageIDs ids: [String]) -> Int? { ids.lazy.compactMap { messageIDs[$0] }.first }
    func ticket(_ number: Int) -> Ticket? { tickets.first { $0.number == number } }
    func nextTicketNumber() -> Int { (tickets.map(\.number).max() ?? 0) + 1 }
    func activeTicket(kind: TicketKind, fingerprint: String) -> Ticket? {
        tickets.filter { $0.kind == kind && $0.fingerprint == fingerprint && $0.isActive }.max { $0.number < $1.number }
    }
    func tickets(kind: TicketKind, fingerprint: String, since: Date) -> [Ticket] {
        tickets.filter { $0.kind == kind && $0.fingerprint == fingerprint && $0.createdAt >= since }.sorted { $0.number < $1.number }
    }
    func maintenances(covering instant: Date) -> [Ticket] {
        tickets.filter { ticket in
            guard ticket.kind == .maintenance, ticket.status != .rejected, let start = ticket.windowStart, let end = ticket.windowEnd else { return false }
            return start <= instant && end >= instant
        }.sorted { $0.number < $1.number }
    }
    func recipients(ofSentMessage messageID: String) -> [String]? { sent[messageID] }
    func releases(version: String) -> [Ticket] {
        tickets.filter { $0.release.map { $0.version.lowercased() == version.lowercased() } ?? false }.sorted { $0.number < $1.number }
    }

    func lastMove(ofTicket number: Int, to status: TicketStatus) -> Date? {
        moves.last { $0.ticket == number && $0.status == status }?.at
    }
}

/// Fixed people, units and instants for the tables.
enum Fixture {
    static let member = "alice@ops.example"
    static let approver = "omb@egi.example"
    static let manager = "boss@egi.example"
    static let requester = "user@lab.example"
    static let stranger = "mallory@evil.example"
    static let desk = "support@desk.example"

    /// Tuesday 2026-11-10 10:00 UTC: office hours.
    static let now = Date(timeIntervalSince1970: 1_794_304_800)

    /// A fixed key, and the site's MTA `mx.desk.example`.
    static let trust = TrustSettings(
        keyring: ReplyTokenKeyring(keys: [ReplyTokenKey(bytes: Array(repeating: 42, count: 32), createdAt: now.addingTimeInterval(-86_400))], overlap: 30 * 86_400),
        trustedAuthservIDs: ["mx.desk.example"]
    )

    /// The reply token ticketd gave `address` for `ticket`.
    static func token(_ ticket: Int?, for address: String) -> String { trust.keyring.token(ticket: ticket, address: address) }

    static func config() -> WorkflowConfig {
        var workflow = WorkflowConfig()
        workflow.units = [
            SupportUnit(name: "Operations", members: [member], qos: .medium, mailboxes: ["support", "notifications"]),
            SupportUnit(name: "Security", members: ["csirt@egi.example"], qos: .advanced, mailboxes: ["security"]),
            SupportUnit(name: "Storage", members: ["bob@storage.example"], qos: .medium),
        ]
        workflow.approvers = [approver]
        return workflow
    }

    static func rules(_ workflow: WorkflowConfig = config()) -> WorkflowRules {
        var sla = SLAConfig()
        sla.managers = [manager]
        return WorkflowRules(
            workflow: workflow, sla: sla,
            desk: DeskIdentity(
                serviceName: "Service Desk", address: EmailAddress(name: "Service Desk", address: desk), tagPrefix: "ticketd",
                mailboxAddresses: [desk, "reports@desk.example"]
            ),
            roles: ["support": .support, "notifications": .notifications, "reports": .reports], trust: trust
        )
    }

    /// A parsed mail with these header lines and body.
    static func mail(from: String = requester, subject: String, headers: [String] = [], body: String = "Hello.") -> Message {
        let lines = ["From: Someone <\(from)>", "To: \(desk)", "Subject: \(subject)", "Message-ID: <\(UUID().uuidString)@lab.example>",
                     "Date: Tue, 10 Nov 2026 10:00:00 +0000"] + headers
        return MessageParser.parse(Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + body.replacingOccurrences(of: "\n", with: "\r\n")).utf8))
    }

    static func facts(_ kind: TicketKind, _ changeClass: ChangeClass? = nil, priority: Priority = .normal, unit: String = "Operations", fingerprint: String? = nil) -> MessageFacts {
        MessageFacts(
            classification: Classification(mailbox: "support", kind: kind, changeClass: changeClass, priority: priority, unit: unit, rule: nil),
            fingerprint: fingerprint
        )
    }

    static func ticket(
        _ number: Int, kind: TicketKind = .incident, changeClass: ChangeClass? = nil, status: TicketStatus = .new, unit: String = "Operations",
        priority: Priority = .normal, requester: String = requester, participants: [String] = [], createdAt: Date = now
    ) -> Ticket {
        Ticket(
            number: number, subject: "Ticket \(number)", requester: EmailAddress(name: nil, address: requester), status: status, mailbox: "support",
            createdAt: createdAt, updatedAt: createdAt, kind: kind, changeClass: changeClass, priority: priority, unit: unit, participants: participants
        )
    }

    /// A reply to ticket `number`, tagged in its subject; `signed`, it answers our mail to
    /// `sender` and so brings back its reply token (in In-Reply-To).
    static func reply(to number: Int, from sender: String, body: String, headers: [String] = [], signed: Bool = true) -> Message {
        let token = signed ? ["In-Reply-To: <ticketd.\(token(number, for: sender)).1.t@desk.example>"] : []
        return mail(from: sender, subject: "Re: [ticketd #\(number)] Ticket \(number)", headers: token + headers, body: body)
    }
}

extension Decision {
    /// The events, in the order they are recorded.
    var events: [TicketEvent] {
        effects.compactMap { if case .event(let event) = $0 { event } else { nil } }
    }

    /// The mail to queue, in order.
    var mails: [MailOrder] {
        effects.compactMap { if case .mail(let mail) = $0 { mail } else { nil } }
    }

    /// The tickets created, as first written.
    var createdTickets: [Ticket] {
        effects.compactMap { if case .createTicket(let ticket) = $0 { ticket } else { nil } }
    }

    /// The last state written of ticket `number`, if the decision writes it.
    func finalTicket(_ number: Int) -> Ticket? {
        for effect in effects.reversed() {
            switch effect {
            case .createTicket(let ticket) where ticket.number == number, .saveTicket(let ticket) where ticket.number == number:
                return ticket
            default: continue
            }
        }
        return nil
    }

    /// Where the incoming message is filed, if it is.
    var filing: MessageFiling? {
        effects.compactMap { if case .fileMessage(let filing) = $0 { filing } else { nil } }.last
    }

    /// The clock actions, in order.
    var clockActions: [ClockAction] {
        effects.compactMap { if case .clock(let action) = $0 { action } else { nil } }
    }
}

extension MailOrder {
    /// The template chosen first.
    var template: String {
        switch content {
        case .ticket(let templates, _, _): templates.first ?? ""
        case .slaReport: "sla-report"
        case .reportRefused: "report-refused"
        case .reportConfirmation: "report-confirm"
        case .oversizeRefused: "oversize-refused"
        case .unreadableRefused: "unreadable-refused"
        }
    }
}
