import Etpan
import Foundation
import Logging
import MailParsing
import MailTransport
import ServiceLifecycle
import Store
import TicketCore

/// One pass over one mailbox: fetch what is new by UID, process each message in its own
/// transaction (which also records the UID as done), then flag and move what was committed.
struct MailboxPoller: Sendable {
    let mailbox: TicketdConfig.Mailbox
    let client: MailboxClient
    let store: TicketStore
    let workflow: Workflow
    let batchSize: Int
    let logger: Logger
    let now: @Sendable () -> Date

    struct Summary: Sendable, Equatable {
        var outcomes: [ProcessingOutcome] = []
    }

    func poll() async throws -> Summary {
        var summary = Summary()
        let saved = try store.mailboxState(mailbox.name)
        // With a processed folder, everything left in the inbox is listed, so that mail
        // committed before a crash but not yet moved is moved now.
        let (status, listed) = try await client.uids(after: mailbox.processedFolder == nil ? (saved?.lastUID ?? 0) : 0)
        var state = saved ?? MailboxState(mailbox: mailbox.name, uidValidity: status.uidValidity, lastUID: 0)
        if state.uidValidity != status.uidValidity {
            // The server renumbered the folder: start again from the first UID. Messages
            // already stored are recognised by Message-ID or content hash and not redone.
            logger.warning("UIDVALIDITY changed; rescanning the mailbox", metadata: [
                "old": "\(state.uidValidity)", "new": "\(status.uidValidity)",
            ])
            state = MailboxState(mailbox: mailbox.name, uidValidity: status.uidValidity, lastUID: 0)
        }
        if state != saved {
            let current = state
            try store.transaction { try $0.saveMailboxState(current) }
        }
        let leftovers = listed.filter { $0 <= state.lastUID }
        if !leftovers.isEmpty {
            try await client.finish(uids: leftovers, moveTo: mailbox.processedFolder)
        }
        let pending = listed.filter { $0 > state.lastUID }
        for start in stride(from: 0, to: pending.count, by: batchSize) where !Self.isStopping {
            let batch = Array(pending[start..<min(start + batchSize, pending.count)])
            let fetched = try await client.fetch(uids: batch)
            var committed: [UInt32] = []
            var quarantined: [UInt32] = []
            for item in fetched {
                // On SIGTERM: finish the message in hand, move what is committed, stop.
                if Self.isStopping { break }
                let outcome = try process(item, state: &state)
                summary.outcomes.append(outcome)
                if case .quarantined = outcome { quarantined.append(item.uid) } else { committed.append(item.uid) }
            }
            try await client.finish(uids: committed, moveTo: mailbox.processedFolder)
            try await client.finish(uids: quarantined, moveTo: mailbox.quarantineFolder)
        }
        return summary
    }

    private static var isStopping: Bool { Task.isCancelled || Task.isShuttingDownGracefully }

    private func process(_ item: FetchedMessage, state: inout MailboxState) throws -> ProcessingOutcome {
        let message = MessageParser.parse(item.raw)
        var logger = logger
        logger[metadataKey: "ticketd.uid"] = "\(item.uid)"
        logger[metadataKey: "ticketd.message-id"] = "\(message.messageID ?? "none")"
        let origin = MessageOrigin(mailbox: mailbox.name, uidValidity: state.uidValidity, uid: item.uid)
        var next = state
        next.lastUID = max(state.lastUID, item.uid)
        let at = now()
        let outcome: ProcessingOutcome
        if item.raw.count > workflow.config.service.maxMessageBytes {
            let reason = "oversize: \(item.raw.count) bytes, more than the limit of \(workflow.config.service.maxMessageBytes)"
            outcome = try quarantine(item, message: message, reason: reason, next: next, at: at) { tx in
                try workflow.refuseOversize(message, in: tx, now: at)
            }
        } else {
            do {
                outcome = try store.transaction { transaction in
                    let outcome = try workflow.process(message, origin: origin, in: transaction, now: at)
                    try transaction.saveMailboxState(next)
                    return outcome
                }
            } catch where !TicketStore.isTransient(error) {
                // A poison message must not stop the worker: keep it aside with the reason.
                outcome = try quarantine(item, message: message, reason: "processing failed: \(error)", next: next, at: at) { _ in }
            }
        }
        state = next
        switch outcome {
        case .created(let ticket): logger.info("ticket opened", metadata: ["ticketd.ticket": "\(ticket)"])
        case .correspondence(let ticket, _): logger.info("correspondence added", metadata: ["ticketd.ticket": "\(ticket)"])
        case .screened(let reason, let ticket):
            logger.info("automatic mail recorded, not answered", metadata: [
                "reason": "\(reason.rawValue)", "ticketd.ticket": "\(ticket.map(String.init) ?? "none")",
            ])
        case .duplicate: logger.info("already processed; nothing changed")
        case .quarantined(let reason): logger.error("message quarantined", metadata: ["reason": "\(reason)"])
        case .reportRequest(let answered): logger.info(answered ? "report sent" : "report request refused")
        }
        return outcome
    }

    /// Records the message as a failure (with its bytes) and its UID as done, in one
    /// transaction; the caller then moves it to the quarantine folder.
    private func quarantine(
        _ item: FetchedMessage, message: Message, reason: String, next: MailboxState, at: Date,
        _ extra: (StoreTransaction) throws -> Void
    ) throws -> ProcessingOutcome {
        try store.transaction { transaction in
            try transaction.recordFailure(
                mailbox: mailbox.name, uid: item.uid, messageID: message.messageID, reason: reason, raw: item.raw, at: at
            )
            try extra(transaction)
            try transaction.saveMailboxState(next)
        }
        return .quarantined(reason: reason)
    }
}
