public import DeskConfiguration
public import Foundation
import MailParsing
public import Storage
public import TicketCore
import Workflow
public import WorkingTime

/// `ticketd tickets list|show` output, as text for people and JSON for scripts.
public enum TicketViews {
    /// `ticketd tickets list`: the tickets of `unit` (security ones only for the security
    /// unit), as a table or JSON.
    public static func list(in store: any DeskQueries, config: TicketdConfig, unit: String?, json: Bool) throws -> String {
        let tickets = visible(try store.tickets(), unit: unit, config: config)
        return json
            ? listJSON(tickets).serialized(pretty: true) + "\n"
            : listText(tickets, responseClocks: try store.latestResponseClocks(), timeZone: config.sla.calendar.timeZone)
    }

    /// `ticketd tickets show N`: the ticket with its thread, events and clocks; nil when
    /// there is no such ticket.
    public static func show(in store: any DeskQueries, config: TicketdConfig, number: Int, json: Bool) throws -> String? {
        guard let ticket = try store.ticket(number) else { return nil }
        let messages = try store.messages(ofTicket: number)
        let events = try store.events(ofTicket: number)
        let children = try store.children(of: number)
        let clocks = try store.clocks(ofTicket: number)
        let zone = config.sla.calendar.timeZone
        return json
            ? showJSON(ticket, messages: messages, events: events, children: children, clocks: clocks, timeZone: zone).serialized(pretty: true) + "\n"
            : showText(ticket, messages: messages, events: events, children: children, clocks: clocks, timeZone: zone)
    }

    /// Security tickets show only when asked for by their unit (`--unit Security`);
    /// `unit` narrows the list to one unit.
    public static func visible(_ tickets: [Ticket], unit: String?, config: TicketdConfig) -> [Ticket] {
        let security = config.workflow.securityUnit.lowercased()
        return tickets.filter { ticket in
            if let unit, ticket.unit.lowercased() != unit.lowercased() { return false }
            if ticket.kind == .security || ticket.unit.lowercased() == security { return unit?.lowercased() == security }
            return true
        }
    }

    public static func listJSON(_ tickets: [Ticket]) -> JSONValue {
        .array(tickets.map(ticketJSON))
    }

    public static func listText(_ tickets: [Ticket], responseClocks: [Int: StoredClock] = [:], timeZone: TimeZone = TimeZone(identifier: "UTC")!) -> String {
        guard !tickets.isEmpty else { return "No tickets.\n" }
        var lines = [pad("#", 6) + pad("KIND", 13) + pad("STATUS", 13) + pad("PRIORITY", 11) + pad("UNIT", 13) + pad("RESPONSE SLA", 18) + "SUBJECT"]
        for ticket in tickets {
            let kind = ticket.kind.rawValue + (ticket.changeClass.map { "/\($0.rawValue)" } ?? "")
            var subject = TerminalText.line(ticket.subject)
            if let parent = ticket.parent { subject += "  (problem #\(parent))" }
            lines.append(pad("\(ticket.number)", 6) + pad(kind, 13) + pad(ticket.status.displayName, 13)
                + pad(ticket.priority.name, 11) + pad(ticket.unit, 13) + pad(slaState(responseClocks[ticket.number], timeZone), 18) + subject)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func showJSON(
        _ ticket: Ticket, messages: [StoredMessage], events: [TicketEvent] = [], children: [Ticket] = [], clocks: [StoredClock] = [],
        timeZone: TimeZone = TimeZone(identifier: "UTC")!
    ) -> JSONValue {
        guard case .object(var members) = ticketJSON(ticket) else { return .null }
        members.append(("sla", .array(clocks.map { stored in
            let clock = stored.clock
            return .object([
                ("kind", .string(clock.kind.rawValue)), ("unit", .string(clock.unit)),
                ("target_working_minutes", .int(Int(clock.target / 60))),
                ("started_at", .string(ISOTime.format(clock.startedAt, in: timeZone))),
                ("warn_at", .optional(clock.warnAt.map { ISOTime.format($0, in: timeZone) })),
                ("due_at", .optional(clock.dueAt.map { ISOTime.format($0, in: timeZone) })),
                ("stopped_at", .optional(clock.stoppedAt.map { ISOTime.format($0, in: timeZone) })),
                ("working_minutes_used", .int(Int(clock.consumed / 60))),
                ("paused", .bool(clock.isPaused)),
                ("outcome", .string(clock.outcome.rawValue)),
            ])
        })))
        members.append(("children", .array(children.map { .int($0.number) })))
        members.append(("events", .array(events.map { event in
            .object([
                ("at", .string(ISOTime.utc(event.at))), ("actor", .string(event.actor)), ("field", .string(event.field.rawValue)),
                ("old", .optional(event.oldValue)), ("new", .optional(event.newValue)), ("reason", .optional(event.reason)),
            ])
        })))
        members.append(("messages", .array(messages.map(messageJSON))))
        return .object(members)
    }

    public static func showText(
        _ ticket: Ticket, messages: [StoredMessage], events: [TicketEvent] = [], children: [Ticket] = [], clocks: [StoredClock] = [],
        timeZone: TimeZone = TimeZone(identifier: "UTC")!
    ) -> String {
        var text = """
        Ticket #\(ticket.number): \(TerminalText.line(ticket.subject))
        Kind:      \(ticket.kind.rawValue)\(ticket.changeClass.map { " (\($0.rawValue) change)" } ?? "")
        Status:    \(ticket.status.displayName)
        Priority:  \(ticket.priority.name) (GGUS: \(ticket.priority.ggusName))
        Unit:      \(ticket.unit)\(ticket.rule.map { " (rule \($0))" } ?? "")
        Requester: \(format(ticket.requester))\(ticket.automatic.map { " (automatic mail: \($0.rawValue); told nothing automatically)" } ?? "")
        Mailbox:   \(ticket.mailbox)
        Created:   \(ISOTime.utc(ticket.createdAt))
        Updated:   \(ISOTime.utc(ticket.updatedAt))

        """
        if let parent = ticket.parent { text += "Problem:   #\(parent)\n" }
        if !children.isEmpty { text += "Incidents: " + children.map { "#\($0.number)" }.joined(separator: ", ") + "\n" }
        if let follows = ticket.follows { text += "Follows:   #\(follows)\n" }
        if let maintenance = ticket.maintenance { text += "In maintenance window of #\(maintenance)\n" }
        if let service = ticket.service, let start = ticket.windowStart, let end = ticket.windowEnd {
            text += "Window:    \(TerminalText.line(service)) from \(ISOTime.utc(start)) to \(ISOTime.utc(end))\n"
        }
        if ticket.kind == .change {
            text += "Approval:  \(ticket.approval?.rawValue ?? (ticket.assessed ? "assessed, awaiting approval" : "awaiting assessment"))\n"
            if ticket.needsPostReview { text += "Post-review required (emergency change)\n" }
        }
        if let review = ticket.review {
            text += "Review:    \(review.outcome?.rawValue ?? "open until \(ISOTime.utc(review.closesAt))"), \(review.answers.count) answer(s)\n"
            for answer in review.answers { text += "  > " + TerminalText.block(answer).replacingOccurrences(of: "\n", with: "\n  > ") + "\n" }
        }
        for stored in clocks {
            text += "SLA:       " + slaLine(stored.clock, timeZone: timeZone) + "\n"
        }
        if !events.isEmpty {
            text += "\nHistory:\n"
            for event in events {
                var line = "  \(ISOTime.utc(event.at))  \(TerminalText.line(event.actor)): \(event.field.rawValue)"
                if let old = event.oldValue { line += " \(TerminalText.line(old)) →" }
                if let new = event.newValue { line += " \(TerminalText.line(new))" }
                if let reason = event.reason { line += " (\(TerminalText.line(reason)))" }
                text += line + "\n"
            }
        }
        for message in messages {
            let parsed = MessageParser.parseOnLargeStack(message.raw)
            let direction = message.direction == .incoming ? "received" : "sent"
            text += "\n--- \(direction) \(ISOTime.utc(message.recordedAt))"
            if let automatic = message.automatic { text += " (automatic: \(automatic), not answered)" }
            text += "\nFrom:    \(parsed.from.map(format) ?? "(none)")"
            text += "\nSubject: \(TerminalText.line(parsed.subject ?? "(none)"))\n\n"
            text += TerminalText.block((parsed.text ?? "(no text)").trimmingScalars(in: .newlines)) + "\n"
            if !parsed.attachments.isEmpty {
                text += "Attachments: " + parsed.attachments.map {
                    TerminalText.line("\($0.filename ?? "(unnamed)") (\($0.contentType), \($0.size) bytes)")
                }.joined(separator: ", ") + "\n"
            }
        }
        return text
    }

    static func ticketJSON(_ ticket: Ticket) -> JSONValue {
        .object([
            ("number", .int(ticket.number)),
            ("subject", .string(ticket.subject)),
            ("status", .string(ticket.status.rawValue)),
            ("kind", .string(ticket.kind.rawValue)),
            ("change_class", .optional(ticket.changeClass?.rawValue)),
            ("priority", .int(ticket.priority.rawValue)),
            ("priority_name", .string(ticket.priority.name)),
            ("unit", .string(ticket.unit)),
            ("rule", .optional(ticket.rule)),
            ("parent", ticket.parent.map(JSONValue.int) ?? .null),
            ("follows", ticket.follows.map(JSONValue.int) ?? .null),
            ("maintenance", ticket.maintenance.map(JSONValue.int) ?? .null),
            ("approval", .optional(ticket.approval?.rawValue)),
            ("assessed", .bool(ticket.assessed)),
            ("needs_post_review", .bool(ticket.needsPostReview)),
            ("review", ticket.review.map { review in
                .object([
                    ("requested_at", .string(ISOTime.utc(review.requestedAt))), ("closes_at", .string(ISOTime.utc(review.closesAt))),
                    ("answers", .array(review.answers.map(JSONValue.string))), ("outcome", .optional(review.outcome?.rawValue)),
                ])
            } ?? .null),
            ("requester", .object([("name", .optional(ticket.requester.name)), ("address", .string(ticket.requester.address))])),
            ("mailbox", .string(ticket.mailbox)),
            ("automatic", .optional(ticket.automatic?.rawValue)),
            ("created_at", .string(ISOTime.utc(ticket.createdAt))),
            ("updated_at", .string(ISOTime.utc(ticket.updatedAt))),
        ])
    }

    static func messageJSON(_ message: StoredMessage) -> JSONValue {
        let parsed = MessageParser.parseOnLargeStack(message.raw)
        return .object([
            ("direction", .string(message.direction.rawValue)),
            ("message_id", .optional(message.messageID)),
            ("mailbox", .optional(message.mailbox)),
            ("from", parsed.from.map { .object([("name", .optional($0.name)), ("address", .string($0.address))]) } ?? .null),
            ("subject", .optional(parsed.subject)),
            ("date", .optional(parsed.date?.iso8601)),
            ("recorded_at", .string(ISOTime.utc(message.recordedAt))),
            ("automatic", .optional(message.automatic)),
            ("thread_match", .optional(message.threadMatch)),
            ("text", .optional(parsed.text)),
            ("attachments", .array(parsed.attachments.map {
                .object([("filename", .optional($0.filename)), ("content_type", .string($0.contentType)), ("size", .int($0.size))])
            })),
        ])
    }

    /// Short: "met", "breached", "due 11-30 16:00", "-".
    static func slaState(_ stored: StoredClock?, _ zone: TimeZone) -> String {
        guard let clock = stored?.clock else { return "-" }
        if clock.outcome != .running { return clock.outcome.rawValue }
        guard let due = clock.dueAt else { return clock.isPaused ? "paused" : "running" }
        return "due " + ISOTime.monthDayTime(due, in: zone)
    }

    /// "response (Operations, 480 working minutes): met after 60, started …".
    public static func slaLine(_ clock: SLAClock, timeZone: TimeZone) -> String {
        var line = "\(clock.kind.rawValue) (\(clock.unit), \(Int(clock.target / 60)) working minutes): "
        switch (clock.outcome, clock.isRunning) {
        case (_, false):
            line += "\(clock.outcome.rawValue) after \(Int(clock.consumed / 60)) working minutes"
        case (.breached, true):
            line += "breached, still running (was due \(clock.dueAt.map { ISOTime.format($0, in: timeZone) } ?? "?"))"
        default:
            line += clock.isPaused
                ? "paused (on hold) after \(Int(clock.consumed / 60)) working minutes"
                : "running, due \(clock.dueAt.map { ISOTime.format($0, in: timeZone) } ?? "?")"
        }
        return line
    }

    private static func format(_ address: EmailAddress) -> String {
        TerminalText.line(address.name.map { "\($0) <\(address.address)>" } ?? address.address)
    }


    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width - 1 ? String(text.prefix(width - 2)) + "… " : text + String(repeating: " ", count: width - text.count)
    }
}
