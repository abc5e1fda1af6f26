import Foundation
import Storage
import Store
import Testing
import Threading
import TicketCore
import Workflow
import WorkingTime

/// The store seam's contract, held by the SQLite store and by its in-memory twin alike:
/// the same calls give the same answers, so that tests on the twin say something of the
/// real store, and a later backend has a list to meet.
@Suite struct StoreSeamContractTests {
    enum Backend: String, CaseIterable, Sendable { case sqlite, memory }

    /// A fresh store of that kind, removed afterwards.
    func withStore(_ backend: Backend, _ body: (any DeskStore & OutboxStore & HealthQueries) async throws -> Void) async throws {
        switch backend {
        case .memory:
            try await body(InMemoryStore())
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ticketd-seam-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            try await body(try TicketStore.open(path: directory.appendingPathComponent("ticketd.sqlite").path))
        }
    }

    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func ticket(_ number: Int, kind: TicketKind = .incident, fingerprint: String? = nil, status: TicketStatus = .new) -> Ticket {
        Ticket(
            number: number, subject: "t\(number)", requester: EmailAddress(address: "ann@example.org"), status: status, mailbox: "support",
            createdAt: now, updatedAt: now, kind: kind, fingerprint: fingerprint
        )
    }

    func message(id: String) -> Message {
        Message(
            raw: Array("x".utf8), headers: [], messageID: id, from: EmailAddress(name: "Ann", address: "ann@example.org"),
            to: [], cc: [], replyTo: [], subject: "help", date: nil, inReplyTo: [], references: [], text: "hi",
            hasHTML: false, attachments: [], parts: [], isDeliveryStatusReport: false
        )
    }

    @Test(arguments: Backend.allCases)
    func ticketsAreNumberedAfterTheHighestGivenAndFoundByFingerprint(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            let (first, found, active) = try await store.writeTransaction { tx in
                let first = try tx.nextTicketNumber()
                try tx.createTicket(numbered: ticket(first, fingerprint: "f"))
                try tx.createTicket(numbered: ticket(first + 1, fingerprint: "f", status: .resolved))
                return (first, try tx.tickets(kind: .incident, fingerprint: "f", since: now).map(\.number), try tx.activeTicket(kind: .incident, fingerprint: "f")?.number)
            }
            #expect(first == 1)
            #expect(found == [1, 2])
            #expect(active == 1)
            #expect(try await store.readTransaction { try $0.nextTicketNumber() } == 3)
        }
    }

    /// Issue 17: a release's record and a change's plan are kept whole; releases are found
    /// by version (any case) and those at work listed.
    @Test(arguments: Backend.allCases)
    func releasesAndChangePlansAreKeptWholeAndFoundByVersion(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            var release = ticket(1, kind: .release, status: .open)
            release.release = Release(
                version: "2.3", scope: [2], plannedFor: now, emergency: true, state: .announced,
                texts: [.notes: ["faster", "smaller"], .docs: ["https://docs.example"]], announcedAt: now, presentAt: now.addingTimeInterval(86_400),
                testResults: [false, true], deployedAt: nil, remindedAt: now, succeeded: nil
            )
            var change = ticket(2, kind: .change, status: .accepted)
            change.changePlan = ChangePlan(release: 1, declaredHighRisk: true, rollback: "reinstall 2.2\nrestart")
            var old = ticket(3, kind: .release, status: .resolved)
            old.release = Release(version: "2.2", state: .deployed)
            let written = [release, change, old]
            let (read, plan, found, other, atWork) = try await store.writeTransaction { tx in
                for ticket in written { try tx.createTicket(numbered: ticket) }
                return (
                    try tx.ticket(1), try tx.ticket(2)?.changePlan, try tx.releases(version: "2.3").map(\.number),
                    try tx.releases(version: "2.2").map(\.number), try tx.releasesAtWork().map(\.number)
                )
            }
            #expect(read == release)
            #expect(plan == change.changePlan)
            #expect(found == [1])
            #expect(other == [3])
            #expect(atWork == [1])
            #expect(try await store.readTransaction { try $0.ticket(3)?.release?.state } == .deployed)
        }
    }

    @Test(arguments: Backend.allCases)
    func aThrowingSavepointUndoesItsWritesAndTheRestCommits(_ backend: Backend) async throws {
        struct Boom: Error {}
        try await withStore(backend) { store in
            try await store.writeTransaction { tx in
                try tx.createTicket(numbered: ticket(1))
                _ = try? tx.savepoint {
                    try tx.createTicket(numbered: ticket(2))
                    try tx.recordEvent(TicketEvent(ticket: 1, at: now, actor: "x", field: .comment, newValue: "gone"))
                    throw Boom()
                }
                try tx.saveTicket(ticket(1, status: .open))
            }
            let (one, two) = try await store.readTransaction { tx in (try tx.ticket(1), try tx.ticketExists(2)) }
            #expect(one?.status == .open)
            #expect(!two)
        }
    }

    @Test(arguments: Backend.allCases)
    func aFailedTransactionWritesNothing(_ backend: Backend) async throws {
        struct Boom: Error {}
        try await withStore(backend) { store in
            await #expect(throws: Boom.self) {
                try await store.writeTransaction { tx in
                    try tx.createTicket(numbered: ticket(1))
                    throw Boom()
                }
            }
            let written = try await store.readTransaction { try $0.ticketExists(1) }
            #expect(!written)
        }
    }

    @Test(arguments: Backend.allCases)
    func aMessageIsStoredOnceAndLeadsToItsTicket(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            let origin = MessageOrigin(mailbox: "support", uidValidity: 1, uid: 1)
            let (first, second, number) = try await store.writeTransaction { tx in
                try tx.createTicket(numbered: ticket(1))
                let first = try tx.recordIncoming(
                    message(id: "a@x"), key: "a@x", contentHash: "h", origin: origin, ticketNumber: 1, automatic: nil, threadMatch: "new", at: now
                )
                let second = try tx.recordIncoming(
                    message(id: "a@x"), key: "a@x", contentHash: "h", origin: origin, ticketNumber: 1, automatic: nil, threadMatch: "new", at: now
                )
                return (first, second, try tx.ticketNumber(forMessageIDs: ["nope", "a@x"]))
            }
            #expect(first && !second)
            #expect(number == 1)
            #expect(try await store.readTransaction { try $0.hasMessage(key: "a@x") })
        }
    }

    @Test(arguments: Backend.allCases)
    func queuedMailMovesThroughTheOutbox(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            try await store.writeTransaction { tx in
                for index in 1...2 {
                    let envelope = OutgoingEnvelope(
                        messageID: "m\(index)@t", from: EmailAddress(address: "support@x"), recipients: ["a@x"], ticketNumber: nil, date: now
                    )
                    try tx.enqueueOutgoing(envelope) { MadeMail(subject: "s", raw: Array("r\(index)".utf8), contentHash: "h") }
                }
            }
            let sentTo = try await store.readTransaction { tx in
                (try tx.recipients(ofSentMessage: "m1@t"), try tx.recipients(ofSentMessage: "never@t"))
            }
            #expect(sentTo.0 == ["a@x"] && sentTo.1 == nil)
            let due = try await store.dueOutbox(now: now, limit: 10, excluding: [])
            #expect(due.map(\.messageID) == ["m1@t", "m2@t"])
            #expect(due.map(\.raw) == [Array("r1".utf8), Array("r2".utf8)])
            try await store.markSent([SentMark(outboxID: due[0].id, at: now)])
            try await store.markRetry(outboxID: due[1].id, error: "451", nextAttempt: now.addingTimeInterval(60))
            #expect(try await store.dueOutbox(now: now, limit: 10, excluding: []).isEmpty)
            #expect(try await store.dueOutbox(now: now.addingTimeInterval(61), limit: 10, excluding: []).map(\.messageID) == ["m2@t"])
            try await store.markFailed(outboxID: due[1].id, error: "550", event: nil)
            #expect(try await store.dueOutbox(now: now.addingTimeInterval(61), limit: 10, excluding: []).isEmpty)
        }
    }

    /// A session is found by its hash until it expires, and not from the instant it does:
    /// the sign-in's every page rests on this lookup.
    @Test(arguments: Backend.allCases)
    func aSessionIsFoundUntilItExpiresAndNeverAfter(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            let accounts = try #require(store as? any WebAccounts)
            let session = WebSession(
                idHash: "h1", user: "ann", address: "ann@ops.example", csrfToken: "t1", createdAt: now, expiresAt: now.addingTimeInterval(3600)
            )
            try accounts.createSession(session)
            #expect(try accounts.session(idHash: "h1", at: now.addingTimeInterval(3599.999)) == session)
            #expect(try accounts.session(idHash: "h1", at: now.addingTimeInterval(3600)) == nil)
            #expect(try accounts.session(idHash: "h1", at: now.addingTimeInterval(86_400 * 400)) == nil)
            #expect(try accounts.session(idHash: "h2", at: now) == nil)
            try accounts.deleteSession(idHash: "h1")
            #expect(try accounts.session(idHash: "h1", at: now) == nil)
        }
    }

    @Test(arguments: Backend.allCases)
    func eachBatchsDecisionTimesAddUp(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            let metrics = try #require(store as? any MetricsQueries)
            #expect(try metrics.processingTimes() == ProcessingTimes())
            var first = ProcessingTimes()
            first.record(seconds: 0.0004)
            first.record(seconds: 0.003)
            var second = ProcessingTimes()
            second.record(seconds: 0.003)
            second.record(seconds: 60)
            try await store.writeTransaction { [first] tx in try tx.addProcessingTimes(first) }
            try await store.writeTransaction { [second] tx in try tx.addProcessingTimes(second) }
            let total = try metrics.processingTimes()
            #expect(total == first + second)
            #expect(total.count == 4 && total.counts.first == 1 && total.counts.last == 1)
            #expect(abs(total.sumSeconds - 60.0064) < 1e-9)
        }
    }

    @Test(arguments: Backend.allCases)
    func monitoringReadsTheHeartbeatsTheOutboxAndTheQuarantine(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            try await store.writeTransaction { tx in
                try tx.recordPass(mailbox: "support", at: now, error: nil)
                try tx.recordPass(mailbox: "support", at: now.addingTimeInterval(60), error: "connection reset")
                try tx.recordPass(mailbox: "notifications", at: now, error: nil)
                for (index, queued) in [now.addingTimeInterval(-7200), now.addingTimeInterval(-60), now].enumerated() {
                    let envelope = OutgoingEnvelope(
                        messageID: "m\(index)@t", from: EmailAddress(address: "support@x"), recipients: ["a@x"], ticketNumber: nil, date: queued
                    )
                    try tx.enqueueOutgoing(envelope) { MadeMail(subject: "s", raw: Array("r".utf8), contentHash: "h") }
                }
                try tx.recordFailure(mailbox: "support", uid: 1, messageID: nil, reason: "old", raw: [1], at: now.addingTimeInterval(-90_000))
                try tx.recordFailure(mailbox: "support", uid: 2, messageID: nil, reason: "new", raw: [2], at: now.addingTimeInterval(-60))
            }
            let due = try await store.dueOutbox(now: now, limit: 10, excluding: [])
            try await store.markRetry(outboxID: due[0].id, error: "451", nextAttempt: now.addingTimeInterval(600))
            try await store.markRetry(outboxID: due[1].id, error: "451", nextAttempt: now.addingTimeInterval(600))
            try await store.markFailed(outboxID: due[2].id, error: "550", event: nil)
            try await store.recordSMTPPass(server: "mx.example:25", at: now, error: nil)
            try await store.recordSMTPPass(server: "mx.example:25", at: now.addingTimeInterval(30), error: "connection refused\r\nforged: line")

            #expect(try store.mailboxPasses() == [
                ConnectionPass(name: "notifications", lastSuccess: now, lastFailure: nil, lastError: nil, failuresInARow: 0),
                ConnectionPass(name: "support", lastSuccess: now, lastFailure: now.addingTimeInterval(60), lastError: "connection reset", failuresInARow: 1),
            ])
            #expect(try store.smtpPasses() == [
                ConnectionPass(
                    name: "mx.example:25", lastSuccess: now, lastFailure: now.addingTimeInterval(30), lastError: "connection refused  forged: line",
                    failuresInARow: 1
                ),
            ])
            #expect(try store.outboxBacklog() == OutboxBacklog(pending: 2, deferred: 2, oldestDeferredSince: now.addingTimeInterval(-7200), failed: 1))
            #expect(try store.quarantinedCount(since: now.addingTimeInterval(-86400)) == 1)
            try store.checkWritable()
            #expect(try store.mailboxPasses().count == 2)  // the write check leaves nothing
        }
    }

    /// The queue's order and filters: the SQL store's paged walk gives what `QueueRules`
    /// gives the in-memory twin, page by page, each ticket with its newest response clock.
    @Test func theQueueGivesTheSamePagesFromBothStores() async throws {
        var pages: [Backend: [[String]]] = [:]
        for backend in Backend.allCases {
            try await withStore(backend) { store in
                let calendar = OfficeCalendar.standard(timeZone: TimeZone(identifier: "UTC")!)
                try await store.writeTransaction { tx in
                    for number in 1...23 {
                        var made = ticket(number, kind: number % 7 == 0 ? .security : (number % 2 == 0 ? .request : .incident),
                                          status: number % 5 == 0 ? .resolved : .new)
                        made.unit = number % 3 == 0 ? "Storage" : "Operations"
                        made.subject = number % 4 == 0 ? "Disk FULL on se\(number)" : "Ticket \(number)"
                        try tx.createTicket(numbered: made)
                        guard number % 6 != 1 else { continue }  // some have no clock
                        if number % 4 >= 2 {  // an older clock, stopped: the page shows the newest
                            var older = SLAClock(kind: .response, unit: made.unit, target: 600, at: now.addingTimeInterval(-7200), calendar: calendar)
                            older.stoppedAt = now.addingTimeInterval(-3600)
                            older.outcome = .breached
                            try tx.insertClock(ticket: number, priority: .normal, clock: older)
                        }
                        var clock = SLAClock(
                            kind: .response, unit: made.unit, target: Double((number * 37) % 11 + 1) * 3600, at: now, calendar: calendar
                        )
                        if number % 4 == 3 { clock.stoppedAt = now.addingTimeInterval(60); clock.outcome = .met }
                        try tx.insertClock(ticket: number, priority: .normal, clock: clock)
                    }
                }
                let queue = try #require(store as? any TicketQueue)
                var filters: [QueueFilter] = []
                for status in [QueueFilter.Status.active, .all, .only(.resolved)] {
                    for unit in [nil, "storage"] as [String?] {
                        for text in [nil, "full", "#12"] as [String?] {
                            for security in [false, true] {
                                var filter = QueueFilter()
                                filter.status = status
                                filter.unit = unit
                                filter.text = text
                                filter.includeSecurity = security
                                filters.append(filter)
                            }
                        }
                    }
                }
                var results: [[String]] = []
                for filter in filters {
                    for offset in [0, 3, 7, 20] {
                        var paged = filter
                        paged.offset = offset
                        paged.limit = 4
                        results.append(try queue.queue(paged).map { entry in
                            let clock = entry.responseClock?.clock
                            return "\(entry.ticket.number) \(clock?.outcome.rawValue ?? "-") \(clock?.target ?? 0) \(clock?.dueAt?.timeIntervalSince1970 ?? 0)"
                        })
                    }
                }
                pages[backend] = results
            }
        }
        #expect(pages[.sqlite] == pages[.memory])
        #expect(pages[.sqlite]?.contains { !$0.isEmpty } == true)
    }

    @Test(arguments: Backend.allCases)
    func theLoopDefenceRemembersSuppressionsAndCounts(_ backend: Backend) async throws {
        try await withStore(backend) { store in
            let (suppressed, expired, counts) = try await store.writeTransaction { tx in
                try tx.suppress("Gone@X.org", until: now.addingTimeInterval(60), reason: "bounced")
                try tx.recordAutomaticMail(to: "a@x", at: now.addingTimeInterval(-3600))
                try tx.recordAutomaticMail(to: "A@x", at: now.addingTimeInterval(-60))
                return (
                    try tx.suppression(of: "gone@x.org", at: now), try tx.suppression(of: "gone@x.org", at: now.addingTimeInterval(61)),
                    try tx.automaticMailCounts(to: "a@x", since: now.addingTimeInterval(-600), andSince: now.addingTimeInterval(-86_400))
                )
            }
            #expect(suppressed == "bounced")
            #expect(expired == nil)
            #expect(counts.recent == 1 && counts.earlier == 2)
        }
    }

    @Test(arguments: Backend.allCases)
    func clocksWithNoticesDueAndTheMailboxCursor(_ backend: Backend) async throws {
        let calendar = OfficeCalendar.standard(timeZone: TimeZone(identifier: "UTC")!)
        try await withStore(backend) { store in
            let (due, later, cursor) = try await store.writeTransaction { tx in
                try tx.createTicket(numbered: ticket(1))
                try tx.insertClock(ticket: 1, priority: .normal, clock: SLAClock(kind: .response, unit: "Ops", target: 3600, at: now, calendar: calendar))
                var clocks = try tx.clocks(ofTicket: 1)
                clocks[0].clock.stop(at: now, calendar: calendar)
                try tx.insertClock(ticket: 1, priority: .high, clock: SLAClock(kind: .resolution, unit: "Ops", target: 3600, at: now, calendar: calendar))
                try tx.saveClock(clocks[0])
                try tx.saveMailboxState(MailboxState(mailbox: "support", uidValidity: 9, lastUID: 4))
                return (
                    try tx.clocksWithNoticesDue(at: now.addingTimeInterval(30 * 86_400)).map(\.clock.kind),
                    try tx.clocksWithNoticesDue(at: now.addingTimeInterval(-60)).count, try tx.mailboxState("support")
                )
            }
            #expect(due == [.resolution])
            #expect(later == 0)
            #expect(cursor == MailboxState(mailbox: "support", uidValidity: 9, lastUID: 4))
        }
    }

    @Test(arguments: Backend.allCases)
    func theReportSourceVisitsTheResponseClocksOfTheQuery(_ backend: Backend) async throws {
        let calendar = OfficeCalendar.standard(timeZone: TimeZone(identifier: "UTC")!)
        try await withStore(backend) { store in
            let visited = try await store.writeTransaction { tx in
                try tx.createTicket(numbered: ticket(1))
                try tx.createTicket(numbered: ticket(2, kind: .security))
                var stopped = SLAClock(kind: .response, unit: "Ops", target: 3600, at: now, calendar: calendar)
                stopped.stop(at: now.addingTimeInterval(7200), calendar: calendar)
                try tx.insertClock(ticket: 1, priority: .normal, clock: stopped)
                try tx.insertClock(ticket: 2, priority: .high, clock: SLAClock(kind: .response, unit: "Security", target: 3600, at: now, calendar: calendar))
                try tx.insertClock(ticket: 1, priority: .normal, clock: SLAClock(kind: .resolution, unit: "Ops", target: 3600, at: now, calendar: calendar))
                var rows: [String] = []
                try tx.forEachResponseClock(ResponseClockQuery(from: now, to: now.addingTimeInterval(1), unit: "ops", priority: nil)) { row in
                    rows.append("\(row.ticket) \(row.unit) \(row.priority) \(row.outcome) \(row.consumed) \(row.target) \(row.isStopped)")
                }
                var all = 0
                try tx.forEachResponseClock(ResponseClockQuery(from: nil, to: nil, unit: nil, priority: nil)) { _ in all += 1 }
                let subjects = try tx.kindsAndSubjects(of: [2, 9]).mapValues { "\($0.kind) \($0.subject)" }
                return (rows, all, subjects, try tx.responseClockIDRange() != nil)
            }
            #expect(visited.0 == ["1 Ops 2 breached 7200.0 3600.0 true"])
            #expect(visited.1 == 2)
            #expect(visited.2 == [2: "security t2"])
            #expect(visited.3)
        }
    }
}
