import Foundation
import Store
import Testing
import TicketCore
import TicketdTestSupport

/// The built `ticketd` binary, run as a user would.
@Suite(.timeLimit(.minutes(2)))
struct CLITests {
    func ticketd(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try ProcessRunner.run(RepositoryPaths.ticketdBinary, arguments, environment: environment)
    }

    func fixture(_ name: String) -> String {
        RepositoryPaths.fixtures.appendingPathComponent(name + ".eml").path
    }

    @Test func inspectPrintsOneJSONObjectPerFileInInputOrder() throws {
        let files = [fixture("plain_ascii"), fixture("subject_b_utf8"), fixture("auto_reply_out_of_office")]
        let result = try ticketd(["inspect", "--json"] + files)
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        let keys = ["file", "message_id", "from", "to", "cc", "reply_to", "subject", "date", "in_reply_to", "references",
                    "text", "html", "attachments", "automatic"]
        for (line, file) in zip(lines, files) {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(object.keys) == Set(keys))
            #expect(object["file"] as? String == file)
        }
        let last = try #require(try JSONSerialization.jsonObject(with: Data(lines[2].utf8)) as? [String: Any])
        #expect(last["automatic"] as? String == "auto-replied")
    }

    @Test func inspectOfAMissingFileSaysSoAndExits66AfterTheOthers() throws {
        let result = try ticketd(["inspect", "--json", "/nonexistent/mail.eml", fixture("plain_ascii")])
        #expect(result.status == 66)
        #expect(result.stderr.contains("/nonexistent/mail.eml: no such file"))
        #expect(result.stdout.split(separator: "\n").count == 1)
    }

    @Test func inspectOfGarbageIsAnObjectNotACrash() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("garbage.eml")
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(to: URL(fileURLWithPath: file))
        let result = try ticketd(["inspect", "--json", file])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("{\"file\":"))
    }

    @Test(arguments: [
        ("[service]\npoll_interval_seconds = \"often\"\n", "service.poll_interval_seconds", "expected an integer"),
        ("[service]\ncolour = \"blue\"\n", "service.colour", "unknown key"),
        ("[service]\nname = \"x\"\n[smtp]\nhost = \"h\"\n", "mailboxes", "at least one mailbox"),
        ("[mailboxes.support]\nuser = \"support\"\npassword_env = \"TICKETD_UNSET_VARIABLE\"\n[smtp]\n", "mailboxes.support.password_env", "is not set"),
        ("[mailboxes.support]\nuser = \"s\"\npassword_env = \"HOME\"\nsecurity = \"ssl\"\n[smtp]\n", "mailboxes.support.security", "must be"),
        ("this is = = not toml", nil, "TOML syntax error at line 1"),
    ] as [(String, String?, String)])
    func aBadConfigExits78NamingTheFileAndTheKey(_ text: String, _ key: String?, _ reason: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("bad.toml")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try ticketd(["run", "--once", "--config", path])
        #expect(result.status == 78)
        #expect(result.stderr.contains(path))
        if let key { #expect(result.stderr.contains("\(key):")) }
        #expect(result.stderr.contains(reason), "stderr: \(result.stderr)")
    }

    @Test func inspectWithAConfigAddsTheClassificationAndTheTicketItWouldJoin() throws {
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try TestConfig.write(servers: servers, directory: directory, mailboxes: ["support"])
        let request = RepositoryPaths.sampleMail.appendingPathComponent("support/01-vo-membership-request.eml").path
        let reply = RepositoryPaths.sampleMail.appendingPathComponent("support/03-reply-tagged-ticket-1.eml").path
        let outage = RepositoryPaths.sampleMail.appendingPathComponent("support/02-storage-element-down.eml").path

        // Before anything is stored: no thread.
        let before = try ticketd(["inspect", "--json", "--config", config, reply])
        #expect(before.status == 0, "\(before.stderr)")
        let beforeObject = try #require(try JSONSerialization.jsonObject(with: Data(before.stdout.utf8)) as? [String: Any])
        let beforeClassification = try #require(beforeObject["classification"] as? [String: Any])
        #expect(beforeClassification["thread"] is NSNull)

        try servers.deliver([request], to: "support")
        let run = try ticketd(["run", "--once", "--config", config], environment: ["TICKETD_TEST_IMAP_PASSWORD": servers.password])
        #expect(run.status == 0)

        let result = try ticketd(["inspect", "--json", "--config", config, reply, outage])
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        let classification = try #require(first["classification"] as? [String: Any])
        #expect(Set(classification.keys) == ["mailbox", "kind", "change_class", "priority", "priority_name", "unit", "rule", "matched", "timed_out_rules", "thread"])
        #expect(classification["thread"] as? Int == 1)
        #expect(classification["mailbox"] as? String == "support")
        let second = try #require(try JSONSerialization.jsonObject(with: Data(lines[1].utf8)) as? [String: Any])
        let outageClassification = try #require(second["classification"] as? [String: Any])
        #expect(outageClassification["kind"] as? String == "incident")
        #expect(outageClassification["priority"] as? Int == 3)
        #expect(outageClassification["priority_name"] as? String == "high")
        #expect(outageClassification["rule"] as? String == "urgent-incident")
        // Why: the condition, its pattern and the text it matched.
        let matched = try #require(outageClassification["matched"] as? [[String: String]])
        #expect(matched.map { $0["field"] } == ["subject"] && matched.first?["text"] == "URGENT")
        #expect(outageClassification["unit"] as? String == "Operations")

        let security = try ticketd(["inspect", "--json", "--config", config, "--mailbox", "security", outage])
        let securityObject = try #require(try JSONSerialization.jsonObject(with: Data(security.stdout.utf8)) as? [String: Any])
        let securityClassification = try #require(securityObject["classification"] as? [String: Any])
        #expect(securityClassification["mailbox"] as? String == "security")
        #expect(securityClassification["kind"] as? String == "security")
        #expect(securityClassification["unit"] as? String == "Security")
    }

    @Test func theBuiltInRulesClassifyTheEvaluationSetAtLeast95PercentRight() throws {
        let folder = RepositoryPaths.root.appendingPathComponent("Tests/ClassificationEvaluation").path
        let result = try ticketd(["evaluate", "--json", "--minimum", "95", folder])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["total"] as? Int == 183)
        let right = try #require(object["right"] as? Int)
        #expect(Double(right) / 183 >= 0.95, "\(object["wrong"] ?? [])")
        // Every label of the set has its row in the matrix.
        let confusion = try #require(object["confusion"] as? [String: [String: Int]])
        #expect(Set(confusion.keys) == [
            "incident", "request", "change/standard", "change/normal", "change/emergency", "problem", "security", "maintenance",
        ])
        #expect(confusion.values.flatMap(\.values).reduce(0, +) == 183)

        // The second set, written apart from the rules (see its README), guards against
        // rules that fit only the first.
        let holdout = try ticketd(["evaluate", "--minimum", "85", folder + "/holdout"])
        #expect(holdout.status == 0, "\(holdout.stdout)\n\(holdout.stderr)")
    }

    @Test func evaluateExits1BelowTheMinimumAndNamesEachMailClassifiedWrong() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try "file\tmailbox\tkind\tchange_class\na.eml\tsupport\tsecurity\t-\nb.eml\tsupport\trequest\t-\n"
            .write(toFile: directory.file("labels.tsv"), atomically: true, encoding: .utf8)
        try "From: a@b.example\nSubject: Can you tell me the quota?\n\nThanks.\n".write(toFile: directory.file("a.eml"), atomically: true, encoding: .utf8)
        try "From: a@b.example\nSubject: Where is the documentation?\n\nThanks.\n".write(toFile: directory.file("b.eml"), atomically: true, encoding: .utf8)
        let result = try ticketd(["evaluate", "--minimum", "60", directory.path])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("1 of 2 mails classified right: 50.0%"))
        #expect(result.stdout.contains("a.eml: security as request, rule none"))
        #expect(result.stderr.contains("accuracy 50.0% is below the minimum of 60.0%"))

        let missing = try ticketd(["evaluate", "/nonexistent"])
        #expect(missing.status == 66 && missing.stderr.contains("labels.tsv"))
    }

    /// 40,000 nested messages overflow an 8 MB stack in the parser: the commands that parse
    /// given or stored mail do it on a large stack, and a retry reads through the limits.
    @Test func mailNestedTooDeepForAnOrdinaryStackEndsNoCommand() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let deep = directory.file("deep.eml")
        try Data(HostileMail.nestedMessages(40_000)).write(to: URL(fileURLWithPath: deep))
        let inspect = try ticketd(["inspect", "--json", deep])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        #expect(inspect.stdout.contains("\"subject\":\"nested messages\""))

        try "file\tmailbox\tkind\tchange_class\ndeep.eml\tsupport\trequest\t-\n".write(toFile: directory.file("labels.tsv"), atomically: true, encoding: .utf8)
        let evaluate = try ticketd(["evaluate", directory.path])
        #expect(evaluate.status == 0, "\(evaluate.stderr)")

        // Quarantined at intake by the limits; a retry finds it over them again.
        let config = directory.file("ticketd.toml")
        try """
            [service]
            database = "\(directory.file("ticketd.sqlite"))"
            templates = "\(RepositoryPaths.templates)"
            [imap]
            host = "127.0.0.1"
            password_env = "UNUSED"
            [smtp]
            host = "127.0.0.1"
            [mailboxes.support]
            user = "support"
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let ingest = try ticketd(["ingest", "--no-send", "--config", config, deep])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let retry = try ticketd(["failures", "retry", "--all", "--config", config])
        #expect(retry.status == 75, "\(retry.stdout)\(retry.stderr)")
        #expect(retry.stdout.contains("refused again: refused before parsing: MIME parts nested more than 50 deep"))
    }

    @Test func aMissingConfigFileExits78() throws {
        let result = try ticketd(["tickets", "list", "--config", "/nonexistent/ticketd.toml"])
        #expect(result.status == 78)
        #expect(result.stderr.contains("/nonexistent/ticketd.toml: cannot read the file"))
    }

    @Test func secretRotateAddsAKeyKeepsTheOldOneAndTheFileOwnerOnly() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = directory.file("t.toml")
        try "[service]\ndatabase = \"\(directory.file("d.sqlite"))\"\n[mailboxes.support]\nuser = \"s\"\npassword_env = \"P\"\n[smtp]\n"
            .write(toFile: config, atomically: true, encoding: .utf8)
        let first = try ticketd(["secret", "rotate", "--config", config])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("1 older key(s) still verify for 30 day(s)"))
        #expect(try ticketd(["secret", "rotate", "--config", config]).stdout.contains("2 older key(s)"))
        let keyFile = directory.file("reply-tokens.key")
        #expect(try FileManager.default.attributesOfItem(atPath: keyFile)[.posixPermissions] as? Int == 0o600)
        let lines = try String(contentsOfFile: keyFile, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.count == 3)

        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyFile)
        let refused = try ticketd(["secret", "rotate", "--config", config])
        #expect(refused.status == 78)
        #expect(refused.stderr.contains("\(keyFile): group or others may read it"))
    }

    @Test func runOnceThenTicketsListAndShow() throws {
        let servers = try MailServers()
        defer { servers.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try TestConfig.write(servers: servers, directory: directory)
        try servers.deliver(RepositoryPaths.basicSupportSamples, to: "support")
        let environment = ["TICKETD_TEST_IMAP_PASSWORD": servers.password]

        let run = try ticketd(["run", "--once", "--config", config], environment: environment)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("processed 8 message(s); replies sent 5"))

        // Listing needs no password.
        let list = try ticketd(["tickets", "list", "--json", "--config", config])
        #expect(list.status == 0)
        let tickets = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(tickets.map { $0["number"] as? Int } == [1, 2, 3, 4, 5])
        #expect(tickets.first?["status"] as? String == "new")

        let table = try ticketd(["tickets", "list", "--config", config])
        #expect(table.stdout.contains("Request to join VO vo.compchem.example.org"))
        let outage = try #require(table.stdout.split(separator: "\n").first { $0.contains("URGENT: se01.example.org") })
        #expect(outage.hasPrefix("2     incident     new          high       Operations   due "))

        let security = try ticketd(["tickets", "list", "--json", "--unit", "Security", "--config", config])
        #expect(security.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")

        let show = try ticketd(["tickets", "show", "2", "--json", "--config", config])
        #expect(show.status == 0)
        let ticket = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        let messages = try #require(ticket["messages"] as? [[String: Any]])
        #expect(messages.map { $0["direction"] as? String } == ["incoming", "outgoing", "incoming", "incoming"])
        #expect(messages.last?["automatic"] as? String == "auto-replied")

        let text = try ticketd(["tickets", "show", "2", "--config", config])
        #expect(text.stdout.contains("Ticket #2:"))
        #expect(text.stdout.contains("automatic: auto-replied, not answered"))

        let missing = try ticketd(["tickets", "show", "99", "--config", config])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("no ticket #99"))
    }

    @Test func repliesTheSMTPServerDefersStayInTheOutboxAndGoOutOnALaterRun() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let tempfail = directory.file("smtp-tempfail")
        _ = FileManager.default.createFile(atPath: tempfail, contents: Data())
        let servers = try MailServers(users: ["support"], smtpSinkArguments: "--tempfail-file \(tempfail)")
        defer { servers.stop() }
        let config = try TestConfig.write(servers: servers, directory: directory, mailboxes: ["support"])
        let environment = ["TICKETD_TEST_IMAP_PASSWORD": servers.password]
        try servers.deliver([RepositoryPaths.sampleMail.appendingPathComponent("support/01-vo-membership-request.eml").path], to: "support")

        let deferred = try ticketd(["run", "--once", "--config", config], environment: environment)
        #expect(deferred.status == 75)
        #expect(deferred.stderr.contains("1 repl(ies) could not be sent yet"))
        #expect(try servers.received().isEmpty)

        try FileManager.default.removeItem(atPath: tempfail)
        Thread.sleep(forTimeInterval: 2.1)  // the back-off of the test config is at most 2 s
        let sent = try ticketd(["run", "--once", "--config", config], environment: environment)
        #expect(sent.status == 0, "stderr: \(sent.stderr)")
        #expect(sent.stdout.contains("processed 0 message(s); replies sent 1"))
        #expect(try servers.received().count == 1)
    }

    @Test func aWrongIMAPPasswordExits77WithAClearErrorAndNoPassword() throws {
        let servers = try MailServers()
        defer { servers.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try TestConfig.write(servers: servers, directory: directory, mailboxes: ["support"])
        let result = try ticketd(["run", "--once", "--config", config], environment: ["TICKETD_TEST_IMAP_PASSWORD": "not-the-password"])
        #expect(result.status == 77)
        #expect(result.stderr.contains("mailbox support: IMAP LOGIN failed for user support at 127.0.0.1:\(servers.imapPort)"))
        #expect(!result.stderr.contains("not-the-password"))
        #expect(!result.stdout.contains("not-the-password"))
    }

    @Test func anUnreachableIMAPServerExits69() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("ticketd.toml")
        try """
        [service]
        database = "\(directory.file("t.sqlite"))"
        templates = "\(RepositoryPaths.templates)"
        [imap]
        port = 1
        security = "none"
        password_env = "HOME"
        [mailboxes.support]
        user = "support"
        [smtp]
        port = 1
        security = "none"
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try ticketd(["run", "--once", "--config", path])
        #expect(result.status == 69)
        #expect(result.stderr.contains("IMAP connect failed for 127.0.0.1:1"))
    }
}

/// `ticketd run` without `--once`: it keeps polling and stops cleanly on a signal.
@Suite(.timeLimit(.minutes(2)))
struct ContinuousRunTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func theWorkerPollsUntilSignalledAndThenExitsZero(signal: Int32) throws {
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try TestConfig.write(servers: servers, directory: directory, mailboxes: ["support"])

        let worker = try WorkerProcess(config: config, servers: servers, directory: directory)

        // Mail that arrives while the worker runs is answered at the next poll (every second).
        Thread.sleep(forTimeInterval: 1.5)
        try servers.deliver([RepositoryPaths.sampleMail.appendingPathComponent("support/01-vo-membership-request.eml").path], to: "support")
        let deadline = Date().addingTimeInterval(20)
        while try servers.received().isEmpty, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(try servers.received().count == 1)
        #expect(worker.isRunning)

        #expect(worker.stop(with: signal) != nil)
        #expect(worker.exitedCleanly, "stderr: \(worker.stderr)")
    }
}

/// `ticketd sla due` and `ticketd report sla`, as a user runs them.
@Suite(.timeLimit(.minutes(2)))
struct SLACommandTests {
    func ticketd(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run(RepositoryPaths.ticketdBinary, arguments)
    }

    @Test(arguments: [
        // GGUS examples, Europe/Amsterdam office hours.
        (["--start", "2026-11-27T16:00:00+01:00", "--priority", "very urgent", "--qos", "medium"],
         #"{"start":"2026-11-27T16:00:00+01:00","warn_at":"2026-11-30T14:00:00+01:00","due":"2026-11-30T16:00:00+01:00","target_working_minutes":480}"#),
        (["--start", "2026-11-27T15:00:00+01:00", "--priority", "top priority", "--qos", "advanced"],
         #"{"start":"2026-11-27T15:00:00+01:00","warn_at":"2026-11-30T10:00:00+01:00","due":"2026-11-30T11:00:00+01:00","target_working_minutes":240}"#),
        (["--start", "2026-11-23T09:00:00+01:00", "--priority", "1"],
         #"{"start":"2026-11-23T09:00:00+01:00","warn_at":"2026-11-26T15:00:00+01:00","due":"2026-11-27T17:00:00+01:00","target_working_minutes":2400}"#),
    ])
    func dueAnswersTheGGUSExamples(_ arguments: [String], _ expected: String) throws {
        let result = try ticketd(["sla", "due", "--timezone", "Europe/Amsterdam", "--json"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected + "\n")
    }

    @Test func dueWithoutAConfigUsesUTCOfficeHours() throws {
        let result = try ticketd(["sla", "due", "--start", "2026-11-27T16:00:00Z", "--priority", "high", "--json"])
        #expect(result.stdout.contains(#""due":"2026-11-30T16:00:00+00:00""#))
    }

    @Test func dueTakesTheLevelOfAUnitFromTheConfig() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("t.toml")
        try """
        [mailboxes.support]
        user = "s"
        password_env = "UNSET"
        [smtp]
        [[units]]
        name = "Operations"
        [[units]]
        name = "Security"
        qos = "advanced"
        [sla]
        time_zone = "Europe/Amsterdam"
        holidays = ["2026-11-30"]
        """.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try ticketd(["sla", "due", "--config", path, "--unit", "Security", "--priority", "4", "--start", "2026-11-27T15:00:00+01:00", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        // Monday is a holiday: due Tuesday 11:00.
        #expect(result.stdout.contains(#""due":"2026-12-01T11:00:00+01:00""#))
    }

    @Test(arguments: [
        (["--start", "yesterday", "--priority", "1"], "--start"),
        (["--start", "2026-11-27T16:00:00Z", "--priority", "super"], "--priority"),
        (["--start", "2026-11-27T16:00:00Z", "--priority", "1", "--qos", "gold"], "--qos"),
        (["--start", "2026-11-27T16:00:00Z", "--priority", "1", "--timezone", "Mars/Olympus"], "--timezone"),
    ])
    func badArgumentsAreNamed(_ arguments: [String], _ option: String) throws {
        let result = try ticketd(["sla", "due"] + arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(option))
    }

    @Test func reportSLAWritesEveryFormat() throws {
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try TestConfig.write(servers: servers, directory: directory, mailboxes: ["support"])
        try servers.deliver(RepositoryPaths.basicSupportSamples, to: "support")
        let run = try ProcessRunner.run(RepositoryPaths.ticketdBinary, ["run", "--once", "--config", config], environment: ["TICKETD_TEST_IMAP_PASSWORD": servers.password])
        #expect(run.status == 0)
        let later = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3 * 86_400))
        for format in ["table", "csv", "json", "html"] {
            let output = directory.file("report.\(format)")
            let result = try ticketd(["report", "sla", "--config", config, "--format", format, "--output", output, "--now", later])
            #expect(result.status == 0, "\(result.stderr)")
            let text = try String(contentsOfFile: output, encoding: .utf8)
            #expect(!text.isEmpty)
            if format == "json" {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
                // Three days on (at least one whole weekday), the high-priority incident's one working day has passed.
                #expect((object["breaches"] as? [Any])?.count == 1)
            }
        }
        let table = try ticketd(["report", "sla", "--config", config, "--priority", "high", "--now", later])
        #expect(table.stdout.contains("Operations    very urgent          1      0        1"))
        let bad = try ticketd(["report", "sla", "--config", config, "--format", "pdf"])
        #expect(bad.status == 64)
    }
}

/// The crash test script with a small N and K: SIGKILL at random instants, then every
/// message processed exactly once and every reply sent at least once.
@Suite(.timeLimit(.minutes(3)))
struct CrashTests {
    @Test func killingTheWorkerAtRandomInstantsLosesAndDuplicatesNothing() throws {
        let result = try ProcessRunner.run(
            "/bin/bash", [RepositoryPaths.root.appendingPathComponent("deploy/crash-test.sh").path, "120", "4"],
            environment: ["TICKETD_BIN": RepositoryPaths.ticketdBinary]
        )
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("messages=120 kills=4 lost=0 duplicated=0"))
    }
}

/// SIGTERM in the middle of a batch: the message in hand finishes, the worker exits 0,
/// and the next run takes the rest, each message once.
@Suite(.timeLimit(.minutes(3)))
struct GracefulShutdownTests {
    @Test func sigtermDuringABatchFinishesTheMessageInHandAndExitsZero() throws {
        let servers = try MailServers(users: ["support"])
        defer { servers.stop() }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let config = try TestConfig.write(servers: servers, directory: directory, mailboxes: ["support"], extra: "\n[loop]\nmax_per_10_minutes = 10000\nmax_per_day = 10000\n")
        // Small batches, so that progress shows in the Processed folder as it goes.
        try (try String(contentsOfFile: config, encoding: .utf8)).replacingOccurrences(of: "[service]\n", with: "[service]\nfetch_batch_size = 10\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        let mails = directory.url.appendingPathComponent("mails")
        try FileManager.default.createDirectory(at: mails, withIntermediateDirectories: true)
        let count = 400
        for index in 0..<count {
            try Data(TestMail.make(from: "u\(index)@x.example", subject: "Request \(index)", body: ".", messageID: "r\(index)@x.example").utf8)
                .write(to: mails.appendingPathComponent(String(format: "%05d.eml", index)))
        }
        try servers.deliver([mails.path], to: "support")

        let worker = try WorkerProcess(config: config, servers: servers, directory: directory)
        let database = directory.file("ticketd.sqlite")
        // Watch progress over IMAP, not in the database the worker is creating.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, (try? servers.count("support", folder: "Processed")) ?? 0 < 10 {
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(worker.stop(with: SIGTERM, within: 60) != nil)
        #expect(worker.exitedCleanly, "stderr: \(worker.stderr)")
        let afterStop = try TicketStore.open(path: database).tickets().count
        #expect(afterStop >= 10 && afterStop < count)  // it stopped in the middle

        let rest = try ProcessRunner.run(RepositoryPaths.ticketdBinary, ["run", "--once", "--config", config], environment: ["TICKETD_TEST_IMAP_PASSWORD": servers.password])
        #expect(rest.status == 0, "\(rest.stderr)")
        let store = try TicketStore.open(path: database)
        #expect(try store.tickets().count == count)
        #expect(Set(try store.tickets().map(\.subject)).count == count)
        #expect(try servers.count("support", folder: "INBOX") == 0)
    }
}

/// The fuzzing entry point, replayed over every fixture (what `deploy/fuzz.sh` seeds with).
@Suite struct FuzzEntryTests {
    @Test func theFuzzEntryPointRunsEveryFixture() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.fixtures.path)
            .filter { $0.hasSuffix(".eml") }.map { RepositoryPaths.fixtures.appendingPathComponent($0).path }
        let result = try ProcessRunner.run(RepositoryPaths.binary("ParserFuzzer"), files)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("replayed \(files.count) input(s)"))
    }
}
