public import Foundation
public import TicketCore
public import WorkingTime

public struct MailboxState: Sendable, Equatable {
    public var mailbox: String
    public var uidValidity: UInt32
    public var lastUID: UInt32

    public init(mailbox: String, uidValidity: UInt32, lastUID: UInt32) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.lastUID = lastUID
    }
}

/// A message as stored: incoming mail or a reply ticketd wrote.
public struct StoredMessage: Sendable {
    /// Incoming automatic mail that opened no ticket: an auto-reply filed on its ticket, a
    /// delivery report, our own mail looped back, or mail of a mailbox that screens
    /// automatic mail; `automatic` says which.
    public var isScreened: Bool {
        direction == .incoming && automatic != nil && !(threadMatch == "new" && ticketNumber != nil)
    }

    public var id: Int64
    public var ticketNumber: Int?
    public var messageID: String?
    public var direction: MessageDirection
    public var mailbox: String?
    public var uid: UInt32?
    public var from: EmailAddress?
    public var subject: String?
    public var sentDate: String?
    public var automatic: String?
    public var threadMatch: String?
    public var recordedAt: Date
    public var raw: [UInt8]

    public init(
        id: Int64, ticketNumber: Int?, messageID: String?, direction: MessageDirection, mailbox: String?,
        uid: UInt32?, from: EmailAddress?, subject: String?, sentDate: String?, automatic: String?,
        threadMatch: String?, recordedAt: Date, raw: [UInt8]
    ) {
        self.id = id
        self.ticketNumber = ticketNumber
        self.messageID = messageID
        self.direction = direction
        self.mailbox = mailbox
        self.uid = uid
        self.from = from
        self.subject = subject
        self.sentDate = sentDate
        self.automatic = automatic
        self.threadMatch = threadMatch
        self.recordedAt = recordedAt
        self.raw = raw
    }
}

/// A reply waiting in (or gone through) the outbox.
public struct OutboxItem: Sendable {
    public var id: Int64
    public var ticketNumber: Int?
    public var messageID: String
    public var mailFrom: String
    public var recipients: [String]
    public var raw: [UInt8]
    public var status: OutboxStatus
    public var attempts: Int
    public var lastError: String?

    public init(
        id: Int64, ticketNumber: Int?, messageID: String, mailFrom: String, recipients: [String], raw: [UInt8],
        status: OutboxStatus, attempts: Int, lastError: String?
    ) {
        self.id = id
        self.ticketNumber = ticketNumber
        self.messageID = messageID
        self.mailFrom = mailFrom
        self.recipients = recipients
        self.raw = raw
        self.status = status
        self.attempts = attempts
        self.lastError = lastError
    }
}

/// Where an incoming message came from.
public struct MessageOrigin: Sendable {
    public var mailbox: String
    public var uidValidity: UInt32?
    public var uid: UInt32?

    public init(mailbox: String, uidValidity: UInt32?, uid: UInt32?) {
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.uid = uid
    }
}


/// That an outbox row was accepted by the SMTP server, and when.
public struct SentMark: Sendable, Equatable {
    public var outboxID: Int64
    public var at: Date

    public init(outboxID: Int64, at: Date) {
        self.outboxID = outboxID
        self.at = at
    }
}


/// An SLA clock as stored, with the bookkeeping of its notices.
public struct StoredClock: Sendable, Equatable {
    public var id: Int64
    public var ticket: Int
    public var priority: Priority
    public var clock: SLAClock
    /// When the 75% warning went out, and the breach notice.
    public var warnedAt: Date?
    public var breachedAt: Date?

    public init(id: Int64, ticket: Int, priority: Priority, clock: SLAClock, warnedAt: Date?, breachedAt: Date?) {
        self.id = id
        self.ticket = ticket
        self.priority = priority
        self.clock = clock
        self.warnedAt = warnedAt
        self.breachedAt = breachedAt
    }
}


/// An outgoing mail, made: its subject, bytes and content hash.
public struct MadeMail: Sendable {
    public var subject: String
    public var raw: [UInt8]
    public var contentHash: String

    public init(subject: String, raw: [UInt8], contentHash: String) {
        self.subject = subject
        self.raw = raw
        self.contentHash = contentHash
    }
}

/// Making a deferred outgoing mail failed; the transaction was rolled back.
public struct DeferredMailError: Error, CustomStringConvertible {
    public var messageID: String
    public var ticketNumber: Int?
    public var underlying: any Error

    public init(messageID: String, ticketNumber: Int?, underlying: any Error) {
        self.messageID = messageID
        self.ticketNumber = ticketNumber
        self.underlying = underlying
    }

    public var description: String {
        "making outgoing mail <\(messageID)> (ticket \(ticketNumber.map(String.init) ?? "none")) failed: \(underlying)"
    }
}

/// Who an outgoing mail is from and to, known when it is queued.
public struct OutgoingEnvelope: Sendable {
    public var messageID: String
    public var from: EmailAddress
    public var recipients: [String]
    public var ticketNumber: Int?
    public var date: Date

    public init(messageID: String, from: EmailAddress, recipients: [String], ticketNumber: Int?, date: Date) {
        self.messageID = messageID
        self.from = from
        self.recipients = recipients
        self.ticketNumber = ticketNumber
        self.date = date
    }
}


/// A message that could not be processed: kept with its reason and raw bytes.
public struct QuarantinedMessage: Sendable {
    public var id: Int64
    public var mailbox: String
    public var uid: UInt32?
    public var messageID: String?
    public var reason: String
    public var raw: [UInt8]
    public var failedAt: Date
    public var retriedAt: Date?
    public var retryOutcome: String?

    public init(
        id: Int64, mailbox: String, uid: UInt32?, messageID: String?, reason: String, raw: [UInt8], failedAt: Date,
        retriedAt: Date?, retryOutcome: String?
    ) {
        self.id = id
        self.mailbox = mailbox
        self.uid = uid
        self.messageID = messageID
        self.reason = reason
        self.raw = raw
        self.failedAt = failedAt
        self.retriedAt = retriedAt
        self.retryOutcome = retryOutcome
    }
}


/// Direction of a stored message.
public enum MessageDirection: String, Sendable, Codable {
    case incoming, outgoing
}

/// Delivery state of an outbox row.
public enum OutboxStatus: String, Sendable, Codable {
    case pending, sent, failed
}


/// How the last exchange with a server went: for a mailbox, the worker's heartbeat, written
/// after every pass (`ticketd probe` and `/healthz` read it); for the SMTP server, the
/// outbox sender's, written when it tried to send (`/metrics` reads both).
public struct ConnectionPass: Sendable, Equatable {
    /// The mailbox's name, or the SMTP server's `host:port`.
    public var name: String
    /// The end of the last pass that took in everything listed.
    public var lastSuccess: Date?
    /// The last pass that failed, and why; cleared by a pass that succeeds.
    public var lastFailure: Date?
    public var lastError: String?
    /// Passes failed since the last that succeeded.
    public var failuresInARow: Int

    public init(name: String, lastSuccess: Date?, lastFailure: Date?, lastError: String?, failuresInARow: Int) {
        self.name = name
        self.lastSuccess = lastSuccess
        self.lastFailure = lastFailure
        self.lastError = lastError
        self.failuresInARow = failuresInARow
    }

    /// What the record of a pass makes of the one before it. An error is kept to its
    /// first 300 characters, control characters as spaces: it is the server's or the
    /// system's text, shown on a monitoring screen.
    public func recording(at date: Date, error: String?) -> ConnectionPass {
        var next = self
        if let error {
            next.lastFailure = date
            next.lastError = String(String.UnicodeScalarView(error.unicodeScalars.prefix(300))).onOneLine
            next.failuresInARow += 1
        } else {
            next.lastSuccess = date
            next.lastFailure = nil
            next.lastError = nil
            next.failuresInARow = 0
        }
        return next
    }
}

/// The outbox as monitoring sees it.
public struct OutboxBacklog: Sendable, Equatable {
    /// Replies not yet sent, due or waiting for a retry.
    public var pending: Int
    /// Pending replies the server refused or did not answer at least once.
    public var deferred: Int
    /// When the oldest deferred reply was queued.
    public var oldestDeferredSince: Date?
    /// Replies given up on for good.
    public var failed: Int

    public init(pending: Int, deferred: Int, oldestDeferredSince: Date?, failed: Int) {
        self.pending = pending
        self.deferred = deferred
        self.oldestDeferredSince = oldestDeferredSince
        self.failed = failed
    }
}

/// A local account of the web side (`ticketd users`): who signs in with a password. The
/// address ties it to the units whose members it is, and to the approvers.
public struct WebUser: Sendable, Equatable {
    public var name: String
    public var address: String
    /// The password's bcrypt hash.
    public var passwordHash: String
    public var createdAt: Date

    public init(name: String, address: String, passwordHash: String, createdAt: Date) {
        self.name = name
        self.address = address
        self.passwordHash = passwordHash
        self.createdAt = createdAt
    }
}

/// An API token, as stored: only its SHA-256, never the token.
public struct APIToken: Sendable, Equatable {
    public var id: Int64
    public var user: String
    public var label: String
    public var createdAt: Date
    public var lastUsedAt: Date?

    public init(id: Int64, user: String, label: String, createdAt: Date, lastUsedAt: Date?) {
        self.id = id
        self.user = user
        self.label = label
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
    }
}

/// A signed-in browser: stored under the SHA-256 of its cookie's value, with the form
/// token its forms must carry.
public struct WebSession: Sendable, Equatable {
    public var idHash: String
    /// The account's name, or the address a trusted proxy vouched for.
    public var user: String
    public var address: String
    public var csrfToken: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(idHash: String, user: String, address: String, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.idHash = idHash
        self.user = user
        self.address = address
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// Which tickets the web queue shows, and which page of them.
public struct QueueFilter: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        /// Everything not resolved or rejected.
        case active
        case all
        case only(TicketStatus)
    }

    public var status: Status = .active
    public var unit: String?
    public var kind: TicketKind?
    public var priority: Priority?
    /// In the subject, the requester's address or name, or the number (`123`, `#123`).
    public var text: String?
    /// Security tickets, and tickets of the security unit, are left out unless the viewer
    /// is of that unit.
    public var includeSecurity = false
    public var securityUnit = "Security"
    public var offset = 0
    public var limit = 50

    public init() {}
}

/// A ticket of the queue with its newest response clock.
public struct QueueEntry: Sendable, Equatable {
    public var ticket: Ticket
    public var responseClock: StoredClock?

    public init(ticket: Ticket, responseClock: StoredClock?) {
        self.ticket = ticket
        self.responseClock = responseClock
    }
}

/// What /metrics counts of the stored mail, from given row ids on: the web side adds each
/// scrape's counts to the totals it holds, so that a scrape reads only what is new.
public struct MailCounts: Sendable, Equatable {
    /// The highest message and failure ids counted.
    public var lastMessageID: Int64
    public var lastFailureID: Int64
    /// Incoming mail taken in, per mailbox.
    public var incoming: [String: Int]
    /// Automatic mail recorded that opened no ticket (`StoredMessage.isScreened`), per mailbox.
    public var screened: [String: Int]
    /// Mail put in quarantine, per mailbox.
    public var quarantined: [String: Int]

    public init(lastMessageID: Int64 = 0, lastFailureID: Int64 = 0, incoming: [String: Int] = [:], screened: [String: Int] = [:], quarantined: [String: Int] = [:]) {
        self.lastMessageID = lastMessageID
        self.lastFailureID = lastFailureID
        self.incoming = incoming
        self.screened = screened
        self.quarantined = quarantined
    }

    /// These counts with `later` (counted from where these end) added.
    public func adding(_ later: MailCounts) -> MailCounts {
        MailCounts(
            lastMessageID: max(lastMessageID, later.lastMessageID), lastFailureID: max(lastFailureID, later.lastFailureID),
            incoming: incoming.merging(later.incoming, uniquingKeysWith: +), screened: screened.merging(later.screened, uniquingKeysWith: +),
            quarantined: quarantined.merging(later.quarantined, uniquingKeysWith: +)
        )
    }
}

/// The running SLA clocks of a unit: all, those warned, those breached.
public struct ClockCounts: Sendable, Equatable {
    public var unit: String
    public var running: Int
    public var warned: Int
    public var breached: Int

    public init(unit: String, running: Int, warned: Int, breached: Int) {
        self.unit = unit
        self.running = running
        self.warned = warned
        self.breached = breached
    }
}

/// How long the workflow's decision took for each mail taken in, in buckets: the worker
/// adds each batch's in the batch's own transaction, and /metrics shows the totals as a
/// histogram, whichever process serves it.
public struct ProcessingTimes: Sendable, Equatable {
    /// The buckets' upper bounds, in seconds (a last bucket takes the rest).
    public static let bounds: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    /// Mails per bucket (not cumulative), one more than `bounds`.
    public var counts: [Int]
    public var sumSeconds: Double

    /// Counts kept with other bounds than these (an older version's) start again from zero.
    public init(counts: [Int] = Array(repeating: 0, count: ProcessingTimes.bounds.count + 1), sumSeconds: Double = 0) {
        let fits = counts.count == Self.bounds.count + 1
        self.counts = fits ? counts : Array(repeating: 0, count: Self.bounds.count + 1)
        self.sumSeconds = fits ? sumSeconds : 0
    }

    public var count: Int { counts.reduce(0, +) }

    public mutating func record(seconds: Double) {
        counts[Self.bounds.firstIndex { seconds <= $0 } ?? Self.bounds.count] += 1
        sumSeconds += seconds
    }

    public static func + (left: ProcessingTimes, right: ProcessingTimes) -> ProcessingTimes {
        ProcessingTimes(counts: zip(left.counts, right.counts).map(+), sumSeconds: left.sumSeconds + right.sumSeconds)
    }
}
