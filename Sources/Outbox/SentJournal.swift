import Foundation
public import Storage

/// A file beside the database where the outbox sender notes each row the SMTP server
/// accepted, right after it accepted it: one `write(2)` of a short line, which outlives a
/// crash of ticketd, and takes no database lock. Marking the row sent in the database
/// would have to wait for the writer, which is busy committing incoming mail; the marks
/// are folded into the database in batches instead (`OutboxStore.markSent`), and the
/// journal emptied once they are committed. After a crash, at most the one message in
/// flight goes out twice; after a power cut, the marks of the last moments may be lost
/// and those replies resent.
public final class SentJournal: @unchecked Sendable {
    public let path: String
    // Only the one outbox sender of a process uses a journal; the lock guards misuse.
    private let lock = NSLock()
    private var descriptor: Int32

    public init(path: String) throws {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw JournalError(operation: "open", path: path, code: errno) }
    }

    deinit { close(descriptor) }

    /// The journal of the database at `databasePath`.
    public convenience init(databasePath: String) throws {
        try self.init(path: databasePath + "-sent")
    }

    /// Notes that `mark.outboxID` was accepted.
    public func record(_ mark: SentMark) throws {
        let line = Array("\(mark.outboxID) \(mark.at.timeIntervalSince1970)\n".utf8)
        try lock.withLock {
            let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written == line.count else { throw JournalError(operation: "write", path: path, code: errno) }
        }
    }

    /// Every mark in the journal. A torn last line (a crash in the middle of a write) is
    /// left out: its reply is sent again.
    public func marks() throws -> [SentMark] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw JournalError(operation: "read", path: path, code: errno)
        }
        return data.split(separator: UInt8(ascii: "\n")).compactMap { line in
            let fields = line.split(separator: UInt8(ascii: " "))
            guard fields.count == 2, let id = Int64(String(decoding: fields[0], as: UTF8.self)),
                  let seconds = Double(String(decoding: fields[1], as: UTF8.self))
            else { return nil }
            return SentMark(outboxID: id, at: Date(timeIntervalSince1970: seconds))
        }
    }

    /// Only one process sends a database's outbox at a time: the one holding this lock
    /// (the worker, or `ticketd ingest` while no worker runs).
    public func tryLock() -> Bool { flock(descriptor, LOCK_EX | LOCK_NB) == 0 }

    public func unlock() { flock(descriptor, LOCK_UN) }

    /// Empties the journal, once its marks are committed to the database.
    public func clear() throws {
        try lock.withLock {
            guard ftruncate(descriptor, 0) == 0 else { throw JournalError(operation: "truncate", path: path, code: errno) }
        }
    }
}

public struct JournalError: Error, CustomStringConvertible {
    public var operation: String
    public var path: String
    public var code: Int32

    public var description: String { "\(operation) \(path) failed: \(String(cString: strerror(code)))" }
}
