public import DeskConfiguration
import Foundation
import TicketdApp

/// Writes a ticketd config for the given servers into `directory` and loads it.
public enum TestConfig {
    public static func write(
        servers: MailServers, directory: TemporaryDirectory, mailboxes: [String] = ["support", "notifications"],
        extra: String = "", pollIntervalSeconds: Int = 1, service: String = ""
    ) throws -> String {
        var text = """
        [service]
        name = "Test Service Desk"
        address = "support@ticketd.example"
        database = "\(directory.file("ticketd.sqlite"))"
        templates = "\(RepositoryPaths.templates)"
        poll_interval_seconds = \(pollIntervalSeconds)
        \(service)

        [imap]
        host = "\(servers.imapHost)"
        port = \(servers.imapPort)
        security = "none"
        timeout_seconds = 10
        password_env = "TICKETD_TEST_IMAP_PASSWORD"

        [smtp]
        host = "\(servers.smtpHost)"
        port = \(servers.smtpPort)
        security = "none"
        timeout_seconds = 10
        retry_base_seconds = 1
        retry_cap_seconds = 2

        """
        for mailbox in mailboxes {
            text += "\n[mailboxes.\(mailbox)]\nuser = \"\(mailbox)\"\naddress = \"\(mailbox)@ticketd.example\"\n"
        }
        text += extra
        let path = directory.file("ticketd.toml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A config for commands that reach no server: one support mailbox (its password the
    /// value of `HOME`, always set), an SMTP server on loopback, its own database in
    /// `directory`; `extra` is appended.
    public static func writeOffline(directory: TemporaryDirectory, templates: String = RepositoryPaths.templates, extra: String = "") throws -> String {
        let path = directory.file("ticketd.toml")
        try """
            [service]
            database = "\(directory.file("ticketd.sqlite"))"
            templates = "\(templates)"
            [mailboxes.support]
            user = "support"
            password_env = "HOME"
            [smtp]
            host = "127.0.0.1"

            """.appending(extra).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    public static func load(_ path: String, password: String) throws -> TicketdConfig {
        try ConfigLoader.load(path: path, environment: ["TICKETD_TEST_IMAP_PASSWORD": password])
    }
}
