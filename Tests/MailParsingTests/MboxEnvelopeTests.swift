import Foundation
import MailParsing
import Testing
import TicketCore

/// Issue 14, point 5: a mail with an mbox envelope line, as an MTA's pipe, procmail or a
/// spool writes it, is read as the mail it carries, on every path (they all parse here).
@Suite struct MboxEnvelopeTests {
    static let mail = "From ann@uni.example  Tue Nov 10 10:00:00 2026\r\nFrom: Ann <ann@uni.example>\r\nSubject: Disk full\r\n"
        + "Message-ID: <m1@uni.example>\r\n\r\nHello,\r\n>From the logs: the disk is full.\r\n>>From here on\r\nFrom me\r\n"

    @Test func theEnvelopeLineIsDroppedAndTheHeaderRead() {
        let message = MessageParser.parse(Array(Self.mail.utf8))
        #expect(message.from?.address == "ann@uni.example")
        #expect(message.subject == "Disk full")
        #expect(message.messageID == "m1@uni.example")
        #expect(message.text == "Hello,\nFrom the logs: the disk is full.\n>From here on\nFrom me\n")
    }

    @Test func aMailWithoutAnEnvelopeLineKeepsItsQuotedLines() {
        let plain = Self.mail.replacingOccurrences(of: "From ann@uni.example  Tue Nov 10 10:00:00 2026\r\n", with: "")
        let message = MessageParser.parse(Array(plain.utf8))
        #expect(message.subject == "Disk full")
        #expect(message.text?.contains(">From the logs") == true)
    }

    @Test func anEnvelopeLineAloneIsAnEmptyMail() {
        #expect(MessageParser.parse(Array("From x".utf8)).from == nil)
    }
}
