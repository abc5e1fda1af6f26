import Apply
import Classification
public import DeskConfiguration
public import Foundation
public import Intake
public import Logging
import MailTransport
public import Outbox
import Storage
import Templates
public import Workflow

/// What `ticketd ingest` did.
public struct IngestReport: Sendable {
    public var outcomes: [ProcessingOutcome] = []
    public var replies = RepliesReport()
}

/// `ticketd ingest`: mail from standard input, a file, an mbox or a Maildir, through the
/// same pipeline as the worker: the same batched transactions with a savepoint per
/// message, the same quarantine, and the same exactly-once rule (a message already stored,
/// by Message-ID or else by content hash, is not taken in again, so a backfill can be
/// run twice). Replies are sent while the mail is taken in, unless `send` is false.
public enum IngestCommand {
    /// The mailbox ingested mail counts as arriving in: `name`, else the first support
    /// mailbox, else the first mailbox; nil when there is no such mailbox.
    public static func mailbox(named name: String?, in config: TicketdConfig) -> TicketdConfig.Mailbox? {
        if let name { return config.mailboxes.first { $0.name == name } }
        return config.mailboxes.first { $0.role == .support } ?? config.mailboxes.first
    }

    public static func run(
        config: TicketdConfig, source: MailSource, mailbox: TicketdConfig.Mailbox, send: Bool, logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() }, progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws -> IngestReport {
        // Parsed as rendered: an MTA runs this once per mail (the worker parses them all at start).
        let templates = try TemplateSet(directory: config.service.templates, loading: .whenUsed)
        let store = try await Backend.open(config, oneShot: source.count <= 1)
        let workflow = WorkflowRunner(config: config, templates: templates, trust: try SiteTrust.load(config, now: now()))
        var mailboxLogger = logger
        mailboxLogger[metadataKey: "ticketd.mailbox"] = "\(mailbox.name)"
        let intake = BatchIntake(workflow: workflow, store: store, logger: mailboxLogger)

        let (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let dispatcher = send ? try OutboxDispatcher(config: config, store: store, logger: logger, now: now) : nil
        let sending = dispatcher.map { dispatcher in Task { await dispatcher.report(running: wakeups) } }

        var report = IngestReport()
        // The next batch is read and parsed while this one is written.
        let batchSize = config.service.fetchBatchSize
        let origin = MessageOrigin(mailbox: mailbox.name, uidValidity: nil, uid: nil)
        let reader = MailReader(classifier: workflow.classifier, limits: config.service.limits, maxMessageBytes: config.service.maxMessageBytes)
        let read: @Sendable (Int) -> Task<(mail: [IncomingMail], next: Int), any Error> = { start in
            Task {
                // A batch: up to the fetch batch size, and about 16 MB of mail.
                var batch: [MailReader.Fetched] = []
                var bytes = 0
                var next = start
                while next < source.count, batch.count < batchSize, batch.isEmpty || bytes < MailboxPoller.batchBytes {
                    let raw = try source.message(next)
                    bytes += raw.count
                    batch.append(MailReader.Fetched(raw: raw, origin: origin))
                    next += 1
                }
                return (await reader.read(batch), next)
            }
        }
        var reading = source.count > 0 ? read(0) : nil
        do {
            while let current = reading {
                let (batch, next) = try await current.value
                reading = next < source.count ? read(next) : nil
                let results = try await intake.writeBatch { tx in
                    try batch.map { try intake.take($0, in: tx, now: now()) }
                }
                wake.yield()
                for result in results { intake.log(result) }
                report.outcomes += results.map(\.outcome)
                progress(next)
            }
        } catch {
            reading?.cancel()
            wake.finish()
            _ = await sending?.value
            await dispatcher?.client.close()
            throw error
        }
        wake.finish()
        if let sending { report.replies = await sending.value }
        await dispatcher?.client.close()
        return report
    }

    /// One line: what became of the messages, and of their replies.
    public static func summary(_ report: IngestReport) -> String {
        var created = 0, updated = 0, screened = 0, duplicates = 0, quarantined = 0, reports = 0
        for outcome in report.outcomes {
            switch outcome {
            case .created: created += 1
            case .correspondence: updated += 1
            case .screened: screened += 1
            case .duplicate: duplicates += 1
            case .quarantined: quarantined += 1
            case .reportRequest: reports += 1
            }
        }
        return "ingested \(report.outcomes.count) message(s): \(created) new ticket(s), \(updated) update(s), "
            + "\(screened) automatic, \(duplicates) already there, \(quarantined) quarantined, \(reports) report request(s); "
            + "replies sent \(report.replies.sent), deferred \(report.replies.deferred), failed \(report.replies.failed)"
    }
}
