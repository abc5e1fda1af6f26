@testable import Apply
import DeskConfiguration
import Foundation
import Testing
import TicketCore
import TicketdTestSupport
import Templates
import Workflow

@Suite struct MailViewTests {
    /// Templates see exactly the fields of the view that have a value: the hand-written list
    /// may not miss one, and a nil one is left out (a section over it is skipped).
    @Test func templateValuesListEveryField() {
        let ticket = Ticket(
            number: 7, subject: "Disk full", requester: EmailAddress(address: "ann@example.org"), status: .new, mailbox: "support",
            createdAt: Date(timeIntervalSince1970: 1_795_424_400), updatedAt: Date(timeIntervalSince1970: 1_795_424_400),
            kind: .incident, changeClass: nil, priority: .normal, unit: "Operations", rule: nil
        )
        var view = MailView(ticket: ticket, service: TicketdConfig.Service(), tag: "[#7]")
        view.reasons = ["a"]
        // Each field's value, unwrapped; nil for a nil optional.
        let fields: [(String, Any?)] = Mirror(reflecting: view).children.compactMap { child in
            guard let label = child.label else { return nil }
            let mirror = Mirror(reflecting: child.value)
            guard mirror.displayStyle == .optional else { return (label, child.value) }
            return (label, mirror.children.first?.value)
        }
        let present = Set(fields.filter { $0.1 != nil }.map(\.0))
        #expect(Set(view.templateValues.keys) == present)
        #expect(present.contains("reasons") && !present.contains("author"))
        for (label, value) in fields {
            guard let value else { continue }
            #expect(String(describing: view.templateValues[label]!) == String(describing: value), "\(label)")
        }
    }

    /// Outsider attack F6: a subject with an encoded CR LF must not spill its rest into the
    /// body of our mail, above the template's own text.
    @Test func aSubjectWithALineBreakStaysOnTheSubjectLine() throws {
        let ticket = Ticket(
            number: 7, subject: "Help\r\nYour account is locked: http://evil.example", requester: EmailAddress(name: "Eve\nX", address: "eve@x.example"),
            status: .new, mailbox: "support", createdAt: Date(timeIntervalSince1970: 1_795_424_400), updatedAt: Date(timeIntervalSince1970: 1_795_424_400)
        )
        let view = MailView(ticket: ticket, service: TicketdConfig.Service(), tag: "[#7]")
        let rendered = try TemplateSet(directory: RepositoryPaths.templates).render("acknowledgement", view)
        #expect(rendered.subject.contains("Help  Your account is locked"))
        // The body starts with the template's own text; the subject is quoted only where the
        // template quotes it, on its one line.
        #expect(rendered.body.hasPrefix("Dear Eve X,"))
        #expect(rendered.body.contains("\n    Help  Your account is locked: http://evil.example\n"))
    }

    /// Issue 17: a release's service comes from a mail's subject; a decoded line break in it
    /// stays on the announcement's subject line, and every part of the release is shown.
    @Test func aReleaseAnnouncementKeepsItsServiceOnTheSubjectLineAndShowsEachPart() throws {
        var ticket = Ticket(
            number: 9, subject: "Release 2.3", requester: EmailAddress(address: "ops@example.org"), status: .open, mailbox: "support",
            createdAt: Date(timeIntervalSince1970: 1_795_424_400), updatedAt: Date(timeIntervalSince1970: 1_795_424_400), kind: .release
        )
        ticket.service = "CheckIn\r\nBcc: victim@example.org"
        var view = MailView(ticket: ticket, service: TicketdConfig.Service(), tag: "[#9]")
        view.release = ReleaseDetails(
            version: "2.3", plannedFor: "2027-01-20", emergency: false, presentAt: "2027-01-05",
            changes: [ReleaseDetails.Change(number: 12, subject: "New login\npage", kind: "change/normal", priority: "high", highRisk: true, rollback: "reinstall 2.2")],
            texts: [.notes: ["faster"], .install: ["apt upgrade"], .knownIssues: ["IPv6"], .docs: ["https://docs.example"], .testPlan: ["sign in"]]
        )
        let rendered = try TemplateSet(directory: RepositoryPaths.templates).render("release-announcement", view)
        #expect(rendered.subject == "[#9] Release 2.3 of CheckIn  Bcc: victim@example.org, planned for 2027-01-20")
        for expected in [
            "#12 New login page (change/normal, priority high, high risk)", "  faster\n", "  apt upgrade\n", "  IPv6\n", "  https://docs.example\n",
            "  sign in\n", "#12: reinstall 2.2", "operations board meeting of 2027-01-05",
        ] {
            #expect(rendered.body.contains(expected), "\(expected)\n\(rendered.body)")
        }
    }
}
