import Foundation
import Testing
import TicketdTestSupport

/// Issue 15, point 7: the dashboard in a real headless Chromium (Debian's, installed by
/// deploy/test.sh), over a real worker's database: sign in, filter the queue, open a
/// ticket, change its status, read the SLA report and its chart. The screenshots are kept
/// in .build/screenshots for a person to look at.
@Suite(.timeLimit(.minutes(3)))
struct BrowserTests {
    @Test func aPersonSignsInFindsAndWorksATicketAndReadsTheSLAReportInChromium() throws {
        let python = RepositoryPaths.root.appendingPathComponent(".build/test-tools/bin/python").path
        try #require(FileManager.default.isExecutableFile(atPath: python), "run deploy/test.sh: it installs the browser test's tools")
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let web = RepositoryPaths.root.appendingPathComponent("web").path
        let config = try TestConfig.write(
            servers: servers, directory: directory, mailboxes: ["support"],
            extra: "\n[web]\nlisten = \"127.0.0.1:0\"\nassets = \"\(web)\"\n[[units]]\nname = \"Operations\"\nmembers = [\"ops@example.org\"]\n[[units]]\nname = \"Security\"\n",
            pollIntervalSeconds: 60
        )
        let ticketd = RepositoryPaths.ticketdBinary
        try servers.deliver(RepositoryPaths.basicSupportSamples, to: "support")
        #expect(try ProcessRunner.run(ticketd, ["run", "--once", "--config", config], environment: ["TICKETD_TEST_IMAP_PASSWORD": servers.password]).status == 0)
        #expect(try ProcessRunner.run(ticketd, ["users", "add", "ops", "--address", "ops@example.org", "--config", config], stdin: Data("correct horse battery\n".utf8)).status == 0)
        let server = try WebProcess(arguments: ["serve", "--config", config], directory: directory)
        defer { _ = server.stop() }

        let shots = RepositoryPaths.root.appendingPathComponent(".build/screenshots").path
        try? FileManager.default.removeItem(atPath: shots)
        let check = try ProcessRunner.run(python, [
            RepositoryPaths.root.appendingPathComponent("deploy/browser-check.py").path, server.baseURL, "ops", "correct horse battery", shots,
        ])
        #expect(check.status == 0, "\(check.stdout)\n\(check.stderr.suffix(3000))\n\(server.stderr.suffix(2000))")
        let taken = (try? FileManager.default.contentsOfDirectory(atPath: shots)) ?? []
        #expect(taken.sorted() == ["1-sign-in.png", "2-queue.png", "3-queue-filtered.png", "4-ticket.png", "5-ticket-in-progress.png", "6-sla-report.png"])
    }
}
