public import Foundation
import GRDB
public import Storage

extension TicketStore: WebAccounts {
    public func addUser(_ user: WebUser) throws -> Bool {
        try writer.write { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM web_users WHERE name = ?", arguments: [user.name]) == nil else { return false }
            try db.execute(
                sql: "INSERT INTO web_users (name, address, password_hash, created_at) VALUES (?, ?, ?, ?)",
                arguments: [user.name, user.address, user.passwordHash, user.createdAt]
            )
            return true
        }
    }

    public func removeUser(named name: String) throws -> Bool {
        try writer.write { db in
            guard let stored = try String.fetchOne(db, sql: "SELECT name FROM web_users WHERE name = ?", arguments: [name]) else { return false }
            // Foreign keys remove the tokens; sessions name the user without a key (a proxy's
            // users have no account).
            try db.execute(sql: "DELETE FROM api_tokens WHERE user = ? COLLATE NOCASE", arguments: [stored])
            try db.execute(sql: "DELETE FROM web_sessions WHERE user = ? COLLATE NOCASE", arguments: [stored])
            try db.execute(sql: "DELETE FROM web_users WHERE name = ?", arguments: [stored])
            return true
        }
    }

    public func users() throws -> [WebUser] {
        try writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM web_users ORDER BY name").map(Self.user) }
    }

    public func user(named name: String) throws -> WebUser? {
        try writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM web_users WHERE name = ?", arguments: [name]).map(Self.user) }
    }

    static func user(_ row: Row) -> WebUser {
        WebUser(name: row["name"], address: row["address"], passwordHash: row["password_hash"], createdAt: row["created_at"])
    }

    public func addToken(user: String, label: String, hash: String, at date: Date) throws -> Int64 {
        try writer.write { db in
            try db.execute(
                sql: "INSERT INTO api_tokens (user, label, token_hash, created_at) VALUES ((SELECT name FROM web_users WHERE name = ?), ?, ?, ?)",
                arguments: [user, label, hash, date]
            )
            return db.lastInsertedRowID
        }
    }

    public func removeToken(id: Int64) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM api_tokens WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    public func tokens() throws -> [APIToken] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, user, label, created_at, last_used_at FROM api_tokens ORDER BY id").map { row in
                APIToken(id: row["id"], user: row["user"], label: row["label"], createdAt: row["created_at"], lastUsedAt: row["last_used_at"])
            }
        }
    }

    public func userOfToken(hash: String, at date: Date) throws -> WebUser? {
        let found = try writer.read { db in
            // Cached: every request of a token or a session asks, and parsing the SQL again
            // cost more than the lookup.
            try Row.fetchOne(
                db.cachedStatement(
                    sql: "SELECT u.*, t.id AS token_id, t.last_used_at AS token_used FROM api_tokens t JOIN web_users u ON u.name = t.user WHERE t.token_hash = ?"
                ),
                arguments: [hash]
            )
        }
        guard let row = found else { return nil }
        // The use is noted once a minute at most, so that a scraper's every request is a
        // read: a write would wait for the worker's batch to commit.
        let used: Date? = row["token_used"]
        if used.map({ $0 < date.addingTimeInterval(-60) }) ?? true {
            let id: Int64 = row["token_id"]
            try writer.write { db in try db.execute(sql: "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", arguments: [date, id]) }
        }
        return Self.user(row)
    }

    public func createSession(_ session: WebSession) throws {
        try writer.write { db in
            // Expired sessions go as new ones come: the table holds only live ones.
            try db.execute(sql: "DELETE FROM web_sessions WHERE expires_at <= ?", arguments: [session.createdAt])
            try db.execute(
                sql: "INSERT INTO web_sessions (id_hash, user, address, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [session.idHash, session.user, session.address, session.csrfToken, session.createdAt, session.expiresAt]
            )
        }
    }

    public func session(idHash: String, at date: Date) throws -> WebSession? {
        try writer.read { db in
            // Read straight from SQLite: every page asks, and GRDB's rows by name cost more
            // than the lookup.
            try StoreTransaction(db: db).firstRow(
                "SELECT id_hash, user, address, csrf_token, created_at, expires_at FROM web_sessions WHERE id_hash = ? AND expires_at > ?",
                { $0.add(idHash); $0.add(date) }
            ) { row in
                guard let idHash = row.string(0), let user = row.string(1), let address = row.string(2), let csrfToken = row.string(3),
                      let createdAt = try row.date(4), let expiresAt = try row.date(5) else { throw ColumnError(column: 0, value: .null) }
                return WebSession(idHash: idHash, user: user, address: address, csrfToken: csrfToken, createdAt: createdAt, expiresAt: expiresAt)
            }
        }
    }

    public func deleteSession(idHash: String) throws {
        try writer.write { db in try db.execute(sql: "DELETE FROM web_sessions WHERE id_hash = ?", arguments: [idHash]) }
    }

    public func recordLoginFailure(keys: [String], at date: Date) throws {
        try writer.write { db in
            // Failures older than a day count for nothing any more.
            try db.execute(sql: "DELETE FROM login_failures WHERE at < ?", arguments: [date.addingTimeInterval(-86400)])
            for key in keys { try db.execute(sql: "INSERT INTO login_failures (key, at) VALUES (?, ?)", arguments: [key, date]) }
        }
    }

    public func loginFailures(key: String, since: Date) throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM login_failures WHERE key = ? AND at >= ?", arguments: [key, since]) ?? 0 }
    }
}
