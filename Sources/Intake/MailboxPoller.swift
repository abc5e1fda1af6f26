import Apply
public import DeskConfiguration
import Etpan
public import Foundation
public import Logging
public import MailTransport
import ServiceLifecycle
public import Storage
public import Workflow
import TicketCore

/// One pass over one mailbox: list what is new by UID, fetch it in batches of bounded
/// size (the next batch is fetched while this one is processed), process each batch in
/// one transaction (which also records the highest UID done), then flag and move what
/// was committed.
public struct MailboxPoller: Sendable {
    public let mailbox: TicketdConfig.Mailbox
    public let client: MailboxClient
    let store: any DeskStore
    let intake: BatchIntake
    let reader: MailReader
    let journal: AttemptJournal
    let batchSize: Int
    let logger: Logger
    let now: @Sendable () -> Date

    public init(
        mailbox: TicketdConfig.Mailbox, client: MailboxClient, store: any DeskStore, intake: BatchIntake, reader: MailReader,
        journal: AttemptJournal, batchSize: Int, logger: Logger, now: @escaping @Sendable () -> Date
    ) {
        self.mailbox = mailbox
        self.client = client
        self.store = store
        self.intake = intake
        self.reader = reader
        self.journal = journal
        self.batchSize = batchSize
        self.logger = logger
        self.now = now
    }

    /// A fetched batch holds at most this many bytes of mail (or one larger message). With
    /// the batches fetched ahead, a pass holds up to three.
    public static let batchBytes = 16 * 1024 * 1024

    public struct Summary: Sendable, Equatable {
        public var outcomes: [ProcessingOutcome] = []
        /// Messages found in the folder to process or to move; none means that the
        /// search was the last command of the pass.
        public var listed = 0
    }

    /// Processes what is new. `committed` is called after each batch commits (the
    /// outbox sender's cue that replies are waiting).
    public func poll(committed: @Sendable () -> Void = {}) async throws -> Summary {
        // Whatever ends the pass, short of the process's end, was no abnormal end.
        defer { try? journal.settle(mailbox: mailbox.name) }
        var summary = Summary()
        let mailboxName = mailbox.name
        let saved = try await store.readTransaction { try $0.mailboxState(mailboxName) }
        // With a processed folder, everything left in the inbox is listed, so that mail
        // committed before a crash but not yet moved is moved now.
        let (status, listed) = try await client.uids(after: mailbox.processedFolder == nil ? (saved?.lastUID ?? 0) : 0)
        var state = saved ?? MailboxState(mailbox: mailbox.name, uidValidity: status.uidValidity, lastUID: 0)
        if state.uidValidity != status.uidValidity {
            // The server renumbered the folder: start again from the first UID. Messages
            // already stored are recognised by Message-ID or content hash and not redone.
            logger.warning("UIDVALIDITY changed; rescanning the mailbox", metadata: [
                "old": "\(state.uidValidity)", "new": "\(status.uidValidity)",
            ])
            state = MailboxState(mailbox: mailbox.name, uidValidity: status.uidValidity, lastUID: 0)
        }
        if state != saved {
            let current = state
            try await store.writeTransaction { try $0.saveMailboxState(current) }
        }
        summary.listed = listed.count
        try journal.prune(mailbox: mailbox.name, uidValidity: state.uidValidity, lastUID: state.lastUID)
        let leftovers = listed.filter { $0 <= state.lastUID }
        if !leftovers.isEmpty {
            try await client.finish(uids: leftovers, moveTo: mailbox.processedFolder)
        }
        let pending = listed.filter { $0 > state.lastUID }
        guard !pending.isEmpty else { return summary }
        let planner = BatchPlanner(pending: pending, client: client, count: batchSize, sizeLimit: intake.workflow.config.service.maxMessageBytes)
        let uidValidity = state.uidValidity
        // The next batch, planned, fetched and read while the batches before it are
        // processed; a batch of one large message comes in pieces. Nil past the last batch.
        let fetch: @Sendable (Task<PlannedBatch?, any Error>) async throws -> [Pending]? = { [client, self] plan in
            guard let batch = try await plan.value else { return nil }
            let origin = { (uid: UInt32) in MessageOrigin(mailbox: mailboxName, uidValidity: uidValidity, uid: uid) }
            if batch.oversize {
                // Over the limit by the server's own count: only the head is fetched, to tell
                // the sender; the mail itself goes to the quarantine folder untouched.
                let head = try await client.fetchHead(uid: batch.uids[0], bytes: Self.headBytes)
                let fetched = MailReader.Fetched(raw: HeaderBlock.header(of: head?.raw ?? []), origin: origin(batch.uids[0]), reportedSize: batch.bytes)
                return try await prepare([fetched])
            }
            let fetched = batch.uids.count == 1 && batch.bytes > Self.batchBytes
                ? try await client.fetch(uid: batch.uids[0], size: batch.bytes)
                : try await client.fetch(uids: batch.uids)
            return try await prepare(fetched.map { MailReader.Fetched(raw: $0.raw, origin: origin($0.uid)) })
        }
        // Two batches ahead: while the database checkpoints, or the server moves mail, the
        // next batches are still on their way. Each is planned after the one before it, so
        // that they come in UID order.
        var plans: [Task<PlannedBatch?, any Error>] = []
        var ahead: [Task<[Pending]?, any Error>] = []
        func fetchAhead() {
            let previous = plans.last
            let plan = Task {
                _ = try await previous?.value
                try Task.checkCancellation()
                return try await planner.next()
            }
            plans = plans.suffix(Self.batchesAhead) + [plan]
            ahead.append(Task { try await fetch(plan) })
        }
        for _ in 0..<Self.batchesAhead { fetchAhead() }
        defer {
            plans.forEach { $0.cancel() }
            ahead.forEach { $0.cancel() }
        }
        // Flagging and moving committed mail goes on while the next batch is processed
        // (it took a fifth of the time when awaited), at most one group at a time. A group
        // is up to ten batches: a Maildir server rescans the whole folder for every
        // command, which took Dovecot twice the CPU time of the moves themselves. Mail
        // committed but not yet moved when ticketd stops is moved on the next start (left
        // unflagged, where there is no processed folder: it is recorded all the same).
        var finishing: Task<Void, any Error>?
        var unfinished = Finishing()
        while !Self.isStopping, let fetched = try await ahead.removeFirst().value {
            fetchAhead()
            let results = try await commit(fetched, state: &state)
            committed()
            for result in results { intake.log(result) }
            summary.outcomes += results.map(\.outcome)
            unfinished.add(results)
            guard unfinished.count >= batchSize * Self.batchesPerFinish else { continue }
            try await finishing?.value
            finishing = finish(unfinished)
            unfinished = Finishing()
        }
        try await finishing?.value
        try await finish(unfinished).value
        return summary
    }

    /// The heartbeat that monitoring reads: how the pass ended. A store that cannot take it
    /// is logged, not fatal: the pass's own work is committed.
    public func recordPass(error: (any Error)?) async {
        let mailboxName = mailbox.name
        let date = now()
        let text = error.map { "\($0)" }
        do {
            try await store.writeTransaction { try $0.recordPass(mailbox: mailboxName, at: date, error: text) }
        } catch {
            logger.warning("heartbeat not recorded", metadata: ["error": "\(error)"])
        }
    }

    /// How much of a mail over the size limit is fetched: enough for its header.
    static let headBytes = 64 * 1024

    /// Batches fetched and parsed ahead of the one being processed.
    static let batchesAhead = 2

    /// Committed mail is flagged and moved in groups of this many full batches.
    static let batchesPerFinish = 10

    /// Committed mail not yet flagged and moved.
    struct Finishing {
        var done: [UInt32] = []
        var quarantined: [UInt32] = []
        var count: Int { done.count + quarantined.count }

        mutating func add(_ results: [IntakeResult]) {
            for result in results {
                guard let uid = result.origin.uid else { continue }
                if result.outcome.isQuarantined { quarantined.append(uid) } else { done.append(uid) }
            }
        }
    }

    private func finish(_ group: Finishing) -> Task<Void, any Error> {
        Task { [client, mailbox] in
            try await client.finish(uids: group.done, moveTo: mailbox.processedFolder)
            try await client.finish(uids: group.quarantined, moveTo: mailbox.quarantineFolder)
        }
    }

    /// UIDs to fetch together and their bytes; `oversize`: one message over the size limit.
    typealias PlannedBatch = (uids: [UInt32], bytes: Int, oversize: Bool)

    /// Hands out the batches of a pass one at a time. Sizes are asked for a window of
    /// messages at a time, a small one first, so that the first batch of a large backlog is
    /// on its way at once rather than after the sizes of everything.
    actor BatchPlanner {
        private let pending: [UInt32]
        private let client: MailboxClient
        private let count: Int
        private let sizeLimit: Int
        private var asked = 0
        private var planned: [PlannedBatch] = []

        init(pending: [UInt32], client: MailboxClient, count: Int, sizeLimit: Int) {
            self.pending = pending
            self.client = client
            self.count = count
            self.sizeLimit = sizeLimit
        }

        /// The next batch and its size in bytes, or nil when there is none left. Not to be
        /// called again before it returns.
        func next() async throws -> PlannedBatch? {
            if planned.isEmpty, asked < pending.count {
                let window = Array(pending[asked..<min(pending.count, asked + count * (asked == 0 ? 2 : 20))])
                asked += window.count
                let sizes = try await client.sizes(uids: window)
                // A mail over the limit is a batch of its own, in UID order with the rest.
                var run: [UInt32] = []
                func plan(_ run: [UInt32]) {
                    planned += MailboxPoller.batches(of: run, sizes: sizes, count: count, bytes: MailboxPoller.batchBytes)
                        .map { batch in (batch, batch.reduce(0) { $0 + (sizes[$1] ?? 0) }, false) }
                }
                for uid in window {
                    guard let size = sizes[uid], size > sizeLimit else { run.append(uid); continue }
                    plan(run)
                    run = []
                    planned.append(([uid], size, true))
                }
                plan(run)
            }
            return planned.isEmpty ? nil : planned.removeFirst()
        }
    }

    /// Splits `uids` into batches of at most `count` messages and `bytes` bytes, each with
    /// at least one message.
    static func batches(of uids: [UInt32], sizes: [UInt32: Int], count: Int, bytes: Int) -> [[UInt32]] {
        var batches: [[UInt32]] = []
        var current: [UInt32] = []
        var currentBytes = 0
        for uid in uids {
            let size = sizes[uid] ?? 0
            if !current.isEmpty, current.count >= count || currentBytes + size > bytes {
                batches.append(current)
                current = []
                currentBytes = 0
            }
            current.append(uid)
            currentBytes += size
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }

    private static var isStopping: Bool { Task.isCancelled || Task.isShuttingDownGracefully }

    /// A fetched mail on its way to a transaction: read ahead, or to be read alone.
    enum Pending: Sendable {
        case read(IncomingMail)
        /// In flight at one abnormal end already: read only when its turn comes, and
        /// taken in by a transaction of its own.
        case alone(MailReader.Fetched)
    }

    /// Reads a fetched batch, as the attempt journal says: mail in flight at two abnormal
    /// ends is refused unparsed, at one it waits to be read alone, and the rest is recorded
    /// as in flight, then read.
    private func prepare(_ batch: [MailReader.Fetched]) async throws -> [Pending] {
        let ends = journal.abnormalEnds(batch.map(Self.key))
        let fresh = batch.filter { ends[Self.key($0)] == 0 }
        try journal.begin(fresh.map(Self.key))
        var read = await reader.read(fresh).makeIterator()
        return batch.map { fetched in
            switch ends[Self.key(fetched)] ?? 0 {
            case 0: .read(read.next()!)
            case 1: .alone(fetched)
            case let count: .read(reader.refused(fetched, .abnormalEnds(count), readHeader: false))
            }
        }
    }

    private static func key(_ fetched: MailReader.Fetched) -> AttemptJournal.Key { key(fetched.origin) }

    private static func key(_ origin: MessageOrigin) -> AttemptJournal.Key {
        AttemptJournal.Key(mailbox: origin.mailbox, uidValidity: origin.uidValidity ?? 0, uid: origin.uid ?? 0)
    }

    /// Takes a fetched batch in: runs of mail read ahead in one transaction each, mail to be
    /// read alone in one of its own, recorded in flight just before it is read.
    private func commit(_ pending: [Pending], state: inout MailboxState) async throws -> [IntakeResult] {
        var results: [IntakeResult] = []
        var run: [IncomingMail] = []
        for item in pending {
            switch item {
            case .read(let mail):
                run.append(mail)
            case .alone(let fetched):
                results += try await commit(run, state: &state)
                run = []
                if Self.isStopping { return results }
                try journal.begin([Self.key(fetched)])
                results += try await commit(await reader.read([fetched]), state: &state)
            }
        }
        results += try await commit(run, state: &state)
        return results
    }

    /// One transaction for the mail. On SIGTERM, the messages not yet begun are left for
    /// the next start; what is done commits, and leaves the attempt journal.
    private func commit(_ fetched: [IncomingMail], state: inout MailboxState) async throws -> [IntakeResult] {
        guard !fetched.isEmpty else { return [] }
        let before = state
        let (intake, mailboxNow) = (intake, now)
        let (results, after) = try await intake.writeBatch { tx in
            var state = before
            var results: [IntakeResult] = []
            for mail in fetched {
                if Self.isStopping { break }
                results.append(try intake.take(mail, in: tx, now: mailboxNow()))
                state.lastUID = max(state.lastUID, mail.origin.uid ?? 0)
            }
            try tx.saveMailboxState(state)
            return (results, state)
        }
        state = after
        try journal.end(results.map { Self.key($0.origin) })
        return results
    }
}
