public import Foundation
public import GRDB
public import Storage
public import TicketCore

/// The database's folder belongs to another user than the one (root) who runs ticketd.
public struct WrongUser: Error, CustomStringConvertible {
    public var folder: String
    public var owner: String
    public var description: String {
        "\(folder) belongs to \(owner): run ticketd as \(owner) (sudo -u \(owner) ticketd …), so that the files it makes there stay \(owner)'s"
    }
}

/// A backup's file exists already: it is never overwritten.
public struct BackupTargetExists: Error, CustomStringConvertible {
    public var path: String
    public var description: String { "\(path) exists already: a backup never overwrites a file" }
}

/// SQLite's check of a backup found something wrong.
public struct BackupCheckError: Error, CustomStringConvertible {
    public var result: String
    public var description: String { "quick_check says: \(result)" }
}

/// What failed in the store, with what input.
public struct StoreError: Error, CustomStringConvertible {
    public var operation: String
    public var input: String
    public var underlying: any Error

    public var description: String { "\(operation) failed for \(input): \(underlying)" }
}

/// SQLite through GRDB. A `Sendable` value around the database pool (WAL mode).
public struct TicketStore: Sendable {
    public let writer: any DatabaseWriter
    /// A one-shot command's single connection: its async calls do the database work on
    /// the caller's thread (see `inPlace`).
    let worksInPlace: Bool

    /// How many connections the store keeps to its file.
    public enum Connections: Sendable {
        /// A writer and readers beside it (WAL): reads do not wait for a write.
        case pool
        /// One connection for writes and reads, in turn: for a one-shot command, which
        /// reads little (setting up a reader cost as much as the writer).
        case single
    }

    /// Opens (creating if needed) the database file and brings its schema up to date.
    public static func open(path: String, connections: Connections = .pool) throws -> TicketStore {
        try open(path: path, checkpointer: WALCheckpointer(path: path), connections: connections)
    }

    static func open(path: String, checkpointer: WALCheckpointer, connections: Connections = .pool) throws -> TicketStore {
        let directory = FilePaths.folder(of: path)
        // Root in a folder another user owns (the package's /var/lib/ticketd): SQLite's
        // files would be root's, and the worker, as its user, could not open them again
        // (outsider review).
        var folder = stat()
        if geteuid() == 0, stat(directory, &folder) == 0, folder.st_uid != 0 {
            throw WrongUser(folder: directory, owner: getpwuid(folder.st_uid).map { String(cString: $0.pointee.pw_name) } ?? "uid \(folder.st_uid)")
        }
        do {
            // The desk's mail is nobody else's: a folder made here is its owner's alone, and
            // the database file is 0600 before SQLite opens it, so that the WAL, shared-memory
            // and journal files it makes take the same mode.
            if !FileManager.default.fileExists(atPath: directory) {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            // chmod itself: FileManager's setAttributes read the user and group databases
            // and each file's extended attributes, at every start of every command.
            for file in [path, path + "-wal", path + "-shm", path + "-journal"] where chmod(file, 0o600) != 0 && errno != ENOENT {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            // The pool keeps its configuration, and with it the checkpointer, as long as
            // its writer connection.
            configuration.prepareDatabase { db in
                // A batch of mail dirties more pages than the default 2 MB cache holds;
                // spilling them to the WAL in the middle of the transaction writes hot
                // pages again and again (8 MB: more gained nothing). Each message's
                // savepoint journals the pages it changes; in memory rather than in a
                // temporary file, that saved an eighth of the writer's time. The WAL is
                // copied to the file on another thread. Readers keep the defaults.
                if !db.configuration.readonly {
                    try db.execute(sql: "PRAGMA cache_size = -8192; PRAGMA temp_store = MEMORY")
                    checkpointer.install(on: db.sqliteConnection!)
                }
                // The single connection of a one-shot command keeps the file in WAL mode,
                // so that a worker's readers beside it do not wait for its writes (GRDB's
                // own WAL set-up, made for pools, wrote a table to make a WAL file exist).
                // Its commits are synced: an MTA deletes a mail once `ingest -` exits 0,
                // so what it took in must outlive a power cut (in a pool, WAL's NORMAL
                // may lose the last commits; a mailbox over IMAP gives them again).
                if connections == .single {
                    try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL")
                }
            }
            let writer: any DatabaseWriter
            switch connections {
            case .pool: writer = try DatabasePool(path: path, configuration: configuration)
            case .single: writer = try DatabaseQueue(path: path, configuration: configuration)
            }
            try Migrations.bringUpToDate(writer)
            return TicketStore(writer: writer, worksInPlace: connections == .single)
        } catch {
            throw StoreError(operation: "open database", input: path, underlying: error)
        }
    }

    /// What a backup holds.
    public struct BackupSummary: Sendable {
        public var tickets: Int
        public var bytes: Int
    }

    /// A consistent copy of the database at `path` (SQLite's online backup: the worker may
    /// go on writing meanwhile), checked (`quick_check`) before it takes its name; an
    /// existing file (or link) is never replaced. The copy is its owner's alone (0600).
    public func backup(to path: String) throws -> BackupSummary {
        guard !FileManager.default.fileExists(atPath: path) else { throw BackupTargetExists(path: path) }
        do {
            // The copy is made in a folder of our own beside FILE (mkdtemp: 0700, a fresh
            // name), where SQLite's WAL and shared-memory files for it are made too: in a
            // shared folder, someone could have put theirs there first, and had their pages
            // read as the backup (outsider attack).
            let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var template = Array("\(parent)/.ticketd-backup-XXXXXX".utf8CString)
            guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            let folder = String(cString: made)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let partial = folder + "/copy.sqlite"
            let descriptor = Glibc.open(partial, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            close(descriptor)
            let copy = try DatabaseQueue(path: partial)
            try writer.backup(to: copy)
            let (check, tickets) = try copy.read { db in
                (try String.fetchOne(db, sql: "PRAGMA quick_check") ?? "", try Int.fetchOne(db, sql: "SELECT count(*) FROM tickets") ?? 0)
            }
            guard check == "ok" else { throw StoreError(operation: "check the backup", input: partial, underlying: BackupCheckError(result: check)) }
            try copy.close()
            // FILE only if nobody took the name meanwhile: a hard link is made or fails,
            // whatever is there (a file, a link), and is never followed.
            guard link(partial, path) == 0 else {
                if errno == EEXIST { throw BackupTargetExists(path: path) }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            var status = stat()
            return BackupSummary(tickets: tickets, bytes: stat(path, &status) == 0 ? Int(status.st_size) : 0)
        } catch let error as StoreError {
            throw error
        } catch let error as BackupTargetExists {
            throw error
        } catch {
            throw StoreError(operation: "back up", input: path, underlying: error)
        }
    }

    /// Runs `body` in one write transaction: everything it does commits together or not at all.
    public func transaction<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try writer.write { db in try body(StoreTransaction(db: db)) }
    }

    /// The same from async code: on a pool, the caller's thread is not held while the
    /// database is busy (the cooperative pool has one thread per core, and the mail sender
    /// and the parser need them while a batch is written).
    ///
    /// With `deferringMail` and a pool, outgoing mail is made on other threads while `body` goes on
    /// and written at its end (rendering and composing replies took a fifth of the
    /// database thread). Should making one fail, everything is rolled back and the error
    /// is a `DeferredMailError`: take the batch in again without deferring, so that the
    /// failure comes up where the mail was queued.
    public func write<T: Sendable>(
        deferringMail: Bool = false, _ body: @escaping @Sendable (StoreTransaction) throws -> T
    ) async throws -> T {
        // In place, there is one writer and little mail: making it on other threads only
        // adds their wake-ups.
        let deferring = deferringMail && !worksInPlace
        return try await writing { db in
            let tx = StoreTransaction(db: db, deferred: deferring ? DeferredMail() : nil)
            let result = try body(tx)
            try tx.writeDeferredMail()
            return result
        }
    }

    /// Runs `body` on a read-only snapshot.
    public func reading<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        try writer.read { db in try body(StoreTransaction(db: db)) }
    }

    /// The same from async code, without holding a cooperative thread meanwhile.
    public func read<T: Sendable>(_ body: @escaping @Sendable (StoreTransaction) throws -> T) async throws -> T {
        try await reading { db in try body(StoreTransaction(db: db)) }
    }

    // Database work from async code. On a pool, on GRDB's threads, without holding a
    // cooperative thread meanwhile. On a one-shot command's single connection, in place:
    // nothing else waits for that thread, and each hop to GRDB's queue and back cost a
    // thread's start and two wake-ups per transaction (a twentieth of `ingest -`'s CPU).

    func writing<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        if worksInPlace { return try transaction { try body($0.db) } }
        return try await writer.write(body)
    }

    func reading<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        if worksInPlace { return try reading { try body($0.db) } }
        return try await writer.read(body)
    }

    public func mailboxState(_ mailbox: String) throws -> MailboxState? {
        try writer.read { db in try StoreTransaction(db: db).mailboxState(mailbox) }
    }

    public func tickets() throws -> [Ticket] {
        try writer.read { db in
            try TicketRecord.order(Column("number")).fetchAll(db).map(\.ticket)
        }
    }

    public func events(ofTicket number: Int) throws -> [TicketEvent] {
        try writer.read { db in
            try EventRecord.filter(Column("ticket_number") == number).order(Column("id")).fetchAll(db).map(\.event)
        }
    }

    /// The incidents a problem groups.
    public func children(of number: Int) throws -> [Ticket] {
        try writer.read { db in
            try TicketRecord.filter(Column("parent") == number).order(Column("number")).fetchAll(db).map(\.ticket)
        }
    }

    public func ticket(_ number: Int) throws -> Ticket? {
        try writer.read { db in try TicketRecord.fetchOne(db, key: number)?.ticket }
    }

    public func ticketNumber(forMessageIDs ids: [String]) throws -> Int? {
        try reading { try $0.ticketNumber(forMessageIDs: ids) }
    }

    /// A ticket's mail in the order it came and went. Replies made in a batch get their
    /// rows at its end, so the row order alone would put a reply after later mail.
    public func messages(ofTicket number: Int) throws -> [StoredMessage] {
        try writer.read { db in
            try MessageRecord.filter(Column("ticket_number") == number).order(Column("recorded_at"), Column("id"))
                .fetchAll(db).map(Self.stored)
        }
    }

    public func incomingMessages(since: Date?, screenedOnly: Bool) throws -> [StoredMessage] {
        try writer.read { db in
            var request = MessageRecord.filter(Column("direction") == MessageDirection.incoming.rawValue)
            if screenedOnly { request = request.filter(Column("automatic") != nil) }
            return try request.order(Column("recorded_at"), Column("id")).fetchAll(db).map(Self.stored).filter { message in
                (since.map { message.recordedAt >= $0 } ?? true) && (!screenedOnly || message.isScreened)
            }
        }
    }

    public func allMessages() throws -> [StoredMessage] {
        try writer.read { db in try MessageRecord.order(Column("id")).fetchAll(db).map(Self.stored) }
    }

    static func stored(_ record: MessageRecord) -> StoredMessage {
        StoredMessage(
            id: record.id ?? 0, ticketNumber: record.ticketNumber.map { Int($0) }, messageID: record.messageID,
            direction: record.direction, mailbox: record.mailbox, uid: record.uid.map { UInt32(truncatingIfNeeded: $0) },
            from: record.fromAddress.map { EmailAddress(name: record.fromName, address: $0) },
            subject: record.subject, sentDate: record.sentDate, automatic: record.automatic,
            threadMatch: record.threadMatch, recordedAt: record.recordedAt, raw: [UInt8](record.raw)
        )
    }

}

/// The operations of one write transaction.
public struct StoreTransaction {
    let db: Database
    /// Outgoing mail being made on other threads, when the transaction defers it.
    let deferred: DeferredMail?

    init(db: Database, deferred: DeferredMail? = nil) {
        self.db = db
        self.deferred = deferred
    }

    /// Runs `body` in a savepoint: if it throws, what it wrote is undone and the rest of
    /// the transaction goes on. Many messages share one commit this way, each still atomic.
    public func savepoint<T>(_ body: () throws -> T) throws -> T {
        let queued = deferred?.items.count ?? 0
        // Statements prepared once: GRDB's `inSavepoint` prepared its two for every message.
        try db.cachedStatement(sql: "SAVEPOINT message").execute()
        do {
            let result = try body()
            try db.cachedStatement(sql: "RELEASE SAVEPOINT message").execute()
            return result
        } catch {
            deferred?.items.removeSubrange(queued...)
            // Fails only when SQLite has already rolled back the whole transaction.
            try? db.cachedStatement(sql: "ROLLBACK TO SAVEPOINT message").execute()
            try? db.cachedStatement(sql: "RELEASE SAVEPOINT message").execute()
            throw error
        }
    }

    public func mailboxState(_ mailbox: String) throws -> MailboxState? {
        try MailboxStateRecord.fetchOne(db, key: mailbox).map {
            MailboxState(mailbox: $0.mailbox, uidValidity: UInt32(truncatingIfNeeded: $0.uidValidity), lastUID: UInt32(truncatingIfNeeded: $0.lastUID))
        }
    }

    public func saveMailboxState(_ state: MailboxState) throws {
        try MailboxStateRecord(mailbox: state.mailbox, uidValidity: Int64(state.uidValidity), lastUID: Int64(state.lastUID)).save(db)
    }

    /// True when a message with this key (Message-ID or content hash) is already stored.
    public func hasMessage(key: String) throws -> Bool {
        try firstRow("SELECT 1 FROM messages WHERE message_key = ?", { $0.add(key) }, { _ in true }) ?? false
    }

    public func ticketExists(_ number: Int) throws -> Bool {
        try TicketRecord.fetchOne(db, key: number) != nil
    }

    /// The ticket of the first of `ids` that is stored with one.
    public func ticketNumber(forMessageIDs ids: [String]) throws -> Int? {
        for id in ids {
            let sql = "SELECT ticket_number FROM messages WHERE message_id = ? AND ticket_number IS NOT NULL LIMIT 1"
            if let number = try firstRow(sql, { $0.add(id) }, { $0.int64(0) }) { return Int(number) }
        }
        return nil
    }

    /// Inserts `draft` (its number is ignored) and returns it with its number.
    public func createTicket(_ draft: Ticket) throws -> Ticket {
        var record = TicketRecord(draft)
        record.number = try insert(record, TicketRecord.layout)
        return record.ticket
    }

    /// Inserts `ticket` under its own number, one that `nextTicketNumber` gave out.
    public func createTicket(numbered ticket: Ticket) throws {
        let layout = TicketRecord.layout
        try run(layout.insertWithKeySQL) { parameters in
            parameters.add(Int64(ticket.number))
            let record = TicketRecord(ticket)
            for column in layout.columns { column.bind(record, &parameters) }
        }
    }

    static let nextTicketNumberSQL = """
        SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'tickets'), 0),
                   COALESCE((SELECT MAX(number) FROM tickets), 0)) + 1
        """

    /// The number the next ticket gets: above every number ever given out, as SQLite's
    /// AUTOINCREMENT counts them.
    public func nextTicketNumber() throws -> Int {
        try firstRow(Self.nextTicketNumberSQL, { _ in }, { Int($0.int64(0)) }) ?? 1
    }

    public func ticket(_ number: Int) throws -> Ticket? {
        try TicketRecord.fetchOne(db, key: number)?.ticket
    }

    /// Writes every field of an existing ticket.
    public func saveTicket(_ ticket: Ticket) throws {
        try update(TicketRecord(ticket), TicketRecord.layout)
    }

    public func recordEvent(_ event: TicketEvent) throws {
        _ = try insert(EventRecord(event), EventRecord.layout)
    }

    /// Tickets of `kind` with this fingerprint created at or after `since`, oldest first.
    public func tickets(kind: TicketKind, fingerprint: String, since: Date) throws -> [Ticket] {
        try rows(Self.ticketsByFingerprintSQL, { parameters in
            parameters.add(kind)
            parameters.add(fingerprint)
            parameters.add(since)
        }, { try TicketRecord($0).ticket })
    }

    /// The newest ticket of `kind` with this fingerprint that is not resolved or rejected.
    /// Through the (fingerprint, kind) index, newest first, up to the first open one.
    static let ticketsByFingerprintSQL = "SELECT \(TicketRecord.selection) FROM tickets WHERE kind = ? AND fingerprint = ? AND created_at >= ? ORDER BY number"

    static let activeTicketSQL = """
        SELECT \(TicketRecord.selection) FROM tickets
        WHERE fingerprint = ? AND kind = ? AND status NOT IN (?, ?) ORDER BY number DESC LIMIT 1
        """

    public func activeTicket(kind: TicketKind, fingerprint: String) throws -> Ticket? {
        try firstRow(Self.activeTicketSQL, { parameters in
            parameters.add(fingerprint)
            parameters.add(kind)
            parameters.add(TicketStatus.resolved)
            parameters.add(TicketStatus.rejected)
        }, { try TicketRecord($0).ticket })
    }

    /// The release tickets of this version, oldest first (few: the kind's index finds them).
    public func releases(version: String) throws -> [Ticket] {
        let sql = "SELECT \(TicketRecord.selection) FROM tickets WHERE kind = 'release' AND lower(json_extract(release, '$.version')) = lower(?) ORDER BY number"
        return try rows(sql, { $0.add(version) }, { try TicketRecord($0).ticket })
    }

    static let maintenancesSQL =
        "SELECT \(TicketRecord.selection) FROM tickets WHERE kind = ? AND status != ? AND window_start <= ? AND window_end >= ? ORDER BY number"

    /// Maintenance windows (not rejected) that contain `instant`.
    public func maintenances(covering instant: Date) throws -> [Ticket] {
        try rows(Self.maintenancesSQL, { parameters in
            parameters.add(TicketKind.maintenance)
            parameters.add(TicketStatus.rejected)
            parameters.add(instant)
            parameters.add(instant)
        }, { try TicketRecord($0).ticket })
    }

    /// The recipients of the mail ticketd sent with this Message-ID; nil when it sent none.
    public func recipients(ofSentMessage messageID: String) throws -> [String]? {
        let sql = """
            SELECT o.recipients FROM outbox o JOIN messages m ON m.id = o.message_row_id
            WHERE m.message_id = ? AND m.direction = ? LIMIT 1
            """
        return try firstRow(sql, { parameters in
            parameters.add(messageID)
            parameters.add(MessageDirection.outgoing)
        }, { ($0.string(0) ?? "").split(separator: ",").map(String.init) })
    }

    /// When the ticket last moved to `status`, if ever.
    public func lastMove(ofTicket number: Int, to status: TicketStatus) throws -> Date? {
        try EventRecord
            .filter(Column("ticket_number") == number && Column("field") == TicketEvent.Field.status.rawValue)
            .filter(Column("new_value") == status.rawValue)
            .order(Column("id").desc).fetchOne(db)?.at
    }

    /// Every release ticket, oldest first.
    public func releaseTickets() throws -> [Ticket] {
        try rows("SELECT \(TicketRecord.selection) FROM tickets WHERE kind = 'release' ORDER BY number", { _ in }, { try TicketRecord($0).ticket })
    }

    /// Release tickets at work (planned, announced or in test), oldest first.
    public func releasesAtWork() throws -> [Ticket] {
        let sql = "SELECT \(TicketRecord.selection) FROM tickets WHERE kind = 'release' AND status = ? ORDER BY number"
        return try rows(sql, { $0.add(TicketStatus.open) }, { try TicketRecord($0).ticket })
    }

    /// Resolved changes whose review window has passed without being closed.
    public func reviewsDue(at instant: Date) throws -> [Ticket] {
        try TicketRecord
            .filter(Column("review_closes_at") <= instant && Column("review_outcome") == nil)
            .order(Column("number")).fetchAll(db).map(\.ticket)
    }

    public func touchTicket(_ number: Int, at date: Date) throws {
        try db.cachedStatement(sql: "UPDATE tickets SET updated_at = ? WHERE number = ?").execute(arguments: [StoreDate.text(date), number])
    }

    /// Stores an incoming message once. Returns false (and writes nothing) when its key is
    /// already stored.
    @discardableResult
    public func recordIncoming(
        _ message: Message, key: String, contentHash: String, origin: MessageOrigin, ticketNumber: Int?,
        automatic: AutomaticReason?, threadMatch: String, at date: Date
    ) throws -> Bool {
        if try hasMessage(key: key) { return false }
        let sql = """
            INSERT INTO messages (ticket_number, message_key, message_id, direction, mailbox, uid_validity, uid, from_name,
                                  from_address, subject, sent_date, automatic, thread_match, content_hash, recorded_at, raw)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        try insert(sql, blob: message.raw, into: "messages", column: "raw") { parameters in
            parameters.add(ticketNumber)
            parameters.add(key)
            parameters.add(message.messageID)
            parameters.add(MessageDirection.incoming)
            parameters.add(origin.mailbox)
            parameters.add(origin.uidValidity.map(Int64.init))
            parameters.add(origin.uid.map(Int64.init))
            parameters.add(message.from?.name)
            parameters.add(message.from?.address)
            parameters.add(message.subject)
            parameters.add(message.date?.iso8601)
            parameters.add(automatic)
            parameters.add(threadMatch)
            parameters.add(contentHash)
            parameters.add(date)
        }
        return true
    }

    /// How many automatic mails went to `recipient` at or after `recent`, and at or after
    /// `earlier` (which is before `recent`): both from one pass over the index.
    public func automaticMailCounts(to recipient: String, since recent: Date, andSince earlier: Date) throws -> (recent: Int, earlier: Int) {
        let sql = "SELECT COALESCE(SUM(at >= ?), 0), COUNT(*) FROM auto_replies WHERE recipient = ? AND at >= ?"
        let counts = try firstRow(sql, { parameters in
            parameters.add(recent)
            parameters.add(recipient.lowercased())
            parameters.add(earlier)
        }, { (recent: Int($0.int64(0)), earlier: Int($0.int64(1))) })
        return counts ?? (0, 0)
    }

    /// Why `address` gets no automatic mail at `instant`, if it bounced permanently.
    public func suppression(of address: String, at instant: Date) throws -> String? {
        try firstRow("SELECT reason FROM suppressions WHERE address = ? AND until > ?", { parameters in
            parameters.add(address.lowercased())
            parameters.add(instant)
        }, { $0.string(0) }) ?? nil
    }

    public func suppress(_ address: String, until: Date, reason: String) throws {
        try db.execute(
            sql: "INSERT INTO suppressions (address, until, reason) VALUES (?, ?, ?) ON CONFLICT(address) DO UPDATE SET until = excluded.until, reason = excluded.reason",
            arguments: [address.lowercased(), until, reason]
        )
    }

    public func recordAutomaticMail(to recipient: String, at date: Date) throws {
        try run("INSERT INTO auto_replies (recipient, at) VALUES (?, ?)") { parameters in
            parameters.add(recipient.lowercased())
            parameters.add(date)
        }
    }

    /// Queues a mail for the outbox; `make` renders and composes it. In a transaction that
    /// defers mail, `make` runs on another thread and the rows are written at the end.
    public func enqueueOutgoing(
        messageID: String, from: EmailAddress, recipients: [String], ticketNumber: Int?, at date: Date,
        making make: @escaping @Sendable () throws -> MadeMail
    ) throws {
        try enqueueOutgoing(
            OutgoingEnvelope(messageID: messageID, from: from, recipients: recipients, ticketNumber: ticketNumber, date: date), making: make
        )
    }

    public func enqueueOutgoing(_ envelope: OutgoingEnvelope, making make: @escaping @Sendable () throws -> MadeMail) throws {
        if let deferred {
            deferred.items.append((envelope, DeferredMail.Making(make)))
        } else {
            try insertOutgoing(envelope, try make())
        }
    }

    /// Writes the deferred mail, in the order it was queued, once it is made.
    func writeDeferredMail() throws {
        guard let deferred else { return }
        for (envelope, making) in deferred.items {
            do {
                try insertOutgoing(envelope, try making.wait())
            } catch where !TicketStore.isTransient(error) {
                // Made, or written, where it was queued, it would have failed that message alone.
                throw DeferredMailError(messageID: envelope.messageID, ticketNumber: envelope.ticketNumber, underlying: error)
            }
        }
        deferred.items = []
    }

    private func insertOutgoing(_ envelope: OutgoingEnvelope, _ mail: MadeMail) throws {
        let sql = """
            INSERT INTO messages (ticket_number, message_key, message_id, direction, from_name, from_address, subject,
                                  content_hash, recorded_at, raw)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        let messageRow = try insert(sql, blob: mail.raw, into: "messages", column: "raw") { parameters in
            parameters.add(envelope.ticketNumber)
            parameters.add(envelope.messageID)
            parameters.add(envelope.messageID)
            parameters.add(MessageDirection.outgoing)
            parameters.add(envelope.from.name)
            parameters.add(envelope.from.address)
            parameters.add(mail.subject)
            parameters.add(mail.contentHash)
            parameters.add(envelope.date)
        }
        try run("""
            INSERT INTO outbox (message_row_id, mail_from, recipients, status, attempts, next_attempt_at, created_at)
            VALUES (?, ?, ?, ?, 0, ?, ?)
            """) { parameters in
            parameters.add(messageRow)
            parameters.add(envelope.from.address)
            parameters.add(envelope.recipients.joined(separator: ","))
            parameters.add(OutboxStatus.pending)
            parameters.add(envelope.date)
            parameters.add(envelope.date)
        }
    }
}
