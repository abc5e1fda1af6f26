public import Foundation
public import TicketCore
public import Workflow
public import WorkingTime

// The store seam (STYLE.md habit 20): what the runtime asks of the database, as protocols
// named by role. The SQLite backend (`Store`) implements them with its fast paths inside;
// `InMemoryStore` implements them over arrays for tests. Nothing here names SQLite, rows
// ids' allocation or pragmas: a transaction is whatever `DeskStore.write` runs its body in.

/// The tickets, their events and the reviews that fall due: the tickets store's write side
/// beside the reads the workflow's rules make.
public protocol TicketWriting: WorkflowReader {
    /// Inserts `ticket` under its own number, one that `nextTicketNumber` gave out.
    func createTicket(numbered ticket: Ticket) throws
    /// Writes every field of an existing ticket.
    func saveTicket(_ ticket: Ticket) throws
    /// Moves only the ticket's `updatedAt`.
    func touchTicket(_ number: Int, at date: Date) throws
    func recordEvent(_ event: TicketEvent) throws
    /// Resolved changes whose review window has passed without being closed.
    func reviewsDue(at instant: Date) throws -> [Ticket]
    /// Release tickets at work (planned, announced or in test), oldest first.
    func releasesAtWork() throws -> [Ticket]
}

/// The incoming mail: stored once each, and the quarantine.
public protocol MessageLog {
    /// True when a message with this key (Message-ID or content hash) is already stored.
    func hasMessage(key: String) throws -> Bool
    /// Stores an incoming message once; false (and nothing written) when its key is stored.
    @discardableResult
    func recordIncoming(
        _ message: Message, key: String, contentHash: String, origin: MessageOrigin, ticketNumber: Int?,
        automatic: AutomaticReason?, threadMatch: String, at date: Date
    ) throws -> Bool
    /// Keeps a message that could not be processed, with the reason and its bytes.
    func recordFailure(mailbox: String, uid: UInt32?, messageID: String?, reason: String, raw: [UInt8], at date: Date) throws
    /// Notes that a kept failure was processed again, and with what outcome.
    func markRetried(failure id: Int64, outcome: String, at date: Date) throws
    /// The kept failures, oldest first.
    func failures() throws -> [QuarantinedMessage]
}

/// The SLA clocks of the tickets.
public protocol ClockSchedule {
    func insertClock(ticket: Int, priority: Priority, clock: SLAClock) throws
    func saveClock(_ stored: StoredClock) throws
    /// A ticket's clocks, oldest first.
    func clocks(ofTicket number: Int) throws -> [StoredClock]
    /// Running clocks whose warning or due instant has passed without its notice.
    func clocksWithNoticesDue(at instant: Date) throws -> [StoredClock]
}

/// Mail queued for the outbox, and what the loop defence remembers.
public protocol MailQueue {
    /// Queues a mail; `make` renders and composes it (possibly on another thread, the
    /// row written at the end of the transaction).
    func enqueueOutgoing(_ envelope: OutgoingEnvelope, making make: @escaping @Sendable () throws -> MadeMail) throws
    /// Why `address` gets no automatic mail at `instant`, if it bounced permanently.
    func suppression(of address: String, at instant: Date) throws -> String?
    func suppress(_ address: String, until: Date, reason: String) throws
    /// How many automatic mails went to `recipient` since `recent`, and since `earlier`.
    func automaticMailCounts(to recipient: String, since recent: Date, andSince earlier: Date) throws -> (recent: Int, earlier: Int)
    func recordAutomaticMail(to recipient: String, at date: Date) throws
}

/// Where each mailbox's intake stands: its UIDVALIDITY and the last UID done.
public protocol MailboxCursor {
    func mailboxState(_ mailbox: String) throws -> MailboxState?
    func saveMailboxState(_ state: MailboxState) throws
    /// The worker's heartbeat: a pass over `mailbox` ended at `date`, with `error` if it failed.
    func recordPass(mailbox: String, at date: Date, error: String?) throws
    /// Adds a batch's decision times to the totals /metrics shows.
    func addProcessingTimes(_ times: ProcessingTimes) throws
}

/// Everything one transaction of the worker does.
public protocol DeskTransaction: TicketWriting, MessageLog, ClockSchedule, MailQueue, MailboxCursor, SLAReportSource {
    /// Runs `body` so that, if it throws, what it wrote is undone and the rest of the
    /// transaction goes on: many messages share one commit, each still atomic.
    func savepoint<T>(_ body: () throws -> T) throws -> T
}

/// The store the worker writes: transactions, and the outbox sender's rows.
public protocol DeskStore: Sendable {
    /// Runs `body` in one transaction: all of it commits, or none. With `deferringMail`,
    /// queued mail may be made on other threads meanwhile; should making one fail,
    /// nothing commits and the error is a `DeferredMailError`.
    func writeTransaction<T: Sendable>(
        deferringMail: Bool, _ body: @escaping @Sendable (any DeskTransaction) throws -> T
    ) async throws -> T
    /// Runs `body` on a consistent read-only view.
    func readTransaction<T: Sendable>(_ body: @escaping @Sendable (any DeskTransaction) throws -> T) async throws -> T
    /// True for errors a later try may not have (a busy or full database): the batch is
    /// taken in again later rather than its message quarantined.
    func isTransient(_ error: any Error) -> Bool
}

extension DeskStore {
    public func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any DeskTransaction) throws -> T) async throws -> T {
        try await writeTransaction(deferringMail: false, body)
    }
}

/// The outbox sender's view: rows due, and what became of each.
public protocol OutboxStore: Sendable {
    /// Pending rows whose next attempt is due, the longest due first, leaving out `excluded`.
    func dueOutbox(now: Date, limit: Int, excluding excluded: Set<Int64>) async throws -> [OutboxItem]
    /// Marks rows sent; marking a row twice changes nothing.
    func markSent(_ marks: [SentMark]) async throws
    /// A temporary failure: try again at `nextAttempt`.
    func markRetry(outboxID: Int64, error: String, nextAttempt: Date) async throws
    /// A permanent failure, recorded on the ticket (if any) in the same transaction.
    func markFailed(outboxID: Int64, error: String, event: TicketEvent?) async throws
    /// Records what became of a sent mail on its ticket (recipients refused while the
    /// others got it).
    func recordEvent(_ event: TicketEvent) async throws
    /// How the last exchange with the SMTP server (`host:port`) went: nil, it answered;
    /// else why not.
    func recordSMTPPass(server: String, at date: Date, error: String?) async throws
}

/// One response clock as the SLA report reads it. Plain fields, so that the report's
/// visit of a million rows makes no dynamic call for them; the dates are read only when
/// asked for (each costs a parse), and only inside the visiting closure.
public struct ResponseClockRow {
    public let ticket: Int
    public let unit: String
    public let priority: Int
    public let outcome: String
    public let consumed: Double
    public let target: Double
    public let isStopped: Bool
    let dates: any ResponseClockDates

    public init(
        ticket: Int, unit: String, priority: Int, outcome: String, consumed: Double, target: Double, isStopped: Bool,
        dates: any ResponseClockDates
    ) {
        self.ticket = ticket
        self.unit = unit
        self.priority = priority
        self.outcome = outcome
        self.consumed = consumed
        self.target = target
        self.isStopped = isStopped
        self.dates = dates
    }

    public var dueAt: Date? { dates.dueAt }
    public var stoppedAt: Date? { dates.stoppedAt }
    public var segmentStart: Date? { dates.segmentStart }
}

/// The dates of the row under a report's cursor, read when asked.
public protocol ResponseClockDates: AnyObject {
    var dueAt: Date? { get }
    var stoppedAt: Date? { get }
    var segmentStart: Date? { get }
}

/// Which response clocks a report counts: those that started in [from, to), optionally of
/// one unit (case-insensitive) and priority, and of an id range (to scan in parts).
public struct ResponseClockQuery: Sendable, Equatable {
    public var from: Date?
    public var to: Date?
    public var unit: String?
    public var priority: Int?
    public var ids: ClosedRange<Int64>?

    public init(from: Date?, to: Date?, unit: String?, priority: Int?, ids: ClosedRange<Int64>? = nil) {
        self.from = from
        self.to = to
        self.unit = unit
        self.priority = priority
        self.ids = ids
    }
}

/// What the SLA report reads: the response clocks, visited one by one, and the kind and
/// subject of the tickets that breached.
public protocol SLAReportSource {
    func forEachResponseClock(_ query: ResponseClockQuery, _ body: (ResponseClockRow) throws -> Void) throws
    /// The smallest and largest clock id, nil when there is none.
    func responseClockIDRange() throws -> ClosedRange<Int64>?
    func kindsAndSubjects(of numbers: [Int]) throws -> [Int: (kind: String, subject: String)]
    /// Every release ticket, oldest first (`ticketd report releases`).
    func releaseTickets() throws -> [Ticket]
}

/// A store the report reads from: each call a consistent snapshot, callable from any
/// thread (the report scans parts at once).
public protocol ReportStore: Sendable {
    func readingReportSource<T>(_ body: (any SLAReportSource) throws -> T) throws -> T
}

/// What monitoring reads (`ticketd probe`, `/healthz`, `/metrics`).
public protocol HealthQueries: Sendable {
    /// The last pass of each mailbox that has had one.
    func mailboxPasses() throws -> [ConnectionPass]
    /// The outbox sender's last exchange with each SMTP server it used.
    func smtpPasses() throws -> [ConnectionPass]
    func outboxBacklog() throws -> OutboxBacklog
    /// Mail put in quarantine from `since` on.
    func quarantinedCount(since: Date) throws -> Int
    /// Takes the writer and writes a row, then undoes it: throws what keeps the worker
    /// from writing (a read-only file, a full disk, a lock held past the busy timeout).
    func checkWritable() throws
}

/// What /metrics reads of the store beside `HealthQueries`.
public protocol MetricsQueries: Sendable {
    /// Mail and failures with ids above these, counted.
    func mailCounts(afterMessage: Int64, afterFailure: Int64) throws -> MailCounts
    /// Outbox rows per status (`pending`, `sent`, `failed`).
    func outboxCounts() throws -> [String: Int]
    /// Running SLA clocks per unit.
    func runningClocks() throws -> [ClockCounts]
    /// The decision times of all mail taken in.
    func processingTimes() throws -> ProcessingTimes
}

/// The web side's accounts, API tokens, sessions and failed sign-ins.
public protocol WebAccounts: Sendable {
    /// Adds an account; false when one of that name (in any case) exists.
    func addUser(_ user: WebUser) throws -> Bool
    /// Removes an account, its tokens and its sessions; false when there was none.
    func removeUser(named name: String) throws -> Bool
    func users() throws -> [WebUser]
    func user(named name: String) throws -> WebUser?
    /// Stores a token's hash for `user`; its id.
    func addToken(user: String, label: String, hash: String, at date: Date) throws -> Int64
    func removeToken(id: Int64) throws -> Bool
    func tokens() throws -> [APIToken]
    /// The account a token's hash belongs to, noting the use.
    func userOfToken(hash: String, at date: Date) throws -> WebUser?
    func createSession(_ session: WebSession) throws
    /// The session stored under `idHash`, if it has not expired at `date`.
    func session(idHash: String, at date: Date) throws -> WebSession?
    func deleteSession(idHash: String) throws
    /// Notes a failed sign-in under each of `keys` (the name tried, the client's address).
    func recordLoginFailure(keys: [String], at date: Date) throws
    /// Failed sign-ins under `key` from `since` on.
    func loginFailures(key: String, since: Date) throws -> Int
}

/// The web queue: tickets by filter, the running response clocks first, soonest due first.
public protocol TicketQueue: Sendable {
    func queue(_ filter: QueueFilter) throws -> [QueueEntry]
}

/// What the command line reads: tickets with their threads and clocks, and the quarantine.
public protocol DeskQueries: Sendable {
    /// Every ticket, by number.
    func tickets() throws -> [Ticket]
    func ticket(_ number: Int) throws -> Ticket?
    func events(ofTicket number: Int) throws -> [TicketEvent]
    /// A ticket's mail in the order it came and went.
    func messages(ofTicket number: Int) throws -> [StoredMessage]
    /// The incidents a problem groups.
    func children(of number: Int) throws -> [Ticket]
    func clocks(ofTicket number: Int) throws -> [StoredClock]
    /// Each ticket's newest response clock.
    func latestResponseClocks() throws -> [Int: StoredClock]
    func failures() throws -> [QuarantinedMessage]
    /// Incoming mail recorded from `since` on, oldest first; with `screenedOnly`, only the
    /// automatic mail that opened no ticket (`StoredMessage.isScreened`).
    func incomingMessages(since: Date?, screenedOnly: Bool) throws -> [StoredMessage]
    /// The ticket that holds any of these Message-IDs, the first found in the order given.
    func ticketNumber(forMessageIDs ids: [String]) throws -> Int?
}
