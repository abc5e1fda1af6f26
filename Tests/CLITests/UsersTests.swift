import Foundation
import Testing
import TicketdTestSupport

/// Issue 15, point 2: `ticketd users`, on the built binary and a real SQLite file.
@Suite(.timeLimit(.minutes(2)))
struct UsersTests {
    func ticketd(_ arguments: [String], stdin: String? = nil) throws -> ProcessResult {
        try ProcessRunner.run(RepositoryPaths.ticketdBinary, arguments, stdin: stdin.map { Data($0.utf8) })
    }

    @Test func accountsAndTokensAreMadeListedAndRemovedAndNoSecretIsStored() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try TestConfig.writeOffline(directory: directory, extra: "[[units]]\nname = \"Operations\"\nmembers = [\"ops@example.org\"]\n[[units]]\nname = \"Security\"\n")
        let added = try ticketd(["users", "add", "ops", "--address", "OPS@example.org", "--config", config], stdin: "correct horse battery\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "account ops <ops@example.org> added\n")

        let again = try ticketd(["users", "add", "OPS", "--address", "x@example.org", "--config", config], stdin: "correct horse battery\n")
        #expect(again.status == 65)
        #expect(again.stderr.contains("an account named OPS exists already"))
        let weak = try ticketd(["users", "add", "ann", "--address", "ann@example.org", "--config", config], stdin: "short\n")
        #expect(weak.status == 65)
        #expect(weak.stderr.contains("a password has at least 10 characters"))
        let badAddress = try ticketd(["users", "add", "ann", "--address", "ann", "--config", config], stdin: "correct horse battery\n")
        #expect(badAddress.status == 65)

        let token = try ticketd(["users", "token", "ops", "--label", "prometheus", "--config", config])
        #expect(token.status == 0, "\(token.stderr)")
        let secret = token.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(secret.hasPrefix("tkd_") && secret.count == 47)
        let list = try ticketd(["users", "list", "--config", config])
        #expect(list.stdout.contains("ops  <ops@example.org>  units: Operations; 1 token(s)"), "\(list.stdout)")
        #expect(list.stdout.contains("token 1 of ops: prometheus"))

        // Neither the password nor the token is in the database, only their hashes.
        let database = try Data(contentsOf: URL(fileURLWithPath: directory.file("ticketd.sqlite")))
        let wal = (try? Data(contentsOf: URL(fileURLWithPath: directory.file("ticketd.sqlite-wal")))) ?? Data()
        for bytes in [database, wal] {
            #expect(bytes.range(of: Data("correct horse battery".utf8)) == nil)
            #expect(bytes.range(of: Data(secret.utf8)) == nil)
        }

        #expect(try ticketd(["users", "revoke", "1", "--config", config]).status == 0)
        #expect(try ticketd(["users", "revoke", "1", "--config", config]).status == 65)
        #expect(try ticketd(["users", "remove", "ops", "--config", config]).status == 0)
        #expect(try ticketd(["users", "list", "--config", config]).stdout == "No accounts.\n")
    }
}
