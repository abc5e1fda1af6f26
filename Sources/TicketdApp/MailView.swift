import Foundation
import TicketCore

/// The values every mail template may use. Absent values are nil, so that a template
/// can test them with `{{#name}}…{{/name}}`.
struct MailView {
    var service_name: String
    var ticket_number: Int
    var tag: String
    var subject: String
    var kind: String
    var change_class: String?
    var priority: Int
    var priority_name: String
    var ggus_priority: String
    var unit: String
    var status: String
    var requester_name: String
    var requester_address: String
    var created_at: String
    /// For mail about a change of status.
    var old_status: String?
    var reason: String?
    /// Who wrote (correspondence, notifications to the team).
    var author: String?
    /// Text relayed from a reply or the original mail.
    var body: String?
    /// Why commands were refused, or why a maintenance was refused.
    var reasons: [String]?
    var questions: [String]?
    var review_days: Int?
    var children: [Int]?
    var service: String?
    var window_start: String?
    var window_end: String?
    /// SLA notices.
    var clock: String?
    var target: String?
    var due_at: String?
    var started_at: String?
    var late: String?

    init(ticket: Ticket, service: TicketdConfig.Service, tag: String) {
        service_name = service.name
        ticket_number = ticket.number
        self.tag = tag
        subject = ticket.subject
        kind = ticket.kind.rawValue
        change_class = ticket.changeClass?.rawValue
        priority = ticket.priority.rawValue
        priority_name = ticket.priority.name
        ggus_priority = ticket.priority.ggusName
        unit = ticket.unit
        status = ticket.status.displayName
        requester_name = ticket.requester.name ?? ticket.requester.address
        requester_address = ticket.requester.address
        created_at = MessageDate(instant: ticket.createdAt, offsetSeconds: 0).iso8601
        self.service = ticket.service
        window_start = ticket.windowStart.map { MessageDate(instant: $0, offsetSeconds: 0).iso8601 }
        window_end = ticket.windowEnd.map { MessageDate(instant: $0, offsetSeconds: 0).iso8601 }
    }
}

/// The values of the report mails.
struct ReportView {
    var service_name: String
    var requester_name: String
    var period: String?
    var report: String?
}

/// The values of the oversize refusal.
struct OversizeView {
    var service_name: String
    var requester_name: String
    var subject: String
    var size_mb: String
    var limit_mb: String
}
