import ArgumentParser
import Foundation
import Testing
@testable import ticketd
import TicketdTestSupport

/// Issue 18, point 2: the arguments an MTA gives `ingest` are read by hand; what they read
/// must be what ArgumentParser reads, and anything else must go to ArgumentParser.
@Suite struct MTAArgumentsTests {
    /// What ArgumentParser makes of the arguments after `ingest`.
    func parsed(_ arguments: [String]) throws -> Ingest.Invocation {
        let ingest = try Ingest.parse(arguments)
        return Ingest.Invocation(config: ingest.options.config, source: ingest.source, mailbox: ingest.mailbox, noSend: ingest.noSend)
    }

    @Test(arguments: [
        [], ["-"], ["--config", "/etc/ticketd/ticketd.toml"], ["-", "--config", "/etc/t.toml"], ["--config=/etc/t.toml", "-"],
        ["--no-send", "--config", "t.toml"], ["--mailbox", "notifications", "--config", "t.toml", "-"], ["--mailbox=support"],
        ["--config", "t.toml", "--mailbox", "support", "--no-send", "-"],
    ])
    func theMTAsArgumentsReadAsArgumentParserReadsThem(_ arguments: [String]) throws {
        let byHand = try #require(Ingest.Invocation.fromMTA(["ingest"] + arguments))
        #expect(byHand == (try parsed(arguments)))
    }

    @Test(arguments: [
        ["tickets", "list"], ["ingest", "mail.eml"], ["ingest", "--help"], ["ingest", "-h"], ["ingest", "--config"], ["ingest", "--config", "--no-send"],
        ["ingest", "--config", "a", "--config", "b"], ["ingest", "-", "-"], ["ingest", "--no-send=yes"], ["ingest", "--bogus"],
        ["ingest", "--config="], ["ingest", "--version"], ["ingest", "--mailbox", "-x"], ["ingest", "help"],
    ])
    func anythingElseGoesToArgumentParser(_ arguments: [String]) {
        #expect(Ingest.Invocation.fromMTA(arguments) == nil)
    }
}

/// Outsider review of `ingest -` as an MTA runs it: what it cannot take in is never
/// taken in as a ticket, and the exit status tells the MTA whether to try again (75, and
/// 78 for a config mistake, which Postfix also keeps the mail for) or to bounce.
@Suite(.timeLimit(.minutes(2)))
struct MTAPipeRefusalTests {
    func config(in directory: TemporaryDirectory) throws -> String {
        try TestConfig.writeOffline(directory: directory)
    }

    func ticketCount(_ directory: TemporaryDirectory, config: String) throws -> Int {
        let list = try ProcessRunner.run(RepositoryPaths.ticketdBinary, ["tickets", "list", "--json", "--config", config])
        return try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [Any]).count
    }

    @Test(arguments: [("< /tmp", 75, "cannot read standard input"), ("< /dev/null", 66, "holds no message"), ("<<< '  '", 66, "holds no message")])
    func unreadableOrEmptyStandardInputIsNoTicket(_ redirection: String, _ status: Int32, _ message: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try config(in: directory)
        let run = try ProcessRunner.run("/bin/bash", ["-c", "exec '\(RepositoryPaths.ticketdBinary)' ingest - --no-send --config '\(config)' \(redirection)"])
        #expect(run.status == status, "\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(try ticketCount(directory, config: config) == 0)
    }

    @Test func aMailboxTheConfigDoesNotHaveIsAConfigMistake() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try config(in: directory)
        let mail = Data("From: ann@example.org\r\nSubject: help\r\n\r\nHello.\r\n".utf8)
        let run = try ProcessRunner.run(
            RepositoryPaths.ticketdBinary, ["ingest", "--mailbox", "suport", "--no-send", "--config", config], stdin: mail
        )
        #expect(run.status == 78)
        #expect(run.stderr.contains("no mailbox named suport"), "\(run.stderr)")
        #expect(try ticketCount(directory, config: config) == 0)
    }
}
