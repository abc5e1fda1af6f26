import Foundation
import MailParsing
import Testing
import TicketCore
import TicketdTestSupport

/// The pass over a mail's bytes before it is parsed (issue 14, point 2): one refusal per
/// limit, and no refusal of real mail.
@Suite struct StructureScanTests {
    static let limits = MessageLimits()

    static func scan(_ bytes: [UInt8], _ limits: MessageLimits = limits) -> StructureViolation? {
        StructureScan.violation(in: bytes, limits: limits)
    }

    static func mail(_ text: String) -> [UInt8] { Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8) }

    /// By name: the test's arguments are printed, and these mails are megabytes long.
    static let overLimits: [String: (mail: @Sendable () -> [UInt8], expected: StructureViolation)] = [
        "multiparts nested 51 deep": ({ HostileMail.nestedMultiparts(51) }, .mimeDepth(limit: 50)),
        "messages nested 51 deep": ({ HostileMail.nestedMessages(51) }, .mimeDepth(limit: 50)),
        "messages nested 100,000 deep": ({ HostileMail.nestedMessages(100_000) }, .mimeDepth(limit: 50)),
        "10,001 header lines": ({ HostileMail.manyHeaderLines(10_000) }, .headerLines(limit: 10_000)),
        "a line of 600 KB": ({ mail("Subject: x\n\n" + String(repeating: "y", count: 600_000) + "\n") }, .lineBytes(line: 3, limit: 524_288)),
        "a header line of 600 KB": ({ mail("Subject: " + String(repeating: "y", count: 600_000) + "\n\nbody\n") }, .lineBytes(line: 1, limit: 524_288)),
    ]

    @Test(arguments: overLimits.keys.sorted())
    func aMailPastALimitIsRefusedWithThatLimit(_ name: String) throws {
        let entry = try #require(Self.overLimits[name])
        let bytes = entry.mail()
        #expect(Self.scan(bytes) == entry.expected)
    }

    @Test func aMailOfMorePartsThanTheLimitIsRefused() {
        let parts = (0..<1_000).map { "--p\nContent-Type: text/plain\n\npart \($0)\n" }.joined()
        let many = Self.mail("Subject: parts\nContent-Type: multipart/mixed; boundary=p\n\n" + parts + "--p--\n")
        #expect(Self.scan(many) == .parts(limit: 1_000))
        let fewer = Self.mail("Subject: parts\nContent-Type: multipart/mixed; boundary=p\n\n" + parts.dropFirst(30) + "--p--\n")
        #expect(Self.scan(fewer) == nil)
    }

    @Test func nestingAtTheLimitPassesAndDepthIsCountedAsAParserSeesIt() {
        #expect(Self.scan(HostileMail.nestedMultiparts(50)) == nil)
        #expect(Self.scan(HostileMail.nestedMessages(50)) == nil)
        // Sibling multiparts, each closed before the next opens, are not nested.
        let siblings = (0..<60).map { "--outer\nContent-Type: multipart/alternative; boundary=\"in\($0)\"\n\n--in\($0)\nContent-Type: text/plain\n\nx\n--in\($0)--\n" }
        #expect(Self.scan(Self.mail("Subject: s\nContent-Type: multipart/mixed; boundary=outer\n\n" + siblings.joined() + "--outer--\n")) == nil)
        // An outer boundary closes the parts opened inside it that were never closed.
        let unclosed = (0..<60).map { "--outer\nContent-Type: multipart/mixed; boundary=\"u\($0)\"\n\n--u\($0)\nContent-Type: text/plain\n\nx\n" }
        #expect(Self.scan(Self.mail("Subject: s\nContent-Type: multipart/mixed; boundary=outer\n\n" + unclosed.joined() + "--outer--\n")) == nil)
    }

    @Test func aDigestsPartsAreMessagesEvenWithoutAContentType() {
        var text = "Subject: digest\n"
        for level in 0..<51 { text += "Content-Type: multipart/digest; boundary=d\(level)\n\n--d\(level)\n\n" }
        #expect(Self.scan(Self.mail(text + "Subject: in\n\nx\n")) == .mimeDepth(limit: 50))
    }

    @Test func aFoldedContentTypeAndAQuotedBoundaryAreFollowed() {
        var text = "Subject: folded\n"
        for level in 0..<51 { text += "Content-Type: multipart/mixed;\n\tboundary=\"b \(level)\"\n\n--b \(level)\n" }
        #expect(Self.scan(Self.mail(text)) == .mimeDepth(limit: 50))
    }

    /// Forms a parser reads as nesting though they are written otherwise (found by an
    /// outsider's attack: each passed the pass and reached the parser 338,237 levels deep).
    static let disguisedNesting: [String: String] = [
        "a space before the colon": "Content-Type : message/rfc822\n\n",
        "a type folded after the slash": "Content-Type: message/\n rfc822\n\n",
        "a second Content-Type that says text": "Content-Type: message/rfc822\nContent-Type: text/plain\n\n",
        "a multipart with a space before the colon": "Content-Type : multipart/mixed; boundary=\"b#\"\n\n--b#\n",
        "a multipart then a second Content-Type": "Content-Type: multipart/mixed; boundary=\"b#\"\nContent-Type: text/plain\n\n--b#\n",
        "a quoted pair in the boundary": "Content-Type: multipart/mixed; boundary=\"x\\y#\"\n\n--xy#\n",
        "an encoded word as the boundary": "Content-Type: multipart/mixed; boundary=\"=?us-ascii?q?b#?=\"\n\n--b#\n",
        "a lone CR as the blank line": "Content-Type: multipart/mixed; boundary=\"b#\"\n\r--b#\n",
    ]

    @Test(arguments: disguisedNesting.keys.sorted())
    func nestingWrittenInAnotherFormIsCountedAllTheSame(_ name: String) throws {
        let level = try #require(Self.disguisedNesting[name])
        let text = "Subject: disguised\n" + (0..<51).map { level.replacingOccurrences(of: "#", with: "\($0)") }.joined() + "inner\n"
        #expect(Self.scan(Self.mail(text)) == .mimeDepth(limit: 50))
    }

    @Test func everyParserFixtureAndSampleMailPasses() throws {
        let folders = [RepositoryPaths.fixtures] + (try FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.sampleMail.path))
            .map { RepositoryPaths.sampleMail.appendingPathComponent($0) }
        var scanned = 0
        for folder in folders {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(".eml") {
                let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
                #expect(Self.scan(MboxEnvelope.stripped(bytes)) == nil, "\(name)")
                scanned += 1
            }
        }
        #expect(scanned > 60)
    }

    @Test func theBoundedHeaderOfARefusedMailStillNamesItsSender() {
        let (header, isWhole) = StructureScan.boundedHeader(of: HostileMail.manyHeaderLines(200_000), limits: Self.limits)
        #expect(header.count <= 256 * 1024)
        #expect(!isWhole)
        let message = MessageParser.parse(header)
        #expect(message.from?.address == "mallory@attacker.example")
        #expect(message.messageID == "many-header-lines@attacker.example")
    }
}
