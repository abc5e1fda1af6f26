public import Etpan
import Foundation

/// A real Dovecot IMAP server and a real SMTP sink on free loopback ports, started in a
/// temporary folder through `deploy/mailservers.sh` (the same script the demo uses).
public final class MailServers: Sendable {
    public let directory: TemporaryDirectory
    public let imapHost: String
    public let imapPort: UInt16
    public let smtpHost: String
    public let smtpPort: UInt16
    public let smtpDirectory: String
    public let password: String
    /// The implicit-TLS IMAP port, when the servers were started with a certificate.
    public let imapsPort: UInt16?

    public struct StartError: Error, CustomStringConvertible {
        public var output: String
        public var description: String { "mail servers did not start: \(output)" }
    }

    /// Starts both servers with accounts for `users` (password "secret"). With `certificate`
    /// (PEM files), Dovecot offers STARTTLS and implicit TLS and the SMTP sink STARTTLS; with
    /// `smtpAuth` ("user:password") the sink asks for AUTH and logs every attempt.
    public init(
        users: [String] = ["support", "notifications"], smtpSinkArguments: String = "",
        certificate: (cert: String, key: String)? = nil, smtpAuth: String? = nil
    ) throws {
        directory = try TemporaryDirectory(prefix: "ticketd-servers")
        // Empty values, not missing ones: a TLS_CERT in the test runner's own environment
        // must not leak into servers meant to be plain.
        let result = try ProcessRunner.run(
            "/bin/bash", [RepositoryPaths.mailServersScript, "start", directory.file("servers")] + users,
            environment: [
                "SMTP_SINK_ARGS": smtpSinkArguments, "TLS_CERT": certificate?.cert ?? "", "TLS_KEY": certificate?.key ?? "",
                "SMTP_AUTH": smtpAuth ?? "", "IMAPS_PORT": "",
            ]
        )
        guard result.status == 0 else { throw StartError(output: result.stderr + result.stdout) }
        var values: [String: String] = [:]
        for line in result.stdout.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        guard let imapPort = values["IMAP_PORT"].flatMap(UInt16.init), let smtpPort = values["SMTP_PORT"].flatMap(UInt16.init),
              let smtpDirectory = values["SMTP_DIR"]
        else { throw StartError(output: result.stdout) }
        imapHost = values["IMAP_HOST"] ?? "127.0.0.1"
        smtpHost = values["SMTP_HOST"] ?? "127.0.0.1"
        self.imapPort = imapPort
        self.smtpPort = smtpPort
        self.smtpDirectory = smtpDirectory
        password = values["MAIL_PASSWORD"] ?? "secret"
        imapsPort = values["IMAPS_PORT"].flatMap(UInt16.init)
    }

    /// Dovecot's own log.
    public func dovecotLog() -> String {
        (try? String(contentsOfFile: directory.file("servers") + "/dovecot.log", encoding: .utf8)) ?? ""
    }

    /// Every AUTH attempt the SMTP sink saw, one JSON object each.
    public func smtpAuthAttempts() -> [[String: Any]] {
        let text = (try? String(contentsOfFile: smtpDirectory + "/auth.log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
    }

    /// Stops both servers and removes the folder.
    public func stop() {
        _ = try? ProcessRunner.run("/bin/bash", [RepositoryPaths.mailServersScript, "stop", directory.file("servers")])
        directory.remove()
    }

    /// Delivers .eml files (or folders of them) straight into `user`'s INBOX, in order.
    public func deliver(_ files: [String], to user: String) throws {
        let result = try ProcessRunner.run("/bin/bash", [RepositoryPaths.mailServersScript, "deliver", directory.file("servers"), user] + files)
        guard result.status == 0 else { throw StartError(output: result.stderr) }
    }

    /// Drops every IMAP session of `user` (reconnect tests).
    public func kick(_ user: String) throws {
        _ = try ProcessRunner.run("/bin/bash", [RepositoryPaths.mailServersScript, "kick", directory.file("servers"), user])
    }

    /// An IMAP session as `user`, for checking what the worker left in the folders.
    public func imap(_ user: String) throws -> IMAPConnection {
        let connection = try IMAPConnection.connect(host: imapHost, port: imapPort, security: .none, timeoutSeconds: 10)
        try connection.login(user: user, password: password)
        return connection
    }

    /// How many messages `folder` of `user` holds.
    public func count(_ user: String, folder: String) throws -> Int {
        let connection = try imap(user)
        defer { connection.logout() }
        return Int(try connection.select(folder).messageCount)
    }

    /// Every message the SMTP sink has accepted so far, in arrival order.
    public func received() throws -> [ReceivedMail] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: smtpDirectory)) ?? []
        return try files.filter { $0.hasSuffix(".eml") }.sorted().map { name in
            let base = String(name.dropLast(4))
            let raw = try Data(contentsOf: URL(fileURLWithPath: smtpDirectory).appendingPathComponent(name))
            let envelopeData = try Data(contentsOf: URL(fileURLWithPath: smtpDirectory).appendingPathComponent(base + ".json"))
            let envelope = try JSONSerialization.jsonObject(with: envelopeData) as? [String: Any] ?? [:]
            return ReceivedMail(
                raw: [UInt8](raw),
                mailFrom: envelope["mail_from"] as? String ?? "",
                recipients: envelope["rcpt_tos"] as? [String] ?? []
            )
        }
    }
}

/// A message as the SMTP sink stored it, byte for byte, with its envelope.
public struct ReceivedMail: Sendable {
    public var raw: [UInt8]
    public var mailFrom: String
    public var recipients: [String]
}
