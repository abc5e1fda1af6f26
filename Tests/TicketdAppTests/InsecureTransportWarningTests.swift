import DeskConfiguration
import Foundation
import Logging
import Testing
@testable import TicketdApp
import TicketdTestSupport

@Suite struct InsecureTransportWarningTests {
    /// An allowed plain-text connection to another machine is warned of at every start,
    /// naming the connection and the host; one to the loopback is not.
    @Test func everyStartWarnsOfEachPlainConnectionThatLeavesTheMachine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("t.toml")
        try """
            [service]
            allow_insecure_transport = true
            [mailboxes.support]
            host = "imap.example.org"
            security = "none"
            user = "s"
            password_env = "P"
            [mailboxes.notifications]
            security = "none"
            user = "n"
            password_env = "P"
            [smtp]
            security = "starttls"
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let config = try ConfigLoader.load(path: path, environment: ["P": "x"])
        let logs = LogRecorder()
        warnOfInsecureTransport(config, logger: logs.logger())
        let warnings = logs.records.filter { $0.level == .warning }
        #expect(warnings.map { $0.metadata["connection"] } == ["mailbox support"])
        #expect(warnings.first?.metadata["host"] == "imap.example.org")
    }
}
