import Foundation
@testable import Store
import Synchronization
import Testing

@Suite struct WALCheckpointerTests {
    func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    /// The log is copied to the database file on another thread while the writer goes on,
    /// and starts over: it stays a few rounds long instead of holding everything written.
    @Test func theLogIsCopiedInTheBackgroundAndStartsOverWhileTheWriterGoesOn() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ticketd-wal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ticketd.sqlite").path
        let checkpointer = WALCheckpointer(path: path, background: 200, inline: 1_000_000)
        let store = try TicketStore.open(path: path, checkpointer: checkpointer)
        var longestLog = 0
        // 300 transactions of 40 KB: 12 MB of log without a checkpoint.
        for transaction in 0..<300 {
            try store.transaction { tx in
                for index in 0..<5 {
                    try tx.recordFailure(
                        mailbox: "support", uid: UInt32(transaction * 5 + index), messageID: nil, reason: "test",
                        raw: Array(repeating: UInt8(index), count: 8000), at: Date()
                    )
                }
            }
            longestLog = max(longestLog, fileSize(path + "-wal"))
        }
        #expect(checkpointer.rounds.load(ordering: .relaxed) > 0)
        #expect(fileSize(path) > 4_000_000, "the pages reached the database file while the writer was open")
        // Half of what was written: a loaded machine (the whole suite at once) can delay
        // the background round by a few transactions (4.1 MB was seen), never by half.
        #expect(longestLog < 6_000_000, "the log started over")
    }
}
