import Foundation
public import GRDB
import Storage
public import TicketCore

extension TicketStatus: DatabaseValueConvertible {}
extension MessageDirection: DatabaseValueConvertible {}
extension OutboxStatus: DatabaseValueConvertible {}

struct MessageRecord: Decodable, FetchableRecord, TableRecord {
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
}

struct OutboxRecord: Decodable, FetchableRecord, TableRecord {
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
