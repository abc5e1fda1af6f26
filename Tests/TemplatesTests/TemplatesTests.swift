import Foundation
import MailParsing
@testable import Templates
import Testing
import TicketCore

@Suite struct TemplateTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("templates").path

    /// Every variable any template uses, so that each renders fully.
    struct View {
        var service_name = "EGI Service Desk"
        var ticket_number = 42
        var tag = "[ticketd #42]"
        var subject = "Storage <down> & \"broken\""
        var requester_name = "Hélène Dupré"
        var requester_address = "helene@example.fr"
        var created_at = "2026-11-24T10:00:00+00:00"
    }

    /// A display name in ASCII is quoted with each `\` and `"` escaped (scalar by scalar
    /// since issue 18), as Foundation's replacingOccurrences escaped them.
    @Test func anASCIIDisplayNameIsQuotedWithItsBackslashesAndQuotesEscaped() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "Z", " ", "\\", "\"", "\\\"", ".", "(x)", "'"]
        for _ in 0..<500 {
            let name = (0..<Int.random(in: 1...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let escaped = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            #expect(MailComposer.formatAddress(EmailAddress(name: name, address: "ann@example.org")) == "\"\(escaped)\" <ann@example.org>")
        }
    }

    @Test func everyTemplateRendersASubjectAndABody() throws {
        let templates = try TemplateSet(directory: Self.directory)
        #expect(!templates.names.isEmpty)
        for name in templates.names {
            let mail = try templates.render(name, View())
            #expect(!mail.subject.isEmpty, "\(name)")
            #expect(!mail.body.isEmpty, "\(name)")
            #expect(!mail.body.contains("{{"), "\(name)")
            #expect(!mail.subject.contains("&amp;") && !mail.body.contains("&amp;"), "\(name) HTML-escaped its text")
        }
    }

    @Test func theAcknowledgementCarriesTheTagAndTheSubject() throws {
        let mail = try TemplateSet(directory: Self.directory).render("acknowledgement", View())
        #expect(mail.subject == "[ticketd #42] Storage <down> & \"broken\"")
        #expect(mail.body.contains("Dear Hélène Dupré,"))
    }

    @Test func aBrokenTemplateNamesItsFileLineAndColumn() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ticketd-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "Subject: x\n\nline two\n{{#open}} never closed\n".write(to: directory.appendingPathComponent("acknowledgement.mustache"), atomically: true, encoding: .utf8)
        do {
            _ = try TemplateSet(directory: directory.path)
            Issue.record("a broken template loaded")
        } catch let error as TemplateError {
            #expect(error.file.hasSuffix("acknowledgement.mustache"))
            #expect(error.line != nil)
        }
    }

    @Test(arguments: [
        ("Subject: Hello\n\nBody\n", "Hello", "Body\n"),
        ("\n  \nSubject: Hello\nBody", "Hello", "Body\n"),
        ("subject:  Hi  \r\n\r\nLine 1\r\n\r\nLine 3\r\n", "Hi", "Line 1\n\nLine 3\n"),
        ("Subject: Only", "Only", "\n"),
        ("Subject: x\n\n\nOne of two blank lines stays\n", "x", "\nOne of two blank lines stays\n"),
    ])
    func renderedTextSplitsIntoTheSubjectLineAndTheBodyAfterTheBlankLine(_ text: String, _ subject: String, _ body: String) throws {
        #expect(try TemplateSet.split(text, file: "t.mustache") == RenderedMail(subject: subject, body: body))
    }

    @Test(arguments: ["Hello\n\nBody\n", "\n \n", "", "Body first\nSubject: late\n"])
    func renderedTextThatDoesNotStartWithASubjectLineIsAnError(_ text: String) {
        #expect(throws: TemplateError.self) { try TemplateSet.split(text, file: "t.mustache") }
    }

    /// A copy of the shipped templates in a fresh folder, with `changes` written over them.
    func templatesFolder(_ changes: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ticketd-templates-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Self.directory), to: directory)
        for (name, text) in changes {
            try text.write(to: directory.appendingPathComponent(name + ".mustache"), atomically: true, encoding: .utf8)
        }
        return directory
    }

    /// Issue 18: a one-shot command parses only the templates it renders; a mistake in
    /// another does not stop it, and one in the template it renders names its file.
    @Test func parsedWhenUsedATemplateRendersAsWhenAllAreParsedAndABrokenOneFailsOnlyItsRender() throws {
        let directory = try templatesFolder(["sla-breach": "Subject: x\n\n{{#open}} never closed\n"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: TemplateError.self) { try TemplateSet(directory: directory.path) }
        let lazy = try TemplateSet(directory: directory.path, loading: .whenUsed)
        let eager = try TemplateSet(directory: Self.directory)
        #expect(try lazy.render("acknowledgement", View()) == eager.render("acknowledgement", View()))
        do {
            _ = try lazy.render("sla-breach", View())
            Issue.record("a broken template rendered")
        } catch let error as TemplateError {
            #expect(error.file.hasSuffix("sla-breach.mustache"))
            #expect(error.line != nil)
        }
        #expect(throws: TemplateError.self) { try lazy.render("no-such-template", View()) }
    }

    @Test func parsedWhenUsedATemplateWithAPartialFindsIt() throws {
        let directory = try templatesFolder([
            "acknowledgement": "Subject: {{tag}} {{subject}}\n\n{{> signature}}\n", "signature": "-- \n{{service_name}}",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let mail = try TemplateSet(directory: directory.path, loading: .whenUsed).render("acknowledgement", View())
        #expect(mail.body == "-- \nEGI Service Desk\n")
    }

    /// Outsider attack: a template that named itself as a partial rendered until the
    /// stack ran out, crashing the worker and every `ingest -` of a mail that needed it.
    @Test(arguments: [
        ["acknowledgement": "Subject: x\n\n{{> acknowledgement}}\n"],
        ["acknowledgement": "Subject: x\n\n{{#body}}{{>  signature }}{{/body}}\n", "signature": "{{> footer}}", "footer": "-- {{> signature}}"],
        ["acknowledgement": "Subject: x\n\n{{<frame}}{{/frame}}\n", "frame": "{{<acknowledgement}}{{/acknowledgement}}"],
    ])
    func aTemplateThatIncludesItselfIsRefusedAndNamed(_ changes: [String: String]) throws {
        let directory = try templatesFolder(changes)
        defer { try? FileManager.default.removeItem(at: directory) }
        for loading in [TemplateSet.Loading.all, .whenUsed] {
            do {
                _ = try TemplateSet(directory: directory.path, loading: loading).render("acknowledgement", View())
                Issue.record("a template that includes itself rendered")
            } catch let error as TemplateError {
                #expect(error.reason.contains("includes itself"), "\(error)")
                #expect(error.file.hasSuffix(".mustache"))
            }
        }
    }

    @Test func partialsAndParentsAreFoundButNotDynamicNames() {
        #expect(TemplateSet.partialNames(in: "a {{> one}} b {{<two }}{{/two}} {{>*three}} {{name}} {{ >x}}") == ["one", "two"])
        #expect(TemplateSet.partialCycle(["a": "{{> b}}", "b": "{{> c}}", "c": "plain"]) == nil)
        #expect(TemplateSet.partialCycle(["a": "{{> b}}", "b": "{{> a}}"]) == ["a", "b", "a"])
    }

    @Test func parsedWhenUsedAMissingRequiredTemplateIsStillAnErrorAtOnce() throws {
        let directory = try templatesFolder([:])
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.removeItem(at: directory.appendingPathComponent("status-change.mustache"))
        #expect(throws: TemplateError.self) { try TemplateSet(directory: directory.path, loading: .whenUsed) }
    }

    @Test func aMissingRequiredTemplateIsAnError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ticketd-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: TemplateError.self) { try TemplateSet(directory: directory.path) }
    }
}

@Suite struct MailComposerTests {
    /// Outsider attack N2: a subject of one 2,000-character word must still fit SMTP's
    /// 998-byte lines, and read back the same.
    @Test func aSubjectOfOneHugeWordIsSentInLinesSMTPTakes() {
        let subject = "[ticketd #1] " + String(repeating: "a", count: 2_000)
        let raw = MailComposer.compose(mail(subject: subject, body: "x\n", name: nil))
        let lines = String(decoding: raw, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 998 })
        #expect(MessageParser.parse(raw).subject == subject)
    }

    @Test func anIDThatWouldBreakOutOfItsHeaderLineIsLeftOut() {
        var outgoing = mail(subject: "s", body: "b", name: nil)
        outgoing.inReplyTo = "x@y.example>\r\nBcc: victim@example.org"
        outgoing.references = ["ok@x.example", "a\r\nBcc: victim@example.org", "b\u{1B}[2J@x.example"]
        let raw = String(decoding: MailComposer.compose(outgoing), as: UTF8.self)
        #expect(!raw.contains("Bcc:"))
        #expect(!raw.contains("\u{1B}"))
        #expect(!raw.contains("In-Reply-To:"))
        #expect(raw.contains("References: <ok@x.example>\r\n"))
    }

    func mail(subject: String, body: String, name: String?) -> OutgoingMail {
        OutgoingMail(
            from: EmailAddress(name: "Service Desk", address: "support@ticketd.example"),
            to: [EmailAddress(name: name, address: "user@example.org")],
            subject: subject, body: body, messageID: "m1@ticketd.example", inReplyTo: "orig@example.org",
            references: ["older@example.org", "orig@example.org"], date: Date(timeIntervalSince1970: 1_793_711_100),
            extraHeaders: [HeaderField(name: "Auto-Submitted", value: "auto-replied")]
        )
    }

    @Test(arguments: [
        ("[ticketd #1] plain", "plain body\nsecond line\n", "Ann"),
        ("[ticketd #2] Störung: Speicher „se01“ — über 9000 Zeichen? 日本語のテキスト and a long tail to force folding of the subject line", "Grüße,\n€ and 日本\n" + String(repeating: "é", count: 200) + "\n", "Hélène Dupré"),
        ("quotes \"inside\"", "x\n", "O'Neill, \"Sam\""),
        ("quoted-printable edges", "ends in a space \nand in a tab\t\n= starts this, é ends it\n" + String(repeating: "=", count: 80) + "\n", nil),
    ] as [(String, String, String?)])
    func composedMailParsesBackToTheSameValues(_ subject: String, _ body: String, _ name: String?) {
        let raw = MailComposer.compose(mail(subject: subject, body: body, name: name))
        let parsed = MessageParser.parse(raw)
        #expect(parsed.subject == subject)
        #expect(parsed.text == body)
        #expect(parsed.to == [EmailAddress(name: name, address: "user@example.org")])
        #expect(parsed.messageID == "m1@ticketd.example")
        #expect(parsed.inReplyTo == ["orig@example.org"])
        #expect(parsed.references == ["older@example.org", "orig@example.org"])
        #expect(parsed.header("Auto-Submitted") == "auto-replied")
        #expect(parsed.date?.iso8601 == "2026-11-03T13:05:00+00:00")
        // SMTP limits lines to 998 octets; we stay under 78 where we can.
        let lines = String(decoding: raw, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 998 })
        #expect(!String(decoding: raw, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }
}
