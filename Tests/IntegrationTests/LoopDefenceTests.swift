import Foundation
import MailParsing
import Store
import Testing
import TicketCore
import TicketdApp
import TicketdTestSupport

/// ticketd against a broken auto-responder that answers everything it receives, with no
/// Auto-Submitted header and a fresh subject: without limits this would never stop.
@Suite(.timeLimit(.minutes(2)))
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
        try await desk.receive(TestMail.make(from: "Portal <no-reply@portal.example>", subject: "Your account request", body: "A user asked for access."))
        #expect(try desk.store().tickets().count == 1)
        #expect(try desk.newMail().allSatisfy { $0.to == ["ops@example.org"] })
        let events = try desk.store().events(ofTicket: 1).filter { $0.field == .suppressed }
        #expect(events.first?.reason == "no-reply@portal.example is a no-reply or daemon address")
    }
}
