import Foundation
import Testing
import TicketdTestSupport

/// Issue 15, points 1 and 6: the web server as its own process beside the worker, and in
/// the worker's process (`run --serve`), on the built binary with real servers.
@Suite(.timeLimit(.minutes(2)))
struct ServeTests {
    func webConfig(_ servers: MailServers, _ directory: TemporaryDirectory, pollIntervalSeconds: Int = 1) throws -> String {
        try TestConfig.write(servers: servers, directory: directory, mailboxes: ["support"], extra: "\n[web]\nlisten = \"127.0.0.1:0\"\nassets = \"\(RepositoryPaths.root.appendingPathComponent("web").path)\"\nthreads = 1\n", pollIntervalSeconds: pollIntervalSeconds)
    }

    @Test func runServeTakesInMailAndAnswersHealthzInOneProcessAndStopsOnSIGTERM() throws {
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try webConfig(servers, directory)
        try servers.deliver(RepositoryPaths.basicSupportSamples, to: "support")
        let web = try WebProcess(arguments: ["run", "--serve", "--config", config], directory: directory, environment: ["TICKETD_TEST_IMAP_PASSWORD": servers.password])
        var health = try HTTPTestClient.request("GET", port: web.port, path: "/healthz")
        let deadline = Date().addingTimeInterval(20)
        while health.status != 200, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.2)
            health = try HTTPTestClient.request("GET", port: web.port, path: "/healthz")
        }
        #expect(health.status == 200, "\(health.text) \(web.stderr)")
        #expect(health.header("Content-Type") == "application/json")
        let json = try JSONSerialization.jsonObject(with: health.body) as? [String: Any]
        #expect(json?["status"] as? String == "OK")

        // /metrics: open to a scraper on this machine, the worker's histogram included.
        // The sender notes the SMTP server's state when its pass ends, after marking the
        // replies sent: the scrape may come between the two.
        var metrics = try HTTPTestClient.request("GET", port: web.port, path: "/metrics")
        let noted = Date().addingTimeInterval(20)
        while !metrics.text.contains("ticketd_smtp_up{"), Date() < noted {
            Thread.sleep(forTimeInterval: 0.2)
            metrics = try HTTPTestClient.request("GET", port: web.port, path: "/metrics")
        }
        #expect(metrics.status == 200)
        let text = metrics.text
        #expect(text.contains("ticketd_messages_taken_in_total{mailbox=\"support\"} \(RepositoryPaths.basicSupportSamples.count)"), "\(text)")
        #expect(text.contains("ticketd_processing_seconds_count \(RepositoryPaths.basicSupportSamples.count)\n"))
        #expect(text.contains("ticketd_mailbox_up{mailbox=\"support\"} 1"))
        #expect(text.contains("ticketd_smtp_up{server=\"\(servers.smtpHost):\(servers.smtpPort)\"} 1"), "\(text)")
        #expect(text.contains("ticketd_outbox_messages{state=\"sent\"}"))
        #expect(text.contains("ticketd_sla_clocks{unit=\"Operations\",state=\"running\"}") || text.contains("ticketd_sla_clocks{state=\"running\",unit=\"Operations\"}"), "\(text)")
        // Through a proxy it is not: a token is needed.
        for header in ["X-Forwarded-For", "Forwarded", "X-Real-IP", "Via"] {
            #expect(try HTTPTestClient.request("GET", port: web.port, path: "/metrics", headers: [(header, "203.0.113.9")]).status == 401, "\(header)")
        }
        #expect(web.stop() == 0)
    }

    /// The worker in its own process: its heartbeat, the SMTP server's state and its
    /// decision times reach the web server's /healthz and /metrics through the store.
    @Test func serveAloneBesideAWorkerSeesItsHeartbeatAndMeasures() throws {
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try webConfig(servers, directory, pollIntervalSeconds: 60)
        try servers.deliver(RepositoryPaths.basicSupportSamples, to: "support")
        let web = try WebProcess(arguments: ["serve", "--config", config], directory: directory)
        #expect(try HTTPTestClient.request("GET", port: web.port, path: "/metrics").text.contains("ticketd_processing_seconds_count 0"))
        let before = try HTTPTestClient.request("GET", port: web.port, path: "/healthz")
        #expect(before.status == 503)
        #expect(before.text.contains("no pass recorded"))
        #expect(try ProcessRunner.run(RepositoryPaths.ticketdBinary, ["run", "--once", "--config", config], environment: ["TICKETD_TEST_IMAP_PASSWORD": servers.password]).status == 0)
        let after = try HTTPTestClient.request("GET", port: web.port, path: "/healthz")
        #expect(after.status == 200, "\(after.text)")
        let metrics = try HTTPTestClient.request("GET", port: web.port, path: "/metrics").text
        let count = RepositoryPaths.basicSupportSamples.count
        #expect(metrics.contains("ticketd_processing_seconds_count \(count)\n"), "\(metrics)")
        #expect(metrics.contains("ticketd_processing_seconds_bucket{le=\"+Inf\"} \(count)\n"))
        #expect(metrics.contains("ticketd_smtp_up{server=\"\(servers.smtpHost):\(servers.smtpPort)\"} 1"))
        #expect(web.stop() == 0)
    }
}
