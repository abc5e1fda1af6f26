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

struct OutboxRecord: FetchableRecord, TableRecord {
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

    enum Columns: String {
        case id, recipients, status, attempts
        case messageRowID = "message_row_id", mailFrom = "mail_from", nextAttemptAt = "next_attempt_at"
        case lastError = "last_error", createdAt = "created_at", sentAt = "sent_at"
    }

    /// Read column by column rather than through `Decodable`, whose decoder cast each
    /// value's type to GRDB's protocols (a one-shot command paid a conformance lookup for
    /// each type, the first time it read one).
    init(row: Row) throws {
        id = try row.decode(forColumn: Columns.id.rawValue)
        messageRowID = try row.decode(forColumn: Columns.messageRowID.rawValue)
        mailFrom = try row.decode(forColumn: Columns.mailFrom.rawValue)
        recipients = try row.decode(forColumn: Columns.recipients.rawValue)
        status = try row.decode(forColumn: Columns.status.rawValue)
        attempts = try row.decode(forColumn: Columns.attempts.rawValue)
        nextAttemptAt = try row.decode(forColumn: Columns.nextAttemptAt.rawValue)
        lastError = try row.decode(forColumn: Columns.lastError.rawValue)
        createdAt = try row.decode(forColumn: Columns.createdAt.rawValue)
        sentAt = try row.decode(forColumn: Columns.sentAt.rawValue)
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
