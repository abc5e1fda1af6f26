import Foundation
@testable import MailParsing
import Testing
import TicketCore
import Etpan

@Suite struct RobustnessTests {
    /// A deterministic generator so that a failure can be replayed.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let multipart = Array("""
    From: "A" <a@example.org>\r
    Subject: =?utf-8?B?w6nDqQ==?= test\r
    Content-Type: multipart/mixed; boundary="b1"\r
    \r
    --b1\r
    Content-Type: text/plain; charset=iso-8859-1\r
    Content-Transfer-Encoding: quoted-printable\r
    \r
    caf=E9\r
    --b1\r
    Content-Type: application/pdf; name="x.pdf"\r
    Content-Transfer-Encoding: base64\r
    \r
    JVBERi0xLjQK\r
    --b1--\r

    """.utf8)

    /// Ids are kept only when they could go back out in a reply's header as they are.
    @Test func messageIDsWithControlBytesOrOfThousandsOfCharactersAreNotKept() {
        let long = String(repeating: "a", count: 5_000) + "@x.example"
        let raw = "From: m@attacker.example\r\nMessage-ID: <a\u{1B}]0;owned\u{07}@x.example>\r\n"
            + "In-Reply-To: <ok@x.example> <\(long)>\r\nReferences: <b\u{07}@x.example> <good@x.example>\r\n\r\nbody\r\n"
        let message = MessageParser.parse(Array(raw.utf8))
        #expect(message.messageID == nil)
        #expect(message.inReplyTo == ["ok@x.example"])
        #expect(message.references == ["good@x.example"])
    }

    @Test(.timeLimit(.minutes(1)))
    func aTenMegabyteAttachmentIsDecodedWithItsSize() {
        let payload = [UInt8](repeating: 0xA5, count: 10 * 1024 * 1024)
        let base64 = Data(payload).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let raw = Array("""
        From: big@example.org\r
        Subject: big\r
        Content-Type: multipart/mixed; boundary="zz"\r
        \r
        --zz\r
        Content-Type: text/plain\r
        \r
        see attachment\r
        --zz\r
        Content-Type: application/octet-stream\r
        Content-Disposition: attachment; filename="dump.bin"\r
        Content-Transfer-Encoding: base64\r
        \r
        \(base64)\r
        --zz--\r

        """.utf8)
        let message = MessageParser.parse(raw)
        #expect(message.text == "see attachment")
        #expect(message.attachments == [Attachment(filename: "dump.bin", contentType: "application/octet-stream", size: payload.count)])
    }

    @Test(.timeLimit(.minutes(1)))
    func everyTruncationOfAMultipartMailParsesWithoutCrashing() {
        for length in 0...Self.multipart.count {
            let message = MessageParser.parse(Array(Self.multipart.prefix(length)))
            #expect(message.raw.count == length)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func randomBytesAndRandomMutationsNeverCrash() {
        var generator = SplitMix64(state: 20261124)
        for _ in 0..<2000 {
            var bytes = Self.multipart
            for _ in 0..<Int.random(in: 1...20, using: &generator) {
                let position = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[position] = UInt8.random(in: 0...255, using: &generator)
            }
            _ = MessageParser.parse(bytes)
            let noise = (0..<Int.random(in: 0...512, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = MessageParser.parse(noise)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func deeplyNestedMultipartsStopAtTheDepthLimit() {
        var raw = "From: a@example.org\r\nSubject: deep\r\n"
        for level in 0..<500 {
            raw += "Content-Type: multipart/mixed; boundary=\"l\(level)\"\r\n\r\n--l\(level)\r\n"
        }
        raw += "Content-Type: text/plain\r\n\r\ninnermost\r\n"
        let message = MessageParser.parse(Array(raw.utf8))
        #expect(message.subject == "deep")
    }

    @Test(.timeLimit(.minutes(1)))
    func aHugeHeaderWithThousandsOfEncodedWordsParsesQuickly() {
        let words = Array(repeating: "=?utf-8?q?a=C3=A9?=", count: 20_000).joined(separator: " ")
        let message = MessageParser.parse(Array("Subject: \(words)\r\n\r\nbody\r\n".utf8))
        #expect(message.subject == String(repeating: "aé", count: 20_000))
    }

    /// Outsider attack F5: 150,000 nested comments in an address or threading field made
    /// libetpan's recursive comment parser overflow the stack, on every start of the worker.
    @Test(.timeLimit(.minutes(1)), arguments: ["From", "To", "Cc", "Reply-To", "References", "In-Reply-To", "Date"])
    func deeplyNestedCommentsCannotOverflowTheStack(_ field: String) {
        let nested = String(repeating: "(", count: 150_000) + String(repeating: ")", count: 150_000)
        let raw = "Message-ID: <deep@x.example>\r\nSubject: deep\r\n\(field): \(nested) <x@y.example>\r\n\r\nbody\r\n"
        let message = MessageParser.parse(Array(raw.utf8))
        #expect(message.subject == "deep")
        #expect(message.messageID == "deep@x.example")
    }

    @Test func shallowCommentsAreLeftAsTheyAre() {
        let raw = Array("From: Ann (work (main)) <ann@x.example>\r\n\r\n(((a)))\r\n".utf8)
        #expect(CommentNesting.flattened(raw) == nil)
        #expect(MessageParser.parse(raw).from?.address == "ann@x.example")
        let deep = Array(("To: " + String(repeating: "(", count: 40) + String(repeating: ")", count: 40) + "\r\n").utf8)
        let flat = CommentNesting.flattened(deep)
        #expect(flat?.filter { $0 == UInt8(ascii: "(") }.count == CommentNesting.limit)
        #expect(flat?.filter { $0 == UInt8(ascii: ")") }.count == CommentNesting.limit)
    }
}

@Suite struct HeaderDecodingTests {
    @Test(arguments: [
        ("=?utf-8?B?w6k=?=", "é"),
        ("=?UTF-8?Q?caf=C3=A9_au_lait?=", "café au lait"),
        ("=?utf-8?q?a?= =?utf-8?q?b?=", "ab"),
        ("x =?utf-8?q?a?= y", "x a y"),
        ("=?utf-8?B?4oI=?= =?utf-8?B?rA==?=", "€"),
        ("=?iso-8859-1?q?=E9?= =?utf-8?q?=C3=A9?=", "éé"),
        ("=?utf-8*en?q?hi?=", "hi"),
        ("=?bogus?q?plain?=", "plain"),
        ("=?utf-8?x?not-an-encoding?=", "=?utf-8?x?not-an-encoding?="),
        ("no encoding at all", "no encoding at all"),
    ])
    func encodedWordsDecode(_ raw: String, _ expected: String) {
        #expect(EncodedWords.decode(Array(raw.utf8)) == expected)
    }

    @Test func parametersJoinRFC2231ContinuationsAndDecodeCharsets() {
        let value = StructuredValue(Array("attachment; filename*0*=utf-8''%E2%82%AC; filename*1=\" report.pdf\"; size=12".utf8))
        #expect(value.value == "attachment")
        #expect(value.parameters["filename"] == "€ report.pdf")
        #expect(value.parameters["size"] == "12")
    }

    @Test func quotedParametersKeepSemicolonsAndEscapes() {
        let value = StructuredValue(Array(#"text/plain; name="a;b \"c\".txt"; charset=UTF-8"#.utf8))
        #expect(value.value == "text/plain")
        #expect(value.parameters["name"] == #"a;b "c".txt"#)
        #expect(value.parameters["charset"] == "UTF-8")
    }

    @Test(arguments: [
        ("Tue, 3 Nov 2026 14:05:00 +0100", "2026-11-03T14:05:00+01:00"),
        ("3 Nov 2026 14:05:00 -0500", "2026-11-03T14:05:00-05:00"),
        ("Tue, 3 Nov 2026 14:05:00 GMT", "2026-11-03T14:05:00+00:00"),
        ("Tue, 3 Nov 2026 14:05:00 EST", "2026-11-03T14:05:00-05:00"),
        ("Tue, 3 Nov 2026 14:05:00 +0100 (CET)", "2026-11-03T14:05:00+01:00"),
    ])
    func datesKeepTheSendersOffset(_ raw: String, _ expected: String) {
        #expect(MessageParser.date(Array(raw.utf8))?.iso8601 == expected)
    }

    @Test func anUnparseableDateIsNil() {
        #expect(MessageParser.date(Array("next Tuesday".utf8)) == nil)
    }
}
