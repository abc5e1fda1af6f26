import Foundation

/// Which fetched messages the worker is reading or processing, kept durably outside the
/// database's transactions (issue 14, point 1). A message still listed when the worker
/// starts was in flight when it ended abnormally (a crash, a kill, the watchdog); each
/// such end counts. A message counted once is then read alone, in a transaction of its
/// own; one counted twice is quarantined without being parsed again, so that no mail can
/// hold the desk in a crash loop.
///
/// A small text file beside the database, one line per message in flight:
/// `attempts<TAB>uidvalidity<TAB>uid<TAB>mailbox`. It is rewritten whole (written to a
/// temporary file, synced, renamed) when a batch begins; what ends is taken out lazily.
public final class AttemptJournal: @unchecked Sendable {
    public let path: String
    private let lock = NSLock()
    private var entries: [Key: Int] = [:]
    /// Begun by this process and not yet ended.
    private var inFlight: Set<Key> = []

    public struct Key: Hashable, Sendable {
        public var mailbox: String
        public var uidValidity: UInt32
        public var uid: UInt32

        public init(mailbox: String, uidValidity: UInt32, uid: UInt32) {
            self.mailbox = mailbox
            self.uidValidity = uidValidity
            self.uid = uid
        }
    }

    /// Opens the journal; what it lists was in flight at the last end.
    public init(path: String) throws {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path) else {
            guard !FileManager.default.fileExists(atPath: path) else { throw AttemptJournalError(path: path, reason: "cannot be read") }
            return
        }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count == 4, let attempts = Int(fields[0]), let validity = UInt32(fields[1]), let uid = UInt32(fields[2]) else { continue }
            entries[Key(mailbox: String(fields[3]), uidValidity: validity, uid: uid)] = attempts
        }
    }

    /// The journal file for a database file.
    public static func path(forDatabase database: String) -> String { database + "-attempts" }

    /// How many times each message was in flight at an abnormal end (0 when never).
    public func abnormalEnds(_ keys: [Key]) -> [Key: Int] {
        lock.withLock { Dictionary(uniqueKeysWithValues: keys.map { ($0, entries[$0] ?? 0) }) }
    }

    /// Records, durably, that the messages are in flight: should the worker end before
    /// `end`, each counts one abnormal end more.
    public func begin(_ keys: [Key]) throws {
        guard !keys.isEmpty else { return }
        try lock.withLock {
            for key in keys {
                entries[key, default: 0] += 1
                inFlight.insert(key)
            }
            try write(sync: true)
        }
    }

    /// The messages are done (committed, or left for the next start by a graceful stop):
    /// they no longer count. Not synced: should this be lost, the messages are done all
    /// the same and are never read again.
    public func end(_ keys: [Key]) throws {
        guard !keys.isEmpty else { return }
        try lock.withLock {
            var changed = false
            for key in keys {
                inFlight.remove(key)
                changed = entries.removeValue(forKey: key) != nil || changed
            }
            if changed { try write(sync: false) }
        }
    }

    /// Forgets what a mailbox's committed state shows done: messages up to `lastUID`, and
    /// any of an older UIDVALIDITY.
    public func prune(mailbox: String, uidValidity: UInt32, lastUID: UInt32) throws {
        try lock.withLock {
            let done = entries.keys.filter { $0.mailbox == mailbox && ($0.uidValidity != uidValidity || $0.uid <= lastUID) && !inFlight.contains($0) }
            guard !done.isEmpty else { return }
            for key in done { entries.removeValue(forKey: key) }
            try write(sync: false)
        }
    }

    /// The mailbox's pass ended without a crash (done, stopped gracefully, or failed and
    /// to be retried): what it began and did not end was not in flight at an abnormal end,
    /// and its count is given back.
    public func settle(mailbox: String) throws {
        try lock.withLock {
            let unfinished = inFlight.filter { $0.mailbox == mailbox }
            guard !unfinished.isEmpty else { return }
            for key in unfinished {
                inFlight.remove(key)
                guard let count = entries[key] else { continue }
                entries[key] = count > 1 ? count - 1 : nil
            }
            try write(sync: false)
        }
    }

    private func write(sync: Bool) throws {
        var text = ""
        for (key, attempts) in entries.sorted(by: { ($0.key.mailbox, $0.key.uid) < ($1.key.mailbox, $1.key.uid) }) {
            text += "\(attempts)\t\(key.uidValidity)\t\(key.uid)\t\(key.mailbox)\n"
        }
        let temporary = path + ".new"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw AttemptJournalError(path: temporary, reason: String(cString: strerror(errno))) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        let synced = !sync || fsync(descriptor) == 0
        close(descriptor)
        guard written == bytes.count, synced else { throw AttemptJournalError(path: temporary, reason: "write failed") }
        guard rename(temporary, path) == 0 else { throw AttemptJournalError(path: path, reason: String(cString: strerror(errno))) }
    }
}

public struct AttemptJournalError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "attempt journal \(path): \(reason)" }
}
