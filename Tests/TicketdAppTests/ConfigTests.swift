import Foundation
import MailTransport
import Testing
import TicketdApp
import TicketdTestSupport

@Suite struct ConfigTests {
    @Test func theExampleConfigLoadsWithItsDocumentedDefaults() throws {
        let path = RepositoryPaths.root.appendingPathComponent("deploy/ticketd.example.toml").path
        let config = try ConfigLoader.load(path: path, environment: ["TICKETD_IMAP_PASSWORD": "pw"])
        #expect(config.mailboxes.map(\.name) == ["support", "notifications"])
        #expect(config.mailboxes[1].endpoint.host == "imap.example.org")
        #expect(config.mailboxes[1].endpoint.port == 993)
        #expect(config.mailboxes[1].endpoint.security == .tls)
        #expect(config.mailboxes[1].folder == "INBOX")
        #expect(config.mailboxes[1].processedFolder == "Processed")
        #expect(config.mailboxes[0].endpoint.password.value == "pw")
        #expect(config.smtp.endpoint.port == 587)
        #expect(config.service.tagPrefix == "ticketd")
        #expect(config.service.pollIntervalSeconds == 60)
    }

    @Test func aPasswordComesFromItsFileAndNeverShowsInDescriptions() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try "s3cret-line\nignored\n".write(toFile: directory.file("pw"), atomically: true, encoding: .utf8)
        let path = directory.file("t.toml")
        try """
        [mailboxes.support]
        user = "support"
        password_file = "pw"
        [smtp]
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let config = try ConfigLoader.load(path: path, environment: [:])
        #expect(config.mailboxes[0].endpoint.password.value == "s3cret-line")
        #expect(!"\(config)".contains("s3cret"))
        #expect(!String(reflecting: config).contains("s3cret"))
    }

    @Test func relativePathsAreRelativeToTheConfigFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("t.toml")
        try """
        [service]
        database = "data/t.sqlite"
        templates = "../templates"
        [mailboxes.support]
        user = "support"
        password_env = "P"
        [smtp]
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let config = try ConfigLoader.load(path: path, environment: ["P": "x"])
        #expect(config.service.database == directory.url.appendingPathComponent("data/t.sqlite").standardizedFileURL.path)
        #expect(config.service.templates == directory.url.deletingLastPathComponent().appendingPathComponent("templates").standardizedFileURL.path)
    }

    @Test func commandsThatOnlyReadTheDatabaseNeedNoPassword() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("t.toml")
        try "[mailboxes.support]\nuser = \"s\"\npassword_env = \"UNSET_VARIABLE_X\"\n[smtp]\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ConfigError.self) { try ConfigLoader.load(path: path, environment: [:]) }
        let config = try ConfigLoader.load(path: path, environment: [:], resolveSecrets: false)
        #expect(config.mailboxes.map(\.name) == ["support"])
    }
}

@Suite struct BackoffTests {
    @Test func delaysDoubleWithJitterUpToTheCap() {
        let backoff = Backoff(baseSeconds: 30, capSeconds: 3600)
        #expect(backoff.delay(afterAttempt: 0, unit: 0) == 15)
        #expect(backoff.delay(afterAttempt: 0, unit: 0.999) < 30)
        #expect(backoff.delay(afterAttempt: 3, unit: 0) == 120)
        #expect(backoff.delay(afterAttempt: 20, unit: 0.5) <= 3600)
        #expect(backoff.delay(afterAttempt: 20, unit: 0) == 1800)
    }
}

@Suite struct JSONTests {
    @Test func keysKeepTheirOrderAndStringsAreEscaped() {
        let value = JSONValue.object([("b", .int(1)), ("a", .string("q\"\\\n\u{1}é")), ("n", .null), ("l", .array([.bool(true)]))])
        #expect(value.serialized() == #"{"b":1,"a":"q\"\\\n\u0001é","n":null,"l":[true]}"#)
    }
}
