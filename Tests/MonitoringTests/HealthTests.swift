import Foundation
@testable import Monitoring
import Storage
import Testing

@Suite struct HealthTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let thresholds = HealthThresholds.defaults(pollIntervalSeconds: 60)

    static func pass(_ mailbox: String = "support", goodAgo: TimeInterval? = 30, error: String? = nil, failures: Int = 0) -> ConnectionPass {
        ConnectionPass(
            name: mailbox, lastSuccess: goodAgo.map { now.addingTimeInterval(-$0) }, lastFailure: error == nil ? nil : now,
            lastError: error, failuresInARow: failures
        )
    }

    static func healthy() -> HealthFacts {
        HealthFacts(
            mailboxes: ["support", "notifications"], passes: [pass(), pass("notifications")],
            outbox: OutboxBacklog(pending: 2, deferred: 0, oldestDeferredSince: nil, failed: 0), quarantined: 0,
            database: .writable(seconds: 0.004)
        )
    }

    @Test func aHealthyWorkerIsOKWithItsPerformanceData() {
        let report = Health.evaluate(Self.healthy(), thresholds: Self.thresholds, now: Self.now)
        #expect(report.status == .ok)
        let lines = report.pluginOutput.split(separator: "\n")
        #expect(lines[0] == """
            TICKETD OK - 6 checks passed | 'last_pass_support'=30s;180;600;0 'last_pass_notifications'=30s;180;600;0 \
            'outbox_pending'=2;100;1000;0 'outbox_deferred'=0;;;0 'outbox_failed'=0;;;0 'outbox_oldest_deferred_age'=0s;3600;14400;0 \
            'quarantined'=0;0;10;0 'database_write'=0.004s;;;0
            """)
        #expect(lines[1] == "[OK] mailbox support: last good pass 30s ago")
        #expect(lines.count == 7)
    }

    /// One fact changed from a healthy worker, the status it gives, and what the first line says.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var change: @Sendable (inout HealthFacts) -> Void
        var status: HealthStatus
        var says: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a mailbox with no pass", change: { $0.passes.removeFirst() }, status: .critical,
             says: "mailbox support: no pass recorded (is the worker running?)"),
        Case(name: "a mailbox whose passes all failed", change: { $0.passes[0] = pass(goodAgo: nil, error: "connection refused", failures: 2) },
             status: .critical, says: "mailbox support: no pass has succeeded (the last 2 failed: connection refused)"),
        Case(name: "a last good pass past the warning", change: { $0.passes[0] = pass(goodAgo: 181) }, status: .warning,
             says: "mailbox support: last good pass 3m 1s ago"),
        Case(name: "a last good pass past the critical", change: { $0.passes[0] = pass(goodAgo: 601) }, status: .critical,
             says: "mailbox support: last good pass 10m 1s ago"),
        Case(name: "a recent good pass, then a failed one", change: { $0.passes[1] = pass("notifications", goodAgo: 20, error: "BAD login", failures: 1) },
             status: .warning, says: "mailbox notifications: last good pass 20s ago (the last 1 failed: BAD login)"),
        Case(name: "replies piling up", change: { $0.outbox.pending = 101 }, status: .warning, says: "outbox: 101 pending, 0 of them deferred"),
        Case(name: "replies piling up far", change: { $0.outbox.pending = 1001 }, status: .critical, says: "outbox: 1001 pending"),
        Case(name: "a reply deferred over an hour", change: { $0.outbox = OutboxBacklog(pending: 1, deferred: 1, oldestDeferredSince: now.addingTimeInterval(-3700), failed: 0) },
             status: .warning, says: "deferred replies: the oldest waits for 1h 1m"),
        Case(name: "a reply deferred over four hours", change: { $0.outbox = OutboxBacklog(pending: 1, deferred: 1, oldestDeferredSince: now.addingTimeInterval(-5 * 3600), failed: 2) },
             status: .critical, says: "deferred replies: the oldest waits for 5h"),
        Case(name: "mail quarantined", change: { $0.quarantined = 1 }, status: .warning, says: "quarantine: 1 new in the last 1d"),
        Case(name: "much mail quarantined", change: { $0.quarantined = 11 }, status: .critical, says: "quarantine: 11 new in the last 1d"),
        Case(name: "a database held by a writer", change: { $0.database = .busy("database is locked") }, status: .warning,
             says: "database: busy: database is locked"),
        Case(name: "a database that takes no write", change: { $0.database = .failed("attempt to write a readonly database") }, status: .critical,
             says: "database: not writable: attempt to write a readonly database"),
        Case(name: "a server that refuses the login", change: { $0.connections = [ConnectionCheck(name: "imap mailbox support", error: "login refused"), ConnectionCheck(name: "smtp server", error: nil)] },
             status: .critical, says: "imap mailbox support: login refused"),
    ]

    @Test(arguments: cases) func eachProblemGivesItsStatusAndSaysWhat(_ test: Case) {
        var facts = Self.healthy()
        test.change(&facts)
        let report = Health.evaluate(facts, thresholds: Self.thresholds, now: Self.now)
        #expect(report.status == test.status)
        let first = report.pluginOutput.split(separator: "\n")[0]
        #expect(first.hasPrefix("TICKETD \(test.status.label) - \(test.says)"), "\(first)")
    }

    @Test func theWorstProblemComesFirstAndEveryProblemIsNamed() {
        var facts = Self.healthy()
        facts.quarantined = 1
        facts.database = .failed("disk I/O error")
        let report = Health.evaluate(facts, thresholds: Self.thresholds, now: Self.now)
        #expect(report.status == .critical)
        #expect(report.pluginOutput.hasPrefix("TICKETD CRITICAL - database: not writable: disk I/O error; quarantine: 1 new in the last 1d | "))
    }

    @Test func aMailboxNoLongerConfiguredIsNotChecked() {
        var facts = Self.healthy()
        facts.passes.append(Self.pass("retired", goodAgo: 100_000))
        #expect(Health.evaluate(facts, thresholds: Self.thresholds, now: Self.now).status == .ok)
    }

    @Test func aMailboxNameCannotBreakThePerformanceData() {
        var facts = Self.healthy()
        facts.mailboxes = ["sup port'=1;2 | x"]
        facts.passes = [Self.pass("sup port'=1;2 | x")]
        let report = Health.evaluate(facts, thresholds: Self.thresholds, now: Self.now)
        #expect(report.perfdata[0].text == "'last_pass_sup_port__1_2___x'=30s;180;600;0")
    }

    @Test(arguments: [(0.000042, "0.000042"), (0.25, "0.25"), (12, "12"), (1.0 / 3, "0.333333")])
    func performanceDataValuesArePlainDecimals(_ value: Double, _ text: String) {
        #expect(PerfDatum.number(value) == text)
    }

    @Test func aServersReplyOrAMailboxNameCannotStartThePerformanceDataOrALine() {
        var facts = Self.healthy()
        facts.mailboxes = ["a|b\nc", "notifications"]
        facts.passes = [Self.pass("a|b\nc", goodAgo: nil, error: "NO [x] | 'fake'=1\u{2028}[OK] all fine", failures: 1), Self.pass("notifications")]
        let output = Health.evaluate(facts, thresholds: Self.thresholds, now: Self.now).pluginOutput
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 8)  // the status line, 6 checks, the end
        #expect(lines[0].filter { $0 == "|" }.count == 1)
        #expect(lines[0].hasPrefix("TICKETD CRITICAL - mailbox a/b c: no pass has succeeded (the last 1 failed: NO [x] / 'fake'=1 [OK] all fine) | "))
    }

    @Test func theReportIsJSONForHealthz() throws {
        let report = Health.evaluate(Self.healthy(), thresholds: Self.thresholds, now: Self.now)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(report)) as? [String: Any]
        #expect(json?["status"] as? String == "OK")
        #expect(try JSONDecoder().decode(HealthReport.self, from: JSONEncoder().encode(report)) == report)
    }
}

@Suite struct ThresholdTests {
    static let defaults = HealthThresholds.defaults(pollIntervalSeconds: 60)

    @Test func warningAndCriticalSetTheNamedThresholds() throws {
        let set = try Self.defaults.applying(warning: "last-pass=10m,outbox=50, deferred-age=90", critical: "last-pass=1h,quarantined=3")
        #expect(set.lastPass == Limit(warning: 600, critical: 3600))
        #expect(set.outboxPending == Limit(warning: 50, critical: 1000))
        #expect(set.deferredAge == Limit(warning: 90, critical: 14400))
        #expect(set.quarantined == Limit(warning: 0, critical: 3))
        #expect(try Self.defaults.withQuarantineWindow("2d").quarantineWindow == 172_800)
    }

    @Test func theDefaultsFollowThePollInterval() {
        #expect(HealthThresholds.defaults(pollIntervalSeconds: 300).lastPass == Limit(warning: 900, critical: 3000))
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        var warning: String?
        var critical: String?
        var error: ThresholdError
        var testDescription: String { error.description }
    }

    static let refusals: [Refusal] = [
        Refusal(warning: "lastpass=10m", error: ThresholdError(option: "-w", item: "lastpass=10m", reason: "expected NAME=VALUE with NAME one of last-pass, outbox, deferred-age, quarantined")),
        Refusal(critical: "outbox", error: ThresholdError(option: "-c", item: "outbox", reason: "expected NAME=VALUE with NAME one of last-pass, outbox, deferred-age, quarantined")),
        Refusal(warning: "outbox=5,", error: ThresholdError(option: "-w", item: "", reason: "expected NAME=VALUE with NAME one of last-pass, outbox, deferred-age, quarantined")),
        Refusal(warning: "last-pass=10x", error: ThresholdError(option: "-w", item: "last-pass=10x", reason: "a duration is a number of seconds, or a number with s, m, h or d")),
        Refusal(warning: "deferred-age=-5m", error: ThresholdError(option: "-w", item: "deferred-age=-5m", reason: "a duration is a number of seconds, or a number with s, m, h or d")),
        Refusal(warning: "deferred-age=inf", error: ThresholdError(option: "-w", item: "deferred-age=inf", reason: "a duration is a number of seconds, or a number with s, m, h or d")),
        Refusal(critical: "quarantined=-1", error: ThresholdError(option: "-c", item: "quarantined=-1", reason: "a count is a whole number from 0")),
        Refusal(critical: "outbox=1.5", error: ThresholdError(option: "-c", item: "outbox=1.5", reason: "a count is a whole number from 0")),
        Refusal(warning: "outbox=2000", error: ThresholdError(option: "-w", item: "outbox", reason: "the warning threshold is above the critical one")),
    ]

    @Test(arguments: refusals) func aThresholdThatCannotBeReadIsRefusedWithItsReason(_ refusal: Refusal) {
        #expect(throws: refusal.error) { try Self.defaults.applying(warning: refusal.warning, critical: refusal.critical) }
    }

    @Test(arguments: ["0", "0s", "soon", ""]) func aQuarantineWindowMustBeADurationAboveZero(_ text: String) {
        #expect(throws: ThresholdError.self) { try Self.defaults.withQuarantineWindow(text) }
    }
}

@Suite struct ConnectionPassTests {
    @Test func aGoodPassClearsTheFailuresAndAFailedOneCountsThem() {
        let start = Date(timeIntervalSince1970: 0)
        let failed = ConnectionPass(name: "support", lastSuccess: start, lastFailure: nil, lastError: nil, failuresInARow: 0)
            .recording(at: start.addingTimeInterval(60), error: "timeout")
            .recording(at: start.addingTimeInterval(120), error: "refused")
        #expect(failed == ConnectionPass(name: "support", lastSuccess: start, lastFailure: start.addingTimeInterval(120), lastError: "refused", failuresInARow: 2))
        let good = failed.recording(at: start.addingTimeInterval(180), error: nil)
        #expect(good == ConnectionPass(name: "support", lastSuccess: start.addingTimeInterval(180), lastFailure: nil, lastError: nil, failuresInARow: 0))
    }

    @Test func anErrorIsKeptShortOnOneLine() {
        let pass = ConnectionPass(name: "support", lastSuccess: nil, lastFailure: nil, lastError: nil, failuresInARow: 0)
            .recording(at: Date(), error: "BAD\r\nline\u{1B}[31m" + String(repeating: "x", count: 1000))
        #expect(pass.lastError?.hasPrefix("BAD  line [31mxxx") == true)
        #expect(pass.lastError?.count == 300)
    }
}

@Suite struct ProcessingTimesTests {
    /// A time on a bucket's bound counts in that bucket (Prometheus's `le`); past the
    /// last bound, in the last bucket.
    @Test(arguments: [(0.0, 0), (0.0005, 0), (0.00051, 1), (0.001, 1), (0.3, 9), (10.0, 13), (10.5, 14)])
    func aTimeFallsInTheFirstBucketWhoseBoundHoldsIt(seconds: Double, bucket: Int) {
        var times = ProcessingTimes()
        times.record(seconds: seconds)
        #expect(times.counts.firstIndex(of: 1) == bucket)
        #expect(times.count == 1 && times.sumSeconds == seconds)
    }

    @Test func storedCountsOfAnotherBucketSetStartAgainFromZero() {
        #expect(ProcessingTimes(counts: [1, 2, 3], sumSeconds: 0.5) == ProcessingTimes())
    }
}
