import Foundation
import GRDB
import GRDBSQLite
import Storage
@testable import Store
import Testing
import TicketCore

@Suite struct StoreTests {
    /// A real SQLite file in a fresh folder.
    func withStore(_ body: (TicketStore) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ticketd-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(try TicketStore.open(path: directory.appendingPathComponent("db/ticketd.sqlite").path))
    }

    func withStore(_ body: (TicketStore) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ticketd-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(try TicketStore.open(path: directory.appendingPathComponent("db/ticketd.sqlite").path))
    }

    func message(id: String?, raw: String = "x") -> Message {
        Message(
            raw: Array(raw.utf8), headers: [], messageID: id, from: EmailAddress(name: "Ann", address: "ann@example.org"),
            to: [], cc: [], replyTo: [], subject: "help", date: nil, inReplyTo: [], references: [], text: "hi",
            hasHTML: false, attachments: [], parts: [], isDeliveryStatusReport: false
        )
    }

    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func draft(subject: String, requester: String) -> Ticket {
        Ticket(number: 0, subject: subject, requester: EmailAddress(address: requester), status: .new, mailbox: "support",
               createdAt: now, updatedAt: now)
    }
    let origin = MessageOrigin(mailbox: "support", uidValidity: 7, uid: 1)

    /// The intake's lookups bind a ticket's kind (`kind = ?`). A partial index conditioned
    /// on the kind (v16's `WHERE kind = 'release'`) made SQLite prepare each of them again
    /// at every run, as the bound value might pick that index: a fifth of the intake's CPU.
    @Test func theIntakesLookupsByKindAreNotPreparedAgainForEachValue() throws {
        try withStore { store in
            // Each lookup with its arguments for a kind.
            let lookups: [(String, (String) -> [String])] = [
                (StoreTransaction.activeTicketSQL, { ["f", $0, "resolved", "rejected"] }),
                (StoreTransaction.maintenancesSQL, { [$0, "rejected", "x", "x"] }),
                (StoreTransaction.ticketsByFingerprintSQL, { [$0, "f", "x"] }),
            ]
            try store.writer.read { db in
                for (sql, arguments) in lookups {
                    let statement = try db.makeStatement(sql: sql)
                    for kind in [TicketKind.problem, .release, .maintenance] {
                        try statement.setArguments(StatementArguments(arguments(kind.rawValue)))
                        _ = try Row.fetchAll(statement)
                    }
                    #expect(sqlite3_stmt_status(statement.sqliteStatement, SQLITE_STMTSTATUS_REPREPARE, 0) == 0, "\(sql)")
                }
            }
        }
    }

    /// Issue 14: the database, its WAL and shared memory are 0600, in a 0700 folder, even
    /// where the umask would give more; and files found looser are tightened.
    @Test func theDatabaseFilesAreTheOwnersOnly() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ticketd-store-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("db/ticketd.sqlite").path
        func mode(_ file: String) throws -> Int? { try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int }
        let old = umask(0o022)
        defer { umask(old) }
        do {
            let store = try TicketStore.open(path: path)
            try store.transaction { tx in _ = try tx.recordIncoming(message(id: "<a@b>"), key: "a@b", contentHash: "h", origin: origin, ticketNumber: nil, automatic: nil, threadMatch: "new", at: now) }
            #expect(try mode(directory.appendingPathComponent("db").path) == 0o700)
            for file in [path, path + "-wal", path + "-shm"] {
                #expect(try mode(file) == 0o600, "\(file)")
            }
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        _ = try TicketStore.open(path: path)
        #expect(try mode(path) == 0o600)
    }

    @Test func aMessageKeyIsStoredOnlyOnce() throws {
        try withStore { (store: TicketStore) throws in
            let first = try store.transaction { (tx: StoreTransaction) throws in
                try tx.recordIncoming(message(id: "a@x"), key: "a@x", contentHash: "h", origin: origin, ticketNumber: nil,
                                      automatic: nil, threadMatch: "new", at: now)
            }
            let second = try store.transaction { (tx: StoreTransaction) throws in
                try tx.recordIncoming(message(id: "a@x"), key: "a@x", contentHash: "h", origin: origin, ticketNumber: nil,
                                      automatic: nil, threadMatch: "new", at: now)
            }
            #expect(first && !second)
            #expect(try store.allMessages().count == 1)
        }
    }

    /// Small bytes are bound in place; over a megabyte they go in by incremental blob I/O.
    /// Both read back whole, in messages and in failures.
    @Test(arguments: [0, 1, 70_000, 3_500_001])
    func rawBytesOfAnySizeAreStoredWhole(_ size: Int) throws {
        let raw = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        try withStore { (store: TicketStore) throws in
            try store.transaction { (tx: StoreTransaction) throws in
                var big = message(id: "big@x")
                big.raw = raw
                try tx.recordIncoming(big, key: "big@x", contentHash: "h", origin: origin, ticketNumber: nil,
                                      automatic: nil, threadMatch: "new", at: now)
                try tx.recordFailure(mailbox: "support", uid: 3, messageID: "big@x", reason: "test", raw: raw, at: now)
            }
            #expect(try store.allMessages().map(\.raw) == [raw])
            #expect(try store.failures().map(\.raw) == [raw])
        }
    }

    @Test func ticketsAreNumberedFromOneAndFoundByTheirMessageIDs() throws {
        try withStore { (store: TicketStore) throws in
            let ticket = try store.transaction { (tx: StoreTransaction) throws in
                let ticket = try tx.createTicket(draft(subject: "help", requester: "ann@example.org"))
                try tx.recordIncoming(message(id: "a@x"), key: "a@x", contentHash: "h", origin: origin,
                                      ticketNumber: ticket.number, automatic: nil, threadMatch: "new", at: now)
                try tx.enqueueOutgoing(messageID: "ack@ticketd", from: EmailAddress(address: "support@x"),
                                       recipients: ["ann@example.org"], ticketNumber: ticket.number, at: now) {
                    MadeMail(subject: "[t #1] help", raw: Array("reply".utf8), contentHash: "h")
                }
                return ticket
            }
            #expect(ticket.number == 1)
            #expect(ticket.status == .new)
            try store.transaction { (tx: StoreTransaction) throws in
                #expect(try tx.ticketNumber(forMessageIDs: ["zzz", "ack@ticketd"]) == 1)
                #expect(try tx.ticketNumber(forMessageIDs: ["a@x"]) == 1)
                #expect(try tx.ticketNumber(forMessageIDs: ["nope"]) == nil)
                #expect(try tx.ticketExists(1))
                #expect(try !tx.ticketExists(2))
            }
        }
    }

    @Test func aFailedTransactionLeavesNothingBehind() throws {
        struct Boom: Error {}
        try withStore { (store: TicketStore) throws in
            #expect(throws: Boom.self) {
                try store.transaction { (tx: StoreTransaction) throws in
                    _ = try tx.createTicket(draft(subject: "s", requester: "a@x"))
                    try tx.saveMailboxState(MailboxState(mailbox: "support", uidValidity: 1, lastUID: 9))
                    throw Boom()
                }
            }
            #expect(try store.tickets().isEmpty)
            #expect(try store.mailboxState("support") == nil)
        }
    }

    /// Replies made on other threads during a batch: written at its end in the order they
    /// were queued, none from a message whose savepoint rolled back; one that cannot be
    /// made rolls the whole batch back.
    @Test func deferredMailIsWrittenInQueueOrderAndOnlyForMessagesThatCommitted() async throws {
        struct Boom: Error {}
        try await withStore { (store: TicketStore) async throws in
            let from = EmailAddress(address: "support@x")
            try await store.write(deferringMail: true) { tx in
                for index in 1...5 {
                    _ = try? tx.savepoint {
                        try tx.enqueueOutgoing(messageID: "m\(index)@t", from: from, recipients: ["a@x"], ticketNumber: nil, at: now) {
                            // Made out of order: the later ones finish first.
                            Thread.sleep(forTimeInterval: Double(5 - index) * 0.02)
                            return MadeMail(subject: "s\(index)", raw: Array("r\(index)".utf8), contentHash: "h\(index)")
                        }
                        if index == 3 { throw Boom() }
                    }
                }
                // Nothing is written before the end of the transaction.
                let written = try Int.fetchOne(tx.db, sql: "SELECT COUNT(*) FROM outbox")
                #expect(written == 0)
            }
            #expect(try await store.dueOutbox(now: now, limit: 10).map(\.messageID) == ["m1@t", "m2@t", "m4@t", "m5@t"])
            #expect(try await store.dueOutbox(now: now, limit: 10).map(\.raw) == ["r1", "r2", "r4", "r5"].map { Array($0.utf8) })

            await #expect(throws: DeferredMailError.self) {
                try await store.write(deferringMail: true) { tx in
                    _ = try tx.createTicket(draft(subject: "s", requester: "a@x"))
                    try tx.enqueueOutgoing(messageID: "bad@t", from: from, recipients: ["a@x"], ticketNumber: nil, at: now) { throw Boom() }
                }
            }
            #expect(try store.tickets().isEmpty)
            #expect(try await store.dueOutbox(now: now, limit: 10).count == 4)
        }
    }

    /// Every monitoring alert and new incident looks for an open ticket of its fingerprint:
    /// that must be an index search, not a walk over every incident.
    @Test func theActiveTicketOfAFingerprintIsFoundThroughTheFingerprintIndex() throws {
        try withStore { (store: TicketStore) throws in
            try store.transaction { (tx: StoreTransaction) throws in
                for index in 0..<50 {
                    var ticket = draft(subject: "alert \(index)", requester: "a@x")
                    ticket.kind = .incident
                    ticket.fingerprint = "host\(index % 5)/disk"
                    _ = try tx.createTicket(ticket)
                }
                let plan = try Self.queryPlan(StoreTransaction.activeTicketSQL, ["f", "incident", "resolved", "rejected"], in: tx.db)
                #expect(plan.contains { $0.contains("USING INDEX tickets_fingerprint_kind (fingerprint=? AND kind=?)") }, "\(plan)")
                #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
                #expect(try tx.activeTicket(kind: .incident, fingerprint: "host3/disk")?.subject == "alert 48")
                #expect(try tx.activeTicket(kind: .problem, fingerprint: "host3/disk") == nil)
            }
        }
    }

    /// The hot lookups read tickets straight from SQLite: every field must come back as
    /// GRDB's own decoding gives it, and as it was written.
    @Test func aTicketReadStraightFromSQLiteEqualsTheOneWrittenAndTheOneGRDBDecodes() throws {
        try withStore { (store: TicketStore) throws in
            var full = draft(subject: "Disk full on se01", requester: "ann@example.org")
            full.requester.name = "Ann Example"
            full.updatedAt = now.addingTimeInterval(60)
            full.status = .stalled
            full.kind = .change
            full.changeClass = .emergency
            full.priority = .immediate
            full.rule = "urgent words"
            full.participants = ["bob@example.org", "c\"d@example.org"]
            full.fingerprint = "se01/disk"
            full.service = "storage"
            full.windowStart = now.addingTimeInterval(3600.125)
            full.windowEnd = now.addingTimeInterval(7200)
            full.assessed = true
            full.approval = .approved
            full.needsPostReview = true
            full.review = Ticket.Review(requestedAt: now, closesAt: now.addingTimeInterval(86_400), answers: ["fine"], outcome: .answered)
            full.automatic = .noReplySender
            var sparse = draft(subject: "Question", requester: "eve@example.org")
            sparse.fingerprint = "question"
            try store.transaction { (tx: StoreTransaction) throws in
                let first = try tx.createTicket(sparse)
                // Three different numbers, so that no two columns can be swapped unseen.
                full.parent = first.number
                full.follows = try tx.createTicket(draft(subject: "Earlier", requester: "ann@example.org")).number
                full.maintenance = try tx.createTicket(draft(subject: "Window", requester: "ops@example.org")).number
                let second = try tx.createTicket(full)
                for written in [first, second] {
                    let fingerprint = try #require(written.fingerprint)
                    #expect(try tx.activeTicket(kind: written.kind, fingerprint: fingerprint) == written)
                    #expect(try tx.tickets(kind: written.kind, fingerprint: fingerprint, since: .distantPast) == [written])
                    #expect(try tx.ticket(written.number) == written)
                }
            }
        }
    }

    /// Issue 18: a one-shot command's single connection makes a new file in WAL mode (a
    /// worker's readers beside it must not wait for its writes) and syncs its commits,
    /// and a pool opened after it sees what it wrote.
    @Test func aSingleConnectionWritesInWALModeWhatAPoolThenReads() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ticketd-single-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ticketd.sqlite").path
        let single = try TicketStore.open(path: path, connections: .single)
        #expect(single.writer is DatabaseQueue)
        let created = try single.transaction { try $0.createTicket(draft(subject: "Disk full", requester: "ann@example.org")) }
        #expect(try single.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        // FULL: an MTA deletes the mail once it is taken in.
        #expect(try single.writer.read { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2)
        let pool = try TicketStore.open(path: path)
        #expect(pool.writer is DatabasePool)
        #expect(try pool.ticket(created.number) == created)
    }

    /// Issue 18: a file whose `user_version` holds the migrations' stamp is not read by
    /// the migrator (which cost every one-shot command its reading of a table); any other
    /// is migrated and stamped.
    @Test func aFileStampedWithTheMigrationsIsLeftAsItIsAndAnyOtherIsMigratedAndStamped() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ticketd-stamp-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func userVersion(_ path: String) throws -> Int { try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "PRAGMA user_version") ?? 0 } }
        func tables(_ path: String) throws -> [String] {
            try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'tickets'") }
        }
        // A new file: migrated, then stamped.
        let fresh = directory.appendingPathComponent("fresh.sqlite").path
        _ = try TicketStore.open(path: fresh, connections: .single)
        #expect(try userVersion(fresh) == Int(Migrations.stamp))
        #expect(try tables(fresh) == ["tickets"])
        // An empty file that says it has them all is taken at its word: no migration ran.
        let stamped = directory.appendingPathComponent("stamped.sqlite").path
        try DatabaseQueue(path: stamped).writeWithoutTransaction { try $0.execute(sql: "PRAGMA user_version = \(Migrations.stamp)") }
        _ = try TicketStore.open(path: stamped, connections: .single)
        #expect(try tables(stamped).isEmpty)
        // Another stamp (a file of an older ticketd): migrated, and stamped anew.
        let older = directory.appendingPathComponent("older.sqlite").path
        try DatabaseQueue(path: older).writeWithoutTransaction { try $0.execute(sql: "PRAGMA user_version = 12345") }
        _ = try TicketStore.open(path: older)
        #expect(try tables(older) == ["tickets"])
        #expect(try userVersion(older) == Int(Migrations.stamp))
    }

    /// Issue 18: a one-shot command's store does its async work on the caller's thread
    /// (a hop to GRDB's queue and back cost a thread and two wake-ups per transaction).
    @Test func aOneShotStoreWorksOnTheCallersThread() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ticketd-inplace-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ticketd.sqlite").path
        func threads(_ store: TicketStore) async throws -> (caller: pthread_t, write: pthread_t, read: pthread_t) {
            let caller = pthread_self()
            let write = try await store.write { _ in pthread_self() }
            let read = try await store.read { _ in pthread_self() }
            return (caller, write, read)
        }
        let single = try await threads(TicketStore.open(path: path, connections: .single))
        #expect(pthread_equal(single.caller, single.write) != 0 && pthread_equal(single.caller, single.read) != 0)
    }

    /// Issue 16: a backup taken while a writer goes on is a consistent copy (SQLite's own
    /// check passes and it holds a whole number of the writer's transactions).
    @Test func aBackupWhileTicketsAreWrittenIsConsistent() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ticketd-backup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try TicketStore.open(path: directory.appendingPathComponent("ticketd.sqlite").path)
        let writing = Task.detached {
            for number in 1...300 {
                // Two tickets per transaction: a copy in the middle of one would hold an odd number.
                try store.transaction { tx in
                    _ = try tx.createTicket(self.draft(subject: "Disk \(number)a", requester: "ann@example.org"))
                    _ = try tx.createTicket(self.draft(subject: "Disk \(number)b", requester: "ann@example.org"))
                }
            }
        }
        try await Task.sleep(for: .milliseconds(20))
        let copy = directory.appendingPathComponent("copy.sqlite").path
        let summary = try store.backup(to: copy)
        try await writing.value
        #expect(summary.tickets % 2 == 0)
        #expect(try TicketStore.open(path: copy).tickets().count == summary.tickets)
        #expect(throws: BackupTargetExists.self) { try store.backup(to: copy) }
        // Nothing left beside it: its folder of its own is gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["copy.sqlite", "ticketd.sqlite", "ticketd.sqlite-shm", "ticketd.sqlite-wal"].filter {
            FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path)
        })
        // A link at the name, even one to nowhere, is not replaced.
        let link = directory.appendingPathComponent("linked.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: directory.appendingPathComponent("nowhere").path)
        #expect(throws: BackupTargetExists.self) { try store.backup(to: link) }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("nowhere").path))
    }

    /// Outsider review: root opening the store in a folder another user owns would leave
    /// root's files there, which the worker, as that user, could not open again.
    @Test func rootIsToldToRunAsTheOwnerOfTheDatabasesFolder() throws {
        try #require(geteuid() == 0, "the tests run as root (deploy/test.sh)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ticketd-owner-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let nobody = try #require(getpwnam("nobody")).pointee.pw_uid
        #expect(chown(directory.path, nobody, gid_t.max) == 0)
        let path = directory.appendingPathComponent("ticketd.sqlite").path
        #expect(throws: WrongUser.self) { try TicketStore.open(path: path, connections: .single) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// Issue 18: a database from before the ticket flag learns which tickets automatic
    /// mail opened from the mail that opened them; screened mail and replies flag nothing.
    @Test func theMigrationFlagsTicketsOpenedByAutomaticMailFromTheirFirstMessage() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ticketd-migration-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("ticketd.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(queue, upTo: "v8: open ticket of a fingerprint by index")
        try queue.write { db in
            for number in 1...3 {
                try db.execute(
                    sql: """
                        INSERT INTO tickets (number, subject, requester_address, status, mailbox, created_at, updated_at)
                        VALUES (?, 'alert', 'mon@example.org', 'new', 'support', '2026-11-02 10:00:00.000', '2026-11-02 10:00:00.000')
                        """, arguments: [number]
                )
            }
            // Ticket 1 opened by bulk mail, ticket 2 by a person (then an auto-reply on it),
            // and a screened mail on no ticket.
            let rows: [(Int?, String?, String)] = [(1, "precedence", "new"), (2, nil, "new"), (2, "auto-replied", "references"), (nil, "loop", "new")]
            for (index, row) in rows.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO messages (ticket_number, message_key, direction, automatic, thread_match, content_hash, raw, recorded_at)
                        VALUES (?, ?, 'incoming', ?, ?, 'h', x'00', '2026-11-02 10:00:00.000')
                        """, arguments: [row.0, "key\(index)", row.1, row.2]
                )
            }
        }
        try queue.close()
        let store = try TicketStore.open(path: path)
        #expect(try store.ticket(1)?.automatic == .precedence)
        #expect(try store.ticket(2)?.automatic == nil)
        #expect(try store.ticket(3)?.automatic == nil)
    }

    /// The sender asks for the next 200 due rows again and again while a backlog drains:
    /// they must come in the index's order, not from sorting (and reading) the whole backlog.
    @Test func dueOutboxRowsAreReadInIndexOrderWithoutASort() throws {
        try withStore { (store: TicketStore) throws in
            let plan = try store.reading { tx in
                try Self.queryPlan(TicketStore.dueOutboxSQL, ["pending", "2026-11-24 00:00:00.000", 200], in: tx.db)
            }
            #expect(plan.contains { $0.contains("USING INDEX outbox_due") }, "\(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
        }
    }

    static func queryPlan(_ sql: String, _ arguments: StatementArguments, in db: Database) throws -> [String] {
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String? ?? "" }
    }

    @Test func outboxRowsMoveFromPendingToSentRetryOrFailed() async throws {
        try await withStore { (store: TicketStore) async throws in
            try store.transaction { (tx: StoreTransaction) throws in
                let ticket = try tx.createTicket(draft(subject: "s", requester: "a@x"))
                for index in 1...3 {
                    try tx.enqueueOutgoing(messageID: "m\(index)@t", from: EmailAddress(address: "support@x"),
                                           recipients: ["a@x", "b@x"], ticketNumber: ticket.number, at: now) {
                        MadeMail(subject: "s", raw: Array("r\(index)".utf8), contentHash: "h\(index)")
                    }
                }
            }
            let due = try await store.dueOutbox(now: now, limit: 10)
            #expect(due.map(\.messageID) == ["m1@t", "m2@t", "m3@t"])
            #expect(due[0].recipients == ["a@x", "b@x"])
            #expect(due[0].raw == Array("r1".utf8))
            // Marked twice, as after a crash between the commit and emptying the journal.
            try await store.markSent([SentMark(outboxID: due[0].id, at: now)])
            try await store.markSent([SentMark(outboxID: due[0].id, at: now)])
            try await store.markRetry(outboxID: due[1].id, error: "451 later", nextAttempt: now.addingTimeInterval(60))
            try await store.markFailed(
                outboxID: due[2].id, error: "550 no such user",
                event: TicketEvent(ticket: 1, at: now, actor: "ticketd", field: .undeliverable, newValue: "a@x", reason: "550 no such user")
            )
            #expect(try store.events(ofTicket: 1).last?.field == .undeliverable)
            #expect(try await store.dueOutbox(now: now, limit: 10).isEmpty)
            #expect(try await store.dueOutbox(now: now.addingTimeInterval(61), limit: 10).map(\.messageID) == ["m2@t"])
            let all = try store.outbox()
            #expect(all.map(\.status) == [.sent, .pending, .failed])
            #expect(all[2].lastError == "550 no such user")
            #expect(all.map(\.attempts) == [1, 1, 1])
        }
    }

    @Test func mailboxStateIsSavedAndReadBack() throws {
        try withStore { (store: TicketStore) throws in
            try store.transaction { try $0.saveMailboxState(MailboxState(mailbox: "support", uidValidity: 5, lastUID: 10)) }
            try store.transaction { try $0.saveMailboxState(MailboxState(mailbox: "support", uidValidity: 5, lastUID: 12)) }
            #expect(try store.mailboxState("support") == MailboxState(mailbox: "support", uidValidity: 5, lastUID: 12))
        }
    }
}

@Suite struct StoreDateTests {
    /// Rows written with the fast formatter must compare and read back exactly as those
    /// GRDB writes itself.
    @Test func writesDatesExactlyAsGRDBDoes() throws {
        var state: UInt64 = 9
        for _ in 0..<3000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let milliseconds = Double(Int64(bitPattern: state >> 1) % 4_000_000_000_000) - 1_000_000_000_000
            let date = Date(timeIntervalSince1970: milliseconds / 1000 + Double(state % 1000) / 1_000_000)
            #expect(DatabaseValue(value: StoreDate.text(date)) == date.databaseValue)
        }
    }

    /// What the fast reader makes of a stored date is what GRDB makes of it.
    @Test(arguments: ["2026-11-23 09:00:00.000", "1969-12-31 23:59:59.999", "2024-02-29 12:34:56", "2000-03-01T00:00:00.500", "1900-01-01 00:00:00.001"])
    func readsDatesAsGRDBDoes(_ text: String) {
        let bytes = Array(text.utf8)
        let parsed = bytes.withUnsafeBufferPointer { StoreDate.parse($0) }
        #expect(parsed == Date.fromDatabaseValue(text.databaseValue))
    }

    @Test(arguments: ["2026-13-01 00:00:00", "2026-11-23", "not a date at all!!", "2026-11-23 09:00:00+01:00"])
    func leavesOtherFormsToGRDB(_ text: String) {
        #expect(Array(text.utf8).withUnsafeBufferPointer { StoreDate.parse($0) } == nil)
    }
}
