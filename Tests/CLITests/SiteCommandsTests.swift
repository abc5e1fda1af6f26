import Foundation
import Testing
import TicketdTestSupport

/// Issue 16, point 3: the commands a site runs around the worker, on the built binary
/// against a real Dovecot, SMTP server and SQLite file.
@Suite(.timeLimit(.minutes(2)))
struct SiteCommandsTests {
    func ticketd(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try ProcessRunner.run(RepositoryPaths.ticketdBinary, arguments, environment: environment)
    }

    @Test func checkConfigConnectsToEachMailboxAndTheSMTPServerAndNamesTheOneThatRefuses() throws {
        let servers = try MailServers(users: ["support", "notifications"])
        defer { servers.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try TestConfig.write(servers: servers, directory: directory)

        let offline = try ticketd(["check-config", "--config", config], environment: ["TICKETD_TEST_IMAP_PASSWORD": "wrong"])
        #expect(offline.status == 0, "\(offline.stderr)")
        #expect(offline.stdout.contains("2 mailbox(es)"))
        #expect(offline.stdout.contains("templates \(RepositoryPaths.templates): 26 parsed"))

        let connected = try ticketd(["check-config", "--connect", "--config", config], environment: ["TICKETD_TEST_IMAP_PASSWORD": servers.password])
        #expect(connected.status == 0, "\(connected.stderr)")
        #expect(connected.stdout.contains("imap mailbox support (support at \(servers.imapHost):\(servers.imapPort), folder INBOX): logged in"))
        #expect(connected.stdout.contains("imap mailbox notifications"))
        #expect(connected.stdout.contains("smtp server \(servers.smtpHost):\(servers.smtpPort): greeted"))

        let refused = try ticketd(["check-config", "--connect", "--config", config], environment: ["TICKETD_TEST_IMAP_PASSWORD": "wrong"])
        #expect(refused.status == 77, "\(refused.stdout) \(refused.stderr)")
        #expect(refused.stderr.contains("imap mailbox support (support at"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("wrong"))
    }

    @Test func checkConfigNamesTheKeyAndFileOrTheTemplateLineOfTheFirstProblem() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let templates = directory.url.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: RepositoryPaths.templates), to: templates)
        let config = try TestConfig.writeOffline(directory: directory, templates: templates.path)
        #expect(try ticketd(["check-config", "--config", config]).status == 0)

        try "Subject: x\n\n{{#open}} never closed\n".write(to: templates.appendingPathComponent("sla-breach.mustache"), atomically: true, encoding: .utf8)
        let badTemplate = try ticketd(["check-config", "--config", config])
        #expect(badTemplate.status == 78)
        #expect(badTemplate.stderr.contains("sla-breach.mustache:"), "\(badTemplate.stderr)")

        let text = try String(contentsOfFile: config, encoding: .utf8)
        try text.replacingOccurrences(of: "[mailboxes.support]", with: "poll_interval_seconds = \"often\"\n[mailboxes.support]")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let badKey = try ticketd(["check-config", "--config", config])
        #expect(badKey.status == 78)
        #expect(badKey.stderr.contains(config) && badKey.stderr.contains("poll_interval_seconds"), "\(badKey.stderr)")
    }

    /// A backup taken while the worker's mail is in the database restores to the same
    /// tickets; an existing file is never overwritten.
    @Test func aBackupRestoresTheSameTicketsAndNeverOverwritesAFile() throws {
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try TestConfig.write(servers: servers, directory: directory, mailboxes: ["support"])
        try servers.deliver(RepositoryPaths.basicSupportSamples, to: "support")
        let environment = ["TICKETD_TEST_IMAP_PASSWORD": servers.password]
        #expect(try ticketd(["run", "--once", "--config", config], environment: environment).status == 0)
        let before = try ticketd(["tickets", "list", "--json", "--config", config])

        let copy = directory.file("backup.sqlite")
        let backup = try ticketd(["backup", copy, "--config", config])
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.contains("checked"))
        var status = stat()
        #expect(stat(copy, &status) == 0 && status.st_mode & 0o777 == 0o600)
        let again = try ticketd(["backup", copy, "--config", config])
        #expect(again.status == 73)
        #expect(again.stderr.contains("never overwrites"))

        // Restore: the worker stopped, the copy in the database's place.
        let database = directory.file("ticketd.sqlite")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        try FileManager.default.copyItem(atPath: copy, toPath: database)
        let after = try ticketd(["tickets", "list", "--json", "--config", config])
        #expect(after.status == 0)
        #expect(after.stdout == before.stdout)
        #expect(before.stdout.contains("\"number\""))
    }
}
