public import Foundation
import Synchronization
public import TicketCore
import Workflow
import WorkingTime

/// The in-memory twin of the store seam: every role over arrays, for tests of the runtime
/// without a database file. Transactions run one at a time on a copy of the state that
/// replaces it only when the body returns; a savepoint restores its copy when its body
/// throws. Queued mail is made in place (as the SQLite store does when not deferring), so
/// `DeferredMailError` never comes from it. A read transaction works on a copy: what it
/// writes is dropped. A transaction body must not call the store itself (its lock is held).
public final class InMemoryStore: DeskStore, OutboxStore, DeskQueries, HealthQueries, WebAccounts, TicketQueue, MetricsQueries {
    private let state = Mutex(DeskState())

    public init() {}

    public func writeTransaction<T: Sendable>(
        deferringMail: Bool, _ body: @escaping @Sendable (any DeskTransaction) throws -> T
    ) async throws -> T {
        try state.withLock { current in
            let transaction = InMemoryTransaction(current)
            let result = try body(transaction)
            current = transaction.state
            return result
        }
    }

    public func readTransaction<T: Sendable>(_ body: @escaping @Sendable (any DeskTransaction) throws -> T) async throws -> T {
        try body(snapshot())
    }

    /// A transaction over a copy of the state as it stands: what it writes is dropped.
    private func snapshot() -> InMemoryTransaction { InMemoryTransaction(state.withLock { $0 }) }

    public func isTransient(_ error: any Error) -> Bool { false }

    // MARK: - Outbox

    public func dueOutbox(now: Date, limit: Int, excluding excluded: Set<Int64>) async throws -> [OutboxItem] {
        state.withLock { current in
            Array(current.outbox.filter { $0.item.status == .pending && $0.nextAttempt <= now && !excluded.contains($0.item.id) }
                .sorted { ($0.nextAttempt, $0.item.id) < ($1.nextAttempt, $1.item.id) }
                .prefix(limit).map(\.item))
        }
    }

    public func markSent(_ marks: [SentMark]) async throws {
        state.withLock { current in
            for mark in marks {
                current.updateOutbox(mark.outboxID) { row in
                    guard row.item.status == .pending else { return }
                    row.item.status = .sent
                    row.item.attempts += 1
                    row.item.lastError = nil
                }
            }
        }
    }

    public func markRetry(outboxID: Int64, error: String, nextAttempt: Date) async throws {
        state.withLock { current in
            current.updateOutbox(outboxID) { row in
                row.item.attempts += 1
                row.item.lastError = error
                row.nextAttempt = nextAttempt
            }
        }
    }

    public func markFailed(outboxID: Int64, error: String, event: TicketEvent?) async throws {
        state.withLock { current in
            current.updateOutbox(outboxID) { row in
                row.item.status = .failed
                row.item.attempts += 1
                row.item.lastError = error
            }
            if let event { current.events.append(event) }
        }
    }

    public func recordEvent(_ event: TicketEvent) async throws {
        state.withLock { $0.events.append(event) }
    }

    public func recordSMTPPass(server: String, at date: Date, error: String?) async throws {
        state.withLock { current in
            let last = current.smtpPasses[server] ?? ConnectionPass(name: server, lastSuccess: nil, lastFailure: nil, lastError: nil, failuresInARow: 0)
            current.smtpPasses[server] = last.recording(at: date, error: error)
        }
    }

    // MARK: - Queries (the command line's, and what tests read)

    public func ticket(_ number: Int) -> Ticket? { snapshot().ticket(number) }
    public func ticketNumber(forMessageIDs ids: [String]) -> Int? { snapshot().ticketNumber(forMessageIDs: ids) }
    public func children(of number: Int) -> [Ticket] { tickets().filter { $0.parent == number } }
    public func latestResponseClocks() -> [Int: StoredClock] {
        state.withLock { current in
            var latest: [Int: StoredClock] = [:]
            for stored in current.clocks where stored.clock.kind == .response { latest[stored.ticket] = stored }
            return latest
        }
    }
    public func tickets() -> [Ticket] { state.withLock { $0.tickets.values.sorted { $0.number < $1.number } } }
    public func events(ofTicket number: Int) -> [TicketEvent] { state.withLock { $0.events.filter { $0.ticket == number } } }
    public func outbox() -> [OutboxItem] { state.withLock { $0.outbox.map(\.item) } }
    public func messages(ofTicket number: Int) -> [StoredMessage] {
        state.withLock { $0.messages.filter { $0.stored.ticketNumber == number }.map(\.stored) }
    }
    public func failures() -> [QuarantinedMessage] { snapshot().failures() }
    public func clocks(ofTicket number: Int) -> [StoredClock] { snapshot().clocks(ofTicket: number) }
    // MARK: - Queue

    public func queue(_ filter: QueueFilter) -> [QueueEntry] {
        let latest = latestResponseClocks()
        let entries = tickets().filter { QueueRules.matches($0, filter) }.map { QueueEntry(ticket: $0, responseClock: latest[$0.number]) }
        return Array(entries.sorted(by: QueueRules.ordered).dropFirst(filter.offset).prefix(filter.limit))
    }

    // MARK: - Web accounts

    public func addUser(_ user: WebUser) -> Bool {
        state.withLock { current in
            guard current.webUsers[user.name.lowercased()] == nil else { return false }
            current.webUsers[user.name.lowercased()] = user
            return true
        }
    }

    public func removeUser(named name: String) -> Bool {
        state.withLock { current in
            guard let user = current.webUsers.removeValue(forKey: name.lowercased()) else { return false }
            current.tokens.removeAll { $0.token.user.lowercased() == user.name.lowercased() }
            current.sessions = current.sessions.filter { $0.value.user.lowercased() != user.name.lowercased() }
            return true
        }
    }

    public func users() -> [WebUser] { state.withLock { $0.webUsers.values.sorted { $0.name.lowercased() < $1.name.lowercased() } } }

    public func user(named name: String) -> WebUser? { state.withLock { $0.webUsers[name.lowercased()] } }

    public func addToken(user: String, label: String, hash: String, at date: Date) -> Int64 {
        state.withLock { current in
            let id = current.nextID()
            current.tokens.append((APIToken(id: id, user: user, label: label, createdAt: date, lastUsedAt: nil), hash))
            return id
        }
    }

    public func removeToken(id: Int64) -> Bool {
        state.withLock { current in
            let before = current.tokens.count
            current.tokens.removeAll { $0.token.id == id }
            return current.tokens.count < before
        }
    }

    public func tokens() -> [APIToken] { state.withLock { $0.tokens.map(\.token) } }

    public func userOfToken(hash: String, at date: Date) -> WebUser? {
        state.withLock { current in
            guard let index = current.tokens.firstIndex(where: { $0.hash == hash }) else { return nil }
            current.tokens[index].token.lastUsedAt = date
            return current.webUsers[current.tokens[index].token.user.lowercased()]
        }
    }

    public func createSession(_ session: WebSession) { state.withLock { $0.sessions[session.idHash] = session } }

    public func session(idHash: String, at date: Date) -> WebSession? {
        state.withLock { current in current.sessions[idHash].flatMap { $0.expiresAt > date ? $0 : nil } }
    }

    public func deleteSession(idHash: String) { state.withLock { _ = $0.sessions.removeValue(forKey: idHash) } }

    public func recordLoginFailure(keys: [String], at date: Date) {
        state.withLock { current in current.loginFailures += keys.map { ($0, date) } }
    }

    public func loginFailures(key: String, since: Date) -> Int {
        state.withLock { $0.loginFailures.count { $0.key == key && $0.at >= since } }
    }

    // MARK: - Metrics

    public func mailCounts(afterMessage: Int64, afterFailure: Int64) -> MailCounts {
        state.withLock { current in
            var counts = MailCounts(lastMessageID: afterMessage, lastFailureID: afterFailure)
            for mail in current.messages.map(\.stored) where mail.id > afterMessage {
                counts.lastMessageID = max(counts.lastMessageID, mail.id)
                guard mail.direction == .incoming, let mailbox = mail.mailbox else { continue }
                counts.incoming[mailbox, default: 0] += 1
                if mail.isScreened { counts.screened[mailbox, default: 0] += 1 }
            }
            for failure in current.failures where failure.id > afterFailure {
                counts.lastFailureID = max(counts.lastFailureID, failure.id)
                counts.quarantined[failure.mailbox, default: 0] += 1
            }
            return counts
        }
    }

    public func outboxCounts() -> [String: Int] {
        state.withLock { Dictionary($0.outbox.map { ($0.item.status.rawValue, 1) }, uniquingKeysWith: +) }
    }

    public func processingTimes() -> ProcessingTimes { state.withLock { $0.processingTimes } }

    public func runningClocks() -> [ClockCounts] {
        state.withLock { current in
            var byUnit: [String: ClockCounts] = [:]
            for stored in current.clocks where stored.clock.isRunning {
                var counts = byUnit[stored.clock.unit] ?? ClockCounts(unit: stored.clock.unit, running: 0, warned: 0, breached: 0)
                counts.running += 1
                if stored.breachedAt != nil { counts.breached += 1 } else if stored.warnedAt != nil { counts.warned += 1 }
                byUnit[stored.clock.unit] = counts
            }
            return byUnit.values.sorted { $0.unit < $1.unit }
        }
    }

    // MARK: - Health

    public func mailboxPasses() -> [ConnectionPass] { state.withLock { $0.passes.values.sorted { $0.name < $1.name } } }
    public func smtpPasses() -> [ConnectionPass] { state.withLock { $0.smtpPasses.values.sorted { $0.name < $1.name } } }

    public func outboxBacklog() -> OutboxBacklog {
        state.withLock { current in
            let pending = current.outbox.filter { $0.item.status == .pending }
            let deferred = pending.filter { $0.item.attempts > 0 }
            return OutboxBacklog(
                pending: pending.count, deferred: deferred.count, oldestDeferredSince: deferred.map(\.createdAt).min(),
                failed: current.outbox.count { $0.item.status == .failed }
            )
        }
    }

    public func quarantinedCount(since: Date) -> Int { state.withLock { $0.failures.count { $0.failedAt >= since } } }

    /// Memory is always writable.
    public func checkWritable() {}

    public func incomingMessages(since: Date?, screenedOnly: Bool) -> [StoredMessage] {
        state.withLock { state in
            state.messages.map(\.stored).filter { message in
                message.direction == .incoming && (since.map { message.recordedAt >= $0 } ?? true) && (!screenedOnly || message.isScreened)
            }
        }
    }
}

/// Everything the in-memory store holds.
struct DeskState: Sendable {
    struct StoredMail: Sendable {
        var key: String
        var stored: StoredMessage
    }

    struct OutboxRow: Sendable {
        var item: OutboxItem
        var nextAttempt: Date
        var createdAt: Date
    }

    var tickets: [Int: Ticket] = [:]
    /// The highest ticket number ever given, as SQLite's AUTOINCREMENT keeps it.
    var highestTicketNumber = 0
    var events: [TicketEvent] = []
    var messages: [StoredMail] = []
    var clocks: [StoredClock] = []
    var outbox: [OutboxRow] = []
    var mailboxes: [String: MailboxState] = [:]
    var passes: [String: ConnectionPass] = [:]
    var smtpPasses: [String: ConnectionPass] = [:]
    var processingTimes = ProcessingTimes()
    var webUsers: [String: WebUser] = [:]
    var tokens: [(token: APIToken, hash: String)] = []
    var sessions: [String: WebSession] = [:]
    var loginFailures: [(key: String, at: Date)] = []
    var suppressions: [String: (until: Date, reason: String)] = [:]
    var automaticMail: [(recipient: String, at: Date)] = []
    var failures: [QuarantinedMessage] = []
    var lastID: Int64 = 0

    mutating func nextID() -> Int64 {
        lastID += 1
        return lastID
    }

    mutating func updateOutbox(_ id: Int64, _ change: (inout OutboxRow) -> Void) {
        guard let index = outbox.firstIndex(where: { $0.item.id == id }) else { return }
        change(&outbox[index])
    }
}

/// A transaction of the in-memory store: a copy of the state, written back on commit.
final class InMemoryTransaction: DeskTransaction {
    // Used by one transaction body on one thread; the store holds its lock meanwhile.
    var state: DeskState

    init(_ state: DeskState) { self.state = state }

    /// A missing row, or a row that is there already.
    struct RowError: Error, CustomStringConvertible {
        var description: String
    }

    func savepoint<T>(_ body: () throws -> T) throws -> T {
        let saved = state
        do {
            return try body()
        } catch {
            state = saved
            throw error
        }
    }

    // MARK: - Tickets

    func ticketExists(_ number: Int) -> Bool { state.tickets[number] != nil }

    func ticketNumber(forMessageIDs ids: [String]) -> Int? {
        for id in ids {
            if let number = state.messages.first(where: { $0.stored.messageID == id && $0.stored.ticketNumber != nil })?.stored.ticketNumber {
                return number
            }
        }
        return nil
    }

    func ticket(_ number: Int) -> Ticket? { state.tickets[number] }

    func nextTicketNumber() -> Int { state.highestTicketNumber + 1 }

    func activeTicket(kind: TicketKind, fingerprint: String) -> Ticket? {
        state.tickets.values.filter { $0.kind == kind && $0.fingerprint == fingerprint && $0.isActive }.max { $0.number < $1.number }
    }

    func tickets(kind: TicketKind, fingerprint: String, since: Date) -> [Ticket] {
        state.tickets.values.filter { $0.kind == kind && $0.fingerprint == fingerprint && $0.createdAt >= since }.sorted { $0.number < $1.number }
    }

    func releases(version: String) -> [Ticket] {
        state.tickets.values.filter { $0.release.map { $0.version.lowercased() == version.lowercased() } ?? false }.sorted { $0.number < $1.number }
    }

    func maintenances(covering instant: Date) -> [Ticket] {
        state.tickets.values.filter { ticket in
            guard ticket.kind == .maintenance, ticket.status != .rejected, let start = ticket.windowStart, let end = ticket.windowEnd else { return false }
            return start <= instant && end >= instant
        }.sorted { $0.number < $1.number }
    }

    func lastMove(ofTicket number: Int, to status: TicketStatus) -> Date? {
        state.events.last { $0.ticket == number && $0.field == .status && $0.newValue == status.rawValue }?.at
    }

    func recipients(ofSentMessage messageID: String) -> [String]? {
        state.outbox.first { $0.item.messageID == messageID }?.item.recipients
    }

    func createTicket(numbered ticket: Ticket) throws {
        guard state.tickets[ticket.number] == nil else { throw RowError(description: "ticket #\(ticket.number) exists already") }
        state.tickets[ticket.number] = ticket
        state.highestTicketNumber = max(state.highestTicketNumber, ticket.number)
    }

    func saveTicket(_ ticket: Ticket) throws {
        guard state.tickets[ticket.number] != nil else { throw RowError(description: "no ticket #\(ticket.number) to save") }
        state.tickets[ticket.number] = ticket
    }

    func touchTicket(_ number: Int, at date: Date) {
        state.tickets[number]?.updatedAt = date
    }

    func recordEvent(_ event: TicketEvent) { state.events.append(event) }

    func releasesAtWork() -> [Ticket] {
        state.tickets.values.filter { $0.release?.isActive ?? false }.sorted { $0.number < $1.number }
    }

    func reviewsDue(at instant: Date) -> [Ticket] {
        state.tickets.values.filter { ticket in
            guard let review = ticket.review else { return false }
            return review.closesAt <= instant && review.outcome == nil
        }.sorted { $0.number < $1.number }
    }

    // MARK: - Messages

    func hasMessage(key: String) -> Bool { state.messages.contains { $0.key == key } }

    @discardableResult
    func recordIncoming(
        _ message: TicketCore.Message, key: String, contentHash: String, origin: MessageOrigin, ticketNumber: Int?,
        automatic: AutomaticReason?, threadMatch: String, at date: Date
    ) -> Bool {
        guard !hasMessage(key: key) else { return false }
        let stored = StoredMessage(
            id: state.nextID(), ticketNumber: ticketNumber, messageID: message.messageID, direction: .incoming, mailbox: origin.mailbox,
            uid: origin.uid, from: message.from, subject: message.subject, sentDate: message.date?.iso8601, automatic: automatic?.rawValue,
            threadMatch: threadMatch, recordedAt: date, raw: message.raw
        )
        state.messages.append(DeskState.StoredMail(key: key, stored: stored))
        return true
    }

    func recordFailure(mailbox: String, uid: UInt32?, messageID: String?, reason: String, raw: [UInt8], at date: Date) {
        state.failures.append(QuarantinedMessage(
            id: state.nextID(), mailbox: mailbox, uid: uid, messageID: messageID, reason: reason, raw: raw, failedAt: date,
            retriedAt: nil, retryOutcome: nil
        ))
    }

    func failures() -> [QuarantinedMessage] { state.failures }

    func markRetried(failure id: Int64, outcome: String, at date: Date) {
        guard let index = state.failures.firstIndex(where: { $0.id == id }) else { return }
        state.failures[index].retriedAt = date
        state.failures[index].retryOutcome = outcome
    }

    // MARK: - Clocks

    func insertClock(ticket: Int, priority: Priority, clock: SLAClock) {
        state.clocks.append(StoredClock(id: state.nextID(), ticket: ticket, priority: priority, clock: clock, warnedAt: nil, breachedAt: nil))
    }

    func saveClock(_ stored: StoredClock) throws {
        guard let index = state.clocks.firstIndex(where: { $0.id == stored.id }) else { throw RowError(description: "no clock \(stored.id) to save") }
        state.clocks[index] = stored
    }

    func clocks(ofTicket number: Int) -> [StoredClock] { state.clocks.filter { $0.ticket == number } }

    func clocksWithNoticesDue(at instant: Date) -> [StoredClock] {
        state.clocks.filter { stored in
            guard stored.clock.stoppedAt == nil else { return false }
            let warningDue = stored.warnedAt == nil && (stored.clock.warnAt.map { $0 <= instant } ?? false)
            let breachDue = stored.breachedAt == nil && (stored.clock.dueAt.map { $0 <= instant } ?? false)
            return warningDue || breachDue
        }
    }

    // MARK: - Mail

    func enqueueOutgoing(_ envelope: OutgoingEnvelope, making make: @escaping @Sendable () throws -> MadeMail) throws {
        let mail = try make()
        let stored = StoredMessage(
            id: state.nextID(), ticketNumber: envelope.ticketNumber, messageID: envelope.messageID, direction: .outgoing, mailbox: nil,
            uid: nil, from: envelope.from, subject: mail.subject, sentDate: nil, automatic: nil, threadMatch: nil, recordedAt: envelope.date,
            raw: mail.raw
        )
        state.messages.append(DeskState.StoredMail(key: envelope.messageID, stored: stored))
        let item = OutboxItem(
            id: state.nextID(), ticketNumber: envelope.ticketNumber, messageID: envelope.messageID, mailFrom: envelope.from.address,
            recipients: envelope.recipients, raw: mail.raw, status: .pending, attempts: 0, lastError: nil
        )
        state.outbox.append(DeskState.OutboxRow(item: item, nextAttempt: envelope.date, createdAt: envelope.date))
    }

    func suppression(of address: String, at instant: Date) -> String? {
        guard let entry = state.suppressions[address.lowercased()], entry.until > instant else { return nil }
        return entry.reason
    }

    func suppress(_ address: String, until: Date, reason: String) {
        state.suppressions[address.lowercased()] = (until, reason)
    }

    func automaticMailCounts(to recipient: String, since recent: Date, andSince earlier: Date) -> (recent: Int, earlier: Int) {
        let sent = state.automaticMail.filter { $0.recipient == recipient.lowercased() && $0.at >= earlier }
        return (sent.filter { $0.at >= recent }.count, sent.count)
    }

    func recordAutomaticMail(to recipient: String, at date: Date) {
        state.automaticMail.append((recipient.lowercased(), date))
    }

    // MARK: - Report source

    func forEachResponseClock(_ query: ResponseClockQuery, _ body: (ResponseClockRow) throws -> Void) throws {
        for stored in state.clocks where stored.clock.kind == .response && query.matches(stored) {
            let clock = stored.clock
            try body(ResponseClockRow(
                ticket: stored.ticket, unit: clock.unit, priority: stored.priority.rawValue, outcome: clock.outcome.rawValue,
                consumed: clock.consumed, target: clock.target, isStopped: clock.stoppedAt != nil, dates: StoredClockDates(clock)
            ))
        }
    }

    func responseClockIDRange() -> ClosedRange<Int64>? {
        let ids = state.clocks.map(\.id)
        guard let low = ids.min(), let high = ids.max() else { return nil }
        return low...high
    }

    func releaseTickets() -> [Ticket] {
        state.tickets.values.filter { $0.release != nil }.sorted { $0.number < $1.number }
    }

    func kindsAndSubjects(of numbers: [Int]) -> [Int: (kind: String, subject: String)] {
        var found: [Int: (kind: String, subject: String)] = [:]
        for number in numbers {
            if let ticket = state.tickets[number] { found[number] = (ticket.kind.rawValue, ticket.subject) }
        }
        return found
    }

    // MARK: - Mailbox cursor

    func mailboxState(_ mailbox: String) -> MailboxState? { state.mailboxes[mailbox] }

    func saveMailboxState(_ mailboxState: MailboxState) { state.mailboxes[mailboxState.mailbox] = mailboxState }

    func addProcessingTimes(_ times: ProcessingTimes) { state.processingTimes = state.processingTimes + times }

    func recordPass(mailbox: String, at date: Date, error: String?) {
        let last = state.passes[mailbox] ?? ConnectionPass(name: mailbox, lastSuccess: nil, lastFailure: nil, lastError: nil, failuresInARow: 0)
        state.passes[mailbox] = last.recording(at: date, error: error)
    }
}

/// A stored clock's dates, as the report reads them.
final class StoredClockDates: ResponseClockDates {
    let dueAt: Date?
    let stoppedAt: Date?
    let segmentStart: Date?

    init(_ clock: SLAClock) {
        dueAt = clock.dueAt
        stoppedAt = clock.stoppedAt
        segmentStart = clock.segmentStart
    }
}

extension ResponseClockQuery {
    func matches(_ stored: StoredClock) -> Bool {
        if let from, stored.clock.startedAt < from { return false }
        if let to, stored.clock.startedAt >= to { return false }
        if let unit, stored.clock.unit.lowercased() != unit.lowercased() { return false }
        if let priority, stored.priority.rawValue != priority { return false }
        if let ids, !ids.contains(stored.id) { return false }
        return true
    }
}

extension InMemoryStore: ReportStore {
    public func readingReportSource<T>(_ body: (any SLAReportSource) throws -> T) throws -> T {
        try body(snapshot())
    }
}
