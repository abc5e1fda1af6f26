import Classification
import DeskConfiguration
import Etpan
import Foundation
import MailTransport
import Testing
import TicketCore
import TicketdApp
import Workflow
import TicketdTestSupport
import WorkingTime

@Suite struct ConfigTests {
    @Test func theExampleConfigLoadsWithItsDocumentedDefaults() throws {
        let path = RepositoryPaths.root.appendingPathComponent("deploy/ticketd.example.toml").path
        let config = try ConfigLoader.load(path: path, environment: ["TICKETD_IMAP_PASSWORD": "pw"])
        #expect(config.mailboxes.map(\.name) == ["support", "notifications", "reports", "security"])
        #expect(config.mailboxes.map(\.role) == [.support, .notifications, .reports, .security])
        #expect(config.sla.calendar.timeZone.identifier == "Europe/Amsterdam")
        #expect(config.sla.managers == ["service-manager@example.org"])
        #expect(config.sla.calendar.holidays.count == 3)
        #expect(config.mailboxes[1].endpoint.host == "imap.example.org")
        #expect(config.mailboxes[1].endpoint.port == 993)
        #expect(config.mailboxes[1].endpoint.security == .tls)
        #expect(config.mailboxes[1].folder == "INBOX")
        #expect(config.mailboxes[1].processedFolder == "Processed")
        #expect(config.mailboxes[0].endpoint.password.value == "pw")
        #expect(config.smtp.endpoint.port == 587)
        #expect(config.service.tagPrefix == "ticketd")
        #expect(config.service.pollIntervalSeconds == 60)
        #expect(config.web.host == "127.0.0.1" && config.web.port == 8080)
        #expect(config.web.threads == nil)
    }

    @Test func theExampleConfigCarriesTheBuiltInRulesAndCatalogue() throws {
        let path = RepositoryPaths.root.appendingPathComponent("deploy/ticketd.example.toml").path
        let example = try ConfigLoader.load(path: path, environment: ["TICKETD_IMAP_PASSWORD": "pw"]).workflow
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let minimal = directory.file("t.toml")
        try "[mailboxes.support]\nuser = \"s\"\npassword_env = \"P\"\n[smtp]\n".write(toFile: minimal, atomically: true, encoding: .utf8)
        let builtIn = try ConfigLoader.load(path: minimal, environment: ["P": "x"]).workflow
        #expect(example.rules == builtIn.rules)
        #expect(example.standardChanges == builtIn.standardChanges)
        #expect(builtIn.rules.count >= 6)
        #expect(builtIn.units.map(\.name) == ["Operations", "Security"])
        #expect(example.approvers == ["omb@example.org"])
        #expect(example.releases == ReleasePolicy(
            noticeDays: 7, board: BoardMeetings(rule: "first Tuesday of the month")!, announceTo: ["service-providers@lists.example.org"],
            operationsAddress: "operations@example.org"
        ))
    }

    @Test(arguments: [
        ("[[units]]\nname = \"A\"\nqos = \"gold\"\n", "units[0].qos", "must be \"base\", \"medium\" or \"advanced\""),
        ("[[rules]]\nname = \"r\"\nsubject = \"(\"\nkind = \"incident\"\n", "rules[0].subject", "not a valid regular expression"),
        ("[[rules]]\nname = \"r\"\nkind = \"ufo\"\n", "rules[0].kind", "unknown kind"),
        ("[[rules]]\nname = \"r\"\nunit = \"Nobody\"\n", "rules[0].unit", "no [[units]] entry is named"),
        ("[[rules]]\nname = \"r\"\nsubject = \"x\"\n", "rules[0].name", "sets nothing"),
        ("[lifecycle]\nincident = [\"new=>open\"]\n", "lifecycle.incident", "is not a move"),
        ("[workflow]\nsecurity_unit = \"CSIRT\"\n", "workflow.security_unit", "no [[units]] entry"),
        ("[web]\nlisten = \"8080\"\n", "web.listen", "must be HOST:PORT"),
        ("[web]\nlisten = \"localhost:99999\"\n", "web.listen", "must be HOST:PORT"),
        ("[web]\nlisten = \"[::1:80\"\n", "web.listen", "must be HOST:PORT"),
        ("[web]\nport = 8080\n", "web.port", "unknown key"),
        ("[web]\nthreads = 0\n", "web.threads", "must be between 1 and 256, got 0"),
        ("[releases]\nboard_meetings = [\"every full moon\"]\n", "releases.board_meetings", "neither a monthly rule"),
        ("[releases]\nannounce_to = [\"providers at lists\"]\n", "releases.announce_to", "is not a mail address"),
        ("[releases]\nnotice_days = -1\n", "releases.notice_days", "must be between 0 and 365"),
    ] as [(String, String, String)])
    func badWorkflowSettingsNameTheirKey(_ text: String, _ key: String, _ reason: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("t.toml")
        try ("[mailboxes.support]\nuser = \"s\"\npassword_env = \"P\"\n[smtp]\n" + text).write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try ConfigLoader.load(path: path, environment: ["P": "x"])
            Issue.record("loaded")
        } catch let error as ConfigError {
            #expect(error.key == key)
            #expect(error.reason.contains(reason), "\(error)")
        }
    }

    @Test func aPasswordComesFromItsFileAndNeverShowsInDescriptions() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try "s3cret-line\nignored\n".write(toFile: directory.file("pw"), atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: directory.file("pw"))
        let path = directory.file("t.toml")
        try """
        [mailboxes.support]
        user = "support"
        password_file = "pw"
        [smtp]
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let config = try ConfigLoader.load(path: path, environment: [:])
        #expect(config.mailboxes[0].endpoint.password.value == "s3cret-line")
        #expect(!"\(config)".contains("s3cret"))
        #expect(!String(reflecting: config).contains("s3cret"))
    }

    /// Issue 14: whoever may read the password file has the password; and a file written on
    /// another system keeps no CR in it.
    @Test func aPasswordFileOthersMayReadIsRefusedAndATrailingCRIsNoPartOfThePassword() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try "s3cret\r\nignored\r\n".write(toFile: directory.file("pw"), atomically: true, encoding: .utf8)
        let path = directory.file("t.toml")
        try "[mailboxes.support]\nuser = \"support\"\npassword_file = \"pw\"\n[smtp]\n".write(toFile: path, atomically: true, encoding: .utf8)
        for mode in [0o640, 0o604, 0o644] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: directory.file("pw"))
            let error = #expect(throws: ConfigError.self) { try ConfigLoader.load(path: path, environment: [:]) }
            #expect(error?.key == "mailboxes.support.password_file")
            #expect(error?.reason.hasPrefix("\(directory.file("pw")) may be read by group or others") == true)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: directory.file("pw"))
        #expect(try ConfigLoader.load(path: path, environment: [:]).mailboxes[0].endpoint.password.value == "s3cret")
    }

    @Test func relativePathsAreRelativeToTheConfigFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("t.toml")
        try """
        [service]
        database = "data/t.sqlite"
        templates = "../templates"
        [mailboxes.support]
        user = "support"
        password_env = "P"
        [smtp]
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let config = try ConfigLoader.load(path: path, environment: ["P": "x"])
        #expect(config.service.database == directory.url.appendingPathComponent("data/t.sqlite").standardizedFileURL.path)
        #expect(config.service.templates == directory.url.deletingLastPathComponent().appendingPathComponent("templates").standardizedFileURL.path)
    }

    @Test func commandsThatOnlyReadTheDatabaseNeedNoPassword() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("t.toml")
        try "[mailboxes.support]\nuser = \"s\"\npassword_env = \"UNSET_VARIABLE_X\"\n[smtp]\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ConfigError.self) { try ConfigLoader.load(path: path, environment: [:]) }
        let config = try ConfigLoader.load(path: path, environment: [:], resolveSecrets: false)
        #expect(config.mailboxes.map(\.name) == ["support"])
    }
}

@Suite struct BackoffTests {
    @Test func delaysDoubleWithJitterUpToTheCap() {
        let backoff = Backoff(baseSeconds: 30, capSeconds: 3600)
        #expect(backoff.delay(afterAttempt: 0, unit: 0) == 15)
        #expect(backoff.delay(afterAttempt: 0, unit: 0.999) < 30)
        #expect(backoff.delay(afterAttempt: 3, unit: 0) == 120)
        #expect(backoff.delay(afterAttempt: 20, unit: 0.5) <= 3600)
        #expect(backoff.delay(afterAttempt: 20, unit: 0) == 1800)
    }
}

@Suite struct JSONTests {
    @Test func keysKeepTheirOrderAndStringsAreEscaped() {
        let value = JSONValue.object([("b", .int(1)), ("a", .string("q\"\\\n\u{1}é")), ("n", .null), ("l", .array([.bool(true)]))])
        #expect(value.serialized() == #"{"b":1,"a":"q\"\\\n\u0001é","n":null,"l":[true]}"#)
    }
}

@Suite struct ReportRequestTests {
    let utc = TimeZone(identifier: "UTC")!
    let now = ISO8601DateFormatter().date(from: "2026-11-25T10:00:00Z")!

    func iso(_ date: Date?) -> String? { date.map { ISO8601DateFormatter().string(from: $0) } }

    @Test func explicitDatesAndFilters() {
        let request = ReportPeriod.request("breaches 2026-10-01 to 2026-10-31 unit Operations", now: now, zone: utc)
        #expect(iso(request.from) == "2026-10-01T00:00:00Z")
        #expect(iso(request.to) == "2026-11-01T00:00:00Z")
        #expect(request.unit == "Operations")
        #expect(request.priority == nil)
    }

    @Test(arguments: [
        ("SLA report last month", "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z"),
        ("sla report this month please", "2026-11-01T00:00:00Z", nil),
        ("report for last week", "2026-11-16T00:00:00Z", "2026-11-23T00:00:00Z"),
        ("anything", nil, nil),
    ] as [(String, String?, String?)])
    func relativePeriods(_ text: String, _ from: String?, _ to: String?) {
        let request = ReportPeriod.request(text, now: now, zone: utc)
        #expect(iso(request.from) == from)
        #expect(iso(request.to) == to)
    }

    @Test func priorityWithAGGUSName() {
        #expect(ReportPeriod.request("breaches this month priority top priority", now: now, zone: utc).priority == "top priority")
        #expect(ReportPeriod.request("breaches priority 3", now: now, zone: utc).priority == "3")
    }

    @Test func aDateOnlyEndIncludesThatDay() {
        #expect(iso(ReportPeriod.end("2026-10-31", zone: utc)) == "2026-11-01T00:00:00Z")
        #expect(iso(ReportPeriod.start("2026-10-31T12:00:00Z", zone: utc)) == "2026-10-31T12:00:00Z")
    }

    /// Issue 13: no password in clear to another machine, SMTP AUTH only over TLS, unless
    /// the site allows it.
    @Test(arguments: [
        ("[mailboxes.support]\nhost = \"imap.example.org\"\nsecurity = \"none\"\nuser = \"s\"\npassword_env = \"P\"\n[smtp]\n",
         "mailboxes.support.security", "the password in clear to imap.example.org"),
        ("[mailboxes.support]\nuser = \"s\"\npassword_env = \"P\"\n[smtp]\nhost = \"smtp.example.org\"\nsecurity = \"none\"\n",
         "smtp.security", "mail in clear to smtp.example.org"),
        ("[mailboxes.support]\nuser = \"s\"\npassword_env = \"P\"\n[smtp]\nsecurity = \"none\"\nuser = \"u\"\npassword_env = \"P\"\n",
         "smtp.security", "SMTP AUTH only over TLS"),
        ("[mailboxes.support]\nhost = \"imap.example.org\"\nverify_certificate = false\nuser = \"s\"\npassword_env = \"P\"\n[smtp]\n",
         "mailboxes.support.verify_certificate", "the password to anyone who answers for imap.example.org"),
        ("[imap]\nhost = \"imap.example.org\"\nverify_certificate = false\n[mailboxes.support]\nuser = \"s\"\npassword_env = \"P\"\n[smtp]\n",
         "mailboxes.support.verify_certificate", "give its CA in ca_file instead"),
        ("[mailboxes.support]\nuser = \"s\"\npassword_env = \"P\"\n[smtp]\nhost = \"smtp.example.org\"\nverify_certificate = false\n",
         "smtp.verify_certificate", "mail to anyone who answers for smtp.example.org"),
    ] as [(String, String, String)])
    func plainTextTransportIsRefusedWithItsKey(_ text: String, _ key: String, _ reason: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("t.toml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try ConfigLoader.load(path: path, environment: ["P": "x"])
            Issue.record("loaded")
        } catch let error as ConfigError {
            #expect(error.key == key)
            #expect(error.reason.contains(reason), "\(error)")
        }
        // The site may allow it; then every start warns.
        try ("[service]\nallow_insecure_transport = true\n" + text).write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try ConfigLoader.load(path: path, environment: ["P": "x"]).service.allowInsecureTransport)
    }

    /// Issue 18: automatic mail opens tickets unless a mailbox says to screen it.
    @Test func aMailboxMayScreenAutomaticMailAndABadValueNamesItsKey() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("t.toml")
        let mailboxes = "[mailboxes.support]\nuser = \"s\"\npassword_env = \"P\"\n[mailboxes.notifications]\nuser = \"n\"\npassword_env = \"P\"\n"
        try (mailboxes.replacingOccurrences(of: "user = \"n\"", with: "user = \"n\"\nautomatic_mail = \"screen\"") + "[smtp]\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let config = try ConfigLoader.load(path: path, environment: ["P": "x"])
        #expect(config.workflow.mailboxesScreeningAutomaticMail == ["notifications"])
        try (mailboxes.replacingOccurrences(of: "user = \"s\"", with: "user = \"s\"\nautomatic_mail = \"drop\"") + "[smtp]\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try ConfigLoader.load(path: path, environment: ["P": "x"])
            Issue.record("loaded")
        } catch let error as ConfigError {
            #expect(error.key == "mailboxes.support.automatic_mail")
            #expect(error.reason.contains("must be ticket or screen"), "\(error)")
            #expect("\(error)".contains(path))
        }
    }

    @Test func certificatesAreCheckedByDefaultAndACAFileMustBeReadable() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("t.toml")
        try "[mailboxes.support]\nuser = \"s\"\npassword_env = \"P\"\n[smtp]\n".write(toFile: path, atomically: true, encoding: .utf8)
        let config = try ConfigLoader.load(path: path, environment: ["P": "x"])
        #expect(config.mailboxes[0].endpoint.certificates == CertificateCheck(verify: true, caFile: nil))
        #expect(config.smtp.endpoint.certificates.verify)

        try "[imap]\nca_file = \"missing.pem\"\n[mailboxes.support]\nuser = \"s\"\npassword_env = \"P\"\n[smtp]\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: ConfigError.self) { try ConfigLoader.load(path: path, environment: ["P": "x"]) }
        #expect(error?.key == "imap.ca_file")
        #expect(error?.reason == "cannot read \(directory.file("missing.pem"))")
    }

    @Test(arguments: ["127.0.0.1", "localhost", "127.1.2.3", "::1"])
    func plainTextToTheLoopbackNeedsNoPermission(_ host: String) throws {
        #expect(TransportPolicy.refusal(host: host, security: .none, sendsPassword: true, isSMTP: false, allowInsecure: false) == nil)
        #expect(TransportPolicy.refusal(host: host, security: .none, sendsPassword: false, isSMTP: true, allowInsecure: false) == nil)
    }

    @Test(arguments: ["127.0.0.1.evil.example", "localhost.evil.example", "10.0.0.1", "imap.example.org"])
    func lookalikesOfTheLoopbackAreNotIt(_ host: String) throws {
        #expect(!TransportPolicy.isLoopback(host))
        #expect(TransportPolicy.refusal(host: host, security: .tls, sendsPassword: true, isSMTP: false, allowInsecure: false) == nil)
    }
}
