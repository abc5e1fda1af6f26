import Foundation
import Intake
import Storage
import Store
import Testing
import TicketCore
import TicketdTestSupport

/// A mail that kills the worker while it is read cannot hold the desk in a crash loop
/// (issue 14, point 1): the real binary, killed twice with SIGKILL while it reads the
/// same mail, quarantines that mail unparsed on the third start and takes in the rest,
/// each once.
@Suite(.timeLimit(.minutes(3)))
struct CrashLoopTests {
    @Test func aMailInFlightAtTwoKillsIsQuarantinedUnparsedAndEveryOtherMailIsTakenInOnce() throws {
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // Limits and watchdog opened wide: only the attempt journal stands between the
        // worker and a mail that takes it minutes to parse.
        let config = try TestConfig.write(
            servers: servers, directory: directory, mailboxes: ["support"],
            service: "watchdog_seconds = 600\nmax_mime_depth = 1000000\nmax_mime_parts = 10000000\nmax_header_lines = 10000000"
        )
        let mails = directory.url.appendingPathComponent("mails")
        try FileManager.default.createDirectory(at: mails, withIntermediateDirectories: true)
        for index in 1...2 { try write(ordinary(index), to: mails.appendingPathComponent("\(index).eml")) }
        try Data(HostileMail.nestedMultiparts(40_000)).write(to: mails.appendingPathComponent("3.eml"))
        for index in 4...5 { try write(ordinary(index), to: mails.appendingPathComponent("\(index).eml")) }
        try servers.deliver((1...5).map { mails.appendingPathComponent("\($0).eml").path }, to: "support")
        let journal = AttemptJournal.path(forDatabase: directory.file("ticketd.sqlite"))
        let poison = 3

        // First start: the whole batch is recorded in flight, then read ahead; killed
        // while the poison is still being read.
        var worker = try WorkerProcess(config: config, servers: servers, directory: directory)
        try #require(waitFor(seconds: 30) { attempts(in: journal)[poison] == 1 }, "stderr: \(worker.stderr)")
        Thread.sleep(forTimeInterval: 0.5)
        _ = worker.stop(with: SIGKILL)

        // Second start: each mail of the batch is read alone; the two before the poison
        // commit, and the worker is killed again while it reads the poison.
        worker = try WorkerProcess(config: config, servers: servers, directory: directory)
        try #require(waitFor(seconds: 30) { attempts(in: journal)[poison] == 2 }, "stderr: \(worker.stderr)")
        Thread.sleep(forTimeInterval: 0.5)
        _ = worker.stop(with: SIGKILL)
        #expect(try TicketStore.open(path: directory.file("ticketd.sqlite")).tickets().count == 2)

        // Third start: the poison is quarantined without being parsed, the rest goes on.
        let started = Date()
        let last = try ProcessRunner.run(
            RepositoryPaths.ticketdBinary, ["run", "--once", "--config", config],
            environment: ["TICKETD_TEST_IMAP_PASSWORD": servers.password]
        )
        #expect(last.status == 0, "\(last.stderr)")
        #expect(Date().timeIntervalSince(started) < 20)

        let store = try TicketStore.open(path: directory.file("ticketd.sqlite"))
        #expect(try store.tickets().map(\.subject).sorted() == ["Request 1", "Request 2", "Request 4", "Request 5"])
        let failures = try store.failures()
        #expect(failures.map(\.uid) == [UInt32(poison)])
        #expect(failures.first?.reason == "in flight at 2 abnormal ends of the worker (crash, kill or watchdog); not parsed again")
        #expect(failures.first?.raw == HostileMail.nestedMultiparts(40_000))
        #expect(try servers.count("support", folder: "Quarantine") == 1)
        #expect(try servers.count("support", folder: "Processed") == 4)
        #expect(try servers.count("support", folder: "INBOX") == 0)
        // One acknowledgement per ordinary mail: nothing was taken in twice.
        let acknowledged = try servers.received().flatMap(\.recipients).sorted()
        #expect(acknowledged == ["user1@uni.example", "user2@uni.example", "user4@uni.example", "user5@uni.example"])
        #expect(attempts(in: journal).isEmpty)
    }

    func ordinary(_ index: Int) -> String {
        TestMail.make(from: "user\(index)@uni.example", subject: "Request \(index)", body: "Please help.", messageID: "request\(index)@uni.example")
    }

    func write(_ text: String, to url: URL) throws { try Data(text.utf8).write(to: url) }

    /// The attempts the journal lists, by UID.
    func attempts(in journal: String) -> [Int: Int] {
        let text = (try? String(contentsOfFile: journal, encoding: .utf8)) ?? ""
        var attempts: [Int: Int] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            if fields.count == 4, let count = Int(fields[0]), let uid = Int(fields[2]) { attempts[uid] = count }
        }
        return attempts
    }

    func waitFor(seconds: TimeInterval, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return condition()
    }
}
