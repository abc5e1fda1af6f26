import DeskConfiguration
import Foundation
import Templates
import TicketCore
import Workflow

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
    /// Release mails.
    var release: ReleaseDetails?

    init(ticket: Ticket, service: TicketdConfig.Service, tag: String) {
        service_name = service.name
        ticket_number = ticket.number
        self.tag = tag
        subject = Self.oneLine(ticket.subject)
        kind = ticket.kind.rawValue
        change_class = ticket.changeClass?.rawValue
        priority = ticket.priority.rawValue
        priority_name = ticket.priority.name
        ggus_priority = ticket.priority.ggusName
        unit = ticket.unit
        status = ticket.status.displayName
        requester_name = Self.oneLine(ticket.requester.name ?? ticket.requester.address)
        requester_address = ticket.requester.address
        created_at = MessageDate(instant: ticket.createdAt, offsetSeconds: 0).iso8601
        self.service = ticket.service.map(Self.oneLine)
        window_start = ticket.windowStart.map { MessageDate(instant: $0, offsetSeconds: 0).iso8601 }
        window_end = ticket.windowEnd.map { MessageDate(instant: $0, offsetSeconds: 0).iso8601 }
    }
}

extension MailView {
    /// Text from mail that goes on one line of a template (the subject line above all):
    /// a decoded CR or LF, or any other control character, becomes a space, so that the
    /// rest cannot spill into the body or the header.
    static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: \.isControl) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0.isControl ? " " : $0 }))
    }

    /// Adds what the workflow decided the mail says beyond the ticket.
    mutating func apply(_ details: MailDetails) {
        if let subject = details.subject { self.subject = Self.oneLine(subject) }
        old_status = details.oldStatus
        reason = details.reason
        author = details.author.map(Self.oneLine)
        body = details.body
        reasons = details.reasons
        questions = details.questions
        review_days = details.reviewDays
        children = details.children
        clock = details.clock
        target = details.target
        due_at = details.dueAt
        started_at = details.startedAt
        late = details.late
        release = details.release
    }

    /// A release's values, each list apart so that a template can say "(none given)".
    private static func values(of release: ReleaseDetails) -> [String: Any] {
        var values: [String: Any] = [
            "release_version": oneLine(release.version),
            "release_changes": release.changes.map { change -> [String: Any] in
                ["number": change.number, "subject": oneLine(change.subject), "kind": change.kind, "priority": change.priority, "high_risk": change.highRisk]
            },
            "release_change_count": release.changes.count,
            "release_high_risk_count": release.changes.filter(\.highRisk).count,
        ]
        if release.emergency { values["release_emergency"] = true }
        if let day = release.plannedFor { values["release_date"] = day }
        if let day = release.presentAt { values["release_present_at"] = day }
        let rollbacks = release.changes.compactMap { change in change.rollback.map { ["number": change.number, "rollback": $0] as [String: Any] } }
        if !rollbacks.isEmpty {
            values["release_rollbacks"] = rollbacks
            values["release_has_rollbacks"] = true
        }
        let fields: [(String, Release.TextField)] = [
            ("release_notes", .notes), ("release_known_issues", .knownIssues), ("release_test_plan", .testPlan),
            ("release_install", .install), ("release_docs", .docs),
        ]
        for (name, field) in fields {
            if let lines = release.texts[field], !lines.isEmpty { values[name] = lines }
        }
        return values
    }
}

extension MailView: TemplateValues {
    /// Values that are nil are left out, so that a template's `{{#name}}` section is skipped
    /// for them (and nothing renders as "nil").
    var templateValues: [String: Any] {
        var values: [String: Any] = [
            "service_name": service_name,
            "ticket_number": ticket_number,
            "tag": tag,
            "subject": subject,
            "kind": kind,
            "priority": priority,
            "priority_name": priority_name,
            "ggus_priority": ggus_priority,
            "unit": unit,
            "status": status,
            "requester_name": requester_name,
            "requester_address": requester_address,
            "created_at": created_at,
        ]
        let optional: [(String, Any?)] = [
            ("change_class", change_class), ("old_status", old_status), ("reason", reason), ("author", author), ("body", body),
            ("reasons", reasons), ("questions", questions), ("review_days", review_days), ("children", children), ("service", service),
            ("window_start", window_start), ("window_end", window_end), ("clock", clock), ("target", target), ("due_at", due_at),
            ("started_at", started_at), ("late", late),
        ]
        for (name, value) in optional {
            if let value { values[name] = value }
        }
        if let release { values.merge(Self.values(of: release)) { $1 } }
        return values
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

/// The values of the refusal of a mail whose structure is past the limits.
struct UnreadableView {
    var service_name: String
    var requester_name: String
    var subject: String
    var reason: String
}
