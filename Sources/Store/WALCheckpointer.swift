import Dispatch
import GRDBSQLite
import Synchronization

/// Copies the write-ahead log into the database file on a connection and thread of its
/// own. SQLite's automatic checkpoint runs on the writer, at a commit: every 64 MB of WAL
/// the writer, and with it the whole intake, stopped for a few tenths of a second. (Every
/// 4 MB, SQLite's default, it copied busy pages to the file again and again.)
///
/// The writer's WAL hook calls `walGrew` after each commit. From `background` frames on,
/// a passive checkpoint runs here while the writer goes on, copying what the log holds
/// when it starts. The log can only start over once it is copied in full before a write
/// transaction begins, so after a background round the writer copies the rest itself, at
/// its next commit: what it wrote during the round, a fraction of the whole. Should the
/// log still reach `inline` frames, the writer checkpoints itself, as SQLite would.
final class WALCheckpointer: Sendable {
    let path: String
    let background: Int32
    let inline: Int32
    private let queue: DispatchQueue
    private let running = Atomic<Bool>(false)
    /// Where the last background round stopped: the log's frames up to it are copied.
    private let copied = Atomic<Int32>(0)
    /// Background rounds run, for tests.
    let rounds = Atomic<Int>(0)

    init(path: String, background: Int32 = 16_000, inline: Int32 = 64_000) {
        self.path = path
        self.background = background
        self.inline = inline
        queue = DispatchQueue(label: "ticketd.checkpoint")
    }

    /// Installs the hook on the writer's connection (which turns off SQLite's own
    /// automatic checkpoint). The connection must not outlive `self`.
    func install(on connection: OpaquePointer) {
        sqlite3_wal_hook(connection, walHook, Unmanaged.passUnretained(self).toOpaque())
    }

    fileprivate func walGrew(to frames: Int32, connection: OpaquePointer?, database: UnsafePointer<CChar>?) {
        guard frames >= background else { return }
        let inRound = running.load(ordering: .acquiring)
        let copied = copied.load(ordering: .relaxed)
        if frames >= inline || (!inRound && copied > 0 && frames >= copied) {
            sqlite3_wal_checkpoint_v2(connection, database, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            self.copied.store(0, ordering: .relaxed)
        } else if !inRound, !running.exchange(true, ordering: .acquiringAndReleasing) {
            queue.async { self.checkpoint() }
        }
    }

    private func checkpoint() {
        var connection: OpaquePointer?
        var log: Int32 = 0
        var checkpointed: Int32 = 0
        // A connection finds the log only once it reads the database. Busy (another
        // process checkpointing) or failed: the next commit tries again, and the writer
        // checkpoints itself past `inline` frames.
        if sqlite3_open_v2(path, &connection, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK,
           sqlite3_exec(connection, "PRAGMA schema_version", nil, nil, nil) == SQLITE_OK,
           sqlite3_wal_checkpoint_v2(connection, "main", SQLITE_CHECKPOINT_PASSIVE, &log, &checkpointed) == SQLITE_OK {
            copied.store(checkpointed, ordering: .relaxed)
        }
        sqlite3_close_v2(connection)
        rounds.add(1, ordering: .relaxed)
        running.store(false, ordering: .releasing)
    }
}

private let walHook: @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32 = {
    context, connection, database, frames in
    guard let context else { return SQLITE_OK }
    Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue().walGrew(to: frames, connection: connection, database: database)
    return SQLITE_OK
}
