import Etpan
import Foundation
import Logging
import MailTransport
import Store
import TicketCore

/// Sends due outbox rows over one SMTP connection. A row is marked sent only after the
/// server accepted it; temporary failures are retried with back-off, permanent ones are
/// marked failed with the server's text. Nothing is dropped.
struct OutboxDispatcher: Sendable {
    let store: TicketStore
    let client: SMTPClient
    let backoff: Backoff
    let logger: Logger
    let now: @Sendable () -> Date

    struct Summary: Sendable, Equatable {
        var sent = 0
        var deferred = 0
        var failed = 0
    }

    /// Sends everything that is due, in batches, until nothing due is left or the server
    /// is unreachable.
    func flush() async throws -> Summary {
        var summary = Summary()
        var attempted = Set<Int64>()
        while true {
            let due = try store.dueOutbox(now: now(), limit: 100).filter { !attempted.contains($0.id) }
            if due.isEmpty { break }
            for item in due {
                attempted.insert(item.id)
                var logger = logger
                logger[metadataKey: "ticketd.ticket"] = "\(item.ticketNumber ?? 0)"
                logger[metadataKey: "ticketd.message-id"] = "\(item.messageID)"
                do {
                    try await client.send(from: item.mailFrom, to: item.recipients, data: item.raw)
                    try store.markSent(outboxID: item.id, at: now())
                    summary.sent += 1
                    logger.debug("reply sent")
                } catch let error as EtpanError where !error.isTemporary && error.kind != .connection {
                    let event = item.ticketNumber.map { ticket in
                        TicketEvent(
                            ticket: ticket, at: now(), actor: "ticketd", field: .undeliverable,
                            newValue: item.recipients.joined(separator: ", "), reason: error.description
                        )
                    }
                    try store.markFailed(outboxID: item.id, error: error.description, event: event)
                    summary.failed += 1
                    logger.error("reply refused permanently", metadata: ["error": "\(error)"])
                } catch {
                    let delay = backoff.delay(afterAttempt: item.attempts, unit: Double.random(in: 0..<1))
                    try store.markRetry(outboxID: item.id, error: "\(error)", nextAttempt: now().addingTimeInterval(delay))
                    summary.deferred += 1
                    logger.warning("reply deferred", metadata: ["error": "\(error)", "retry-in-seconds": "\(Int(delay))"])
                    if let etpan = error as? EtpanError, etpan.kind == .connection {
                        // The server is gone: the other rows wait for the next flush.
                        return summary
                    }
                }
            }
        }
        return summary
    }
}
