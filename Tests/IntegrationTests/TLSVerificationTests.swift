import Etpan
import Foundation
import MailTransport
import Storage
import Store
import Testing
import TicketdApp
import TicketdTestSupport

/// Issue 13, point 8: TLS authenticates the server. A test CA made by `deploy/test-ca.sh`
/// (openssl); Dovecot with STARTTLS and implicit TLS and the SMTP sink with STARTTLS and
/// AUTH, each started with one certificate. A good certificate connects; a wrong host name,
/// an unknown CA and an expired certificate are refused with their reason, before any
/// password is sent.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct TLSVerificationTests {
    /// The CA and the four certificates, made once for the suite.
    static let authority: TemporaryDirectory = {
        let directory = try! TemporaryDirectory(prefix: "ticketd-ca")
        let result = try! ProcessRunner.run("/bin/bash", [RepositoryPaths.testCAScript, directory.path])
        precondition(result.status == 0, "test-ca.sh failed: \(result.stderr)")
        return directory
    }()

    static var caFile: String { authority.file("ca.pem") }

    /// `implicitSMTP`: the SMTP sink speaks TLS from the first byte instead of STARTTLS.
    static func servers(_ name: String, implicitSMTP: Bool = false) throws -> MailServers {
        try MailServers(
            users: ["support"], smtpSinkArguments: implicitSMTP ? "--implicit-tls" : "",
            certificate: (authority.file("\(name).pem"), authority.file("\(name).key")), smtpAuth: "relay:relay-secret"
        )
    }

    enum Mode: String, CaseIterable, Sendable { case imapTLS, imapSTARTTLS, smtpSTARTTLS, smtpTLS }

    /// Each mode, on servers with that certificate (SMTPS needs a sink of its own).
    static func attempts(_ name: String, host: String) throws -> [(Mode, EtpanError?, MailServers)] {
        let servers = try Self.servers(name)
        let smtps = try Self.servers(name, implicitSMTP: true)
        return Mode.allCases.map { mode in
            let on = mode == .smtpTLS ? smtps : servers
            return (mode, attempt(mode, on, host: host), on)
        }
    }

    /// Connects (and logs in) as ticketd would; returns nil when it worked, else the error.
    static func attempt(_ mode: Mode, _ servers: MailServers, host: String) -> EtpanError? {
        let check = CertificateCheck(caFile: caFile)
        do {
            switch mode {
            case .imapTLS:
                let connection = try IMAPConnection.connect(host: host, port: try #require(servers.imapsPort), security: .tls, timeoutSeconds: 10, certificates: check)
                try connection.login(user: "support", password: servers.password)
                connection.logout()
            case .imapSTARTTLS:
                let connection = try IMAPConnection.connect(host: host, port: servers.imapPort, security: .starttls, timeoutSeconds: 10, certificates: check)
                try connection.login(user: "support", password: servers.password)
                connection.logout()
            case .smtpSTARTTLS, .smtpTLS:
                let connection = try SMTPConnection.connect(
                    host: host, port: servers.smtpPort, security: mode == .smtpTLS ? .tls : .starttls, user: "relay", password: "relay-secret",
                    timeoutSeconds: 10, certificates: check
                )
                connection.quit()
            }
            return nil
        } catch let error as EtpanError {
            return error
        } catch {
            return EtpanError(kind: .other, operation: "\(error)", input: host, code: 0)
        }
    }

    @Test(arguments: ["localhost", "127.0.0.1"])
    func aGoodCertificateConnectsOverEveryKindOfTLS(_ host: String) throws {
        let attempts = try Self.attempts("good", host: host)
        defer { for (_, _, servers) in attempts { servers.stop() } }
        for (mode, error, servers) in attempts {
            #expect(error == nil, "\(mode) to \(host): \(error.map { "\($0)" } ?? "")")
            if mode == .imapTLS { #expect(servers.dovecotLog().contains("Login: user=<support>")) }
            if mode == .smtpTLS || mode == .smtpSTARTTLS {
                #expect(servers.smtpAuthAttempts().map { $0["result"] as? String } == ["accepted"])
            }
        }
    }

    @Test(arguments: [("wronghost", "wrong host name"), ("unknownca", "unknown CA"), ("expired", "expired")])
    func aBadCertificateIsRefusedWithItsReasonBeforeAnyPassword(_ name: String, _ reason: String) throws {
        let attempts = try Self.attempts(name, host: "localhost")
        defer { for (_, _, servers) in attempts { servers.stop() } }
        for (mode, error, servers) in attempts {
            #expect(error?.kind == .certificate, "\(mode): \(error.map { "\($0)" } ?? "connected")")
            #expect(error?.description.contains("localhost:") == true)
            #expect(error?.description.contains(reason) == true, "\(mode): \(error.map { "\($0)" } ?? "")")
            // The servers saw no password: no IMAP login, no SMTP AUTH.
            #expect(!servers.dovecotLog().contains("user=<support>"))
            #expect(servers.smtpAuthAttempts().isEmpty)
        }
    }

    /// Not verifying is the default of no one: without the test CA the system store does
    /// not know it.
    @Test func theSystemTrustStoreIsTheDefault() throws {
        let servers = try Self.servers("good")
        defer { servers.stop() }
        let error = #expect(throws: EtpanError.self) {
            _ = try IMAPConnection.connect(host: "localhost", port: servers.imapPort, security: .starttls, timeoutSeconds: 10)
        }
        #expect(error?.kind == .certificate && error?.description.contains("unknown CA") == true)
    }

    /// A config for `servers` whose `[imap]` or `[smtp]` (`section`) speaks STARTTLS to
    /// "localhost" with the test CA, plus `extra` lines there; the file's path.
    static func startTLSConfig(_ servers: MailServers, in directory: TemporaryDirectory, section: String, extra: String = "") throws -> String {
        var text = try String(contentsOfFile: try TestConfig.write(servers: servers, directory: directory, mailboxes: ["support"]), encoding: .utf8)
        let (host, port) = section == "imap" ? (servers.imapHost, servers.imapPort) : (servers.smtpHost, servers.smtpPort)
        text = text.replacingOccurrences(
            of: "[\(section)]\nhost = \"\(host)\"\nport = \(port)\nsecurity = \"none\"",
            with: "[\(section)]\nhost = \"localhost\"\nport = \(port)\nsecurity = \"starttls\"\nca_file = \"\(caFile)\"" + extra
        )
        let path = directory.file("tls.toml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The worker started on a server with a bad certificate exits 69 and names the host and
    /// the reason; Dovecot sees no login.
    @Test func theWorkerExits69BeforeSendingItsPassword() throws {
        let servers = try Self.servers("wronghost")
        defer { servers.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try Self.startTLSConfig(servers, in: directory, section: "imap")
        let run = try ProcessRunner.run(
            RepositoryPaths.ticketdBinary, ["run", "--once", "--config", config], environment: ["TICKETD_TEST_IMAP_PASSWORD": servers.password]
        )
        #expect(run.status == 69, "\(run.stderr)")
        #expect(run.stderr.contains("localhost:\(servers.imapPort)") && run.stderr.contains("wrong host name"), "\(run.stderr)")
        // The long-running worker does not retry a certificate forever: it stops the same way.
        let service = try ProcessRunner.run(
            RepositoryPaths.ticketdBinary, ["run", "--config", config], environment: ["TICKETD_TEST_IMAP_PASSWORD": servers.password]
        )
        #expect(service.status == 69, "\(service.stderr)")
        #expect(service.stderr.contains("wrong host name"), "\(service.stderr)")
        #expect(!servers.dovecotLog().contains("user=<support>"))
    }

    /// A bad SMTP certificate: the reply stays in the outbox (not failed), no AUTH is
    /// tried, and the run exits 69.
    @Test func aBadSMTPCertificateKeepsTheReplyAndSendsNoPassword() throws {
        let servers = try Self.servers("expired")
        defer { servers.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try Self.startTLSConfig(
            servers, in: directory, section: "smtp", extra: "\nuser = \"relay\"\npassword_env = \"TICKETD_TEST_IMAP_PASSWORD\""
        )
        let mail = directory.file("m.eml")
        try Data(TestMail.make(from: "ann@uni.example", subject: "Help", body: ".").utf8).write(to: URL(fileURLWithPath: mail))
        try servers.deliver([mail], to: "support")

        let run = try ProcessRunner.run(
            RepositoryPaths.ticketdBinary, ["run", "--once", "--config", config], environment: ["TICKETD_TEST_IMAP_PASSWORD": servers.password]
        )
        #expect(run.status == 69, "\(run.stderr)")
        #expect(run.stderr.contains("localhost:\(servers.smtpPort)") && run.stderr.contains("expired"), "\(run.stderr)")
        #expect(servers.smtpAuthAttempts().isEmpty)
        #expect(try servers.received().isEmpty)
        let outbox = try TicketStore.open(path: directory.file("ticketd.sqlite")).outbox()
        #expect(!outbox.isEmpty && outbox.allSatisfy { $0.status == .pending && $0.attempts == 0 })
    }
}
