import Foundation
import GRDB
public import TicketCore

/// Direction of a stored message.
public enum MessageDirection: String, Sendable, Codable, DatabaseValueConvertible {
    case incoming, outgoing
}

/// Delivery state of an outbox row.
public enum OutboxStatus: String, Sendable, Codable, DatabaseValueConvertible {
    case pending, sent, failed
}

extension TicketStatus: DatabaseValueConvertible {}

struct MessageRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "messages"
    var id: Int64?
    var ticketNumber: Int64?
    var messageKey: String
    var messageID: String?
    var direction: MessageDirection
    var mailbox: String?
    var uidValidity: Int64?
    var uid: Int64?
    var fromName: String?
    var fromAddress: String?
    var subject: String?
    var sentDate: String?
    var automatic: String?
    var threadMatch: String?
    var contentHash: String
    var raw: Data
    var recordedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, direction, mailbox, uid, subject, automatic, raw
        case ticketNumber = "ticket_number", messageKey = "message_key", messageID = "message_id"
        case uidValidity = "uid_validity", fromName = "from_name", fromAddress = "from_address"
        case sentDate = "sent_date", threadMatch = "thread_match", contentHash = "content_hash"
        case recordedAt = "recorded_at"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Column → value, written by hand (Codable encoding cost more than the insert itself),
    /// for GRDB and for the inserts and updates of `StoreTransaction`.
    var columns: [(String, (any DatabaseValueConvertible)?)] {
        [
            ("id", id),
            ("ticket_number", ticketNumber),
            ("message_key", messageKey),
            ("message_id", messageID),
            ("direction", direction),
            ("mailbox", mailbox),
            ("uid_validity", uidValidity),
            ("uid", uid),
            ("from_name", fromName),
            ("from_address", fromAddress),
            ("subject", subject),
            ("sent_date", sentDate),
            ("automatic", automatic),
            ("thread_match", threadMatch),
            ("content_hash", contentHash),
            ("raw", raw),
            ("recorded_at", StoreDate.text(recordedAt)),
        ]
    }

    func encode(to container: inout PersistenceContainer) {
        for (column, value) in columns { container[column] = value }
    }
}

struct OutboxRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "outbox"
    var id: Int64?
    var messageRowID: Int64
    var mailFrom: String
    var recipients: String
    var status: OutboxStatus
    var attempts: Int
    var nextAttemptAt: Date
    var lastError: String?
    var createdAt: Date
    var sentAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, recipients, status, attempts
        case messageRowID = "message_row_id", mailFrom = "mail_from", nextAttemptAt = "next_attempt_at"
        case lastError = "last_error", createdAt = "created_at", sentAt = "sent_at"
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Column → value, for GRDB and for the inserts and updates of `StoreTransaction`.
    var columns: [(String, (any DatabaseValueConvertible)?)] {
        [
            ("id", id),
            ("message_row_id", messageRowID),
            ("mail_from", mailFrom),
            ("recipients", recipients),
            ("status", status),
            ("attempts", attempts),
            ("next_attempt_at", StoreDate.text(nextAttemptAt)),
            ("last_error", lastError),
            ("created_at", StoreDate.text(createdAt)),
            ("sent_at", sentAt.map(StoreDate.text)),
        ]
    }

    func encode(to container: inout PersistenceContainer) {
        for (column, value) in columns { container[column] = value }
    }
}

struct MailboxStateRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "mailbox_state"
    var mailbox: String
    var uidValidity: Int64
    var lastUID: Int64

    enum CodingKeys: String, CodingKey {
        case mailbox
        case uidValidity = "uid_validity", lastUID = "last_uid"
    }
}
