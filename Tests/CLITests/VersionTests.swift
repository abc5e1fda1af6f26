import Foundation
import Testing
import TicketdTestSupport

/// `ticketd --version` and the script that finds the version in git (issue 16, point 3;
/// issue 18, point 2).
@Suite(.timeLimit(.minutes(2)))
struct VersionTests {
    let script = RepositoryPaths.root.appendingPathComponent("deploy/version.sh").path

    func git(_ arguments: [String], in directory: TemporaryDirectory) throws {
        let result = try ProcessRunner.run(
            "/usr/bin/git", ["-C", directory.path] + arguments,
            environment: ["GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"]
        )
        #expect(result.status == 0, "git \(arguments): \(result.stderr)")
    }

    func version(_ arguments: [String]) throws -> String {
        let result = try ProcessRunner.run("/bin/sh", [script] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func theBinaryGivesTheVersionAndTheCommitOfItsTree() throws {
        let result = try ProcessRunner.run(RepositoryPaths.ticketdBinary, ["--version"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(result.stdout)")
        let head = try version(["--commit", RepositoryPaths.root.path])
        // The tree may have changed since the build; the commit may not.
        #expect(lines.last.map { $0.hasPrefix("commit " + head.prefix(40)) } == true, "\(result.stdout) vs \(head)")
        #expect(lines.first == "ticketd " + (try version([RepositoryPaths.root.path])), "\(result.stdout)")
    }

    @Test func aTaggedCommitIsItsTagsVersionAndAnyOtherIsZeroPlusItsShortSHA() throws {
        let directory = try TemporaryDirectory(prefix: "ticketd-version")
        defer { directory.remove() }
        #expect(try version([directory.path]) == "0.0.0+unknown")
        #expect(try version(["--commit", directory.path]) == "unknown")
        try git(["init", "-q"], in: directory)
        try Data("a".utf8).write(to: directory.url.appendingPathComponent("file"))
        try git(["add", "file"], in: directory)
        try git(["commit", "-qm", "first"], in: directory)
        let sha = try version(["--commit", directory.path])
        #expect(sha.count == 40)
        #expect(try version([directory.path]) == "0.0.0+git" + sha.prefix(7))
        try git(["tag", "v0.1.0"], in: directory)
        try git(["tag", "v0.1.1"], in: directory)
        try git(["tag", "latest"], in: directory)
        #expect(try version([directory.path]) == "0.1.1")
        try Data("b".utf8).write(to: directory.url.appendingPathComponent("file"))
        #expect(try version(["--commit", directory.path]) == sha + "+modified")
    }
}
