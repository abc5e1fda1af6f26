import Foundation
public import GRDB
import TicketCore

extension TicketKind: DatabaseValueConvertible {}
extension ChangeClass: DatabaseValueConvertible {}
extension Ticket.Approval: DatabaseValueConvertible {}
extension Ticket.Review.Outcome: DatabaseValueConvertible {}
extension TicketEvent.Field: DatabaseValueConvertible {}
extension AutomaticReason: DatabaseValueConvertible {}

struct TicketRecord: Decodable, FetchableRecord, TableRecord {
    static let databaseTableName = "tickets"
    var number: Int64?
    var subject: String
    var requesterName: String?
    var requesterAddress: String
    var status: TicketStatus
    var mailbox: String
    var createdAt: Date
    var updatedAt: Date
    var kind: TicketKind
    var changeClass: ChangeClass?
    var priority: Int
    var unit: String
    var rule: String?
    var participants: String
    var fingerprint: String?
    var parent: Int64?
    var follows: Int64?
    var maintenance: Int64?
    var service: String?
    var windowStart: Date?
    var windowEnd: Date?
    var assessed: Bool
    var approval: Ticket.Approval?
    var needsPostReview: Bool
    var reviewRequestedAt: Date?
    var reviewClosesAt: Date?
    var reviewAnswers: String?
    var reviewOutcome: Ticket.Review.Outcome?
    var automatic: AutomaticReason?
    /// A release's record and a change's plan, as JSON: few tickets have them, and none
    /// is searched by their fields but a release's version.
    var release: String?
    var changePlan: String?

    enum CodingKeys: String, CodingKey {
        case number, subject, status, mailbox, kind, priority, unit, rule, participants, fingerprint, parent, follows
        case maintenance, service, assessed, approval, automatic, release
        case changePlan = "change_plan"
        case requesterName = "requester_name", requesterAddress = "requester_address"
        case createdAt = "created_at", updatedAt = "updated_at", changeClass = "change_class"
        case windowStart = "window_start", windowEnd = "window_end", needsPostReview = "needs_post_review"
        case reviewRequestedAt = "review_requested_at", reviewClosesAt = "review_closes_at"
        case reviewAnswers = "review_answers", reviewOutcome = "review_outcome"
    }

    /// Column → value, written by hand: Codable encoding cost more than the insert itself.
    static let layout = ColumnLayout<TicketRecord>(
        table: databaseTableName, key: ("number", \.number),
        columns: [
            ("subject", { $1.add($0.subject) }),
            ("requester_name", { $1.add($0.requesterName) }),
            ("requester_address", { $1.add($0.requesterAddress) }),
            ("status", { $1.add($0.status) }),
            ("mailbox", { $1.add($0.mailbox) }),
            ("created_at", { $1.add($0.createdAt) }),
            ("updated_at", { $1.add($0.updatedAt) }),
            ("kind", { $1.add($0.kind) }),
            ("change_class", { $1.add($0.changeClass) }),
            ("priority", { $1.add($0.priority) }),
            ("unit", { $1.add($0.unit) }),
            ("rule", { $1.add($0.rule) }),
            ("participants", { $1.add($0.participants) }),
            ("fingerprint", { $1.add($0.fingerprint) }),
            ("parent", { $1.add($0.parent) }),
            ("follows", { $1.add($0.follows) }),
            ("maintenance", { $1.add($0.maintenance) }),
            ("service", { $1.add($0.service) }),
            ("window_start", { $1.add($0.windowStart) }),
            ("window_end", { $1.add($0.windowEnd) }),
            ("assessed", { $1.add($0.assessed) }),
            ("approval", { $1.add($0.approval) }),
            ("needs_post_review", { $1.add($0.needsPostReview) }),
            ("review_requested_at", { $1.add($0.reviewRequestedAt) }),
            ("review_closes_at", { $1.add($0.reviewClosesAt) }),
            ("review_answers", { $1.add($0.reviewAnswers) }),
            ("review_outcome", { $1.add($0.reviewOutcome) }),
            ("automatic", { $1.add($0.automatic) }),
            ("release", { $1.add($0.release) }),
            ("change_plan", { $1.add($0.changePlan) }),
        ]
    )

    /// The columns `init(_: ResultColumns)` reads, in its order: the key, then the layout's.
    static let selection = (["number"] + layout.columns.map(\.name)).joined(separator: ", ")

    /// The same columns of the table named `alias` in a join, and how many they are.
    static func selection(of alias: String) -> String {
        (["number"] + layout.columns.map(\.name)).map { alias + "." + $0 }.joined(separator: ", ")
    }

    static var columnCount: Int32 { Int32(layout.columns.count + 1) }

    /// A row of `SELECT \(selection)` (from column `first` on), read straight from SQLite: GRDB's Codable decoding of
    /// the open problem cost more than finding it.
    init(_ row: ResultColumns, from first: Int32 = 0) throws {
        var index: Int32 = first - 1
        func next() -> Int32 {
            index += 1
            return index
        }
        func required<Value>(_ value: Value?) throws -> Value {
            guard let value else { throw ColumnError(column: index, value: .null) }
            return value
        }
        number = row.optionalInt64(next())
        subject = try required(row.string(next()))
        requesterName = row.string(next())
        requesterAddress = try required(row.string(next()))
        status = try required(row.value(next()))
        mailbox = try required(row.string(next()))
        createdAt = try required(row.date(next()))
        updatedAt = try required(row.date(next()))
        kind = try required(row.value(next()))
        changeClass = try row.value(next())
        priority = Int(row.int64(next()))
        unit = try required(row.string(next()))
        rule = row.string(next())
        participants = try required(row.string(next()))
        fingerprint = row.string(next())
        parent = row.optionalInt64(next())
        follows = row.optionalInt64(next())
        maintenance = row.optionalInt64(next())
        service = row.string(next())
        windowStart = try row.date(next())
        windowEnd = try row.date(next())
        assessed = row.int64(next()) != 0
        approval = try row.value(next())
        needsPostReview = row.int64(next()) != 0
        reviewRequestedAt = try row.date(next())
        reviewClosesAt = try row.date(next())
        reviewAnswers = row.string(next())
        reviewOutcome = try row.value(next())
        automatic = try row.value(next())
        release = row.string(next())
        changePlan = row.string(next())
    }

    init(_ ticket: Ticket) {
        number = ticket.number > 0 ? Int64(ticket.number) : nil
        subject = ticket.subject
        requesterName = ticket.requester.name
        requesterAddress = ticket.requester.address
        status = ticket.status
        mailbox = ticket.mailbox
        createdAt = ticket.createdAt
        updatedAt = ticket.updatedAt
        kind = ticket.kind
        changeClass = ticket.changeClass
        priority = ticket.priority.rawValue
        unit = ticket.unit
        rule = ticket.rule
        participants = Self.encode(ticket.participants)
        fingerprint = ticket.fingerprint
        parent = ticket.parent.map(Int64.init)
        follows = ticket.follows.map(Int64.init)
        maintenance = ticket.maintenance.map(Int64.init)
        service = ticket.service
        windowStart = ticket.windowStart
        windowEnd = ticket.windowEnd
        assessed = ticket.assessed
        approval = ticket.approval
        needsPostReview = ticket.needsPostReview
        reviewRequestedAt = ticket.review?.requestedAt
        reviewClosesAt = ticket.review?.closesAt
        reviewAnswers = ticket.review.map { Self.encode($0.answers) }
        reviewOutcome = ticket.review?.outcome
        automatic = ticket.automatic
        release = ticket.release.map(Self.json)
        changePlan = ticket.changePlan.map(Self.json)
    }

    var ticket: Ticket {
        var review: Ticket.Review?
        if let reviewRequestedAt, let reviewClosesAt {
            review = Ticket.Review(
                requestedAt: reviewRequestedAt, closesAt: reviewClosesAt, answers: Self.decode(reviewAnswers),
                outcome: reviewOutcome
            )
        }
        return Ticket(
            number: Int(number ?? 0), subject: subject,
            requester: EmailAddress(name: requesterName, address: requesterAddress),
            status: status, mailbox: mailbox, createdAt: createdAt, updatedAt: updatedAt, kind: kind,
            changeClass: changeClass, priority: Priority(rawValue: priority) ?? .normal, unit: unit, rule: rule,
            participants: Self.decode(participants), fingerprint: fingerprint, parent: parent.map { Int($0) },
            follows: follows.map { Int($0) }, maintenance: maintenance.map { Int($0) }, service: service,
            windowStart: windowStart, windowEnd: windowEnd, assessed: assessed, approval: approval,
            needsPostReview: needsPostReview, review: review, automatic: automatic,
            release: release.flatMap { Self.value(Release.self, $0) }, changePlan: changePlan.flatMap { Self.value(ChangePlan.self, $0) }
        )
    }

    private static func json<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    private static func value<Value: Decodable>(_ type: Value.Type, _ text: String) -> Value? {
        try? JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// A JSON array of strings.
    private static func encode(_ values: [String]) -> String {
        "[" + values.map(JSONText.quote).joined(separator: ",") + "]"
    }

    private static func decode(_ text: String?) -> [String] {
        guard let text, text != "[]" else { return [] }
        return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }
}

struct EventRecord: Decodable, FetchableRecord, TableRecord {
    static let databaseTableName = "ticket_events"
    var id: Int64?
    var ticketNumber: Int64
    var at: Date
    var actor: String
    var field: TicketEvent.Field
    var oldValue: String?
    var newValue: String?
    var reason: String?

    enum CodingKeys: String, CodingKey {
        case id, at, actor, field, reason
        case ticketNumber = "ticket_number", oldValue = "old_value", newValue = "new_value"
    }

    static let layout = ColumnLayout<EventRecord>(
        table: databaseTableName, key: ("id", \.id),
        columns: [
            ("ticket_number", { $1.add($0.ticketNumber) }),
            ("at", { $1.add($0.at) }),
            ("actor", { $1.add($0.actor) }),
            ("field", { $1.add($0.field) }),
            ("old_value", { $1.add($0.oldValue) }),
            ("new_value", { $1.add($0.newValue) }),
            ("reason", { $1.add($0.reason) }),
        ]
    )

    init(_ event: TicketEvent) {
        ticketNumber = Int64(event.ticket)
        at = event.at
        actor = event.actor
        field = event.field
        oldValue = event.oldValue
        newValue = event.newValue
        reason = event.reason
    }

    var event: TicketEvent {
        TicketEvent(ticket: Int(ticketNumber), at: at, actor: actor, field: field, oldValue: oldValue, newValue: newValue, reason: reason)
    }
}
