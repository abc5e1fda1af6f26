import Foundation
import MailParsing
import Testing
import TicketCore
@testable import Trust

private let now = Date(timeIntervalSince1970: 1_794_304_800)
private let key = ReplyTokenKey(bytes: Array(repeating: 7, count: 32), createdAt: now.addingTimeInterval(-86_400))
private let keyring = ReplyTokenKeyring(keys: [key], overlap: 30 * 86_400)

private func mail(from: String, headers: [String]) -> Message {
    let lines = ["From: <\(from)>", "Subject: Re: x", "Message-ID: <a@b>"] + headers
    return MessageParser.parse(Array((lines.joined(separator: "\r\n") + "\r\n\r\nbody\r\n").utf8))
}

@Suite struct ReplyTokenTests {
    @Test func aTokenVerifiesForItsTicketAndAddressOnly() {
        let token = keyring.token(ticket: 42, address: "Alice@Ops.example")
        #expect(keyring.verifies(token, ticket: 42, address: "alice@ops.example", at: now))
        #expect(keyring.verifies(token.uppercased(), ticket: 42, address: "alice@ops.example", at: now))
        #expect(!keyring.verifies(token, ticket: 43, address: "alice@ops.example", at: now))
        #expect(!keyring.verifies(token, ticket: 42, address: "mallory@evil.example", at: now))
    }

    @Test func aTokenLooksLikeTicketDashTwentyBase32Characters() {
        let token = keyring.token(ticket: 42, address: "a@b.example")
        #expect(token.hasPrefix("42-"))
        #expect(token.count == 23)
        #expect(token.dropFirst(3).allSatisfy { "abcdefghijklmnopqrstuvwxyz234567".contains($0) })
        #expect(keyring.token(ticket: nil, address: "a@b.example").hasPrefix("0-"))
    }

    /// Each way a reply may bring the token back, and each way a forger may not.
    @Test(arguments: [
        ("alice@ops.example", "To: <support+TOKEN@desk.example>", true),
        ("alice@ops.example", "Cc: x@y.example, \"Desk\" <support+TOKEN@desk.example>", true),
        ("alice@ops.example", "Delivered-To: support+TOKEN@desk.example", true),
        ("alice@ops.example", "X-Original-To: support+TOKEN@desk.example", true),
        ("alice@ops.example", "In-Reply-To: <ticketd.TOKEN.1.abc@desk.example>", true),
        ("alice@ops.example", "References: <x@y> <ticketd.TOKEN.1.abc@desk.example>", true),
        // Another address's token, or the token in a field a reply does not bring it in.
        ("mallory@evil.example", "To: <support+TOKEN@desk.example>", false),
        ("alice@ops.example", "Subject-Token: support+TOKEN@desk.example", false),
        ("alice@ops.example", "Reply-To: <support+TOKEN@desk.example>", false),
        // A token with one character changed, or a longer run that only contains one.
        ("alice@ops.example", "To: <support+BROKEN@desk.example>", false),
        ("alice@ops.example", "To: <support+1TOKEN@desk.example>", false),
        ("alice@ops.example", "To: <support+TOKENa@desk.example>", false),
    ])
    func tokensAreFoundWhereRepliesKeepThem(_ sender: String, _ header: String, _ authenticated: Bool) {
        let token = keyring.token(ticket: 42, address: "alice@ops.example")
        var broken = Array(token)
        broken[broken.count - 1] = broken.last == "a" ? "b" : "a"
        let line = header.replacingOccurrences(of: "BROKEN", with: String(broken)).replacingOccurrences(of: "TOKEN", with: token)
        let tickets = keyring.ticketsAuthenticated(in: mail(from: sender, headers: [line]), at: now)
        #expect(tickets == (authenticated ? [42] : []))
    }

    @Test func aMailStuffedWithFakeTokensCostsABoundedNumberOfChecks() {
        let fakes = (0..<5_000).map { "\($0)-aaaaaaaaaaaaaaaaaaaa" }.joined(separator: " ")
        #expect(ReplyTokenKeyring.candidates(in: mail(from: "a@b.example", headers: ["References: \(fakes)"])).count == ReplyTokenKeyring.candidateLimit)
    }

    @Test func anOldKeyVerifiesForTheOverlapAfterItsSuccessorThenNoLonger() {
        let old = ReplyTokenKey(bytes: Array(repeating: 1, count: 32), createdAt: now.addingTimeInterval(-100 * 86_400))
        let new = ReplyTokenKey(bytes: Array(repeating: 2, count: 32), createdAt: now.addingTimeInterval(-10 * 86_400))
        let oldToken = ReplyTokenKeyring(keys: [old], overlap: 30 * 86_400).token(ticket: 5, address: "a@b.example")
        let rotated = ReplyTokenKeyring(keys: [old, new], overlap: 30 * 86_400)
        #expect(rotated.token(ticket: 5, address: "a@b.example") != oldToken)
        #expect(rotated.verifies(oldToken, ticket: 5, address: "a@b.example", at: now))
        #expect(!rotated.verifies(oldToken, ticket: 5, address: "a@b.example", at: now.addingTimeInterval(21 * 86_400)))
        #expect(rotated.verifies(rotated.token(ticket: 5, address: "a@b.example"), ticket: 5, address: "a@b.example", at: now.addingTimeInterval(400 * 86_400)))
    }

    @Test func theTokenOfOurMessageIDIsFound() {
        let token = keyring.token(ticket: 9, address: "a@b.example")
        #expect(ReplyTokenKeyring.token(inMessageID: "ticketd.\(token).1z.abc@desk.example")?.ticket == 9)
        #expect(ReplyTokenKeyring.token(inMessageID: "ticketd.report.1z.abc@desk.example") == nil)
        #expect(ReplyTokenKeyring.token(inMessageID: "other.\(token).1z@desk.example") == nil)
        #expect(ReplyTokenKeyring.token(inMessageID: "ticketd.+9-\(token.dropFirst(2)).1z@desk.example") == nil)
    }
}

@Suite struct SecretFileTests {
    @Test func aMissingFileIsMadeReadableByItsOwnerOnlyAndReadBack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ticketd-secret-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("keys").path
        let made = try SecretFile.loadOrCreate(path, now: now)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try SecretFile.loadOrCreate(path, now: now) == made)
        #expect(made.first?.bytes.count == 32)

        let rotated = try SecretFile.rotate(path, now: now.addingTimeInterval(60), overlap: 30 * 86_400)
        #expect(rotated.count == 2)
        #expect(try SecretFile.load(path).count == 2)
        // Rotating again after the overlap drops the oldest key.
        #expect(try SecretFile.rotate(path, now: now.addingTimeInterval(40 * 86_400), overlap: 30 * 86_400).count == 2)
    }

    @Test(arguments: [0o640, 0o604, 0o644])
    func aFileOthersMayReadIsRefused(_ mode: Int) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ticketd-secret-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try SecretFile.loadOrCreate(path, now: now)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        #expect(throws: SecretFile.Failure.self) { try SecretFile.load(path) }
    }

    @Test func aMangledLineIsNamed() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ticketd-secret-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        FileManager.default.createFile(atPath: path, contents: Data("2026-11-01T00:00:00Z abc\n".utf8), attributes: [.posixPermissions: 0o600])
        #expect(throws: SecretFile.Failure(path: path, reason: "line 1 is not `<ISO 8601 time> <64 hex digits>`")) { try SecretFile.load(path) }
    }
}
