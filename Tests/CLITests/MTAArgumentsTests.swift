import ArgumentParser
import Testing
@testable import ticketd

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
