import Foundation
@testable import Intake
import Testing
import TicketdTestSupport

@Suite struct MailSourceTests {
    /// `text` in a file of `directory`.
    func file(_ text: String, in directory: TemporaryDirectory) throws -> String {
        let path = directory.file("mail")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// mboxrd: messages split at `From ` lines, the separator line dropped, one `>` taken
    /// from escaped body lines, CRLF or LF.
    @Test(arguments: ["\n", "\r\n"])
    func anMboxIsSplitAndUnescaped(_ newline: String) throws {
        let text = [
            "From a@example.org Mon Nov 23 09:00:00 2026", "Subject: one", "", "body one", ">From the start", ">>From deeper", "",
            "From b@example.org Mon Nov 23 09:01:00 2026", "Subject: two", "", "body two", "", "",
        ].joined(separator: newline)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let source = try MailSource.open(try file(text, in: directory))
        #expect(source.kind == .mbox)
        #expect(source.count == 2)
        let first = String(decoding: try source.message(0), as: UTF8.self)
        #expect(first == ["Subject: one", "", "body one", "From the start", ">From deeper", ""].joined(separator: newline))
        #expect(String(decoding: try source.message(1), as: UTF8.self) == ["Subject: two", "", "body two", ""].joined(separator: newline))
    }

    @Test func aFileWithoutAFromLineIsOneMessage() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let source = try MailSource.open(try file("Subject: hi\r\n\r\nFrom here on\r\n", in: directory))
        #expect(source.kind == .file)
        #expect(try source.message(0) == Array("Subject: hi\r\n\r\nFrom here on\r\n".utf8))
    }

    /// A body line that starts with `From ` but is no envelope (no date, or not after a
    /// blank line) stays in its message: an outsider's body cannot start a message of its
    /// own, with headers of its choosing, in a backfill.
    @Test func onlyAnEnvelopeLineAfterABlankLineStartsAMessage() throws {
        let text = [
            "From a@example.org Mon Nov 23 09:00:00 2026", "Subject: one", "", "body one",
            "From here on, nothing works.", "", "From x@y with no date", "From: Ops <ops@example.org>",
            "Subject: [ticketd #1] x", "", "Status: open", "",
            "From b@example.org Mon Nov 23 09:01:00 2026", "Subject: two", "", "body two", "",
        ].joined(separator: "\n")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let source = try MailSource.open(try file(text, in: directory))
        #expect(source.count == 2)
        let first = String(decoding: try source.message(0), as: UTF8.self)
        #expect(first.contains("From here on, nothing works.") && first.contains("Status: open"))
        #expect(String(decoding: try source.message(1), as: UTF8.self).hasPrefix("Subject: two"))
    }

    /// The envelope sender is the sender's to choose: a long one still starts a message,
    /// and a first line of any shape starts the first, so that nothing is dropped.
    @Test func aLongEnvelopeLineStartsAMessageAndAnOddFirstLineLosesNothing() throws {
        let long = String(repeating: "x", count: 2_000) + "@evil.example"
        let text = [
            "From a@example.org Mon Nov 23 09:00:00 2026", "Subject: one", "", "body one", "",
            "From \(long) Mon Nov 23 09:01:00 2026", "Subject: two", "", "body two", "",
        ].joined(separator: "\n")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let source = try MailSource.open(try file(text, in: directory))
        #expect(source.count == 2)
        #expect(String(decoding: try source.message(1), as: UTF8.self).hasPrefix("Subject: two"))

        let odd = try MailSource.open(try file("From hello world\nSubject: three\n\nbody three\n", in: directory))
        #expect(odd.count == 1)
        #expect(String(decoding: try odd.message(0), as: UTF8.self).hasPrefix("Subject: three"))
    }

    @Test func aMaildirIsReadOldestFirstFromNewAndCur() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let root = directory.file("Maildir")
        for sub in ["cur", "new", "tmp"] { try FileManager.default.createDirectory(atPath: root + "/" + sub, withIntermediateDirectories: true) }
        try "b".write(toFile: root + "/new/1795424402.M2P1.host", atomically: true, encoding: .utf8)
        try "a".write(toFile: root + "/cur/1795424401.M1P1.host:2,S", atomically: true, encoding: .utf8)
        try "partial".write(toFile: root + "/tmp/1795424403.M3P1.host", atomically: true, encoding: .utf8)
        let source = try MailSource.open(root)
        #expect(source.kind == .maildir)
        #expect(try (0..<source.count).map { String(decoding: try source.message($0), as: UTF8.self) } == ["a", "b"])
    }
}
