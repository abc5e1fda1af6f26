import Etpan
import Foundation
import Testing
import TicketdTestSupport

/// `ticketd ingest` as an MTA and an operator run it, against a real SQLite file and SMTP sink.
@Suite(.timeLimit(.minutes(2)))
struct IngestTests {
    let request = RepositoryPaths.sampleMail.appendingPathComponent("support/01-vo-membership-request.eml").path

    @Test func aMessageOnStandardInputIsTakenInOnceAndAnswered() throws {
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try TestConfig.write(servers: servers, directory: directory, mailboxes: ["support"])
        let mail = try Data(contentsOf: URL(fileURLWithPath: request))

        let first = try ProcessRunner.run(RepositoryPaths.ticketdBinary, ["ingest", "--config", config], stdin: mail)
        #expect(first.status == 0, "stderr: \(first.stderr)")
        #expect(first.stdout.contains("ingested 1 message(s): 1 new ticket(s)"))
        #expect(first.stdout.contains("replies sent 1"))
        #expect(try servers.received().count == 1)

        // The MTA delivers it again (a retry after a lost answer): nothing changes.
        let again = try ProcessRunner.run(RepositoryPaths.ticketdBinary, ["ingest", "--config", config], stdin: mail)
        #expect(again.status == 0)
        #expect(again.stdout.contains("1 already there"))
        #expect(try servers.received().count == 1)
    }

    @Test func aTemporaryFailureOnStandardInputExits75SoThatTheMTAKeepsTheMail() throws {
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // The database's folder is a file: the database cannot be opened, for now.
        let blocked = directory.file("blocked")
        _ = FileManager.default.createFile(atPath: blocked, contents: Data())
        let config = try TestConfig.write(servers: servers, directory: directory, mailboxes: ["support"])
        let text = try String(contentsOfFile: config, encoding: .utf8)
            .replacingOccurrences(of: directory.file("ticketd.sqlite"), with: blocked + "/ticketd.sqlite")
        try text.write(toFile: config, atomically: true, encoding: .utf8)

        let result = try ProcessRunner.run(
            RepositoryPaths.ticketdBinary, ["ingest", "--config", config], stdin: try Data(contentsOf: URL(fileURLWithPath: request))
        )
        #expect(result.status == 75)
        #expect(result.stderr.contains("ticketd: "))
        #expect(try servers.received().isEmpty)
    }

    @Test func anMboxAndAMaildirGoThroughThePipelineAndAreNotTakenInTwice() throws {
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try TestConfig.write(servers: servers, directory: directory, mailboxes: ["support"])
        let samples = try RepositoryPaths.basicSupportSamples.prefix(4).map { try String(contentsOfFile: $0, encoding: .utf8) }

        // An mbox of the first two.
        let mbox = directory.file("backfill.mbox")
        try samples.prefix(2).map { "From sender@example.org Mon Nov 23 09:00:00 2026\n" + $0.replacingOccurrences(of: "\r\n", with: "\n") + "\n" }
            .joined().write(toFile: mbox, atomically: true, encoding: .utf8)
        let fromMbox = try ProcessRunner.run(RepositoryPaths.ticketdBinary, ["ingest", "--no-send", "--config", config, mbox])
        #expect(fromMbox.status == 0, "stderr: \(fromMbox.stderr)")
        #expect(fromMbox.stdout.contains("ingested 2 message(s)"))
        #expect(try servers.received().isEmpty)  // --no-send

        // A Maildir with all four: the two from the mbox are there already.
        for sub in ["cur", "new", "tmp"] { try FileManager.default.createDirectory(atPath: directory.file("Maildir/\(sub)"), withIntermediateDirectories: true) }
        for (index, sample) in samples.enumerated() {
            try sample.write(toFile: directory.file("Maildir/\(index < 2 ? "cur" : "new")/179542440\(index).M1P1.host:2,S"), atomically: true, encoding: .utf8)
        }
        let fromMaildir = try ProcessRunner.run(RepositoryPaths.ticketdBinary, ["ingest", "--no-send", "--config", config, directory.file("Maildir")])
        #expect(fromMaildir.status == 0, "stderr: \(fromMaildir.stderr)")
        #expect(fromMaildir.stdout.contains("ingested 4 message(s)"))
        #expect(fromMaildir.stdout.contains("2 already there"))
        // No progress bar when stdout is not a terminal.
        #expect(!fromMaildir.stdout.contains("msg/s"))

        // The worker sends what ingest left in the outbox.
        let run = try ProcessRunner.run(RepositoryPaths.ticketdBinary, ["run", "--once", "--config", config], environment: ["TICKETD_TEST_IMAP_PASSWORD": servers.password])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(try servers.received().count >= 2)
    }

    @Test func aMissingSourceExits66() throws {
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try TestConfig.write(servers: servers, directory: directory, mailboxes: ["support"])
        let result = try ProcessRunner.run(RepositoryPaths.ticketdBinary, ["ingest", "--config", config, directory.file("nothing-here")])
        #expect(result.status == 66)
        #expect(result.stderr.contains("no such file or folder"))
    }
}

/// The worker waits in IMAP IDLE: mail is answered at once, not at the next poll, and
/// SIGTERM cuts the wait short.
@Suite(.timeLimit(.minutes(2)))
struct IdleTests {
    @Test func mailIsAnsweredWithinSecondsWhileThePollIntervalIsTenMinutes() throws {
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try TestConfig.write(servers: servers, directory: directory, mailboxes: ["support"], pollIntervalSeconds: 600)

        let worker = try WorkerProcess(config: config, servers: servers, directory: directory)

        Thread.sleep(forTimeInterval: 1.5)  // connected, the first pass done, in IDLE
        let imap = try servers.imap("support")
        try imap.append(Array(try Data(contentsOf: RepositoryPaths.sampleMail.appendingPathComponent("support/01-vo-membership-request.eml"))), to: "INBOX")
        imap.logout()
        let appended = Date()
        while try servers.received().isEmpty, Date().timeIntervalSince(appended) < 10 {
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(try servers.received().count == 1)
        #expect(Date().timeIntervalSince(appended) < 5)

        // In IDLE for up to ten minutes; SIGTERM ends the wait at once.
        let took = worker.stop(with: SIGTERM)
        #expect(took.map { $0 < 5 } == true, "took \(took.map { "\($0) s" } ?? "more than 10 s")")
        #expect(worker.exitedCleanly, "stderr: \(worker.stderr)")
    }
}
