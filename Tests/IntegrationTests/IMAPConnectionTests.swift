import Etpan
import Foundation
import MailTransport
import Testing
import TicketdTestSupport

/// The libetpan IMAP wrapper against a real Dovecot.
@Suite(.timeLimit(.minutes(1)))
struct IMAPConnectionTests {
    static func mail(_ index: Int) -> [UInt8] {
        Array("From: a@example.org\r\nSubject: m\(index)\r\nMessage-ID: <m\(index)@example.org>\r\n\r\nbody \(index)\r\n".utf8)
    }

    @Test(arguments: [true, false])
    func appendSearchFetchFlagAndMove(useMoveCommand: Bool) throws {
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let imap = try servers.imap("support")
        defer { imap.logout() }
        for index in 1...5 { try imap.append(Self.mail(index), to: "INBOX") }

        let status = try imap.select("INBOX")
        #expect(status.messageCount == 5)
        #expect(status.uidNext == 6)
        #expect(status.uidValidity > 0)
        #expect(imap.hasCapability("MOVE"))

        #expect(try imap.uidSearch(after: 0) == [1, 2, 3, 4, 5])
        #expect(try imap.uidSearch(after: 3) == [4, 5])
        // Nothing newer: Dovecot would answer `UID 6:*` with the last message; we must not.
        #expect(try imap.uidSearch(after: 5) == [])

        let fetched = try imap.fetch(uids: [2, 3, 5])
        #expect(fetched.map(\.uid) == [2, 3, 5])
        #expect(fetched.map(\.raw) == [Self.mail(2), Self.mail(3), Self.mail(5)])

        try imap.markSeen(uids: [2, 3])
        try imap.move(uids: [2, 3], to: "Processed", allowMoveCommand: useMoveCommand)
        #expect(try imap.select("INBOX").messageCount == 3)
        #expect(try imap.uidSearch(after: 0) == [1, 4, 5])
        #expect(try imap.select("Processed").messageCount == 2)
    }

    /// A large mail comes in pieces with the same bytes, whatever the piece size; sizes
    /// are what the server says.
    @Test(arguments: [1 << 20, 999_983, 3_000_000, 8 << 20])
    func aLargeMailFetchedInPiecesIsWhole(piece: Int) throws {
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let imap = try servers.imap("support")
        defer { imap.logout() }
        let body = (0..<60_000).map { "line \($0) of a large attachment, base64 or not\r\n" }.joined()
        let large = Self.mail(1) + Array(body.utf8)
        try imap.append(large, to: "INBOX")
        try imap.append(Self.mail(2), to: "INBOX")
        _ = try imap.select("INBOX")
        #expect(try imap.sizes(uids: [1, 2]) == [1: large.count, 2: Self.mail(2).count])
        #expect(try imap.fetch(uid: 1, size: large.count, piece: piece)?.raw == large)
        #expect(try imap.fetch(uid: 2, size: Self.mail(2).count, piece: piece)?.raw == Self.mail(2))
        #expect(try imap.fetch(uid: 9, size: 10, piece: piece) == nil)
    }

    @Test func movingToAMissingFolderCarriesTheServersText() throws {
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let imap = try servers.imap("support")
        defer { imap.logout() }
        try imap.append(Self.mail(1), to: "INBOX")
        try imap.select("INBOX")
        do {
            try imap.move(uids: [1], to: "NoSuchFolder")
            Issue.record("the move succeeded")
        } catch let error as EtpanError {
            #expect(error.operation == "IMAP UID MOVE")
            #expect(error.description.contains("NoSuchFolder"))
            #expect(error.serverResponse?.contains("Mailbox doesn't exist") == true)
        }
    }

    @Test func aRefusedLoginIsAnAuthenticationError() throws {
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let imap = try IMAPConnection.connect(host: servers.imapHost, port: servers.imapPort, security: .none, timeoutSeconds: 10)
        do {
            try imap.login(user: "support", password: "wrong")
            Issue.record("the login succeeded")
        } catch let error as EtpanError {
            #expect(error.kind == .authentication)
            #expect(error.description.contains("IMAP LOGIN failed for user support"))
        }
    }

    @Test func aDroppedConnectionIsAConnectionError() throws {
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let imap = try servers.imap("support")
        try imap.select("INBOX")
        try servers.kick("support")
        do {
            for _ in 0..<3 { try imap.noop() }
            Issue.record("the session survived the kick")
        } catch let error as EtpanError {
            #expect(error.kind == .connection || error.kind == .refused)
        }
    }

    /// The same with MAIL, RCPT and DATA pipelined (RFC 2920) and one command at a time.
    @Test(arguments: [true, false])
    func smtpSendsAndReportsARefusedRecipientWithItsReplyCode(pipelining: Bool) throws {
        let servers = try MailServers(users: ["support"], smtpSinkArguments: "--refuse nobody@example.org" + (pipelining ? "" : " --no-pipelining"))
        defer { servers.stop() }
        let smtp = try SMTPConnection.connect(host: servers.smtpHost, port: servers.smtpPort, security: .none, timeoutSeconds: 10)
        defer { smtp.quit() }
        #expect(smtp.pipelines == pipelining)
        try smtp.send(from: "support@ticketd.example", to: ["ann@example.org"], data: Self.mail(1))
        do {
            try smtp.send(from: "support@ticketd.example", to: ["nobody@example.org"], data: Self.mail(2))
            Issue.record("the refused recipient was accepted")
        } catch let error as EtpanError {
            #expect(error.smtpReplyCode == 550)
            #expect(!error.isTemporary)
            #expect(error.operation == "SMTP RCPT TO")
        }
        // The same connection still works after the refusal, for one recipient or several.
        try smtp.send(from: "support@ticketd.example", to: ["bob@example.org"], data: Self.mail(3))
        try smtp.send(from: "support@ticketd.example", to: ["cy@example.org", "di@example.org"], data: Self.mail(4))
        let received = try servers.received()
        #expect(received.map(\.recipients) == [["ann@example.org"], ["bob@example.org"], ["cy@example.org", "di@example.org"]])
        #expect(received.map(\.raw) == [Self.mail(1), Self.mail(3), Self.mail(4)])
    }

    /// The worker's wait: IDLE straight after an empty search reports mail that came in
    /// between at once; a new session asks for another search instead of waiting.
    @Test func idleAfterAnEmptySearchReportsMailThatCameSinceAtOnce() async throws {
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let endpoint = IMAPEndpoint(
            host: servers.imapHost, port: servers.imapPort, security: .none, user: "support",
            password: Secret(servers.password), timeoutSeconds: 10
        )
        let client = MailboxClient(endpoint: endpoint, folder: "INBOX")
        #expect(try await client.idle(timeoutSeconds: 30))  // nothing selected yet: look first

        #expect(try await client.uids(after: 0).1 == [])
        let other = try servers.imap("support")
        try other.append(Self.mail(1), to: "INBOX")
        other.logout()
        let started = Date()
        #expect(try await client.idle(timeoutSeconds: 30))
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(try await client.uids(after: 0).1 == [1])
        await client.close()
    }
}
