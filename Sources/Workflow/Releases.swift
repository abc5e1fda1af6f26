public import Foundation
import Threading
import Trust
public import TicketCore
public import WorkingTime

/// "Release 2.3 of CheckIn planned for 2027-01-20": the subject of a mail that opens a
/// release ticket. The version holds a digit; "of <service>" and the day are optional;
/// any other word makes it an ordinary subject ("Release 2.3 breaks my jobs").
public struct ReleaseSubject: Sendable, Equatable {
    public var version: String
    public var service: String?
    public var plannedFor: LocalDate?

    public init(version: String, service: String? = nil, plannedFor: LocalDate? = nil) {
        self.version = version
        self.service = service
        self.plannedFor = plannedFor
    }

    public static func parse(_ subject: String) -> ReleaseSubject? {
        // Every new mail's subject comes here: most are told apart by their first word.
        guard subject.utf8.count > 8, subject.prefix(7).lowercased() == "release" else { return nil }
        // Any whitespace parts words: a decoded line break never stays inside one.
        let words = subject.split(whereSeparator: \.isWhitespace).map(String.init)
        guard words.count >= 2, words[0].lowercased() == "release", words[1].count <= 40,
              words[1].contains(where: \.isNumber) else { return nil }
        var index = 2
        var serviceWords: [String] = []
        if index < words.count, words[index].lowercased() == "of" {
            index += 1
            while index < words.count, !["planned", "scheduled", "for", "on"].contains(words[index].lowercased()) {
                serviceWords.append(words[index])
                index += 1
            }
            guard !serviceWords.isEmpty else { return nil }
        }
        var day: LocalDate?
        if index < words.count {
            if ["planned", "scheduled"].contains(words[index].lowercased()) { index += 1 }
            guard index + 2 == words.count, ["for", "on"].contains(words[index].lowercased()),
                  let parsed = LocalDate(parsing: words[index + 1]) else { return nil }
            day = parsed
        }
        return ReleaseSubject(version: words[1], service: serviceWords.isEmpty ? nil : serviceWords.joined(separator: " "), plannedFor: day)
    }
}

/// Releases by mail (DESIGN.md §1, "Releases"): the ticket a release mail opens, and the
/// commands on releases and on the changes they ship. The rules are `ReleaseRules`'.
extension MessageRun {
    /// Whether this mail's sender may open a release by its subject: a member of a unit
    /// whose mail proves it (a DMARC pass; a new mail brings back no token). Anyone else's
    /// "Release …" mail is an ordinary ticket, which a member may make a release with
    /// `Kind: release` (outsider attack: releases squatted under coming versions).
    func mayOpenRelease() -> Bool {
        workflow.units.contains { $0.hasMember(sender) } && rules.trust.evidence(for: message, at: now).domain != nil
    }

    /// `text` as a release day: a real calendar day (2027-02-30 is none) of the years 2000 to 9999.
    func releaseDay(_ text: String) -> LocalDate? {
        guard let day = LocalDate(parsing: text), (2000...9999).contains(day.year), let start = sla.calendar.start(of: day),
              sla.calendar.localDate(of: start) == day else { return nil }
        return day
    }

    mutating func newRelease(_ subject: ReleaseSubject) throws -> ProcessingOutcome {
        var classification = facts.classification
        classification.kind = .release
        classification.changeClass = nil
        classification.priority = Priority.defaultFor(kind: .release, changeClass: nil)
        var ticket = try createTicket(classification: classification, fingerprint: nil)
        ticket.service = subject.service
        ticket.release = Release(version: subject.version, plannedFor: plannedStart(subject.plannedFor))
        file(on: ticket.number, automatic: automaticSender, match: .newTicket)
        setStatus(of: &ticket, reason: "release \(subject.version) planned")
        save(ticket)
        if let recipient = message.replyAddress, !desk.isOwnAddress(recipient.address) {
            let details = ticket.release.map { releaseDetails($0, scope: []) } ?? MailDetails()
            send("acknowledgement-release", fallback: "acknowledgement", about: ticket, to: [recipient.address], replying: true, details: details)
        }
        notifyTeam(about: ticket, template: "team-new-ticket")
        return .created(ticket: ticket.number)
    }

    /// `Kind: release` on an existing ticket: it becomes a planned release, named after its
    /// subject's version when it has one, its SLA clocks stopped (a release has its date).
    mutating func becomeRelease(_ ticket: inout Ticket) {
        let subject = ReleaseSubject.parse(ticket.subject)
        ticket.release = Release(version: subject?.version ?? "#\(ticket.number)", plannedFor: plannedStart(subject?.plannedFor))
        ticket.service = ticket.service ?? subject?.service
        clock(.stop(ticket: ticket.number, kinds: [.response, .resolution], at: now))
        setStatus(of: &ticket, reason: "release \(ticket.release?.version ?? "") planned")
    }

    /// The start of a day a subject named, when it is a real day after today (else the
    /// release has no day yet: `Date:` gives it one).
    private func plannedStart(_ day: LocalDate?) -> Date? {
        guard let day, let valid = releaseDay(day.description), valid > sla.calendar.localDate(of: now) else { return nil }
        return sla.calendar.start(of: valid)
    }

    /// Applies one release command; returns why the rules refuse it, or nil.
    mutating func applyRelease(_ command: MailCommand, to ticket: inout Ticket) throws -> String? {
        switch command {
        case .release(let version):
            guard ticket.kind == .change else { return "only a change ships in a release; this is \(ticket.kind.withArticle)" }
            let candidates = try reader.releases(version: version).filter { $0.release?.isActive ?? false && works($0.unit) }
            guard var release = candidates.first else {
                return "no release \(version) of a unit you work is planned: a member opens it first "
                    + "(a mail \"Release \(version) of <service> planned for YYYY-MM-DD\", or `Kind: release` on a ticket)"
            }
            guard candidates.count == 1 else {
                return "\(candidates.count) releases are named \(version) (" + candidates.map { "#\($0.number)" }.joined(separator: ", ")
                    + "): on the one you mean, `Include: #\(ticket.number)`"
            }
            if let refusal = try include(&ticket, in: &release) { return refusal }
            save(release)
        case .include(let numbers):
            guard ticket.release != nil else { return notARelease(ticket) }
            var changes: [Ticket] = []
            for number in numbers where !changes.contains(where: { $0.number == number }) {
                guard number != ticket.number else { return "a release is not in its own scope" }
                // A change of a unit the sender does not work is not theirs to ship, nor to
                // learn of (outsider attack: a Security change's subject announced to the lists).
                guard let change = try reader.ticket(number), works(change.unit) else { return "there is no change #\(number) of a unit you work" }
                changes.append(change)
            }
            // All or none: each is checked before any is put in.
            var trial = ticket
            for var change in changes {
                if let refusal = try include(&change, in: &trial, recording: false) { return refusal }
            }
            for var change in changes {
                _ = try include(&change, in: &ticket)
                save(change)
            }
        case .exclude(let numbers):
            guard var release = ticket.release else { return notARelease(ticket) }
            guard release.state == .planned else {
                return "release \(release.version) is \(release.state.rawValue): its scope changes only while it is planned"
            }
            if let missing = numbers.first(where: { !release.scope.contains($0) }) {
                return "#\(missing) is not in the scope of release \(release.version)"
            }
            for number in numbers where release.scope.contains(number) {
                release.scope.removeAll { $0 == number }
                event(ticket.number, .link, old: "change #\(number)", reason: "out of the scope of release \(release.version)")
                if var change = try reader.ticket(number), change.changePlan?.release == ticket.number {
                    change.changePlan?.release = nil
                    event(number, .link, old: "release #\(ticket.number)", reason: "out of the scope of release \(release.version)")
                    save(change)
                }
            }
            ticket.release = release
        case .plannedDate(let text):
            guard var release = ticket.release else { return notARelease(ticket) }
            guard let day = releaseDay(text), let start = sla.calendar.start(of: day) else {
                return "Date needs a day as YYYY-MM-DD, not \"\(text)\""
            }
            guard release.state == .planned else {
                return "release \(release.version) is \(release.state.rawValue): its date moves only while it is planned"
            }
            guard day > sla.calendar.localDate(of: now) else { return "\(day) is not after today" }
            event(ticket.number, .release, old: release.plannedFor.map { "\(sla.calendar.localDate(of: $0))" }, new: "date \(day)")
            release.plannedFor = start
            ticket.release = release
        case .releaseText(let field, let text):
            guard var release = ticket.release else { return notARelease(ticket) }
            guard release.state != .cancelled, release.state != .reviewed else {
                return "release \(release.version) is \(release.state.rawValue): its texts are final"
            }
            release.texts[field, default: []].append(text)
            ticket.release = release
            event(ticket.number, .release, new: "\(field.command): \(text)")
        case .emergency(let flag):
            guard var release = ticket.release else { return notARelease(ticket) }
            guard flag != release.emergency else { return nil }
            guard release.state == .planned else {
                return "release \(release.version) is \(release.state.rawValue): it is marked an emergency only while it is planned"
            }
            release.emergency = flag
            ticket.release = release
            event(ticket.number, .release, new: flag ? "emergency release" : "planned release")
        case .outcome(let succeeded):
            guard var release = ticket.release else { return notARelease(ticket) }
            guard release.state == .deployed || release.state == .reviewed else {
                return "release \(release.version) is \(release.state.rawValue): its outcome is recorded once it is deployed"
            }
            release.succeeded = succeeded
            ticket.release = release
            event(ticket.number, .release, new: succeeded ? "outcome: success" : "outcome: failure")
        case .rollback(let text):
            guard ticket.kind == .change else { return "rollback steps are written on a change; this is \(ticket.kind.withArticle)" }
            var plan = ticket.changePlan ?? ChangePlan()
            plan.rollback = [plan.rollback, text].compactMap { $0 }.joined(separator: "\n")
            ticket.changePlan = plan
            event(ticket.number, .release, new: "Rollback: \(text)")
        case .risk(let high):
            guard ticket.kind == .change else { return "a risk is declared on a change; this is \(ticket.kind.withArticle)" }
            var plan = ticket.changePlan ?? ChangePlan()
            guard plan.declaredHighRisk != high else { return nil }
            plan.declaredHighRisk = high
            ticket.changePlan = plan
            event(ticket.number, .release, new: high ? "risk: high" : "risk: not high")
        case .releaseStatus(let move):
            return try moveRelease(&ticket, move)
        default:
            preconditionFailure("not a release command: \(command)")
        }
        return nil
    }

    /// Whether the sender works tickets of `unit`: a member, or an approver.
    private func works(_ unit: String) -> Bool {
        workflow.unit(named: unit)?.hasMember(sender) ?? false || workflow.isApprover(sender)
    }

    private func notARelease(_ ticket: Ticket) -> String {
        "#\(ticket.number) is \(ticket.kind.withArticle), not a release"
    }

    /// Puts `change` in the scope of `releaseTicket`; returns why it may not go there, or nil.
    /// Not `recording`, it only checks (and the events are left out).
    private mutating func include(_ change: inout Ticket, in releaseTicket: inout Ticket, recording: Bool = true) throws -> String? {
        guard var release = releaseTicket.release else { return notARelease(releaseTicket) }
        if let refusal = ReleaseRules.scopeRefusal(change: change, release: release) { return refusal }
        guard !release.scope.contains(change.number) else { return nil }
        if let other = change.changePlan?.release, other != releaseTicket.number, let held = try reader.ticket(other)?.release, held.isActive {
            return "change #\(change.number) ships in release \(held.version) (#\(other)): `Exclude: #\(change.number)` there first"
        }
        release.scope.append(change.number)
        releaseTicket.release = release
        var plan = change.changePlan ?? ChangePlan()
        plan.release = releaseTicket.number
        change.changePlan = plan
        guard recording else { return nil }
        event(releaseTicket.number, .link, new: "change #\(change.number)", reason: "in the scope of release \(release.version)")
        event(change.number, .link, new: "release #\(releaseTicket.number)", reason: "ships in release \(release.version)")
        return nil
    }

    /// The changes in a release's scope, as the rules read them.
    private func scope(of release: Release) throws -> [ReleaseRules.ScopedChange] {
        try release.scope.compactMap { number in
            try reader.ticket(number).map { ReleaseRules.ScopedChange(ticket: $0, plan: $0.changePlan ?? ChangePlan()) }
        }
    }

    /// `Status:` on a release: announced (the announcement and the one-slide summary go
    /// out), in test, failed (back to planned, its changes back to work), deployed (its
    /// changes resolved, its review asked for), cancelled (its changes free to ship in
    /// another).
    private mutating func moveRelease(_ ticket: inout Ticket, _ move: Release.Move) throws -> String? {
        guard var release = ticket.release else { return "only a release is announced, tested or deployed; this is \(ticket.kind.withArticle)" }
        if let refusal = ReleaseRules.moveRefusal(release, move) { return refusal }
        let old = release.state
        let policy = workflow.releases
        var reason: String?
        switch move {
        case .to(.announced):
            let scope = try scope(of: release)
            if let refusal = ReleaseRules.announcementRefusal(release, scope: scope, now: now, calendar: sla.calendar, policy: policy) {
                return refusal
            }
            let meeting = ReleaseRules.presentation(of: release, calendar: sla.calendar, policy: policy)
            release.state = .announced
            release.announcedAt = now
            release.presentAt = meeting.flatMap(sla.calendar.start(of:))
            release.remindedAt = nil
            reason = meeting.map { "presented at the operations board meeting of \($0)" + (release.emergency ? ", after the fact" : "") }
            ticket.release = release
            let details = releaseDetails(release, scope: scope)
            send("release-announcement", about: ticket, to: policy.announceTo, replying: false, details: details)
            if let operations = policy.operationsAddress {
                send("release-summary", about: ticket, to: [operations], replying: false, details: details)
            }
        case .to(.inTest):
            release.state = .inTest
        case .failed:
            release.testResults.append(false)
            release.state = .planned
            release.presentAt = nil
            reason = "test failed: back to development"
            for var change in try scope(of: release).map(\.ticket) where change.isActive && change.status != .open {
                self.move(&change, to: .open, actor: sender, reason: "release \(release.version) failed its test")
                save(change)
            }
        case .to(.deployed):
            release.testResults.append(true)
            release.state = .deployed
            release.deployedAt = now
            let scope = try scope(of: release)
            for var change in scope.map(\.ticket) where change.isActive {
                self.move(&change, to: .resolved, actor: sender, reason: "deployed in release \(release.version)")
                save(change)
            }
            ticket.review = Ticket.Review(requestedAt: now, closesAt: now.addingTimeInterval(workflow.reviewPeriod))
            var details = MailDetails()
            details.questions = WorkflowRules.reviewQuestions
            details.reviewDays = Int(workflow.reviewPeriod / 86_400)
            details.release = rules.releaseDetails(release, scope: scope)
            send("release-review", about: ticket, to: policy.announceTo, replying: false, details: details)
        case .to(.cancelled):
            release.state = .cancelled
            for var change in try scope(of: release).map(\.ticket) where change.changePlan?.release == ticket.number {
                change.changePlan?.release = nil
                event(change.number, .link, old: "release #\(ticket.number)", reason: "release \(release.version) was cancelled")
                save(change)
            }
        case .to(.planned), .to(.reviewed):
            preconditionFailure("refused by ReleaseRules.moveRefusal")
        }
        ticket.release = release
        event(ticket.number, .release, old: old.rawValue, new: release.state.rawValue, reason: reason)
        setStatus(of: &ticket, reason: "release \(release.state.rawValue)")
        return nil
    }

    /// A release ticket's status follows its release's state, without the status mail of
    /// other tickets (the release's own mails say it).
    mutating func setStatus(of ticket: inout Ticket, reason: String) {
        guard let release = ticket.release else { return }
        let status = Release.ticketStatus(release.state)
        guard status != ticket.status else { return }
        event(ticket.number, .status, old: ticket.status.rawValue, new: status.rawValue, reason: reason)
        ticket.status = status
    }

    func releaseDetails(_ release: Release, scope: [ReleaseRules.ScopedChange]) -> MailDetails {
        var details = MailDetails()
        details.release = rules.releaseDetails(release, scope: scope)
        return details
    }
}

extension WorkflowRules {
    /// What the release mails say of `release` and its scope.
    public func releaseDetails(_ release: Release, scope: [ReleaseRules.ScopedChange]) -> ReleaseDetails {
        let calendar = sla.calendar
        return ReleaseDetails(
            version: release.version, plannedFor: release.plannedFor.map { "\(calendar.localDate(of: $0))" }, emergency: release.emergency,
            presentAt: release.presentAt.map { "\(calendar.localDate(of: $0))" },
            changes: scope.map { change in
                ReleaseDetails.Change(
                    number: change.ticket.number, subject: change.ticket.subject,
                    kind: [change.ticket.kind.rawValue, change.ticket.changeClass?.rawValue].compactMap { $0 }.joined(separator: "/"),
                    priority: change.ticket.priority.name, highRisk: ReleaseRules.isHighRisk(change), rollback: change.plan.rollback
                )
            },
            texts: release.texts
        )
    }

    /// The reminder to the unit of an announced release with no test result a working day
    /// before its date, once; nothing when none is due.
    public func testReminder(of ticket: Ticket, scope: [Ticket], now: Date) -> [Effect] {
        guard var release = ticket.release, ReleaseRules.needsTestReminder(release, now: now, calendar: sla.calendar) else { return [] }
        release.remindedAt = now
        var reminded = ticket
        reminded.release = release
        var effects: [Effect] = [
            .saveTicket(reminded),
            .event(TicketEvent(ticket: ticket.number, at: now, actor: "ticketd", field: .release, newValue: "test reminder",
                               reason: "no test result a working day before the release")),
        ]
        let members = workflow.unit(named: ticket.unit)?.members.sorted() ?? []
        if !members.isEmpty {
            var details = MailDetails()
            details.release = releaseDetails(release, scope: scope.map { ReleaseRules.ScopedChange(ticket: $0, plan: $0.changePlan ?? ChangePlan()) })
            effects.append(.mail(MailOrder(.ticket(templates: ["release-reminder"], ticket: reminded, details: details), to: members, inReplyToMessage: false)))
        }
        return effects
    }
}
