import Access
import Foundation
public import Hummingbird
import HTTPTypes
public import Prometheus
public import Storage
import Synchronization

/// /metrics in Prometheus's text format: what the store says at each scrape, whichever
/// process runs the worker (the worker writes its measures there). Totals of mail are kept
/// here and only the rows new since the last scrape are counted.
public final class MetricsPage: Sendable {
    let services: WebServer.Services
    let store: any MetricsQueries
    private let totals = Mutex(MailCounts())

    public init(services: WebServer.Services, store: any MetricsQueries) {
        self.services = services
        self.store = store
    }

    func add(to router: Router<WebContext>) {
        router.get("/metrics") { _, _ in try await self.services.threads.offloaded { try self.render() } }
    }

    func render() throws -> Response {
        let now = services.now()
        let seen = totals.withLock { $0 }
        let counts = seen.adding(try store.mailCounts(afterMessage: seen.lastMessageID, afterFailure: seen.lastFailureID))
        totals.withLock { current in if counts.lastMessageID >= current.lastMessageID { current = counts } }
        let registry = PrometheusCollectorRegistry()
        for (mailbox, count) in counts.incoming.sorted(by: { $0.key < $1.key }) {
            registry.makeCounter(name: "ticketd_messages_taken_in_total", labels: [("mailbox", mailbox)], help: "Mail taken in").increment(by: Int64(count))
        }
        for (mailbox, count) in counts.screened.sorted(by: { $0.key < $1.key }) {
            registry.makeCounter(name: "ticketd_messages_screened_total", labels: [("mailbox", mailbox)], help: "Automatic mail recorded without a ticket")
                .increment(by: Int64(count))
        }
        for (mailbox, count) in counts.quarantined.sorted(by: { $0.key < $1.key }) {
            registry.makeCounter(name: "ticketd_messages_quarantined_total", labels: [("mailbox", mailbox)], help: "Mail put in quarantine")
                .increment(by: Int64(count))
        }
        let backlog = try services.store.outboxBacklog()
        let byStatus = try store.outboxCounts()
        let states: [(String, Int)] = [
            ("queued", backlog.pending - backlog.deferred), ("deferred", backlog.deferred), ("sent", byStatus["sent"] ?? 0), ("failed", byStatus["failed"] ?? 0),
        ]
        for (state, count) in states {
            registry.makeGauge(name: "ticketd_outbox_messages", labels: [("state", state)], help: "Replies in the outbox by state").set(Double(count))
        }
        registry.makeGauge(name: "ticketd_outbox_oldest_deferred_seconds", help: "How long the oldest deferred reply has waited (0: none)")
            .set(backlog.oldestDeferredSince.map { max(0, now.timeIntervalSince($0)) } ?? 0)
        for clocks in try store.runningClocks() {
            for (state, count) in [("running", clocks.running), ("warned", clocks.warned), ("breached", clocks.breached)] {
                registry.makeGauge(name: "ticketd_sla_clocks", labels: [("unit", clocks.unit), ("state", state)], help: "Running SLA clocks by unit and state")
                    .set(Double(count))
            }
        }
        for pass in try services.store.mailboxPasses() {
            registry.makeGauge(name: "ticketd_mailbox_up", labels: [("mailbox", pass.name)], help: "1 when the mailbox's last pass succeeded (IMAP reached and read)")
                .set(Double(pass.lastError == nil && pass.lastSuccess != nil ? 1 : 0))
            if let success = pass.lastSuccess {
                registry.makeGauge(name: "ticketd_mailbox_last_success_timestamp_seconds", labels: [("mailbox", pass.name)], help: "When the mailbox's last good pass ended")
                    .set(success.timeIntervalSince1970)
            }
        }
        // The sender connects only when it has mail to send: this is its last attempt's state.
        for pass in try services.store.smtpPasses() {
            registry.makeGauge(name: "ticketd_smtp_up", labels: [("server", pass.name)], help: "1 when the SMTP server answered the outbox sender's last attempt")
                .set(Double(pass.lastError == nil && pass.lastSuccess != nil ? 1 : 0))
            if let success = pass.lastSuccess {
                registry.makeGauge(name: "ticketd_smtp_last_success_timestamp_seconds", labels: [("server", pass.name)], help: "When the SMTP server last answered (noted at most once a minute)")
                    .set(success.timeIntervalSince1970)
            }
        }
        var text = registry.emitToString()
        text += Self.histogram(try store.processingTimes())
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }

    /// The decision times as a Prometheus histogram (cumulative buckets, sum, count),
    /// written out: the registry's histograms take one observation at a time.
    static func histogram(_ times: ProcessingTimes) -> String {
        let name = "ticketd_processing_seconds"
        var text = "# HELP \(name) How long the workflow's decision took for each mail taken in\n# TYPE \(name) histogram\n"
        var cumulative = 0
        for (index, count) in times.counts.enumerated() {
            cumulative += count
            let bound = index < ProcessingTimes.bounds.count ? "\(ProcessingTimes.bounds[index])" : "+Inf"
            text += "\(name)_bucket{le=\"\(bound)\"} \(cumulative)\n"
        }
        text += "\(name)_sum \(times.sumSeconds)\n\(name)_count \(cumulative)\n"
        return text
    }
}
