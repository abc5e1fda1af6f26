import Foundation
import Storage
import Testing
import TicketCore
import TicketdApp

/// Issue 14, point 7: nothing a mail carries acts on the terminal of whoever lists or shows
/// the tickets.
@Suite struct TerminalSafetyTests {
    static let hostile = "Help\u{1B}[2J\u{1B}]0;pwned\u{07}\r\nFAKE LINE\u{202E}txt.exe\u{9B}31m\u{2028}NEXT\u{200F}"

    /// Only line breaks (and a body's tabs) may remain of the control characters.
    func controlCharacters(in text: String) -> [UInt32] {
        text.unicodeScalars.map(\.value).filter { value in
            (value < 0x20 && value != 0x0A && value != 0x09) || (0x7F...0x9F).contains(value)
                || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
                || [0x200E, 0x200F, 0x061C, 0x2028, 0x2029].contains(value)
        }
    }

    var ticket: Ticket {
        Ticket(
            number: 7, subject: Self.hostile, requester: EmailAddress(name: "Eve\u{1B}[31m", address: "eve@evil.example"), status: .new,
            mailbox: "support", createdAt: Date(timeIntervalSince1970: 1_794_304_800), updatedAt: Date(timeIntervalSince1970: 1_794_304_800)
        )
    }

    @Test func aListShowsControlCharactersEscapedAndKeepsOneLinePerTicket() {
        let text = TicketViews.listText([ticket])
        #expect(controlCharacters(in: text).isEmpty)
        #expect(text.split(separator: "\n").count == 2)
        #expect(text.contains("Help\\x1b[2J\\x1b]0;pwned\\x07\\x0d\\x0aFAKE LINE\\u{202E}txt.exe\\x9b31m\\u{2028}NEXT\\u{200F}"))
    }

    @Test func showEscapesTheSubjectNamesEventsAndTheMailText() {
        let raw = "From: \"Eve\u{1B}[31m\" <eve@evil.example>\r\nSubject: =?utf-8?B?\(Data("x\u{1B}[2Jy".utf8).base64EncodedString())?=\r\n\r\nline one\u{1B}[8m hidden\r\n\tindented\r\n"
        let message = StoredMessage(
            id: 1, ticketNumber: 7, messageID: "a@b", direction: .incoming, mailbox: "support", uid: 1, from: nil, subject: nil,
            sentDate: nil, automatic: nil, threadMatch: "new", recordedAt: ticket.createdAt, raw: Array(raw.utf8)
        )
        let event = TicketEvent(ticket: 7, at: ticket.createdAt, actor: "eve\u{1B}@x", field: .comment, newValue: "a\u{1B}[1Ab\nc")
        let text = TicketViews.showText(ticket, messages: [message], events: [event])
        #expect(controlCharacters(in: text).isEmpty)
        #expect(text.contains("line one\\x1b[8m hidden\n\tindented"))
        #expect(text.contains("a\\x1b[1Ab\\x0ac"))
    }
}
