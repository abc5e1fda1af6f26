import GRDB
import GRDBSQLite
import TicketCore

/// Named migrations. A shipped migration never changes; new ones are appended.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: tickets, messages, mailbox state, outbox") { db in
            try db.create(table: "tickets") { t in
                t.autoIncrementedPrimaryKey("number")
                t.column("subject", .text).notNull()
                t.column("requester_name", .text)
                t.column("requester_address", .text).notNull()
                t.column("status", .text).notNull()
                t.column("mailbox", .text).notNull()
                t.column("created_at", .datetime).notNull()
                t.column("updated_at", .datetime).notNull()
            }
            try db.create(table: "messages") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("ticket_number", .integer).references("tickets", column: "number").indexed()
                // The Message-ID, or "sha256:<hash>" for mail without one: a mail is stored once.
                t.column("message_key", .text).notNull().unique()
                t.column("message_id", .text).indexed()
                t.column("direction", .text).notNull()
                t.column("mailbox", .text)
                t.column("uid_validity", .integer)
                t.column("uid", .integer)
                t.column("from_name", .text)
                t.column("from_address", .text)
                t.column("subject", .text)
                t.column("sent_date", .text)
                t.column("automatic", .text)
                t.column("thread_match", .text)
                t.column("content_hash", .text).notNull().indexed()
                t.column("raw", .blob).notNull()
                t.column("recorded_at", .datetime).notNull()
            }
            try db.create(table: "mailbox_state") { t in
                t.primaryKey("mailbox", .text)
                t.column("uid_validity", .integer).notNull()
                t.column("last_uid", .integer).notNull()
            }
            try db.create(table: "outbox") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("message_row_id", .integer).notNull().unique().references("messages")
                t.column("mail_from", .text).notNull()
                t.column("recipients", .text).notNull()
                t.column("status", .text).notNull()
                t.column("attempts", .integer).notNull()
                t.column("next_attempt_at", .datetime).notNull()
                t.column("last_error", .text)
                t.column("created_at", .datetime).notNull()
                t.column("sent_at", .datetime)
            }
            try db.create(index: "outbox_due", on: "outbox", columns: ["status", "next_attempt_at"])
        }
        migrator.registerMigration("v2: classification, links, changes, reviews, events") { db in
            try db.alter(table: "tickets") { t in
                t.add(column: "kind", .text).notNull().defaults(to: TicketKind.request.rawValue)
                t.add(column: "change_class", .text)
                t.add(column: "priority", .integer).notNull().defaults(to: Priority.low.rawValue)
                t.add(column: "unit", .text).notNull().defaults(to: "Operations")
                t.add(column: "rule", .text)
                t.add(column: "participants", .text).notNull().defaults(to: "[]")
                t.add(column: "fingerprint", .text)
                t.add(column: "parent", .integer).references("tickets")
                t.add(column: "follows", .integer).references("tickets")
                t.add(column: "maintenance", .integer).references("tickets")
                t.add(column: "service", .text)
                t.add(column: "window_start", .datetime)
                t.add(column: "window_end", .datetime)
                t.add(column: "assessed", .boolean).notNull().defaults(to: false)
                t.add(column: "approval", .text)
                t.add(column: "needs_post_review", .boolean).notNull().defaults(to: false)
                t.add(column: "review_requested_at", .datetime)
                t.add(column: "review_closes_at", .datetime)
                t.add(column: "review_answers", .text)
                t.add(column: "review_outcome", .text)
            }
            try db.create(index: "tickets_fingerprint", on: "tickets", columns: ["fingerprint", "created_at"])
            try db.create(index: "tickets_parent", on: "tickets", columns: ["parent"])
            try db.create(index: "tickets_review_due", on: "tickets", columns: ["review_closes_at"])
            try db.create(table: "ticket_events") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("ticket_number", .integer).notNull().references("tickets").indexed()
                t.column("at", .datetime).notNull()
                t.column("actor", .text).notNull()
                t.column("field", .text).notNull()
                t.column("old_value", .text)
                t.column("new_value", .text)
                t.column("reason", .text)
            }
        }
        migrator.registerMigration("v3: SLA clocks") { db in
            try db.create(table: "sla_clocks") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("ticket_number", .integer).notNull().references("tickets").indexed()
                t.column("kind", .text).notNull()
                t.column("unit", .text).notNull()
                t.column("priority", .integer).notNull()
                t.column("target_seconds", .double).notNull()
                t.column("started_at", .datetime).notNull()
                t.column("consumed_seconds", .double).notNull()
                t.column("segment_start", .datetime)
                t.column("pauses", .text).notNull()
                t.column("stopped_at", .datetime)
                t.column("warn_at", .datetime)
                t.column("due_at", .datetime)
                t.column("outcome", .text).notNull()
                t.column("warning_fraction", .double).notNull()
                t.column("warned_at", .datetime)
                t.column("breached_at", .datetime)
            }
            // The scheduler's two questions: what warns next, what falls due next.
            try db.create(index: "sla_clocks_warn", on: "sla_clocks", columns: ["warned_at", "warn_at"])
            try db.create(index: "sla_clocks_due", on: "sla_clocks", columns: ["breached_at", "due_at"])
            try db.create(index: "sla_clocks_report", on: "sla_clocks", columns: ["kind", "started_at"])
        }
        migrator.registerMigration("v4: automatic mail per recipient") { db in
            // One row per recipient of each automatic mail, for the per-recipient limits.
            try db.create(table: "auto_replies") { t in
                t.column("recipient", .text).notNull()
                t.column("at", .datetime).notNull()
            }
            try db.create(index: "auto_replies_recipient", on: "auto_replies", columns: ["recipient", "at"])
            // Addresses that bounced permanently get no automatic mail until `until`.
            try db.create(table: "suppressions") { t in
                t.primaryKey("address", .text)
                t.column("until", .datetime).notNull()
                t.column("reason", .text).notNull()
            }
        }
        migrator.registerMigration("v5: quarantine") { db in
            try db.create(table: "failures") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("mailbox", .text).notNull()
                t.column("uid", .integer)
                t.column("message_id", .text)
                t.column("reason", .text).notNull()
                t.column("raw", .blob).notNull()
                t.column("failed_at", .datetime).notNull()
                t.column("retried_at", .datetime)
                t.column("retry_outcome", .text)
            }
        }
        migrator.registerMigration("v6: raw bytes in the last column") { db in
            // SQLite writes a large blob in pieces (incremental blob I/O) without building
            // the row in memory only when the blob is the row's last column. The tables are
            // rebuilt with `raw` last (SQLite's documented procedure; GRDB runs migrations
            // with foreign key checks deferred to the end).
            try rebuild(db, table: "messages", columns: [
                "id", "ticket_number", "message_key", "message_id", "direction", "mailbox", "uid_validity", "uid", "from_name",
                "from_address", "subject", "sent_date", "automatic", "thread_match", "content_hash", "recorded_at", "raw",
            ]) { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("ticket_number", .integer).references("tickets", column: "number")
                t.column("message_key", .text).notNull().unique()
                t.column("message_id", .text)
                t.column("direction", .text).notNull()
                t.column("mailbox", .text)
                t.column("uid_validity", .integer)
                t.column("uid", .integer)
                t.column("from_name", .text)
                t.column("from_address", .text)
                t.column("subject", .text)
                t.column("sent_date", .text)
                t.column("automatic", .text)
                t.column("thread_match", .text)
                t.column("content_hash", .text).notNull()
                t.column("recorded_at", .datetime).notNull()
                t.column("raw", .blob).notNull()
            }
            try db.create(index: "messages_on_ticket_number", on: "messages", columns: ["ticket_number"])
            try db.create(index: "messages_on_message_id", on: "messages", columns: ["message_id"])
            try db.create(index: "messages_on_content_hash", on: "messages", columns: ["content_hash"])
            try rebuild(db, table: "failures", columns: [
                "id", "mailbox", "uid", "message_id", "reason", "failed_at", "retried_at", "retry_outcome", "raw",
            ]) { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("mailbox", .text).notNull()
                t.column("uid", .integer)
                t.column("message_id", .text)
                t.column("reason", .text).notNull()
                t.column("failed_at", .datetime).notNull()
                t.column("retried_at", .datetime)
                t.column("retry_outcome", .text)
                t.column("raw", .blob).notNull()
            }
        }
        migrator.registerMigration("v7: maintenance windows by index") { db in
            // Every new incident asks for the maintenance windows that cover now: without
            // this index that was a scan of all tickets per message.
            try db.create(index: "tickets_kind_window", on: "tickets", columns: ["kind", "window_start"])
        }
        migrator.registerMigration("v8: open ticket of a fingerprint by index") { db in
            // Each new incident looks for the open problem of its fingerprint, and each
            // monitoring alert for the open incident of its key: with only (fingerprint,
            // created_at), SQLite read every ticket of the fingerprint, each time.
            try db.create(index: "tickets_fingerprint_kind", on: "tickets", columns: ["fingerprint", "kind"])
        }
        migrator.registerMigration("v9: tickets opened by automatic mail") { db in
            try db.alter(table: "tickets") { t in t.add(column: "automatic", .text) }
            // Tickets opened before by automatic mail: the mail that opened them says why.
            try db.execute(sql: """
                UPDATE tickets SET automatic = opening.automatic
                FROM (SELECT ticket_number, automatic FROM messages
                      WHERE automatic IS NOT NULL AND thread_match = 'new' AND direction = 'incoming') AS opening
                WHERE tickets.number = opening.ticket_number
                """)
        }
        migrator.registerMigration("v10: the worker's heartbeat per mailbox") { db in
            try db.create(table: "mailbox_passes") { t in
                t.primaryKey("mailbox", .text)
                t.column("last_success_at", .datetime)
                t.column("last_failure_at", .datetime)
                t.column("last_error", .text)
                t.column("failures_in_a_row", .integer).notNull().defaults(to: 0)
            }
        }
        migrator.registerMigration("v11: web accounts, API tokens, sessions, failed sign-ins") { db in
            try db.create(table: "web_users") { t in
                t.primaryKey("name", .text).collate(.nocase)
                t.column("address", .text).notNull()
                t.column("password_hash", .text).notNull()
                t.column("created_at", .datetime).notNull()
            }
            try db.create(table: "api_tokens") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("user", .text).notNull().references("web_users", column: "name", onDelete: .cascade)
                t.column("label", .text).notNull()
                t.column("token_hash", .text).notNull().unique()
                t.column("created_at", .datetime).notNull()
                t.column("last_used_at", .datetime)
            }
            try db.create(table: "web_sessions") { t in
                t.primaryKey("id_hash", .text)
                t.column("user", .text).notNull().indexed()
                t.column("address", .text).notNull()
                t.column("csrf_token", .text).notNull()
                t.column("created_at", .datetime).notNull()
                t.column("expires_at", .datetime).notNull()
            }
            try db.create(table: "login_failures") { t in
                t.column("key", .text).notNull()
                t.column("at", .datetime).notNull()
            }
            try db.create(index: "login_failures_by_key", on: "login_failures", columns: ["key", "at"])
        }
        migrator.registerMigration("v12: running clocks by unit, for /metrics") { db in
            try db.execute(sql: "CREATE INDEX sla_clocks_running ON sla_clocks (unit) WHERE stopped_at IS NULL")
        }
        migrator.registerMigration("v13: the queue's running response clocks by due instant") { db in
            // The web queue walks the running response clocks soonest due first and stops
            // after a page: over a million open tickets, a sort of all of them took seconds.
            try db.execute(sql: "CREATE INDEX sla_clocks_queue ON sla_clocks (due_at, ticket_number) WHERE stopped_at IS NULL AND kind = 'response'")
        }
        migrator.registerMigration("v14: the outbox sender's last exchange with the SMTP server") { db in
            try db.create(table: "smtp_passes") { t in
                t.primaryKey("server", .text)
                t.column("last_success_at", .datetime)
                t.column("last_failure_at", .datetime)
                t.column("last_error", .text)
                t.column("failures_in_a_row", .integer).notNull().defaults(to: 0)
            }
        }
        migrator.registerMigration("v15: the decision times of the mail taken in, for /metrics") { db in
            // One row: the counts per bucket (ProcessingTimes.bounds) as comma-separated
            // numbers, and their sum in seconds.
            try db.execute(sql: "CREATE TABLE processing_times (id INTEGER PRIMARY KEY CHECK (id = 1), counts TEXT NOT NULL, sum_seconds REAL NOT NULL)")
        }
        migrator.registerMigration("v16: releases and the changes' plans") { db in
            try db.alter(table: "tickets") { t in
                t.add(column: "release", .text)
                t.add(column: "change_plan", .text)
            }
            try db.execute(sql: "CREATE INDEX tickets_releases ON tickets (kind) WHERE kind = 'release'")
        }
        migrator.registerMigration("v17: no partial index on the tickets' kind") { db in
            // A partial index on `kind = 'release'` made SQLite prepare again, at every run,
            // each statement that binds `kind = ?` (the value might pick that index): the
            // intake's lookups of problems and maintenances, a fifth of its CPU. The release
            // tickets are found through `tickets_kind_window`, which starts with the kind.
            // (888af78, a commit never released, had a v17 of another name: its database is
            // not upgraded.)
            try db.execute(sql: "DROP INDEX tickets_releases")
        }
        return migrator
    }

    /// A number for the list of migrations (FNV-1a of their names, in 31 bits), which the
    /// file's `user_version` holds once they have all run.
    static let stamp: Int32 = {
        var hash: UInt32 = 2_166_136_261
        for byte in migrator.migrations.joined(separator: "\n").utf8 {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        return Int32(bitPattern: hash & 0x7FFF_FFFF) | 1
    }()

    /// Runs the migrations the file lacks. A file whose `user_version` is this list's
    /// stamp has them all, and is left as it is: the migrator's reading of its table, at
    /// every start of every one-shot command, cost `ingest -` a fiftieth of its work. Any
    /// other (older, or made by another list of migrations) goes through the migrator,
    /// which brings it up to date or refuses it.
    static func bringUpToDate(_ writer: any DatabaseWriter) throws {
        let current = try writer.read { db -> Int32 in
            // Through SQLite itself: GRDB's typed fetch looked up conformances too.
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(db.sqliteConnection, "PRAGMA user_version", -1, &statement, nil) == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: sqlite3_errcode(db.sqliteConnection)), message: "PRAGMA user_version")
            }
            defer { sqlite3_finalize(statement) }
            return sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int(statement, 0) : 0
        }
        guard current != stamp else { return }
        try migrator.migrate(writer)
        // A user who may read the file but not write it (a probe's) leaves it unstamped:
        // the next open goes through the migrator again, as every open did before.
        try? writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA user_version = \(stamp)") }
    }

    /// Creates `table` anew with `define`, copies `columns` over, and replaces the old one.
    private static func rebuild(
        _ db: Database, table: String, columns: [String], define: (TableDefinition) throws -> Void
    ) throws {
        let list = columns.joined(separator: ", ")
        try db.create(table: table + "_new", body: define)
        try db.execute(sql: "INSERT INTO \(table)_new (\(list)) SELECT \(list) FROM \(table)")
        try db.drop(table: table)
        try db.rename(table: table + "_new", to: table)
    }
}
