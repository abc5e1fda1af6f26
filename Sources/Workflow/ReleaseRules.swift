public import Foundation
public import TicketCore
public import WorkingTime

/// How a site manages its releases (`[releases]`).
public struct ReleasePolicy: Sendable, Equatable {
    /// A planned release is announced at least this many days before its day.
    public var noticeDays: Int
    public var board: BoardMeetings
    /// The lists an announcement and a review go to (service providers, advisory groups).
    public var announceTo: [String]
    /// Where the one-slide summary for the operations board goes.
    public var operationsAddress: String?

    public init(noticeDays: Int = 7, board: BoardMeetings = .none, announceTo: [String] = [], operationsAddress: String? = nil) {
        self.noticeDays = noticeDays
        self.board = board
        self.announceTo = announceTo
        self.operationsAddress = operationsAddress
    }

    /// The lists and the operations address, lower-cased: only release mails go there, and
    /// no mail from outside makes them a ticket's requester or participant.
    public var addresses: Set<String> {
        Set((announceTo + (operationsAddress.map { [$0] } ?? [])).map { $0.lowercased() })
    }

    /// The templates of the mail that goes to those addresses.
    public static let listTemplates: Set<String> = ["release-announcement", "release-summary", "release-review"]
}

/// Release and deployment management (DESIGN.md §1, "Releases"; the operations rules'
/// "Plan Release", "Test Release", "Inform" and "Deploy Release"): pure decisions, each
/// refusal a line of a table test.
public enum ReleaseRules {
    /// A change in a release's scope, as the rules read it.
    public struct ScopedChange: Sendable, Equatable {
        public var ticket: Ticket
        public var plan: ChangePlan

        public init(ticket: Ticket, plan: ChangePlan) {
            self.ticket = ticket
            self.plan = plan
        }
    }

    /// High impact and high risk: priority high or immediate, or `Risk: high`.
    public static func isHighRisk(_ change: ScopedChange) -> Bool {
        change.ticket.priority >= .high || change.plan.declaredHighRisk
    }

    /// Accepted for implementation: not new, not rejected, and a normal change approved
    /// (standard changes are approved beforehand, emergency ones go ahead).
    public static func isAccepted(_ change: Ticket) -> Bool {
        change.status != .new && change.status != .rejected && (change.changeClass != .normal || change.approval == .approved)
    }

    /// Why `release` may not be announced at `now`, or nil. A planned release is announced
    /// `noticeDays` before its day at least, and no later than the last board meeting
    /// before that day, where it is presented; an emergency release may be announced late.
    /// Every change in scope is accepted, and a high-risk one has its rollback steps.
    public static func announcementRefusal(
        _ release: Release, scope: [ScopedChange], now: Date, calendar: OfficeCalendar, policy: ReleasePolicy
    ) -> String? {
        guard release.state == .planned else { return "only a planned release is announced; \(release.version) is \(release.state.rawValue)" }
        guard let planned = release.plannedFor.map(calendar.localDate(of:)) else {
            return "release \(release.version) has no date: give it one first (`Date: YYYY-MM-DD`)"
        }
        guard !scope.isEmpty else { return "release \(release.version) has no change in its scope: `Include: #N` first" }
        for change in scope {
            guard change.ticket.kind == .change else {
                return "#\(change.ticket.number) is \(change.ticket.kind.withArticle), not a change: `Exclude: #\(change.ticket.number)`"
            }
            guard isAccepted(change.ticket) else {
                return "change #\(change.ticket.number) is not accepted yet (\(change.ticket.status.rawValue)"
                    + (change.ticket.changeClass == .normal && change.ticket.approval == nil ? ", not approved" : "") + ")"
            }
            guard !isHighRisk(change) || !(change.plan.rollback ?? "").trimmingScalars(in: .whitespacesAndNewlines).isEmpty else {
                return "change #\(change.ticket.number) is high risk and has no rollback steps: write them on it (`Rollback: …`)"
            }
        }
        guard !release.emergency else { return nil }
        let today = calendar.localDate(of: now)
        let latest = planned.adding(days: -policy.noticeDays)
        if today > latest {
            return "release \(release.version) is planned for \(planned): it is announced \(policy.noticeDays) days before at least, "
                + "by \(latest) (move its date, or mark it `Emergency: yes`)"
        }
        if let meeting = policy.board.last(before: planned), meeting < today {
            return "release \(release.version) should have been presented at the operations board meeting of \(meeting), "
                + "the last before \(planned) (move its date after the next meeting, or mark it `Emergency: yes`)"
        }
        return nil
    }

    /// The board meeting an announced release is presented at: a planned one at the last
    /// before its day, an emergency one at the first after it (after the fact).
    public static func presentation(of release: Release, calendar: OfficeCalendar, policy: ReleasePolicy) -> LocalDate? {
        guard let planned = release.plannedFor.map(calendar.localDate(of:)) else { return nil }
        return release.emergency ? policy.board.first(after: planned) : policy.board.last(before: planned)
    }

    /// Why `Status:` may not make `move` on a release where it stands, or nil.
    /// Announced → in test → deployed; a failed test sends it back to planned; it may be
    /// cancelled before it is deployed. `announced` has its own rules
    /// (`announcementRefusal`); `reviewed` comes when its review closes.
    public static func moveRefusal(_ release: Release, _ move: Release.Move) -> String? {
        let from = release.state
        let allowed: Bool
        switch move {
        case .to(.announced): allowed = from == .planned
        case .to(.inTest): allowed = from == .announced
        case .to(.deployed): allowed = from == .inTest
        case .failed: allowed = from == .announced || from == .inTest
        case .to(.cancelled): allowed = [.planned, .announced, .inTest].contains(from)
        case .to(.planned): return "a release goes back to planned when its test fails: `Status: failed`"
        case .to(.reviewed): return "a release is reviewed when its post-implementation review closes"
        }
        guard !allowed else { return nil }
        let name = if case .to(let state) = move { state.rawValue } else { "failed" }
        let hint: String = switch from {
        case .planned: "announce it first (`Status: announced`)"
        case .announced: "test it first (`Status: in test`)"
        case .inTest: "it is in test: `Status: deployed` or `Status: failed`"
        case .deployed, .reviewed: "it is deployed already"
        case .cancelled: "it was cancelled"
        }
        return "release \(release.version) cannot become \(name) from \(from.rawValue): \(hint)"
    }

    /// Whether the unit of an announced release is to be reminded that it has no test
    /// result: less than a working day before its day, once.
    public static func needsTestReminder(_ release: Release, now: Date, calendar: OfficeCalendar) -> Bool {
        guard release.state == .announced || release.state == .inTest, release.remindedAt == nil,
              let planned = release.plannedFor, now < planned else { return false }
        return calendar.workingSeconds(from: now, to: planned) <= calendar.seconds(days: 1)
    }

    /// Why `change` may not be put in `release`'s scope, or taken out of it, or nil: only
    /// changes, and only while the release is planned (an announced scope is what was
    /// announced: a failed test brings it back to planned).
    public static func scopeRefusal(change: Ticket, release: Release) -> String? {
        guard change.kind == .change else { return "#\(change.number) is \(change.kind.withArticle): only changes ship in a release" }
        guard release.state == .planned else {
            return "release \(release.version) is \(release.state.rawValue): its scope changes only while it is planned"
        }
        return nil
    }
}
