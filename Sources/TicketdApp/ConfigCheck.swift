public import DeskConfiguration
import Etpan
import Foundation
import MailTransport
import Templates

/// `ticketd check-config [--connect]`: what a site runs before it restarts the worker on a
/// changed config. The config itself is read by the caller (its errors name the key and
/// the file); here every template is parsed, and with `connect` each IMAP mailbox is
/// logged in to and its folder selected, and the SMTP server greeted (with TLS and the
/// login when configured). The first problem ends the check.
public enum ConfigCheck {
    /// A check that failed: what was checked, and why.
    public struct Failure: Error, CustomStringConvertible {
        public var checked: String
        public var underlying: any Error

        public var description: String { "\(checked): \(underlying)" }
    }

    /// Runs the checks, telling `report` one line for each that passes; throws the first
    /// problem.
    public static func run(config: TicketdConfig, connect: Bool, report: (String) -> Void) async throws {
        let templates = try TemplateSet(directory: config.service.templates)
        report("templates \(config.service.templates): \(templates.names.count) parsed")
        guard connect else { return }
        for server in servers(of: config) {
            do {
                report("\(server.name): " + (try await server.connect()))
            } catch {
                throw Failure(checked: server.name, underlying: error)
            }
        }
    }

    /// A server the worker logs in to, and how to try it: the name says where and as
    /// whom, `connect` logs in (and selects the folder) and says what it found.
    public struct Server: Sendable {
        public var name: String
        public var connect: @Sendable () async throws -> String
    }

    /// Each IMAP mailbox, then the SMTP server.
    public static func servers(of config: TicketdConfig) -> [Server] {
        let mailboxes = config.mailboxes.map { mailbox in
            let endpoint = mailbox.endpoint
            return Server(name: "imap mailbox \(mailbox.name) (\(endpoint.user) at \(endpoint.host):\(endpoint.port), folder \(mailbox.folder))") {
                let client = MailboxClient(endpoint: endpoint, folder: mailbox.folder)
                do {
                    let status = try await client.select()
                    await client.close()
                    return "logged in, \(status.messageCount) message(s) waiting"
                } catch {
                    await client.close()
                    throw error
                }
            }
        }
        let endpoint = config.smtp.endpoint
        let smtp = Server(name: "smtp server \(endpoint.host):\(endpoint.port)" + (endpoint.user.map { " as \($0)" } ?? "")) {
            let client = SMTPClient(endpoint: endpoint)
            do {
                try await client.verify()
                await client.close()
                return endpoint.user == nil ? "greeted" : "logged in"
            } catch {
                await client.close()
                throw error
            }
        }
        return mailboxes + [smtp]
    }
}
