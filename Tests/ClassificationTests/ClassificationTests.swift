@testable import Classification
import DeskConfiguration
import Workflow
import Foundation
import MailParsing
import Testing
import TicketCore

func mail(from: String = "ann@uni.example", to: String = "support@ticketd.example", subject: String, body: String = "", headers: String = "", html: Bool = false) -> Message {
    let type = html ? "text/html" : "text/plain"
    return MessageParser.parse(Array("From: \(from)\r\nTo: \(to)\r\nSubject: \(subject)\r\n\(headers)Content-Type: \(type); charset=utf-8\r\n\r\n\(body)\r\n".utf8))
}

@Suite struct ClassifierTests {
    func rule(_ name: String, _ configure: (inout ClassificationRule) throws -> Void) rethrows -> ClassificationRule {
        var rule = ClassificationRule(name: name)
        try configure(&rule)
        return rule
    }

    func classifier(_ rules: [ClassificationRule]) throws -> Classifier {
        Classifier(
            rules: rules,
            units: [
                SupportUnit(name: "Operations", members: [], mailboxes: ["support", "notifications"]),
                SupportUnit(name: "Storage", members: ["storage@example.org"], qos: .advanced),
                SupportUnit(name: "Security", members: [], mailboxes: ["security"]),
            ],
            roles: ["support": .support, "notifications": .notifications, "security": .security, "abuse": .security],
            securityUnit: "Security", operationsUnit: "Operations",
            standardChanges: [try Pattern(#"\brenew\b.*\bhost certificate\b"#)]
        )
    }

    @Test func withoutRulesTheMailboxDecides() throws {
        let classifier = try classifier([])
        let request = classifier.classify(mail(subject: "VO access"), mailbox: "support")
        #expect(request == Classification(mailbox: "support", kind: .request, changeClass: nil, priority: .low, unit: "Operations", rule: nil))
        let alert = classifier.classify(mail(subject: "something"), mailbox: "notifications")
        #expect(alert.kind == .incident && alert.priority == .normal)
        let security = classifier.classify(mail(subject: "hello"), mailbox: "abuse")
        #expect(security.kind == .security && security.unit == "Security" && security.priority == .high)
    }

    @Test func theFirstMatchingRuleWinsAndIsNamed() throws {
        let classifier = try classifier([
            rule("storage-from-domain") { $0.from = ["@storage.example"]; $0.unit = "Storage"; $0.kind = .incident },
            rule("subject-outage") { $0.subject = try Pattern("outage"); $0.kind = .incident; $0.priority = .high },
        ])
        let both = classifier.classify(mail(from: "x@se.storage.example", subject: "Outage"), mailbox: "support")
        #expect(both.rule == "storage-from-domain" && both.unit == "Storage" && both.priority == .normal)
        let second = classifier.classify(mail(from: "x@other.example", subject: "OUTAGE now"), mailbox: "support")
        #expect(second.rule == "subject-outage" && second.priority == .high && second.unit == "Operations")
    }

    @Test(arguments: [
        ("to", true), ("cc", true), ("header", true), ("body", true), ("mailbox", false),
    ])
    func everyConditionKindMatches(_ condition: String, _ expected: Bool) throws {
        let rule = try rule("r") { rule in
            switch condition {
            case "to": rule.to = ["helpdesk@ticketd.example"]
            case "cc": rule.to = ["@partner.example"]
            case "header": rule.headers = ["X-Site": try Pattern("^EXAMPLE-SITE$")]
            case "body": rule.body = try Pattern(#"\bquota\b"#)
            default: rule.mailboxes = ["notifications"]
            }
            rule.kind = .incident
        }
        let message = MessageParser.parse(Array("From: a@b.example\r\nTo: helpdesk@ticketd.example\r\nCc: x@lab.partner.example\r\nX-Site: EXAMPLE-SITE\r\nSubject: s\r\n\r\nover QUOTA\r\n".utf8))
        #expect((try classifier([rule]).classify(message, mailbox: "support").rule == "r") == expected)
    }

    @Test func changesAreStandardWhenTheCatalogueMatchesElseNormalUnlessTheRuleSays() throws {
        let classifier = try classifier([
            try rule("emergency") { $0.subject = try Pattern("emergency"); $0.kind = .change; $0.changeClass = .emergency },
            try rule("change") { $0.subject = try Pattern("change"); $0.kind = .change },
        ])
        #expect(classifier.classify(mail(subject: "change: renew the host certificate of ce01"), mailbox: "support").changeClass == .standard)
        #expect(classifier.classify(mail(subject: "change: new storage pool"), mailbox: "support").changeClass == .normal)
        let emergency = classifier.classify(mail(subject: "emergency change"), mailbox: "support")
        #expect(emergency.changeClass == .emergency && emergency.priority == .immediate)
    }

    @Test func aTextConditionHoldsWhereverTheSenderWroteIt() throws {
        let classifier = try classifier([try rule("declared") { $0.text = try Pattern(#"\bemergency change\b"#); $0.kind = .change }])
        for (subject, body) in [("Emergency change: patch sshd", "today"), ("sshd", "This is an emergency change: patch sshd today.")] {
            let result = classifier.classify(mail(subject: subject, body: body), mailbox: "support")
            #expect(result.rule == "declared")
            #expect(result.evidence.first == Classification.Evidence(field: "text", pattern: #"\bemergency change\b"#, matched: subject == "sshd" ? "emergency change" : "Emergency change"))
        }
        #expect(classifier.classify(mail(subject: "sshd", body: "an emergency, no change"), mailbox: "support").rule == nil)
    }

    @Test func aStandardChangeRuleHoldsOnlyWhenTheCatalogueDoes() throws {
        let classifier = try classifier([rule("standard") { $0.standardChange = true }])
        let renewal = classifier.classify(mail(subject: "ce01", body: "Please renew the host certificate."), mailbox: "support")
        #expect(renewal.rule == "standard" && renewal.kind == .change && renewal.changeClass == .standard)
        #expect(renewal.evidence.map(\.field) == ["standard change"] && renewal.evidence.first?.matched == "renew the host certificate")
        let other = classifier.classify(mail(subject: "ce01", body: "Please upgrade HTCondor."), mailbox: "support")
        #expect(other.rule == nil && other.kind == .request)
    }

    @Test func theEvidenceNamesEachConditionAndWhatItMatched() throws {
        let classifier = try classifier([try rule("both") {
            $0.subject = try Pattern("down"); $0.body = try Pattern(#"since \d+:\d+"#); $0.kind = .incident
        }])
        let result = classifier.classify(mail(subject: "SE down", body: "It is down since 08:00 UTC."), mailbox: "support")
        #expect(result.evidence.map(\.field) == ["subject", "body"])
        #expect(result.evidence.map(\.matched) == ["down", "since 08:00"])
    }

    @Test func securityNeverDropsBelowHigh() throws {
        let classifier = try classifier([try rule("low-sec") { $0.subject = try Pattern("phish"); $0.kind = .security; $0.priority = .low }])
        let result = classifier.classify(mail(subject: "phishing mail"), mailbox: "support")
        #expect(result.priority == .high && result.unit == "Security")
    }
}

@Suite struct NotificationParsingTests {
    @Test(arguments: [
        ("** PROBLEM: host=se01.example.org service=SRM state=CRITICAL **", "", MonitoringAlert(state: .problem, host: "se01.example.org", service: "SRM")),
        ("** RECOVERY: host=ce1 service=CREAM-CE state=OK **", "", MonitoringAlert(state: .recovery, host: "ce1", service: "CREAM-CE")),
        ("ARGO notification", "Notification Type: PROBLEM\nHost: se02.example.org\nService: webdav\n", MonitoringAlert(state: .problem, host: "se02.example.org", service: "webdav")),
        ("We have a problem with host=x", "", nil),
        ("PROBLEM without host", "", nil),
    ] as [(String, String, MonitoringAlert?)])
    func alerts(_ subject: String, _ body: String, _ expected: MonitoringAlert?) {
        #expect(MonitoringAlert.parse(mail(subject: subject, body: body)) == expected)
    }

    @Test func downtimeAnnouncementsAndTheirRules() throws {
        let message = mail(subject: "[GOCDB] DOWNTIME ANNOUNCEMENT", body: "Endpoints:      se01.example.org (SRM)\nStart:          2026-11-10 08:00 UTC\nEnd:            2026-11-11 12:00 UTC\n")
        let announcement = try #require(DowntimeAnnouncement.parse(message))
        #expect(announcement.service == "se01.example.org")
        #expect(announcement.start == ISO8601DateFormatter().date(from: "2026-11-10T08:00:00Z"))
        #expect(announcement.end.timeIntervalSince(announcement.start) == 28 * 3600)
        let declared = ISO8601DateFormatter().date(from: "2026-11-09T20:00:00Z")!
        #expect(announcement.violations(declaredAt: declared, minimumNotice: 86_400, maximumDuration: 86_400) == [
            "it was declared 12 hours before it starts; at least 24 hours of notice is required",
            "it lasts 28 hours, longer than 24 hours, and gives no `Justification:`",
        ])
        var justified = announcement
        justified.justification = "full migration"
        #expect(justified.violations(declaredAt: declared.addingTimeInterval(-86_400), minimumNotice: 86_400, maximumDuration: 86_400).isEmpty)
        #expect(DowntimeAnnouncement.parse(mail(subject: "Hello", body: "Start: 2026-11-10 08:00 UTC")) == nil)
    }

    @Test(arguments: [
        ("Re: [ticketd #4] Job submission to ce01 fails at 10:02", "job submission to ce# fails at # #"),
        ("FWD: Job   submission to CE01 fails at 11:30!", "job submission to ce# fails at # #"),
    ])
    func fingerprintsIgnorePrefixesTagsNumbersAndCase(_ subject: String, _ expected: String) {
        #expect(IncidentFingerprint.normalize(subject) == expected)
    }

    /// The four regular expressions `normalize` replaced, as the reference.
    static func normalizedByRegex(_ subject: String) -> String {
        var text = subject.lowercased()
        text = RegexCache.replacing(#"\[[^\]]*\]"#, in: text, with: " ")
        text = RegexCache.replacing(#"^(\s*(re|fwd?|aw|wg|tr)\s*:\s*)+"#, in: text, with: "")
        text = RegexCache.replacing(#"\d+"#, in: text, with: "#")
        text = RegexCache.replacing(#"[^\p{L}\p{N}#]+"#, in: text, with: " ")
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// Subjects made of the pieces each step reads (prefixes, tags, digits of several
    /// scripts, letters that lower-case to more than one scalar, white space of every
    /// kind, marks, symbols and emoji) agree with the regular expressions, as do some
    /// written by hand.
    @Test func aFingerprintIsWhatTheRegularExpressionsGave() {
        let pieces = [
            "Re:", "RE :", "re", "Fwd:", "FW:", "fw", "fwd", "AW: ", "Wg:", "TR:", "tr", "rev:", ":", " ", "  ", "\t", "\n",
            "\u{0B}", "\u{85}", "\u{A0}", "\u{2028}", "\u{200B}", "\u{3000}", "[", "]", "[ticketd #12]", "[x", "x]", "#", "##",
            "0", "42", "٣", "١٢", "७", "²", "Ⅻ", "½", "ce01", "Job", "CE", "İ", "ẞ", "Straße", "ǅ", "é", "e\u{301}", "ß",
            "Σ", "ΌΣ", "!", "?", "-", "_", ".", "@", "€", "😀", "👍🏽", "a", "Z", "ℌ", "ǆ", "ŉ", "Ωmega", "日本", "ﬁ",
        ]
        var generator = SystemRandomNumberGenerator()
        var subjects = [
            "Re: [ticketd #4] Job submission to ce01 fails at 10:02", "re:re:  fw : x", "Fwd:Re:", "[a]re: b", " re: [x] fw: y",
            "fwd re: x", "RE: RE: AW:", "[unclosed re: x", "x [a] [b] y", "]]", "[[]]", "", "   ", "re:",
        ]
        for _ in 0..<5_000 {
            subjects.append((0..<Int.random(in: 1...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for subject in subjects {
            #expect(IncidentFingerprint.normalize(subject) == Self.normalizedByRegex(subject), "\(subject.debugDescription)")
        }
    }

    /// A subject of a million `[` with no `]` after them (a mail's subject is the
    /// sender's to choose) is read once: searched for its `]` once per `[`, it took
    /// minutes.
    @Test(.timeLimit(.minutes(1)))
    func aSubjectOfOpenBracketsIsReadOnce() {
        #expect(IncidentFingerprint.normalize("Storage down " + String(repeating: "[", count: 1_000_000)) == "storage down")
        #expect(IncidentFingerprint.normalize(String(repeating: "[", count: 500_000) + "] x") == "x")
    }
}

@Suite struct ReplyCommandTests {
    @Test(arguments: [
        ("Status: resolved\nPriority: very urgent\n\nDone.", [MailCommand.status(.resolved), .priority(.high)], "Done.\n"),
        ("status: IN PROGRESS\nassign: Storage\nKIND: change/emergency\n", [.status(.open), .assign(unit: "Storage"), .kind(.change, .emergency)], ""),
        ("Approve\n\nLooks good.\n-- \nOMB chair", [.approve], "Looks good.\n"),
        ("Reject: not in the roadmap\n", [.reject(reason: "not in the roadmap")], ""),
        ("Comment: needs 2 days\nand a downtime\n\n> quoted Status: resolved", [.comment("needs 2 days\nand a downtime")], ""),
        ("Thanks!\nStatus: resolved\n", [], "Thanks!\nStatus: resolved\n"),
        ("> Status: resolved\nHi", [], "Hi\n"),
        ("Priority: whenever\nStatus: on hold\n", [.invalid(line: "Priority: whenever", reason: "unknown priority \"whenever\" (0-4, none, low, normal, high, immediate, or the GGUS names)"), .status(.stalled)], ""),
        ("Priority: 4\nKind: change/weird", [.priority(.immediate), .invalid(line: "Kind: change/weird", reason: "unknown change class \"weird\" (standard, normal, emergency)")], ""),
        ("Fixed it.\n\nOn Mon, 2 Nov 2026, Ann wrote:\n> help", [], "Fixed it.\n"),
        // Issue 17: the release commands.
        ("Include: #12 #15\nExclude: 15\nDate: 2027-01-20\nStatus: announced\n", [.include([12, 15]), .exclude([15]), .plannedDate("2027-01-20"), .releaseStatus(.to(.announced))], ""),
        ("Status: in test\nStatus: failed\nStatus: Deployed\nStatus: canceled", [.releaseStatus(.to(.inTest)), .releaseStatus(.failed), .releaseStatus(.to(.deployed)), .releaseStatus(.to(.cancelled))], ""),
        ("Notes: faster login\nKnown issue: IPv6 only\nTest plan: run the probe\nInstall: apt upgrade\nDocs: https://docs.example/2.3\n",
         [.releaseText(.notes, "faster login"), .releaseText(.knownIssues, "IPv6 only"), .releaseText(.testPlan, "run the probe"), .releaseText(.install, "apt upgrade"), .releaseText(.docs, "https://docs.example/2.3")], ""),
        ("Release: 2.3\nRisk: high\nRollback: reinstall 2.2\nEmergency: yes\nOutcome: success", [.release(version: "2.3"), .risk(high: true), .rollback("reinstall 2.2"), .emergency(true), .outcome(succeeded: true)], ""),
        ("Include: #12 and #15\nRisk: huge", [.invalid(line: "Include: #12 and #15", reason: "Include needs ticket numbers: `Include: #12 #15`"), .invalid(line: "Risk: huge", reason: "unknown risk \"huge\" (high, normal, low)")], ""),
    ] as [(String, [MailCommand], String)])
    func commandsAtTheTopAreReadAndTheRestIsTheReply(_ text: String, _ commands: [MailCommand], _ body: String) {
        let reply = MailCommandParser.parse(text)
        #expect(reply.commands == commands)
        #expect(reply.body == body)
    }

    /// Outsider attack: 200,000 command lines made as many refused events and an 18 MB
    /// notice to each member. A reply gives at most 50 commands; the rest is its text.
    @Test func aReplyGivesAtMostFiftyCommandsAndTheRestIsItsText() {
        let text = (1...60).map { "Include: #\($0)" }.joined(separator: "\n") + "\n"
        let reply = MailCommandParser.parse(text)
        #expect(reply.commands.count == MailCommandParser.commandLimit)
        #expect(reply.commands.last == .include([50]))
        #expect(reply.body.hasPrefix("Include: #51\n") && reply.body.hasSuffix("Include: #60\n"))
    }

    @Test func anHTMLOnlyReplyIsReadFromItsText() {
        let message = mail(subject: "Re: [ticketd #1]", body: "<html><body><p>Status: resolved</p><p>Fixed on the server.</p><blockquote>old</blockquote></body></html>", html: true)
        let reply = MailCommandParser.parse(message.text ?? "")
        #expect(reply.commands == [.status(.resolved)])
        #expect(reply.body.contains("Fixed on the server."))
    }
}

@Suite struct LifecycleTests {
    @Test(arguments: [
        (TicketKind.change, TicketStatus.new, TicketStatus.accepted, true),
        (.change, .new, .rejected, true),
        (.change, .new, .open, false),
        (.change, .accepted, .open, true),
        (.change, .open, .resolved, true),
        (.change, .open, .stalled, true),
        (.change, .stalled, .open, true),
        (.incident, .new, .open, true),
        (.incident, .new, .accepted, false),
        (.incident, .open, .resolved, true),
        (.incident, .resolved, .open, true),
        (.incident, .rejected, .open, false),
        (.request, .new, .resolved, false),
        (.request, .stalled, .new, true),
    ])
    func defaultMoves(_ kind: TicketKind, _ from: TicketStatus, _ to: TicketStatus, _ allowed: Bool) {
        #expect(Lifecycle.standard.allows(kind: kind, from: from, to: to) == allowed)
    }

    @Test(arguments: [
        ("3", Priority.high), ("very urgent", .high), ("Top Priority", .immediate), ("less urgent", .low), ("urgent", .normal),
        ("none", .none), ("immediate", .immediate),
    ])
    func prioritiesReadNumbersAndBothNameSets(_ text: String, _ priority: Priority) {
        #expect(Priority(parsing: text) == priority)
    }

    @Test func ggusNamesFollowTheEGIPriorities() {
        #expect(Priority.allCases.map(\.ggusName) == ["less urgent", "less urgent", "urgent", "very urgent", "top priority"])
    }
}

/// Issue 14, point 4: rules see bounded text, and a pattern that backtracks without end is
/// stopped, named, and counts as no match; the built-in patterns are linear.
@Suite struct HostileTextTests {
    @Test(.timeLimit(.minutes(1)))
    func anOperatorsBacktrackingRuleIsStoppedNamedAndCountsAsNoMatch() throws {
        var greedy = ClassificationRule(name: "greedy")
        greedy.body = try Pattern("(a+)+b")
        greedy.kind = .security
        var next = ClassificationRule(name: "next")
        next.subject = try Pattern("hello")
        next.kind = .incident
        let classifier = Classifier(
            rules: [greedy, next], units: [SupportUnit(name: "Operations", members: [], mailboxes: ["support"])],
            roles: ["support": .support], securityUnit: "Security", operationsUnit: "Operations", standardChanges: []
        )
        let result = classifier.classify(mail(subject: "hello", body: String(repeating: "a", count: 4_000)), mailbox: "support")
        #expect(result.timedOutRules == ["greedy"])
        #expect(result.rule == "next" && result.kind == .incident)
    }

    /// A pattern without nested repetition can still be slow: bounded gaps that multiply
    /// (an outsider found 7 s on 64 KB in a first version of a built-in rule). It is
    /// stopped at the deadline all the same.
    @Test(.timeLimit(.minutes(1)))
    func anOperatorsSlowButBoundedRuleIsStoppedToo() throws {
        var slow = ClassificationRule(name: "slow")
        slow.body = try Pattern(#"(?s)\b(urgent|today|hoy)\b.{0,120}\b(patch|update)\w{0,6}\b.{0,200}CVE-\d{4}-\d{1,7}|CVE-\d{4}-\d{1,7}.{0,200}\b(urgent|today|hoy)\b.{0,120}\b(patch|update)"#)
        slow.kind = .change
        #expect(slow.body?.mayBacktrack == false)
        let classifier = Classifier(
            rules: [slow], units: [SupportUnit(name: "Operations", members: [], mailboxes: ["support"])],
            roles: ["support": .support], securityUnit: "Security", operationsUnit: "Operations", standardChanges: []
        )
        let unit = "CVE-2024-1234567 hoy hoy hoy hoy "
        // `patch` once, before all the rest: each alternative's literals are in the text,
        // so it is searched, and it cannot match.
        let text = "patch\n" + String(repeating: unit, count: 65_000 / unit.count)
        let body = stride(from: 0, to: text.count, by: 4_000).map { String(text.dropFirst($0).prefix(4_000)) }.joined(separator: "\n")
        let result = classifier.classify(mail(subject: "x", body: body), mailbox: "support")
        #expect(result.timedOutRules == ["slow"])
        #expect(result.rule == nil)
    }

    /// Which patterns run under the deadline's watch: those that may backtrack without end,
    /// and those with two repetitions of 50 or more, whose tries multiply.
    @Test(arguments: [
        (".{0,120}a.{0,200}b", true), ("a*b.{0,100}", true), (#"x{2,}y{50}"#, true), ("(a+)+b", true),
        (#"\bhost certificates?\b.{0,150}\brenew"#, false), (#"\w{0,4}\d{4}[.{}]{0,3}"#, false), (#"CVE-\d{4}-\d{4,7}"#, false),
    ] as [(String, Bool)])
    func patternsThatMayBeSlowAreWatched(_ source: String, _ watched: Bool) {
        #expect(SlowRisk.of(source) == watched)
    }

    /// Which patterns could backtrack without end (the built-in ones may not).
    @Test(arguments: [
        ("(a+)+b", true), (#"(\w+\s?)*$"#, true), ("(x|y*)*", true), (".*a.*b", true), (#"(\d{1,3}){2,}"#, true), (#"(a)\1"#, true),
        (#"\bhello\b"#, false), (#"CVE-\d{4}-\d+"#, false), (#"\badd\b.{0,200}\b(users?|members?)\b.{0,200}\bVO\b"#, false),
        (#"(re:\s*)?(urgent|critical)"#, false), (#"[(*+]+x"#, false), (#"\(a\)+"#, false),
    ])
    func patternsThatCanBacktrackWithoutEndAreTold(_ source: String, _ watched: Bool) throws {
        #expect(try Pattern(source).mayBacktrack == watched)
    }

    @Test func ruleTextIsCutAt64KBAndLongLinesAt4KB() {
        #expect(RuleText.bounded("short\ntext") == "short\ntext")
        let long = String(repeating: "x", count: 10_000) + "\nnext"
        #expect(RuleText.bounded(long) == String(repeating: "x", count: 4_096) + "\nnext")
        let big = String(repeating: "line\n", count: 100_000)
        #expect(RuleText.bounded(big).utf8.count == RuleText.maximumBytes)
    }

    /// Text built against the patterns of the built-in rules and parsers: 1 MB of what
    /// makes them try hardest. Each must finish; the seconds are for the log, not a target.
    /// By name: the test's arguments are printed, and these texts are a megabyte long.
    static let hostileBodies: [String: @Sendable () -> String] = [
        "add users": { String(repeating: "add users ", count: 100_000) },
        "newlines": { String(repeating: "\n", count: 1_000_000) },
        "spaces after Start:": { "Start:" + String(repeating: " ", count: 1_000_000) },
        "downtime start: host:": { String(repeating: "downtime start: host: ", count: 50_000) },
        "host ... PROBLEM": { String(repeating: "host ", count: 200_000) + "PROBLEM" },
        "please please": { String(repeating: "please could you ", count: 60_000) },
        "host certificate": { String(repeating: "host certificate ", count: 60_000) },
        "add to the": { String(repeating: "add to the VO ", count: 70_000) },
        "a CVE among words of urgency": { String(repeating: "CVE-2024-1234567 hoy hoy hoy hoy ", count: 2_000) },
    ]

    @Test(.timeLimit(.minutes(1)), arguments: hostileBodies.keys.sorted())
    func theBuiltInRulesStayLinearOnHostileText(_ name: String) throws {
        let makeBody = try #require(Self.hostileBodies[name])
        let body = makeBody()
        let message = mail(subject: "Change request: downtime PROBLEM", body: body)
        let classifier = try ConfigLoader.builtInWorkflow().classifier(roles: [:])
        #expect(classifier.classify(message, mailbox: "support").timedOutRules.isEmpty)
        _ = DowntimeAnnouncement.parse(message)
        _ = MonitoringAlert.parse(message)
    }

    /// Point 4: no built-in pattern has nested unbounded repetition (nor two unbounded
    /// runs, nor a backreference), so none needs the deadline's watch.
    @Test func noBuiltInPatternCanBacktrackWithoutEnd() throws {
        let workflow = try ConfigLoader.builtInWorkflow()
        let patterns = workflow.rules.flatMap { rule in [rule.subject, rule.body, rule.text].compactMap { $0 } + Array(rule.headers.values) }
            + workflow.standardChanges
        #expect(patterns.count > 10)
        #expect(patterns.filter(\.mayBacktrack).map(\.source) == [])
    }

    /// The built-in patterns are compiled when first used (a one-shot command needs few):
    /// here every alternative of each is compiled, so that none can fail at a site.
    @Test func everyAlternativeOfEveryBuiltInPatternCompiles() throws {
        let workflow = try ConfigLoader.builtInWorkflow()
        let patterns = workflow.rules.flatMap { rule in [rule.subject, rule.body, rule.text].compactMap { $0 } + Array(rule.headers.values) }
            + workflow.standardChanges
        for pattern in patterns {
            #expect(throws: Never.self, "\(pattern.source.prefix(60))") { try pattern.compileAll() }
        }
    }

    @Test func aBadPatternFromAConfigIsRefusedAtOnceAndNotLeftForLater() {
        #expect(throws: (any Error).self) { try Pattern("ok|(broken") }
        #expect(throws: (any Error).self) { try Pattern("(broken") }
        #expect(!Pattern(builtIn: "(broken").matches("(broken"))
    }

    /// A delivery report of 1 MB of newlines is read by the header parser, in one pass.
    @Test(.timeLimit(.minutes(1)))
    func aMegabyteDeliveryReportIsReadInOnePass() {
        let raw = "From: MAILER-DAEMON@x.example\r\nSubject: failure\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n"
            + "--b\r\nContent-Type: message/delivery-status\r\n\r\n" + String(repeating: "\r\n", count: 500_000)
            + "Final-Recipient: rfc822; a@x.example\r\nStatus: 5.1.1\r\n--b--\r\n"
        let message = MessageParser.parse(Array(raw.utf8))
        #expect(message.isDeliveryStatusReport)
    }
}

/// Looking for each alternative's literal before running it changes the cost, never
/// whether a pattern matches.
@Suite struct LiteralPrefilterTests {
    @Test(arguments: [
        (#"\bfoo(s|ed)?\b"#, ["foo"]),
        (#"\b(compromised?|intrusion)\b"#, ["compromise", "intrusion"]),
        (#"(?-i:\bCERTS?\b|CSIRT)"#, ["cert", "csirt"]),
        (#"vulnérabilité"#, ["rabilit"]),
        (#"host[ -]?certificates?"#, ["host"]),
        (#"(doesn.t|does not) work"#, ["doesn", "does not"]),
        // Past what may be absent or holds no literal, to the first item that needs one.
        (#"\d+ errors"#, [" errors"]),
        (#"^\W{0,10}(re:\s{0,5})?(urgent|critical|emergency)\b"#, ["urgent", "critical", "emergency"]),
        (#"[a-z]{2,}\.? stopped"#, [" stopped"]),
        (#"(?=x)\bwxyz"#, ["wxyz"]),
        // A later item whose literals are longer than the first's two letters.
        (#"\b(third|\d+(st|nd|rd|th)) (time|week)\b"#, ["time", "week"]),
        (#"no (help|way)"#, ["no "]),  // the first, of three: kept
    ] as [(String, [String])])
    func theLiteralsAnAlternativeNeedsAreRead(_ source: String, _ expected: [String]) {
        let scalars = Array(source.unicodeScalars)
        #expect(LiteralPrefilter.neededLiterals(scalars, 0..<scalars.count)?.literals == expected)
    }

    /// The literals of an alternative's other items confirm the chosen ones: a text
    /// without `restart` is not searched for `please … restart`.
    @Test(arguments: [
        (#"\b(please|could)\b[^.?!]{0,60}\brestart"#, ["please", "could"], [["restart"]]),
        (#"\bVO\b.{0,80}(hinzufügen|aufnehmen)"#, ["vo"], [["hinzuf", "aufnehmen"]]),
        (#"\b(third|\d+(st|nd|rd|th)) (time|week)\b"#, ["time", "week"], [["third", "st", "nd", "rd", "th"]]),
        (#"no (help|way)"#, ["no "], [["help", "way"]]),
        (#"\bfoo(s|ed)?\b"#, ["foo"], []),
        (#"(?=x)\bwxyz"#, ["wxyz"], []),
    ] as [(String, [String], [[String]])])
    func theLiteralsOfTheOtherItemsConfirmTheChosenOnes(_ source: String, _ literals: [String], _ confirming: [[String]]) {
        let scalars = Array(source.unicodeScalars)
        let needed = LiteralPrefilter.neededLiterals(scalars, 0..<scalars.count)
        #expect(needed?.literals == literals)
        #expect(needed?.confirming == confirming)
    }

    @Test func anAlternativeIsNeitherCompiledNorSearchedWhenAConfirmingLiteralIsMissing() throws {
        let source = #"\b(please|could)\b[^.?!]{0,60}\brestart|\bneu ?starten\b"#
        let pattern = Pattern(builtIn: source, alternatives: Pattern.alternatives(of: source))
        #expect(pattern.search(bounded: "Please have a look, could you?") == .notFound)
        #expect(pattern.branches.allSatisfy { !$0.compiled.isCompiled })
        // With ß, which ICU takes for ss, a literal with an s is looked for in the text
        // with ß as ss: `restart` is not there either.
        #expect(pattern.search(bounded: "Grüße, please have a look") == .notFound)
        #expect(pattern.branches.allSatisfy { !$0.compiled.isCompiled })
        // So with the other letters that fold into ASCII ones (a second outsider review: a
        // Kelvin sign anywhere had made a mail search every alternative of every rule).
        #expect(pattern.search(bounded: "\u{212A}indly, please have a look at the \u{FB01}le") == .notFound)
        #expect(pattern.branches.allSatisfy { !$0.compiled.isCompiled })
        #expect(pattern.search(bounded: "\u{212A}indly, please re\u{17F}tart it") == .found("please re\u{17F}tart"))
        #expect(pattern.branches.map(\.compiled.isCompiled) == [true, false])
        #expect(pattern.search(bounded: "Please restart it. Could you restart it?") == .found("Please restart"))
        #expect(pattern.branches.map(\.compiled.isCompiled) == [true, false])
        // The same through a classifier's index of the literals.
        var rule = ClassificationRule(name: "restart")
        rule.body = Pattern(builtIn: source, alternatives: Pattern.alternatives(of: source))
        rule.kind = .request
        let classifier = Classifier(
            rules: [rule], units: [SupportUnit(name: "Operations", members: [], mailboxes: ["support"])],
            roles: ["support": .support], securityUnit: "Security", operationsUnit: "Operations", standardChanges: []
        )
        #expect(classifier.classify(mail(subject: "x", body: "please have a look"), mailbox: "support").rule == nil)
        #expect(classifier.classify(mail(subject: "x", body: "could you restart the CE?"), mailbox: "support").rule == "restart")
    }

    @Test(arguments: [#"(a|b)?c"#, #"(?=x)y"#, #".{0,3}z"#, #"\x41bc"#, #"\d+(a|bc)"#])
    func anAlternativeWithoutANeededLiteralIsAlwaysTried(_ source: String) {
        let scalars = Array(source.unicodeScalars)
        #expect(LiteralPrefilter.neededLiterals(scalars, 0..<scalars.count) == nil)
    }

    @Test(arguments: [#"a|(?x:b # c)|d"#, #"a(?ix:b)|c"#, #"a|(?i)b"#, #"(?x)a b|c"#, #"\Qa|b\E"#, #"[\Q]ab\E]cd|x"#, #"secret(?#[)|(x])|zzz"#, #"(?:a(?#b)|c)"#,
                    #"foo\c\|bar"#, #"zzz[\c\]|bar]"#, #"foo(?<=\Gfoo)"#])
    func aPatternWhoseSplitCouldChangeItsMeaningIsKeptWhole(_ source: String) {
        #expect(LiteralPrefilter(source: source) == nil)
    }

    @Test(arguments: [
        (#"\bfoo(s|ed)?\b"#, true),
        (#"\b(compromised?|intrusion)\b"#, true),
        (#"vulnérabilité"#, false),
        (#"údržb"#, false),
        (#"(doesn.t|does not) work"#, true),
        (#"^\W{0,10}(urgent|critical)\b"#, false),
        (#"^(urgent|critical)\b"#, true),
    ] as [(String, Bool)])
    func aSearchStartsAtTheLiteralOnlyWhenEveryMatchStartsWithIt(_ source: String, _ atStart: Bool) throws {
        let scalars = Array(source.unicodeScalars)
        #expect(try #require(LiteralPrefilter.neededLiterals(scalars, 0..<scalars.count)).atStart == atStart)
    }

    /// A search that starts at the literal still sees the text before it: `\b` and
    /// lookbehind read it, and `^` holds only where the text starts.
    @Test(arguments: [
        (#"^foo|zzz"#, "xx foo", nil),
        (#"\bfoos?\b|zzz"#, "xfoos foo", "foo"),
        (#"foo(?<=a foo)|zzz"#, "a foo", "foo"),
        (#"(?m)^foo\w*|zzz"#, "xfoox\nfoo", "foo"),
        (#"errors?|zzz"#, "Ärger: ERRORS", "ERRORS"),
        (#"straße|strasse"#, "Die STRASSE ist", "STRASSE"),
    ] as [(String, String, String?)])
    func aSearchFromTheLiteralFindsWhatTheWholeTextWould(_ source: String, _ text: String, _ expected: String?) throws {
        let pattern = try Pattern(source)
        var builder = LiteralIndex.Builder()
        let indexed = pattern.indexed(&builder)
        let expectedSearch: Pattern.Search = expected.map { .found($0) } ?? .notFound
        #expect(pattern.search(bounded: text) == expectedSearch)
        #expect(indexed.search(SearchableText(text, index: builder.build())) == expectedSearch)
    }

    /// Found by an outsider's review: letters ICU folds into ASCII ones, a set inside a
    /// set, and a backreference, each of which had made the literal search miss a match
    /// of the whole regex or find one it has not.
    @Test(arguments: [
        (#"\bkeylogger\b"#, "\u{212A}eylogger found"),
        (#"\brisk\W+high|zzz"#, "risk low; ri\u{17F}k - high"),
        (#"\bstrasse\b|zzz"#, "Die Stra\u{DF}e ist gesperrt"),
        (#"\bsuffix\b|zzz"#, "a su\u{FB03}x here"),
        (#"(abc[[x])][[y](]|zz)"#, "zz"),
        (#"(a)|(b)\1"#, "bb"),
        (#"^\W{0,10}(re:\s{0,5})?(urgent|critical)\b|zzz"#, "Re: URGENT: disk full"),
        (#"\b(third|\d+(st|nd)) (time|week)\b|zzz"#, "for the 2ND TIME"),
        (#"a\.?bcd|zzz"#, "a.BCD"),
        (#"\x41bc|zzz"#, "abc"),
        (#"(?<=x)yz\w+ found|zzz"#, "xyzab FOUND"),
        // An outsider's review: `\Q` inside a set, and comments that end at their first `)`.
        (#"[\Q]security\E] incident|zzz"#, "e incident"),
        (#"secret(?#[)|(x])|zzz"#, "x]"),
        (#"(?:secret(?#[)|(x]))|zzz"#, "x]"),
        (#"secret(?#\)|x[\Q])\E]|zzz"#, "x)"),
        // An outsider's review of the confirming literals: `ß` standing for an `s` of a
        // literal and one beside it, and comments in a group in extended mode.
        (#"\bplease\b.{0,60}Maßstab"#, "please check the MASßTAB"),
        (#"\bsecurity\b.{0,20}clas\x73ified"#, "security: claßified"),
        (#"zzz.*pas\x{53}word"#, "zzz paßword"),
        (#"pas\x73word|zzz"#, "paßword"),
        (#"\burgent\b.{0,40}(?x: # see RFC 2350 :)(\#n security \s+ (incident|breach)\#n)"#, "URGENT:security incident"),
        (#"zzz(?x:a#)(\#nbcd ef)"#, "zzzabcdef"),
        // A second review: `\cX` takes its X whatever it is (`\c\`, `\c[`, `\c(`), and `\G`
        // would hold where a search from the literal starts.
        (#"foo\c\|bar"#, "some bar here"),
        (#"urgent\c\|security"#, "security"),
        (#"foo\c[|]bar"#, "x ]bar"),
        (#"zzz[\c\]|bar]"#, "x bar]"),
        (#"abc\c(|zzz\c)"#, "hello zzz\tend"),
        (#"foo(?<=\Gfoo)"#, "xx foo"),
        (#"urgent(?<=\G.{0,9}urgent)"#, "Hello, this is urgent"),
    ])
    func aSearchAgreesWithTheWholeRegexOnTextsBuiltToFoolTheLiterals(_ source: String, _ text: String) throws {
        let whole = try NSRegularExpression(pattern: source, options: [.caseInsensitive])
        let expected = whole.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        let pattern = try Pattern(source)
        var builder = LiteralIndex.Builder()
        let indexed = pattern.indexed(&builder)
        #expect(pattern.matches(text) == expected)
        #expect((indexed.search(SearchableText(text, index: builder.build())) != .notFound) == expected)
    }

    @Test(arguments: [
        ("Grüße aus Straße", [FoldsToASCII.sharpS]),
        ("GROẞ", [.sharpS]),
        ("ri\u{17F}k, \u{212A}, su\u{FB01}x", [.others]),
        ("plain ASCII, and é, ü, ł, ž", []),
    ] as [(String, FoldsToASCII)])
    func lettersThatFoldIntoASCIIAreTold(_ text: String, _ expected: FoldsToASCII) {
        #expect(FoldsToASCII(in: Array(text.utf8)) == expected)
    }

    /// Each letter as CaseFolding.txt folds it (Python's `str.casefold` gives the same).
    @Test func aTextIsFoldedAsICUFoldsItsLettersThatFoldIntoASCII() {
        let text = "Stra\u{DF}e GRO\u{1E9E} ri\u{17F}k \u{212A} \u{FB00}\u{FB01}\u{FB02}\u{FB03}\u{FB04}\u{FB05}\u{FB06} \u{130} \u{149} \u{1F0} \u{1E96}\u{1E97}\u{1E98}\u{1E99}\u{1E9A} \u{E9}"
        let expected = "strasse gross risk k fffiflffifflstst i\u{307} \u{2BC}n j\u{30C} h\u{331}t\u{308}w\u{30A}y\u{30A}a\u{2BE} \u{E9}"
        #expect(SearchableText(text, index: nil).folded == Array(expected.utf8))
        #expect(SearchableText("plain text, é", index: nil).folded == nil)
    }

    @Test func theIndexFindsTheFirstPlaceOfEveryLiteralInOnePass() {
        var builder = LiteralIndex.Builder()
        let numbers = ["he", "she", "his", "hers", "a-b c", "zz"].map { builder.number(of: Array($0.utf8)) }
        #expect(numbers == [0, 1, 2, 3, 4, 5])
        #expect(builder.number(of: Array("she".utf8)) == 1)
        let index = builder.build()
        // Bytes: Ä is two. "she" at 3, "he" and "hers" at 4, "a-b c" at 10; "his" and "zz" nowhere.
        #expect(index.occurrences(in: Array("ÄuSHERS; A-B C".utf8)).first == [4, 3, -1, 4, 10, -1])
        // Each place counts, overlapping ones too (`hehe`: `he` twice; `shershe`: `she` and `he` twice).
        #expect(index.occurrences(in: Array("hehe shershe zzz".utf8)).count == [4, 2, 0, 1, 0, 2])
        let joined = LiteralIndex.Occurrences.joined(index.occurrences(in: Array("zz".utf8)), index.occurrences(in: Array("she".utf8)), leftBytes: 2)
        #expect(joined.first == [4, 3, -1, -1, -1, 0])
    }

    /// A rule set too large for 16-bit states (more than 65,535 literal bytes) is indexed
    /// with 32-bit ones, and finds the same places as a search of each literal.
    @Test(arguments: [40, 3_000])
    func theIndexOfAnyNumberOfLiteralsFindsWhatASearchOfEachFinds(_ count: Int) {
        // Literals of 25 bytes that share prefixes, as words of rules do.
        let literals = (0..<count).map { number in Array("literal \(number * 7_919 % 100_000) of-the-rules".prefix(25).utf8) }
        var builder = LiteralIndex.Builder()
        for literal in literals { _ = builder.number(of: literal) }
        let index = builder.build()
        let text = Array(("Text with " + stride(from: 0, to: count, by: 9).map { "LITERAL \($0 * 7_919 % 100_000) OF-THE-RULES" }.joined(separator: ", ")).utf8)
        let lowered = text.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        let expected = builder.literals.map { literal in
            lowered.withUnsafeBufferPointer { LiteralPrefilter.firstOffset($0, literal, from: 0).map(Int32.init) ?? -1 }
        }
        let occurrences = index.occurrences(in: lowered)
        #expect(occurrences.first == expected)
        #expect(expected.filter { $0 >= 0 }.count >= count / 9)
        let counts = builder.literals.map { literal in
            lowered.withUnsafeBufferPointer { hay in
                var count: Int32 = 0
                var place = LiteralPrefilter.firstOffset(hay, literal, from: 0)
                while let found = place {
                    count += 1
                    place = LiteralPrefilter.firstOffset(hay, literal, from: found + 1)
                }
                return count
            }
        }
        #expect(occurrences.count == counts)
    }

    /// The classifier's index and the search from each literal report what running every
    /// alternative over the whole text reports: the same alternative, the same match.
    @Test func everyBuiltInPatternFindsTheSameMatchThroughTheIndex() throws {
        let workflow = try ConfigLoader.builtInWorkflow()
        let patterns = workflow.rules.flatMap { [$0.subject, $0.body, $0.text].compactMap { $0 } } + workflow.standardChanges
        var builder = LiteralIndex.Builder()
        let indexed = patterns.map { $0.indexed(&builder) }
        let index = builder.build()
        let folder = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appending(path: "ClassificationEvaluation")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }.sorted()
        #expect(files.count >= 150)
        var compared = 0
        for file in files {
            let message = MessageParser.parse(Array(try Data(contentsOf: folder.appending(path: file))))
            let text = RuleText.bounded((message.subject ?? "") + "\n" + (message.text ?? ""))
            let searchable = SearchableText(text, index: index)
            for pattern in indexed {
                var expected = Pattern.Search.notFound
                for branch in pattern.branches {
                    if let match = branch.regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) {
                        expected = .found(String(text[Range(match.range, in: text)!]))
                        break
                    }
                }
                #expect(pattern.search(searchable) == expected, "\(pattern.source.prefix(60)) on \(file)")
                compared += 1
            }
        }
        #expect(compared > 1_000)
    }

    @Test func everyBuiltInPatternMatchesExactlyWhereItsWholeRegexDoes() throws {
        let workflow = try ConfigLoader.builtInWorkflow()
        let patterns = workflow.rules.flatMap { [$0.subject, $0.body, $0.text].compactMap { $0 } } + workflow.standardChanges
        let texts = [
            "Our SE is DOWN since 08:00, all transfers FAIL with errors.", "Please RESTART the frontier-squid service.",
            "This is an Emergency Change: patch CVE-2024-6387 TODAY.", "Wir haben einen Sicherheitsvorfall: Mining-Pool xmrig.",
            "Planowana przerwa serwisowa w czwartek.", "Could you please add the redirect URI to our OIDC client?",
            "Ceci est une demande, pas un incident.", "Prosím o navýšení kvóty projektu.", "nothing to see here",
        ]
        for pattern in patterns {
            let whole = try NSRegularExpression(pattern: pattern.source, options: [.caseInsensitive])
            for text in texts {
                let expected = whole.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                #expect(pattern.matches(text) == expected, "\(pattern.source.prefix(60)) on \(text)")
            }
        }
    }
}
