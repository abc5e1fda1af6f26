import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Monitoring
import Storage
import Testing
import TicketCore
import Workflow
@testable import Web

/// Issue 15, points 1, 2 and 7: every page and every refusal, through Hummingbird's test
/// client on the router.
@Suite(.timeLimit(.minutes(2)))
struct RouterTests {
    @Test(arguments: [(HealthStatus.ok, HTTPResponse.Status.ok), (.warning, .ok), (.critical, .serviceUnavailable)])
    func healthzGivesTheProbesVerdictAsJSONWithoutSigningIn(_ status: HealthStatus, _ code: HTTPResponse.Status) async throws {
        let fixture = try await WebFixture(health: status)
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == code)
                #expect(response.headers[.contentType] == "application/json")
                let report = try JSONDecoder().decode(HealthReport.self, from: Data(String(buffer: response.body).utf8))
                #expect(report.status == status)
            }
        }
    }

    @Test(arguments: ["/", "/tickets/1", "/tickets/1/mail/7/attachments/1", "/?unit=Operations&q=down", "/reports/sla", "/reports/releases", "/quarantine"])
    func aPageWithoutASessionSendsTheBrowserToSignIn(_ path: String) async throws {
        let fixture = try await WebFixture()
        try await fixture.application.test(.router) { client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/login?next=" + Forms.encode(path))
        }
    }

    @Test(arguments: ["/metrics", "/api/v1/tickets"])
    func theAPIWithoutATokenIs401(_ path: String) async throws {
        let fixture = try await WebFixture()
        try await fixture.application.test(.router) { client in
            let response = try await client.execute(uri: path, method: .get, headers: [.authorization: "Bearer tkd_not-a-token"])
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"ticketd\"")
        }
    }

    @Test func everyResponseForbidsScriptsFramingAndSniffing() async throws {
        let fixture = try await WebFixture()
        try await fixture.application.test(.router) { client in
            for path in ["/login", "/", "/healthz", "/no-such-page"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.headers[HTTPField.Name("Content-Security-Policy")!]?.hasPrefix("default-src 'none'; style-src 'self'") == true, "\(path)")
                #expect(response.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            }
        }
    }

    @Test func signingInGivesAnHttpOnlySameSiteSessionAndTheQueue() async throws {
        let fixture = try await WebFixture()
        try await fixture.application.test(.router) { client in
            let page = try await client.execute(uri: "/login", method: .get)
            #expect(page.status == .ok)
            let loginCookie = try WebFixture.cookie(page, "ticketd_login")
            let token = try WebFixture.field(page, "csrf")
            let response = try await client.execute(
                uri: "/login", method: .post, headers: [.cookie: "ticketd_login=\(loginCookie)", .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=\(token)&name=OPS&password=correct+horse+battery&next=%2Ftickets%2F1")
            )
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/tickets/1")
            let setCookie = response.headers[values: .setCookie].first { $0.hasPrefix("ticketd_session=") } ?? ""
            #expect(setCookie.contains("; HttpOnly; SameSite=Strict"))
            #expect(setCookie.contains("Max-Age=3600"))
        }
    }

    /// Each way a sign-in fails, and what it answers.
    @Test func aSignInWithoutItsFormTokenOrWithAWrongPasswordIsRefusedAndThrottled() async throws {
        let fixture = try await WebFixture()
        try await fixture.application.test(.router) { client in
            let page = try await client.execute(uri: "/login", method: .get)
            let loginCookie = try WebFixture.cookie(page, "ticketd_login")
            let token = try WebFixture.field(page, "csrf")
            func post(_ body: String, cookie: String? = nil) async throws -> TestResponse {
                try await client.execute(
                    uri: "/login", method: .post,
                    headers: [.cookie: "ticketd_login=\(cookie ?? loginCookie)", .contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body)
                )
            }
            #expect(try await post("name=ops&password=correct+horse+battery").status == .forbidden)
            // A pair of cookie and field the server did not make (planted by a sibling site).
            #expect(try await post("csrf=X&name=ops&password=correct+horse+battery", cookie: "X").status == .forbidden)
            #expect(try await post("csrf=\(token)&name=ops&password=correct+horse+battery", cookie: "other").status == .forbidden)
            let wrong = try await post("csrf=\(token)&name=ops&password=wrong")
            #expect(wrong.status == .unauthorized)
            #expect(String(buffer: wrong.body).contains("Wrong name or password."))
            let unknown = try await post("csrf=\(token)&name=nobody&password=wrong")
            #expect(unknown.status == .unauthorized)
            #expect(String(buffer: unknown.body).contains("Wrong name or password."))
            for _ in 0..<4 { _ = try await post("csrf=\(token)&name=ops&password=wrong") }
            // Five failures for the name: even the right password waits now.
            let throttled = try await post("csrf=\(token)&name=ops&password=correct+horse+battery")
            #expect(throttled.status == .tooManyRequests)
            #expect(String(buffer: throttled.body).contains("too many failed sign-ins for this name"))
            #expect(try await post("csrf=\(token)&name=csirt&password=correct+horse+battery").status == .seeOther)
        }
    }

    /// The browser fetches its favicon (a protected path, so the sign-in page) while the
    /// form is open: the form's token must still hold.
    @Test func anotherVisitOfTheSignInPageKeepsTheFormsToken() async throws {
        let fixture = try await WebFixture()
        try await fixture.application.test(.router) { client in
            let page = try await client.execute(uri: "/login", method: .get)
            let cookie = try WebFixture.cookie(page, "ticketd_login")
            let again = try await client.execute(uri: "/login?next=%2Ffavicon.ico", method: .get, headers: [.cookie: "ticketd_login=\(cookie)"])
            #expect(try WebFixture.field(again, "csrf") == cookie)
            #expect(try WebFixture.cookie(again, "ticketd_login") == cookie)
            let forged = try await client.execute(uri: "/login", method: .get, headers: [.cookie: "ticketd_login=short"])
            #expect(try WebFixture.cookie(forged, "ticketd_login") != "short")
        }
    }

    @Test(arguments: ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", ""])
    func signingInNeverLeadsOffTheSite(_ next: String) {
        #expect(SignInRoutes.safeNext(next) == "/")
        #expect(SignInRoutes.safeNext("/tickets/2?x=1") == "/tickets/2?x=1")
    }

    @Test func theQueueShowsTicketsWithTheirSLAStateAndHidesSecurityTicketsFromOthers() async throws {
        let fixture = try await WebFixture()
        try await fixture.application.test(.router) { client in
            let ops = try await WebFixture.signIn(client, name: "ops")
            let queue = String(buffer: try await client.execute(uri: "/", method: .get, headers: [.cookie: "ticketd_session=\(ops.cookie)"]).body)
            #expect(queue.contains("Storage down"))
            #expect(queue.contains("New VO"))
            #expect(!queue.contains("Compromised host"))
            #expect(queue.contains("class=\"sla-ok\""))
            #expect(queue.contains("7.0 working h left"), "one working hour of eight used")
            let filtered = String(buffer: try await client.execute(uri: "/?kind=request", method: .get, headers: [.cookie: "ticketd_session=\(ops.cookie)"]).body)
            #expect(filtered.contains("New VO") && !filtered.contains("Storage down"))
            let searched = String(buffer: try await client.execute(uri: "/?q=%23", method: .get, headers: [.cookie: "ticketd_session=\(ops.cookie)"]).body)
            #expect(searched.contains("No tickets match."))

            let csirt = try await WebFixture.signIn(client, name: "csirt")
            let theirs = String(buffer: try await client.execute(uri: "/", method: .get, headers: [.cookie: "ticketd_session=\(csirt.cookie)"]).body)
            #expect(theirs.contains("Compromised host"))
        }
    }

    @Test func aHostileSubjectIsTextInTheQueue() async throws {
        let fixture = try await WebFixture()
        try await fixture.store.writeTransaction { tx in
            var ticket = try #require(try tx.ticket(1))
            ticket.subject = "<script>alert('x')</script> & \"quoted\""
            try tx.saveTicket(ticket)
        }
        try await fixture.application.test(.router) { client in
            let ops = try await WebFixture.signIn(client, name: "ops")
            let html = String(buffer: try await client.execute(uri: "/", method: .get, headers: [.cookie: "ticketd_session=\(ops.cookie)"]).body)
            #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"))
            #expect(!html.contains("<script>"))
        }
    }

    @Test func aTicketPageShowsTheThreadAsTextAndAnotherUnitsSecurityTicketIs404() async throws {
        let fixture = try await WebFixture()
        try await fixture.application.test(.router) { client in
            let ops = try await WebFixture.signIn(client, name: "ops")
            let headers: HTTPFields = [.cookie: "ticketd_session=\(ops.cookie)"]
            let page = try await client.execute(uri: "/tickets/1", method: .get, headers: headers)
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; it is down"))
            #expect(!html.contains("<script>"))
            #expect(html.contains("href=\"/tickets/1/mail/7/attachments/1\""))
            #expect(try await client.execute(uri: "/tickets/2", method: .get, headers: headers).status == .notFound)
            #expect(try await client.execute(uri: "/tickets/99", method: .get, headers: headers).status == .notFound)
            #expect(try await client.execute(uri: "/tickets/2/mail/7/attachments/1", method: .get, headers: headers).status == .notFound)
            let csirt = try await WebFixture.signIn(client, name: "csirt")
            #expect(try await client.execute(uri: "/tickets/2", method: .get, headers: [.cookie: "ticketd_session=\(csirt.cookie)"]).status == .ok)
        }
    }

    @Test func anAttachmentIsAlwaysADownloadNeverAPageOfTheSite() async throws {
        let fixture = try await WebFixture()
        try await fixture.application.test(.router) { client in
            let ops = try await WebFixture.signIn(client, name: "ops")
            let response = try await client.execute(uri: "/tickets/1/mail/7/attachments/1", method: .get, headers: [.cookie: "ticketd_session=\(ops.cookie)"])
            #expect(response.status == .ok)
            #expect(response.headers[.contentDisposition] == "attachment; filename=\"report_.html\"; filename*=UTF-8''report%22.html")
            #expect(response.headers[.contentType] == "text/html")
            #expect(response.headers[.contentSecurityPolicy] == "sandbox; default-src 'none'")
            #expect(String(buffer: response.body) == "<h1>hi</h1>")
            #expect(try await client.execute(uri: "/tickets/1/mail/7/attachments/5", method: .get, headers: [.cookie: "ticketd_session=\(ops.cookie)"]).status == .notFound)
        }
    }

    @Test(arguments: [("text/plain", "text/plain"), ("TEXT/HTML; charset=x", "text/html"), ("text/html\r\nX: y", "application/octet-stream"), ("nonsense", "application/octet-stream")])
    func anAttachmentsTypeIsPlainOrBytes(_ given: String, _ sent: String) {
        #expect(DeskPages.safeContentType(given) == sent)
    }

    @Test func aFormWithoutItsSessionsTokenIs403AndSigningOutEndsTheSession() async throws {
        let fixture = try await WebFixture()
        try await fixture.application.test(.router) { client in
            let ops = try await WebFixture.signIn(client, name: "ops")
            let form: HTTPFields = [.cookie: "ticketd_session=\(ops.cookie)", .contentType: "application/x-www-form-urlencoded"]
            #expect(try await client.execute(uri: "/logout", method: .post, headers: form, body: ByteBuffer(string: "")).status == .forbidden)
            #expect(try await client.execute(uri: "/logout", method: .post, headers: form, body: ByteBuffer(string: "csrf=wrong")).status == .forbidden)
            let out = try await client.execute(uri: "/logout", method: .post, headers: form, body: ByteBuffer(string: "csrf=\(ops.csrf)"))
            #expect(out.status == .seeOther)
            #expect(out.headers[.location] == "/login")
            #expect(try await client.execute(uri: "/", method: .get, headers: [.cookie: "ticketd_session=\(ops.cookie)"]).status == .seeOther)
        }
    }

    @Test func anActionIsCarriedOutWithTheSignedInUserAndTheFormsIDThenBackToTheTicket() async throws {
        let fixture = try await WebFixture()
        try await fixture.application.test(.router) { client in
            let ops = try await WebFixture.signIn(client, name: "ops")
            let page = try await client.execute(uri: "/tickets/1", method: .get, headers: [.cookie: "ticketd_session=\(ops.cookie)"])
            let actionID = try WebFixture.field(page, "action")
            let form: HTTPFields = [.cookie: "ticketd_session=\(ops.cookie)", .contentType: "application/x-www-form-urlencoded"]
            let done = try await client.execute(
                uri: "/tickets/1/act", method: .post, headers: form, body: ByteBuffer(string: "csrf=\(ops.csrf)&action=\(actionID)&verb=status&value=resolved")
            )
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/tickets/1")
            #expect(fixture.acted.all.count == 1)
            #expect(fixture.acted.all.first?.action == .status("resolved"))
            #expect(fixture.acted.all.first?.user == "ops")
            #expect(fixture.acted.all.first?.id == actionID)

            let refused = try await client.execute(
                uri: "/tickets/1/act", method: .post, headers: form, body: ByteBuffer(string: "csrf=\(ops.csrf)&verb=status&value=frozen")
            )
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("Status: frozen: unknown status"))
            let empty = try await client.execute(uri: "/tickets/1/act", method: .post, headers: form, body: ByteBuffer(string: "csrf=\(ops.csrf)&verb=reply&value=+"))
            #expect(empty.status == .unprocessableContent)
            #expect(fixture.acted.all.count == 2)
        }
    }

    @Test func anActionWithoutTheFormTokenOrOnAnUnseenTicketDoesNothing() async throws {
        let fixture = try await WebFixture()
        try await fixture.application.test(.router) { client in
            let ops = try await WebFixture.signIn(client, name: "ops")
            let form: HTTPFields = [.cookie: "ticketd_session=\(ops.cookie)", .contentType: "application/x-www-form-urlencoded"]
            let forged = try await client.execute(uri: "/tickets/1/act", method: .post, headers: form, body: ByteBuffer(string: "verb=status&value=resolved"))
            #expect(forged.status == .forbidden)
            let hidden = try await client.execute(
                uri: "/tickets/2/act", method: .post, headers: form, body: ByteBuffer(string: "csrf=\(ops.csrf)&verb=status&value=resolved")
            )
            #expect(hidden.status == .notFound)
            let anonymous = try await client.execute(
                uri: "/tickets/1/act", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=x&verb=status&value=resolved")
            )
            #expect(anonymous.status == .seeOther)
            #expect(fixture.acted.all.isEmpty)
        }
    }

    @Test func theApprovalFormsAreShownToApproversOnChangesOnly() async throws {
        let fixture = try await WebFixture()
        try await fixture.store.writeTransaction { tx in
            var change = try #require(try tx.ticket(3))
            change.kind = .change
            change.changeClass = .normal
            try tx.saveTicket(change)
        }
        try await fixture.application.test(.router) { client in
            let omb = try await WebFixture.signIn(client, name: "omb")
            #expect(String(buffer: try await client.execute(uri: "/tickets/3", method: .get, headers: [.cookie: "ticketd_session=\(omb.cookie)"]).body).contains("Approve the change"))
            #expect(!String(buffer: try await client.execute(uri: "/tickets/1", method: .get, headers: [.cookie: "ticketd_session=\(omb.cookie)"]).body).contains("Approve the change"))
            let ops = try await WebFixture.signIn(client, name: "ops")
            #expect(!String(buffer: try await client.execute(uri: "/tickets/3", method: .get, headers: [.cookie: "ticketd_session=\(ops.cookie)"]).body).contains("Approve the change"))
        }
    }

    @Test(arguments: [
        ("reply", "Thanks\nStatus: x", WebAction.reply("Thanks\nStatus: x")), ("comment", "inside", .comment("inside")),
        ("status", "resolved\r\nPriority: low", .status("resolved  Priority: low")), ("approve", nil, .approve),
        ("reject", "too risky", .reject("too risky")),
    ] as [(String, String?, WebAction)])
    func aFormBecomesAnActionAndAValueStaysOnItsLine(_ verb: String, _ value: String?, _ action: WebAction) {
        #expect(WebAction(verb: verb, value: value) == action)
    }

    @Test(arguments: [("reply", " \n "), ("status", ""), ("reject", ""), ("delete", "x"), ("", "x")])
    func aFormThatIsNoActionIsNone(_ verb: String, _ value: String) {
        #expect(WebAction(verb: verb, value: value) == nil)
    }

    @Test func theSLAReportPageHasTheChartTheTableAndTheDownloads() async throws {
        let fixture = try await WebFixture()
        try await fixture.application.test(.router) { client in
            let ops = try await WebFixture.signIn(client, name: "ops")
            let headers: HTTPFields = [.cookie: "ticketd_session=\(ops.cookie)"]
            let page = try await client.execute(uri: "/reports/sla?from=2026-12-01&unit=Operations", method: .get, headers: headers)
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("<svg"))
            #expect(html.contains("<td>Operations</td><td>urgent</td><td class=\"n\">2</td>"), "\(html)")
            #expect(html.contains("href=\"/reports/sla?from=2026-12-01&amp;unit=Operations&amp;format=csv\""))
            let csv = try await client.execute(uri: "/reports/sla?from=2026-12-01&unit=Operations&format=csv", method: .get, headers: headers)
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"sla-report.csv\"")
            #expect(String(buffer: csv.body).hasPrefix("unit,"))
            let json = try await client.execute(uri: "/reports/sla?format=json", method: .get, headers: headers)
            #expect((try JSONSerialization.jsonObject(with: Data(String(buffer: json.body).utf8)) as? [String: Any]) != nil)
            let bad = String(buffer: try await client.execute(uri: "/reports/sla?from=yesterday", method: .get, headers: headers).body)
            #expect(bad.contains("from: not a date (YYYY-MM-DD): yesterday"))
        }
    }

    /// Issue 17: the releases report in the dashboard, with its downloads.
    @Test func theReleasesPageListsEachReleaseWithItsDownloads() async throws {
        let fixture = try await WebFixture()
        var release = Ticket(
            number: 90, subject: "Release 2.3 of CheckIn", requester: EmailAddress(address: "ops@example.org"), status: .open, mailbox: "support",
            createdAt: WebFixture.now, updatedAt: WebFixture.now, kind: .release, unit: "Operations"
        )
        release.release = Release(
            version: "2.3", scope: [1, 2], plannedFor: WebFixture.now.addingTimeInterval(20 * 86_400), state: .announced,
            announcedAt: WebFixture.now.addingTimeInterval(-86_400), testResults: [false]
        )
        let written = release
        try await fixture.store.writeTransaction { try $0.createTicket(numbered: written) }
        try await fixture.application.test(.router) { client in
            let ops = try await WebFixture.signIn(client, name: "ops")
            let headers: HTTPFields = [.cookie: "ticketd_session=\(ops.cookie)"]
            let page = try await client.execute(uri: "/reports/releases?from=2026-12-01", method: .get, headers: headers)
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("<td><a href=\"/tickets/90\">#90</a></td><td>2.3</td><td>-</td><td>announced</td><td>2026-12-22</td><td class=\"n\">2</td><td>2026-12-01</td><td>yes</td>"), "\(html)")
            #expect(html.contains("<td>failed</td>"))
            #expect(html.contains("href=\"/reports/releases?from=2026-12-01&amp;format=csv\""))
            let csv = try await client.execute(uri: "/reports/releases?format=csv", method: .get, headers: headers)
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"releases.csv\"")
            #expect(String(buffer: csv.body).hasPrefix("ticket,version,"))
            let none = String(buffer: try await client.execute(uri: "/reports/releases?to=2026-12-10", method: .get, headers: headers).body)
            #expect(none.contains("No release is planned in this period."))
            let bad = String(buffer: try await client.execute(uri: "/reports/releases?from=soon", method: .get, headers: headers).body)
            #expect(bad.contains("from: not a date (YYYY-MM-DD): soon"))
            // Its page moves it by a release's own states, as `Status:` in a mail does.
            let ticketPage = String(buffer: try await client.execute(uri: "/tickets/90", method: .get, headers: headers).body)
            #expect(ticketPage.contains("<option value=\"announced\" selected>announced</option>"), "\(ticketPage)")
            #expect(ticketPage.contains("<option value=\"in test\">in test</option><option value=\"deployed\">deployed</option>"))
            #expect(ticketPage.contains("<option value=\"failed\">failed (back to planned)</option>"))
            #expect(!ticketPage.contains("<option value=\"resolved\""))
        }
    }

    @Test func theQuarantineIsTheTeamsAndASecurityMailboxsOnlyTheSecurityUnits() async throws {
        let fixture = try await WebFixture()
        try await fixture.application.test(.router) { client in
            let ops = try await WebFixture.signIn(client, name: "ops")
            let list = String(buffer: try await client.execute(uri: "/quarantine", method: .get, headers: [.cookie: "ticketd_session=\(ops.cookie)"]).body)
            #expect(list.contains("unreadable: 40 nested parts"))
            #expect(!list.contains("secret@x"))
            let csirt = try await WebFixture.signIn(client, name: "csirt")
            #expect(String(buffer: try await client.execute(uri: "/quarantine", method: .get, headers: [.cookie: "ticketd_session=\(csirt.cookie)"]).body).contains("secret@x"))
            let eve = try await WebFixture.signIn(client, name: "eve")
            #expect(try await client.execute(uri: "/quarantine", method: .get, headers: [.cookie: "ticketd_session=\(eve.cookie)"]).status == .forbidden)
            // An approver of changes in no unit is no desk operator (outsider attack).
            let omb = try await WebFixture.signIn(client, name: "omb")
            #expect(try await client.execute(uri: "/quarantine", method: .get, headers: [.cookie: "ticketd_session=\(omb.cookie)"]).status == .forbidden)

            let failures = fixture.store.failures()
            let support = try #require(failures.first { $0.mailbox == "support" }?.id)
            let security = try #require(failures.first { $0.mailbox == "security" }?.id)
            let form: HTTPFields = [.cookie: "ticketd_session=\(ops.cookie)", .contentType: "application/x-www-form-urlencoded"]
            #expect(try await client.execute(uri: "/quarantine/\(support)/retry", method: .post, headers: form, body: ByteBuffer(string: "")).status == .forbidden)
            #expect(try await client.execute(uri: "/quarantine/\(security)/retry", method: .post, headers: form, body: ByteBuffer(string: "csrf=\(ops.csrf)")).status == .notFound)
            let retried = try await client.execute(uri: "/quarantine/\(support)/retry", method: .post, headers: form, body: ByteBuffer(string: "csrf=\(ops.csrf)"))
            #expect(retried.status == .ok)
            #expect(String(buffer: retried.body).contains("#\(support): retried #\(support)"))
        }
    }

    @Test func metricsNeedATokenFromElsewhereAndCountTheStore() async throws {
        let fixture = try await WebFixture()
        let token = WebSecrets.newAPIToken()
        _ = fixture.store.addToken(user: "ops", label: "prometheus", hash: WebSecrets.storedHash(token), at: WebFixture.now)
        try await fixture.application.test(.router) { client in
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .unauthorized)
            let response = try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(response.status == .ok)
            let text = String(buffer: response.body)
            #expect(text.contains("ticketd_messages_quarantined_total{mailbox=\"support\"} 1"), "\(text)")
            #expect(text.contains("ticketd_messages_quarantined_total{mailbox=\"security\"} 1"))
            #expect(text.contains("ticketd_outbox_messages{state=\"deferred\"} 0"))
            #expect(text.contains("ticketd_sla_clocks{unit=\"Operations\",state=\"running\"} 2"), "\(text)")
            #expect(text.contains("ticketd_sla_clocks{unit=\"Security\",state=\"running\"} 1"))
            // A second scrape counts only what is new, and the totals hold.
            try await fixture.store.writeTransaction { tx in
                try tx.recordFailure(mailbox: "support", uid: 9, messageID: nil, reason: "x", raw: [0], at: WebFixture.now)
            }
            let again = String(buffer: try await client.execute(uri: "/metrics", method: .get, headers: [.authorization: "Bearer \(token)"]).body)
            #expect(again.contains("ticketd_messages_quarantined_total{mailbox=\"support\"} 2"), "\(again)")
        }
    }

    @Test func aProxysUserHeaderFromAnUntrustedAddressIsIgnored() async throws {
        let fixture = try await WebFixture()
        // The router test's requests come from no address: no proxy is trusted for them.
        try await fixture.application.test(.router) { client in
            let response = try await client.execute(uri: "/", method: .get, headers: [HTTPField.Name("X-Remote-User")!: "ops@example.org"])
            #expect(response.status == .seeOther)
        }
    }

    @Test func aTrustedProxysUserIsSignedInWithASessionForItsForms() async throws {
        let fixture = try await WebFixture()
        // Live: the request comes from 127.0.0.1, which the fixture trusts as its proxy.
        try await fixture.application.test(.live) { client in
            let response = try await client.execute(uri: "/", method: .get, headers: [HTTPField.Name("X-Remote-User")!: "csirt@example.org"])
            #expect(response.status == .ok)
            #expect(String(buffer: response.body).contains("Compromised host"))
            #expect(response.headers[values: .setCookie].contains { $0.hasPrefix("ticketd_session=") })
            let unknown = try await client.execute(uri: "/", method: .get, headers: [HTTPField.Name("X-Remote-User")!: "not an address"])
            #expect(unknown.status == .seeOther)
        }
    }
}
