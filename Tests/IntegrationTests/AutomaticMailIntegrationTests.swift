import DeskConfiguration
import Foundation
import Storage
import Store
import Testing
import TicketCore
import TicketdApp
import TicketdTestSupport
import Workflow

/// Issue 18, point 1: automatic mail that starts a conversation becomes a ticket, unanswered;
/// what opens none is listed with its reason. Through Dovecot, the SMTP server, SQLite and
/// the real `ticketd mail list`.
@Suite(.timeLimit(.minutes(2)))
struct AutomaticMailIntegrationTests {
    @Test func alertsBecomeUnansweredTicketsAndAutoRepliesAreListedAsScreened() async throws {
        let desk = try WorkflowIntegrationTests.Desk()
        defer { desk.close() }

        // A bulk alert to the support address, and an automatic one to notifications.
        let bulk = TestMail.make(
            from: "Nagios <nagios@monitor.example>", subject: "Disk usage at 95% on se01.example.org", body: "Disk /data is 95% full.",
            headers: ["Precedence: bulk"]
        )
        #expect(try await desk.receive(bulk) == [.created(ticket: 1)])
        let generated = TestMail.make(
            from: "Cert watch <noreply@monitor.example>", to: "notifications@ticketd.example",
            subject: "Host certificate of se01 expires in 7 days", body: "Renew it.", headers: ["Auto-Submitted: auto-generated"]
        )
        #expect(try await desk.receive(generated, user: "notifications") == [.created(ticket: 2)])
        let told = try desk.newMail()
        #expect(!told.contains { $0.to.contains("nagios@monitor.example") || $0.to.contains("noreply@monitor.example") })
        #expect(told.contains { $0.to == ["ops@example.org"] && $0.message.subject?.contains("#1]") == true })
        let store = try desk.store()
        #expect(try store.messages(ofTicket: 1).first?.automatic == "precedence")
        #expect(try store.messages(ofTicket: 2).first?.automatic == "auto-submitted")
        #expect(try store.ticket(1)?.automatic == .precedence)
        #expect(try store.ticket(2)?.automatic == .autoSubmitted)

        // A person's mail is acknowledged; the out-of-office reply to it joins its ticket.
        #expect(try await desk.receive(TestMail.make(from: "Ann <ann@uni.example>", subject: "Cannot log in", body: "Hello.")) == [.created(ticket: 3)])
        _ = try desk.newMail()
        var outOfOffice = try desk.reply(from: "ann@uni.example", ticket: 3, body: "I am away until Monday.")
        let headerEnd = try #require(outOfOffice.range(of: "\r\n\r\n"))
        outOfOffice.replaceSubrange(headerEnd, with: "\r\nAuto-Submitted: auto-replied\r\n\r\n")
        #expect(try await desk.receive(outOfOffice) == [.screened(.autoReplied, ticket: 3)])
        // An auto-reply to nothing of ours (backscatter) opens nothing either.
        let stray = TestMail.make(from: "Bob <bob@elsewhere.example>", subject: "Out of office", body: "Away.", headers: ["X-Autoreply: yes"])
        #expect(try await desk.receive(stray) == [.screened(.autoReplied, ticket: nil)])
        #expect(try desk.newMail().isEmpty)
        #expect(try store.tickets().map(\.number) == [1, 2, 3])
        // What /metrics counts: the two auto-replies screened; the alerts, which opened tickets, not.
        let counts = try store.mailCounts(afterMessage: 0, afterFailure: 0)
        #expect(counts.incoming == ["support": 4, "notifications": 1], "\(counts.incoming)")
        #expect(counts.screened.filter { $0.value > 0 } == ["support": 2], "\(counts.screened)")

        let run = try ProcessRunner.run(
            RepositoryPaths.ticketdBinary, ["mail", "list", "--screened", "--config", desk.directory.file("ticketd.toml")], environment: [:]
        )
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }
        #expect(lines.count == 2, "\(run.stdout)")
        #expect(lines.first?.contains("ann@uni.example  [screened: auto-replied, filed on #3]") == true, "\(run.stdout)")
        #expect(lines.last?.contains("bob@elsewhere.example  [screened: auto-replied]") == true, "\(run.stdout)")
        #expect(!run.stdout.contains("nagios"))

        let all = try ProcessRunner.run(
            RepositoryPaths.ticketdBinary, ["mail", "list", "--json", "--config", desk.directory.file("ticketd.toml")], environment: [:]
        )
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]])
        #expect(listed.count == 5)
        #expect(listed.compactMap { $0["screened"] as? Bool } == [false, false, false, true, true])

        // The ticket says a system opened it.
        let shown = try ProcessRunner.run(
            RepositoryPaths.ticketdBinary, ["tickets", "show", "1", "--config", desk.directory.file("ticketd.toml")], environment: [:]
        )
        #expect(shown.stdout.contains("Requester: Nagios <nagios@monitor.example> (automatic mail: precedence; told nothing automatically)"), "\(shown.stdout)")
    }
}
