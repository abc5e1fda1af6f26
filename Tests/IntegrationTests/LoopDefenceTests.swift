import Foundation
import MailParsing
import Store
import Testing
import TicketCore
import TicketdApp
import Workflow
import TicketdTestSupport

/// ticketd against a broken auto-responder that answers everything it receives, with no
/// Auto-Submitted header and a fresh subject: without limits this would never stop.
// Four minutes: the longest run of the suite, beside the others on two slow cores,
// came to two.
@Suite(.timeLimit(.minutes(4)))
struct LoopDefenceTests {
    typealias Desk = WorkflowIntegrationTests.Desk

    @Test func anExchangeWithAnAutoResponderStopsAtThePerRecipientLimit() async throws {
        let desk = try Desk()
        defer { desk.close() }
        var outgoing = 1
        try await desk.receive(TestMail.make(from: "robot@auto.example", subject: "Hello", body: "first"))
        var repliesToRobot = 0
        for round in 1...25 {
            let toRobot = try desk.newMail().filter { $0.to == ["robot@auto.example"] }
            repliesToRobot += toRobot.count
            guard !toRobot.isEmpty else { break }
            // The robot answers each mail with a new subject and no reference: a new ticket each time.
            for _ in toRobot {
                outgoing += 1
                desk.clock.advance(by: 10)
                try await desk.receive(TestMail.make(from: "robot@auto.example", subject: "Auto answer \(round)-\(outgoing)", body: "I got your mail."))
            }
        }
        #expect(repliesToRobot == 10)
        let suppressed = try desk.store().tickets().flatMap { try desk.store().events(ofTicket: $0.number) }.filter { $0.field == .suppressed }
        #expect(suppressed.count == 1)
        #expect(suppressed.first?.reason?.contains("more than 10 automatic mails to robot@auto.example in 10 minutes") == true)
        // The team still hears of every ticket: the limit is for outside addresses.
        #expect(try desk.servers.received().filter { $0.recipients == ["ops@example.org"] }.count == 11)

        // An hour later the robot may be answered again.
        desk.clock.advance(by: 3600)
        try await desk.receive(TestMail.make(from: "robot@auto.example", subject: "Later", body: "x"))
        #expect(try desk.newMail().contains { $0.to == ["robot@auto.example"] })
    }

    @Test func noReplyAddressesNeverGetAnAcknowledgement() async throws {
        let desk = try Desk()
        defer { desk.close() }
        // From an ordinary address (mail from a no-reply one is automatic: AutomaticMailIntegrationTests),
        // with replies asked to go to a no-reply one.
        try await desk.receive(TestMail.make(
            from: "Portal <portal@portal.example>", subject: "Your account request", body: "A user asked for access.",
            headers: ["Reply-To: Portal <no-reply@portal.example>"]
        ))
        #expect(try desk.store().tickets().count == 1)
        #expect(try desk.newMail().allSatisfy { $0.to == ["ops@example.org"] })
        let events = try desk.store().events(ofTicket: 1).filter { $0.field == .suppressed }
        #expect(events.first?.reason == "no-reply@portal.example is a no-reply or daemon address")
    }
}

@Suite(.timeLimit(.minutes(2)))
struct BounceTests {
    typealias Desk = WorkflowIntegrationTests.Desk

    static func deliveryReport(for messageID: String, recipient: String, status: String) -> String {
        """
        Return-Path: <>\r
        From: Mail Delivery System <MAILER-DAEMON@mx.uni.example>\r
        To: support@ticketd.example\r
        Subject: Undelivered Mail Returned to Sender\r
        Message-ID: <dsn-\(UUID().uuidString)@mx.uni.example>\r
        Auto-Submitted: auto-replied\r
        MIME-Version: 1.0\r
        Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r
        \r
        --B\r
        Content-Type: text/plain\r
        \r
        I'm sorry to have to inform you that your message could not be delivered.\r
        --B\r
        Content-Type: message/delivery-status\r
        \r
        Reporting-MTA: dns; mx.uni.example\r
        \r
        Final-Recipient: rfc822; \(recipient)\r
        Action: failed\r
        Status: \(status)\r
        --B\r
        Content-Type: text/rfc822-headers\r
        \r
        From: Test Service Desk <support@ticketd.example>\r
        To: <\(recipient)>\r
        Subject: [ticketd #1] Help\r
        Message-ID: <\(messageID)>\r
        --B--\r

        """
    }

    @Test func aPermanentBounceIsRecordedOnItsTicketAndStopsAutomaticMailToTheAddress() async throws {
        let desk = try Desk()
        defer { desk.close() }
        try await desk.receive(TestMail.make(from: "ann@uni.example", subject: "Help", body: "please"))
        let ack = try #require(try desk.newMail().first { $0.to == ["ann@uni.example"] })
        let ackID = try #require(ack.message.messageID)

        let outcomes = try await desk.receive(Self.deliveryReport(for: ackID, recipient: "ann@uni.example", status: "5.1.1"))
        #expect(outcomes == [.screened(.deliveryStatus, ticket: 1)])
        #expect(try desk.store().tickets().count == 1)
        let bounce = try #require(try desk.store().events(ofTicket: 1).first { $0.field == .bounce })
        #expect(bounce.newValue == "ann@uni.example" && bounce.reason == "permanent failure 5.1.1")
        #expect(try desk.newMail().isEmpty)

        // A new request from the same address is taken, but not acknowledged for 60 days.
        try await desk.receive(TestMail.make(from: "ann@uni.example", subject: "Another question", body: "?"))
        #expect(try desk.newMail().allSatisfy { $0.to != ["ann@uni.example"] })
        let suppressed = try desk.store().events(ofTicket: 2).first { $0.field == .suppressed }
        #expect(suppressed?.reason == "ann@uni.example bounced permanently (5.1.1) on ticket #1")
        desk.clock.advance(by: 61 * 86_400)
        try await desk.receive(TestMail.make(from: "ann@uni.example", subject: "Back again", body: "?"))
        #expect(try desk.newMail().contains { $0.to == ["ann@uni.example"] })
    }

    @Test func aTemporaryDelayIsRecordedButSuppressesNothing() async throws {
        let desk = try Desk()
        defer { desk.close() }
        try await desk.receive(TestMail.make(from: "bob@uni.example", subject: "Help", body: "please"))
        let ackID = try #require(try desk.newMail().first { $0.to == ["bob@uni.example"] }?.message.messageID)
        try await desk.receive(Self.deliveryReport(for: ackID, recipient: "bob@uni.example", status: "4.4.1"))
        #expect(try desk.store().events(ofTicket: 1).first { $0.field == .bounce }?.reason == "delivery report 4.4.1")
        try await desk.receive(TestMail.make(from: "bob@uni.example", subject: "Again", body: "?"))
        #expect(try desk.newMail().contains { $0.to == ["bob@uni.example"] })
    }

    @Test func aReportAboutMailThatIsNotOursCreatesNoTicket() async throws {
        let desk = try Desk()
        defer { desk.close() }
        let outcomes = try await desk.receive(Self.deliveryReport(for: "someone-else@x.example", recipient: "x@y.example", status: "5.1.1"))
        #expect(outcomes == [.screened(.deliveryStatus, ticket: nil)])
        #expect(try desk.store().tickets().isEmpty)
    }
}
