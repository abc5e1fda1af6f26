import Apply
public import DeskConfiguration
public import Foundation
import Intake
import MailParsing
import Outbox
public import Storage
import Templates
public import TicketCore

/// `ticketd failures`: what was quarantined, and processing it again.
public enum FailureCommands {
    public static func listJSON(_ failures: [QuarantinedMessage]) -> JSONValue {
        .array(failures.map { failure in
            .object([
                ("id", .int(Int(failure.id))), ("mailbox", .string(failure.mailbox)),
                ("uid", failure.uid.map { JSONValue.int(Int($0)) } ?? .null), ("message_id", .optional(failure.messageID)),
                ("reason", .string(failure.reason)), ("bytes", .int(failure.raw.count)),
                ("failed_at", .string(ISOTime.utc(failure.failedAt))),
                ("retried_at", .optional(failure.retriedAt.map(ISOTime.utc))), ("retry_outcome", .optional(failure.retryOutcome)),
            ])
        })
    }

    public static func listText(_ failures: [QuarantinedMessage]) -> String {
        guard !failures.isEmpty else { return "No failures.\n" }
        return failures.map { failure in
            let state = failure.retriedAt.map { "retried \(ISOTime.utc($0)): \(failure.retryOutcome ?? "")" } ?? "waiting"
            return "#\(failure.id)  \(failure.mailbox) UID \(failure.uid.map(String.init) ?? "-")  \(ISOTime.utc(failure.failedAt))  \(failure.raw.count) bytes  [\(state)]\n"
                + "    \(failure.reason)\n"
        }.joined()
    }

    /// Runs the failures with these ids (or every one not yet retried) through the workflow
    /// again, each in its own transaction. Returns id → outcome; a failure that fails
    /// again keeps its place and says why.
    public static func retry(config: TicketdConfig, ids: [Int64]?, now: Date = Date()) async throws -> [(id: Int64, outcome: String)] {
        try await retry(config: config, store: try await Backend.open(config), ids: ids, now: now)
    }

    static func retry(
        config: TicketdConfig, store: any DeskStore, ids: [Int64]?, now: Date
    ) async throws -> [(id: Int64, outcome: String)] {
        let workflow = WorkflowRunner(
            config: config, templates: try TemplateSet(directory: config.service.templates), trust: try SiteTrust.load(config, now: now)
        )
        let chosen = try await store.readTransaction { try $0.failures() }.filter { failure in
            if let ids { return ids.contains(failure.id) }
            return failure.retriedAt == nil
        }
        // Read as the worker reads: the limits first, then a parse on a large stack under the
        // watchdog. A mail refused before parsing stays refused, and keeps its place.
        let reader = MailReader(classifier: workflow.classifier, limits: config.service.limits, maxMessageBytes: config.service.maxMessageBytes)
        var results: [(id: Int64, outcome: String)] = []
        for failure in chosen {
            let origin = MessageOrigin(mailbox: failure.mailbox, uidValidity: nil, uid: failure.uid)
            let mail = await reader.read([MailReader.Fetched(raw: failure.raw, origin: origin)])[0]
            if let refusal = mail.refusal {
                results.append((failure.id, "refused again: \(refusal.reason)"))
                continue
            }
            do {
                let outcome = try await store.writeTransaction { tx in
                    let outcome = try workflow.process(mail.message, facts: mail.facts, origin: origin, in: tx, now: now)
                    try tx.markRetried(failure: failure.id, outcome: "\(outcome)", at: now)
                    return outcome
                }
                results.append((failure.id, "\(outcome)"))
            } catch {
                results.append((failure.id, "failed again: \(error)"))
            }
        }
        return results
    }
}
