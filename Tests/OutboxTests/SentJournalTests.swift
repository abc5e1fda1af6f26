import Foundation
import Outbox
import Storage
import Testing

@Suite struct SentJournalTests {
    func withJournal(_ body: (String) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ticketd-journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(directory.appendingPathComponent("ticketd.sqlite").path)
    }

    @Test func marksSurviveTheProcessAndAreEmptiedOnceCommitted() throws {
        try withJournal { database in
            let at = Date(timeIntervalSince1970: 1_795_424_400.25)
            do {
                let journal = try SentJournal(databasePath: database)
                try journal.record(SentMark(outboxID: 7, at: at))
                try journal.record(SentMark(outboxID: 9, at: at))
            }
            // A new process finds them, in order.
            let journal = try SentJournal(databasePath: database)
            #expect(try journal.marks() == [SentMark(outboxID: 7, at: at), SentMark(outboxID: 9, at: at)])
            try journal.clear()
            #expect(try journal.marks().isEmpty)
            try journal.record(SentMark(outboxID: 10, at: at))
            #expect(try journal.marks().map(\.outboxID) == [10])
        }
    }

    @Test func aTornLastLineIsLeftOut() throws {
        try withJournal { database in
            let journal = try SentJournal(databasePath: database)
            try journal.record(SentMark(outboxID: 3, at: Date(timeIntervalSince1970: 5)))
            let handle = try #require(FileHandle(forWritingAtPath: journal.path))
            handle.seekToEndOfFile()
            handle.write(Data("12".utf8))  // a crash in the middle of the next line
            try handle.close()
            #expect(try journal.marks().map(\.outboxID) == [3])
        }
    }

    @Test func onlyOneHolderSendsTheOutbox() throws {
        try withJournal { database in
            let first = try SentJournal(databasePath: database)
            let second = try SentJournal(databasePath: database)
            #expect(first.tryLock())
            #expect(!second.tryLock())
            first.unlock()
            #expect(second.tryLock())
            second.unlock()
        }
    }
}
