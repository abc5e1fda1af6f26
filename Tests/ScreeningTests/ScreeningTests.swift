import Screening
import Testing
import TicketCore

@Suite struct ScreenerTests {
    func message(_ headers: [(String, String)], from: String? = "ann@example.org", deliveryStatus: Bool = false) -> Message {
        Message(
            raw: [], headers: headers.map { HeaderField(name: $0.0, value: $0.1) }, messageID: nil,
            from: from.map { EmailAddress(address: $0) }, to: [], cc: [], replyTo: [], subject: nil, date: nil,
            inReplyTo: [], references: [], text: nil, hasHTML: false, attachments: [], parts: [],
            isDeliveryStatusReport: deliveryStatus
        )
    }

    @Test(arguments: [
        ([("Auto-Submitted", "auto-replied")], AutomaticReason.autoReplied),
        ([("Auto-Submitted", "auto-replied; owner-email=\"ann@example.org\"")], .autoReplied),
        ([("auto-submitted", "auto-generated")], .autoSubmitted),
        ([("Auto-Submitted", "auto-notified")], .autoSubmitted),
        ([("Auto-Submitted", "No")], nil),
        ([("X-Autoreply", "yes")], .autoReplied),
        ([("X-Autorespond", "yes")], .autoReplied),
        ([("Precedence", "bulk")], .precedence),
        ([("Precedence", "JUNK")], .precedence),
        ([("Precedence", "first-class")], nil),
        ([("List-Id", "<users.lists.example.org>")], .list),
        ([("List-Unsubscribe", "<mailto:x@y>")], .list),
        ([("Return-Path", "< >")], .nullReturnPath),
        ([("Return-Path", "<ann@example.org>")], nil),
        ([("X-Ticketd-Loop", "ticketd"), ("Auto-Submitted", "auto-replied")], .loop),
        ([("Precedence", "list"), ("List-Id", "x")], .precedence),
        // Outsider review: a comment, a second field, another list field, an old autoresponder.
        ([("Precedence", "bulk (digest)")], .precedence),
        ([("Precedence", " List ")], .precedence),
        ([("Precedence", "auto_reply")], .autoReplied),
        ([("Auto-Submitted", "no"), ("Auto-Submitted", "auto-generated")], .autoSubmitted),
        ([("Auto-Submitted", "no"), ("Auto-Submitted", "auto-replied")], .autoReplied),
        ([("Auto-Submitted", "no (a person wrote this)")], nil),
        ([("List-Post", "<mailto:ops@lists.example.org>")], .list),
        ([("List-Help", "<mailto:ops-request@lists.example.org?subject=help>")], .list),
        ([], nil),
    ] as [([(String, String)], AutomaticReason?)])
    func headersTellAutomaticMail(_ headers: [(String, String)], _ expected: AutomaticReason?) {
        #expect(Screener().automaticReason(message(headers)) == expected)
    }

    @Test(arguments: ["MAILER-DAEMON@mx.example.org", "postmaster@example.org", "Mailer-Daemon@x"])
    func daemonsAreAutomatic(_ sender: String) {
        #expect(Screener().automaticReason(message([], from: sender)) == .mailerDaemon)
    }

    @Test(arguments: [
        "noreply@github.example", "no-reply+alerts@monitor.example", "DoNotReply@bank.example", "bounces@list.example", "no.reply@portal.example",
        "do.not.reply-2@hr.example",
    ])
    func noReplySendersAreAutomatic(_ sender: String) {
        #expect(Screener().automaticReason(message([], from: sender)) == .noReplySender)
    }

    @Test(arguments: ["norbert@example.org", "replies@example.org", "noreplyx@example.org"])
    func addressesThatOnlyLookLikeNoReplyAreNot(_ sender: String) {
        #expect(Screener().automaticReason(message([], from: sender)) == nil)
    }

    /// Issue 18: what, outside any thread, opens a ticket (unanswered) and what is only kept.
    @Test(arguments: [
        (AutomaticReason.autoSubmitted, true), (.precedence, true), (.list, true), (.noReplySender, true),
        (.autoReplied, false), (.deliveryStatus, false), (.loop, false), (.nullReturnPath, false), (.mailerDaemon, false),
    ])
    func automaticMailThatStartsAConversationIsTold(_ reason: AutomaticReason, _ starts: Bool) {
        #expect(reason.startsConversation == starts)
    }

    @Test func aDeliveryReportOutranksItsOtherSigns() {
        let report = message([("Auto-Submitted", "auto-replied")], from: "MAILER-DAEMON@x", deliveryStatus: true)
        #expect(Screener().automaticReason(report) == .deliveryStatus)
    }
}
