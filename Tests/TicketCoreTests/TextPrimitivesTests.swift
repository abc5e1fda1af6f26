import Foundation
import Testing
import TicketCore

/// Issue 18: helpers that stand in for Foundation calls whose first use cost a one-shot
/// command conformance lookups give what those calls gave.
@Suite struct TextPrimitivesTests {
    static let pieces = [
        " ", "\t", "\n", "\r\n", "\u{0B}", "\u{85}", "\u{A0}", "\u{2028}", "\u{3000}", "\u{200B}", "a", "Z", "é", "e\u{301}",
        "\u{301}", "\"", "'", "<", ">", "-", "😀", "👍🏽", "日本", "\\", "x y",
    ]

    /// Random texts of the pieces, and some written by hand.
    static func texts() -> [String] {
        var generator = SystemRandomNumberGenerator()
        var texts = ["", " ", "  a  ", "\t\"quoted\"\t", "<a@b>", " \u{301}x ", "\u{A0}x\u{3000}", "😀 ", " -x- "]
        for _ in 0..<3_000 {
            texts.append((0..<Int.random(in: 1...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        return texts
    }

    @Test func trimmingScalarsIsWhatFoundationTrimmingGives() {
        let sets: [CharacterSet] = [
            .whitespaces, .whitespacesAndNewlines, .newlines, CharacterSet(charactersIn: " \t<>"), CharacterSet(charactersIn: " \t\"'"),
            CharacterSet(charactersIn: " -"),
        ]
        for text in Self.texts() {
            for set in sets {
                #expect(text.trimmingScalars(in: set) == text.trimmingCharacters(in: set), "\(text.debugDescription)")
                let sub = Substring(text)
                #expect(sub.trimmingScalars(in: set) == sub.trimmingCharacters(in: set), "\(text.debugDescription)")
            }
        }
    }

    @Test(arguments: [
        "/var/lib/ticketd/ticketd.sqlite", "/ticketd.sqlite", "/a/b", "/", "/a/b/", "/a//b", "/a/./b", "/a/../b", "/a/b/..", "/a/b/.",
        "relative.sqlite", "folder/file", "./x", "../x", "", "/a b/c d", "/é/ü.sqlite",
    ])
    func aFileFolderIsWhatURLGives(_ path: String) {
        #expect(FilePaths.folder(of: path) == URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }
}
