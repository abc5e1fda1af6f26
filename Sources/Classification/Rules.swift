import Foundation
public import TicketCore

/// A case-insensitive regular expression from config, compiled once. It sees mail text
/// only through `RuleText.bounded`, and a match that may be slow (`SlowRisk`) and runs
/// past `timeLimit` is stopped and counts as none (issue 14, point 4): an operator's
/// pattern, with nested repetition or gaps that multiply, must not stall the worker on
/// text built to make it slow.
public struct Pattern: @unchecked Sendable, Equatable {
    // NSRegularExpression is immutable and documented thread-safe once built.
    public let source: String
    /// The pattern's top-level alternatives with the literals they need (only those whose
    /// literal is in the text are run, from the first place they may match), or the
    /// whole pattern as one when it is not taken apart.
    private let box: Once<[LiteralPrefilter.Branch]>
    // Making them never throws: a built-in pattern's alternatives compile when searched.
    var branches: [LiteralPrefilter.Branch] { (try? box.get()) ?? [] }

    /// How long one pattern may look at one text.
    public static let timeLimit: Duration = .milliseconds(500)

    public enum Outcome: Sendable, Equatable { case matched, notMatched, timedOut }

    /// The pattern could backtrack without end (`BacktrackRisk`); the built-in ones may not.
    public var mayBacktrack: Bool { BacktrackRisk.of(source) }

    /// A pattern from a config: compiled now, so that a bad one is told at once.
    public init(_ source: String) throws {
        self.source = source
        if let split = LiteralPrefilter(source: source) {
            box = Once(split.branches)
        } else {
            let whole = LazyRegex(source)
            try whole.compile()
            box = Once([.whole(whole)])
        }
    }

    /// A built-in pattern: taken apart when first searched, and each alternative compiled
    /// when a text first needs it, as a one-shot command (`tickets show` needs none,
    /// `ingest -` of one mail few of the hundreds the built-in rules hold). The tests
    /// compile them all (`compileAll`).
    public init(builtIn source: String) {
        self.source = source
        box = Once(making: {
            LiteralPrefilter(source: source, compiling: false)?.branches ?? [.whole(LazyRegex(source))]
        })
    }

    /// One top-level alternative of a pattern, with the literals one of which each of its
    /// matches holds (`LiteralPrefilter`): what taking a pattern apart gives, kept in a
    /// table for the built-in rules (`Configuration`'s `BuiltInWorkflow.swift`).
    public struct Alternative: Sendable, Equatable {
        /// The flag group the whole pattern starts with (`(?s)`), which each alternative keeps.
        public var flags: String
        public var body: String
        /// Lower-cased ASCII; nil when the alternative needs none that can be told.
        public var literals: [String]?
        /// Every match starts with one of the literals.
        public var startsWithLiteral: Bool
        /// More sets of literals, each with one that every match holds too: the
        /// alternative runs only when each set has one in the text.
        public var confirming: [[String]]

        public init(flags: String, body: String, literals: [String]?, startsWithLiteral: Bool, confirming: [[String]] = []) {
            self.flags = flags
            self.body = body
            self.literals = literals
            self.startsWithLiteral = startsWithLiteral
            self.confirming = confirming
        }
    }

    /// How a pattern is taken apart; nil when it is searched whole.
    public static func alternatives(of source: String) -> [Alternative]? {
        LiteralPrefilter.alternatives(of: source)
    }

    /// A built-in pattern taken apart ahead of time (`alternatives(of:)`, nil for one kept
    /// whole): a one-shot command reads none of the built-in patterns itself.
    public init(builtIn source: String, alternatives: [Alternative]?) {
        self.source = source
        box = Once(making: {
            guard let alternatives, let split = try? LiteralPrefilter(alternatives, compiling: false) else { return [.whole(LazyRegex(source))] }
            return split.branches
        })
    }

    private init(source: String, branches: [LiteralPrefilter.Branch]) {
        self.source = source
        box = Once(branches)
    }

    /// Compiles every alternative now; throws what ICU says of the first it refuses.
    public func compileAll() throws {
        for branch in branches { try branch.compiled.compile() }
    }

    /// The same pattern with its literals numbered in `index`, so that a search can take
    /// their places from the index's one pass over the text.
    func indexed(_ index: inout LiteralIndex.Builder) -> Pattern {
        var branches = branches
        for position in branches.indices {
            branches[position].numbers = branches[position].literals?.map { index.number(of: $0) }
        }
        return Pattern(source: source, branches: branches)
    }

    public func matches(_ text: String) -> Bool { match(text) == .matched }

    /// Whether the pattern matches the bounded text, or ran out of time.
    public func match(_ text: String, timeLimit: Duration = Pattern.timeLimit) -> Outcome {
        switch search(bounded: RuleText.bounded(text), timeLimit: timeLimit) {
        case .found: .matched
        case .notFound: .notMatched
        case .timedOut: .timedOut
        }
    }

    /// What a search of bounded text found: the matched text, nothing, or no answer in time.
    enum Search: Equatable {
        case found(String)
        case notFound
        case timedOut
    }

    /// An alternative whose literals occur at most this often is tried at each of their
    /// places and nowhere else; one whose literals occur more often searches the text from
    /// the first. A try costs ICU a copy of the whole text (about 3 µs a KB), a search
    /// about 25 times that per KB searched.
    static let literalTries = 4

    /// The first match in text already bounded (`RuleText.bounded`).
    func search(bounded text: String, timeLimit: Duration = Pattern.timeLimit) -> Search {
        search(SearchableText(text, index: nil), timeLimit: timeLimit)
    }

    /// The first match, the first alternative that matches first. An alternative whose
    /// every match starts with one of its literals is tried where they occur, and only
    /// there (its first match is there); one that may be slow (`SlowRisk`) searches from
    /// its first literal under the watch of the deadline; the others search the whole text.
    func search(_ searchable: SearchableText, timeLimit: Duration = Pattern.timeLimit) -> Search {
        let text = searchable.text
        func found(_ range: NSRange) -> Search { .found(Range(range, in: text).map { String(text[$0]) } ?? "") }
        /// From a UTF-8 offset to the end, seeing the text before it for `\b` and
        /// lookbehind, and with `^` and `$` where the text has them.
        func rest(from offset: Int) -> (range: NSRange, options: NSRegularExpression.MatchingOptions) {
            (NSRange(text.utf8.index(text.startIndex, offsetBy: offset)..., in: text), offset == 0 ? [] : [.withTransparentBounds, .withoutAnchoringBounds])
        }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeLimit)
        for branch in branches {
            // A text with a letter ICU folds into the literal (`ß` for `ss`, `ſ` for `s`)
            // may match where the literal is not: then the branch searches it all.
            let readsLiterals = !searchable.folds.mayHide(branch.literals ?? [])
            let next = readsLiterals ? branch.firstOccurrences(in: searchable) : nil
            if let literals = next, !literals.contains(where: { $0 != nil }) { continue }  // its literal is absent
            // Absent even from the text folded as ICU folds it: skipped; else searched from the start.
            if !readsLiterals, let literals = branch.literals, searchable.lacksAll(literals) { continue }
            if branch.lacksAConfirmingLiteral(in: searchable) { continue }
            let start = branch.startsWithLiteral ? next.flatMap { $0.compactMap { $0 }.min() } ?? 0 : 0
            if branch.watched {
                let (range, options) = rest(from: start)
                let outcome = Self.watchedSearch(branch.regex, in: text, range: range, options: options, until: deadline, clock: clock)
                switch outcome {
                case .found(let range): return found(range)
                case .timedOut: return .timedOut
                case .notFound: continue
                }
            }
            if branch.startsWithLiteral, let literals = branch.literals, var places = next,
               let count = branch.occurrenceCount(in: searchable), count <= Self.literalTries {
                while let place = places.compactMap({ $0 }).min() {
                    let (range, options) = rest(from: place)
                    if let match = branch.regex.firstMatch(in: text, options: options.union(.anchored), range: range) { return found(match.range) }
                    searchable.lowered.withUnsafeBufferPointer { hay in
                        for index in places.indices where places[index] == place {
                            places[index] = LiteralPrefilter.firstOffset(hay, literals[index], from: place + 1)
                        }
                    }
                }
                continue
            }
            let (range, options) = rest(from: start)
            if let match = branch.regex.firstMatch(in: text, options: options, range: range) { return found(match.range) }
        }
        return .notFound
    }

    /// A search that ICU interrupts now and then (`.reportProgress`) to check the deadline
    /// (every 16th call: reading the clock is not free).
    private static func watchedSearch(
        _ regex: NSRegularExpression, in text: String, range: NSRange, options: NSRegularExpression.MatchingOptions,
        until deadline: ContinuousClock.Instant, clock: ContinuousClock
    ) -> WatchedOutcome {
        var outcome = WatchedOutcome.notFound
        var calls = 0
        regex.enumerateMatches(in: text, options: options.union(.reportProgress), range: range) { result, _, stop in
            calls += 1
            if let result {
                outcome = .found(result.range)
                stop.pointee = true
            } else if calls & 15 == 0, clock.now > deadline {
                outcome = .timedOut
                stop.pointee = true
            }
        }
        return outcome
    }

    private enum WatchedOutcome { case found(NSRange), notFound, timedOut }

    public static func == (lhs: Pattern, rhs: Pattern) -> Bool { lhs.source == rhs.source }
}

/// Whether a regular expression can take more than linear time: a repeated group that
/// holds a repetition (`(a+)+`), two or more unbounded repetitions (`.*x.*y`), or a
/// backreference. A cautious reading of the source: a pattern it flags may be harmless,
/// and then only pays for the watch.
public enum BacktrackRisk {
    public static func of(_ source: String) -> Bool { scan(source).backtracks }

    /// One reading of the source: whether it can backtrack without end, and how many of its
    /// repetitions reach 50 or more (or have no bound), for `SlowRisk`.
    static func scan(_ source: String) -> (backtracks: Bool, largeRepetitions: Int) {
        // Scalars, not Characters: grapheme breaking cost a one-shot command a tenth of its start.
        let characters = Array(source.unicodeScalars)
        var groups: [Bool] = [false]  // per open group: holds a repetition (of more than one)
        var unbounded = 0
        var large = 0
        var index = 0
        /// The repetition at `at`, if any: whether it is unbounded, whether it repeats (more
        /// than once), whether it may reach 50, and its length.
        func quantifier(at: Int) -> (unbounded: Bool, repeats: Bool, large: Bool, length: Int)? {
            guard at < characters.count else { return nil }
            switch characters[at] {
            case "*", "+": return (true, true, true, 1)
            case "?": return (false, false, false, 1)
            case "{":
                guard let close = characters[at...].firstIndex(of: "}") else { return nil }
                let body = String(characters[(at + 1)..<close])
                let parts = body.split(separator: ",", omittingEmptySubsequences: false)
                guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy(\.isNumber) }), !parts[0].isEmpty else { return nil }
                let isUnbounded = parts.count == 2 && parts[1].isEmpty
                let upper = Int(parts.last ?? "") ?? 0
                return (isUnbounded, isUnbounded || upper > 1, isUnbounded || upper >= 50, close - at + 1)
            default: return nil
            }
        }
        func count(_ repetition: (unbounded: Bool, repeats: Bool, large: Bool, length: Int)) {
            if repetition.unbounded { unbounded += 1 }
            if repetition.large { large += 1 }
        }
        func afterAtom(_ next: Int) -> Int {
            guard let repetition = quantifier(at: next) else { return next }
            count(repetition)
            if repetition.repeats { groups[groups.count - 1] = true }
            return next + repetition.length
        }
        while index < characters.count {
            switch characters[index] {
            case "\\":
                if index + 1 < characters.count, ("1"..."9").contains(characters[index + 1]) { return (true, large) }
                index = afterAtom(index + 2)
            case "[":
                var end = index + 1
                if end < characters.count, characters[end] == "^" { end += 1 }
                if end < characters.count, characters[end] == "]" { end += 1 }
                while end < characters.count, characters[end] != "]" { end += characters[end] == "\\" ? 2 : 1 }
                index = afterAtom(end + 1)
            case "(":
                groups.append(false)
                index += 1
            case ")":
                let inner = groups.count > 1 ? groups.removeLast() : false
                let next = index + 1
                if let repetition = quantifier(at: next) {
                    if inner, repetition.repeats { return (true, large) }
                    count(repetition)
                    if inner || repetition.repeats { groups[groups.count - 1] = true }
                    index = next + repetition.length
                } else {
                    if inner { groups[groups.count - 1] = true }
                    index = next
                }
            default:
                index = afterAtom(index + 1)
            }
            if unbounded >= 2 { return (true, large) }
        }
        return (false, large)
    }
}

/// Whether a pattern may take long on bounded text: it can backtrack without end, or two
/// of its repetitions reach 50 or more (`.{0,100}…{0,200}`), whose tries multiply. Such a
/// pattern runs under the deadline's watch; the others run at full speed (the watch, a
/// callback at every position, costs about a third of the worker's throughput when every
/// pattern has it).
enum SlowRisk {
    static func of(_ source: String) -> Bool {
        let scan = BacktrackRisk.scan(source)
        return scan.backtracks || scan.largeRepetitions >= 2
    }
}

/// The text rules look at: at most 64 KB of it, and no line longer than 4 KB (a line is
/// cut there). Patterns then run in bounded time whatever a mail holds.
public enum RuleText {
    public static let maximumBytes = 64 * 1024
    public static let maximumLineBytes = 4 * 1024

    /// A message's subject and text, bounded.
    struct Message {
        var subject: SearchableText
        var body: SearchableText
        /// Subject and body as one text, for `text` conditions and the catalogue.
        var both: SearchableText

        init(_ message: TicketCore.Message, index: LiteralIndex) {
            subject = SearchableText(RuleText.bounded(message.subject ?? ""), index: index)
            body = SearchableText(RuleText.bounded(message.text ?? ""), index: index)
            both = SearchableText(joining: subject, body)
        }
    }

    public static func bounded(_ text: String) -> String {
        var lineLength = 0
        var fits = text.utf8.count <= maximumBytes
        if fits {
            for byte in text.utf8 {
                lineLength = byte == 0x0A ? 0 : lineLength + 1
                if lineLength > maximumLineBytes { fits = false; break }
            }
        }
        if fits { return text }
        var output: [UInt8] = []
        output.reserveCapacity(maximumBytes)
        lineLength = 0
        for byte in text.utf8 {
            if output.count >= maximumBytes { break }
            lineLength = byte == 0x0A ? 0 : lineLength + 1
            if lineLength <= maximumLineBytes { output.append(byte) }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// One classification rule: every condition given must hold (a list holds when any of
/// its entries does); the first rule that matches decides.
public struct ClassificationRule: Sendable, Equatable {
    public var name: String
    /// The mailboxes the rule applies to; empty means all.
    public var mailboxes: [String] = []
    /// Addresses (`a@b.org`) or domains (`@b.org`) matched against To and Cc.
    public var to: [String] = []
    /// Addresses or domains matched against From.
    public var from: [String] = []
    public var subject: Pattern?
    public var body: Pattern?
    /// Matched against the subject and the body as one text: a statement holds wherever
    /// the sender wrote it.
    public var text: Pattern?
    /// The subject or body asks for an item of the standard-change catalogue
    /// (`[changes] standard`): the mail is a standard change.
    public var standardChange = false
    /// Header name → pattern its value must match.
    public var headers: [String: Pattern] = [:]

    public var kind: TicketKind?
    public var changeClass: ChangeClass?
    public var priority: Priority?
    public var unit: String?

    public init(name: String) {
        self.name = name
    }

    /// A rule named `name`, with what `set` gives it (the built-in rules' table).
    public static func built(_ name: String, _ set: (inout ClassificationRule) -> Void) -> ClassificationRule {
        var rule = ClassificationRule(name: name)
        set(&rule)
        return rule
    }

    /// What each condition of the rule matched, or nil when one does not hold. A pattern
    /// that ran out of time makes the rule not match, and puts its name in `timedOut`.
    /// `texts` holds the message's subject and text, bounded once for all rules.
    func evidence(
        _ message: Message, mailbox: String, texts: RuleText.Message, catalogue: [Pattern], timedOut: inout [String]
    ) -> [Classification.Evidence]? {
        if !mailboxes.isEmpty, !mailboxes.contains(mailbox) { return nil }
        if !to.isEmpty, !(message.to + message.cc).contains(where: { Self.address($0.address, matchesAny: to) }) { return nil }
        if !from.isEmpty, !(message.from.map { Self.address($0.address, matchesAny: from) } ?? false) { return nil }
        var checks: [(field: String, pattern: Pattern, text: SearchableText)] = []
        if let subject { checks.append(("subject", subject, texts.subject)) }
        if let body { checks.append(("body", body, texts.body)) }
        if let text { checks.append(("text", text, texts.both)) }
        for (name, pattern) in headers.sorted(by: { $0.key < $1.key }) {
            checks.append((name, pattern, SearchableText(RuleText.bounded(message.header(name) ?? ""), index: nil)))
        }
        var evidence: [Classification.Evidence] = []
        for check in checks {
            switch check.pattern.search(check.text) {
            case .found(let matched):
                evidence.append(Classification.Evidence(field: check.field, pattern: check.pattern.source, matched: matched))
            case .notFound: return nil
            case .timedOut:
                timedOut.append(name)
                return nil
            }
        }
        if standardChange {
            guard let item = Self.catalogueItem(in: texts, catalogue: catalogue, timedOut: &timedOut) else { return nil }
            evidence.append(item)
        }
        return evidence
    }

    /// The first item of the standard-change catalogue the text asks for.
    static func catalogueItem(in texts: RuleText.Message, catalogue: [Pattern], timedOut: inout [String]) -> Classification.Evidence? {
        for pattern in catalogue {
            switch pattern.search(texts.both) {
            case .found(let matched): return Classification.Evidence(field: "standard change", pattern: pattern.source, matched: matched)
            case .timedOut: timedOut.append("standard change /\(pattern.source)/")
            case .notFound: continue
            }
        }
        return nil
    }

    /// The rule with its subject, body and text patterns numbered in `index`.
    func indexed(_ index: inout LiteralIndex.Builder) -> ClassificationRule {
        var copy = self
        copy.subject = subject?.indexed(&index)
        copy.body = body?.indexed(&index)
        copy.text = text?.indexed(&index)
        return copy
    }

    /// `@domain` entries match the domain and its subdomains; others the whole address.
    static func address(_ address: String, matchesAny entries: [String]) -> Bool {
        let address = address.lowercased()
        return entries.contains { entry in
            let entry = entry.lowercased()
            if entry.hasPrefix("@") {
                let domain = entry.dropFirst()
                return address.hasSuffix("@" + domain) || address.hasSuffix("." + domain)
            }
            return address == entry
        }
    }
}

/// What a mailbox is for, which sets the defaults when no rule matches.
public enum MailboxRole: String, Sendable, CaseIterable {
    case support, notifications, security, reports

    var defaultKind: TicketKind {
        switch self {
        case .support, .reports: .request
        case .notifications: .incident
        case .security: .security
        }
    }
}

/// The classify stage: mailbox defaults, then ordered rules.
public struct Classifier: Sendable {
    public let rules: [ClassificationRule]
    public var units: [SupportUnit]
    /// Mailbox name → role.
    public var roles: [String: MailboxRole]
    /// Name of the unit that gets security tickets.
    public var securityUnit: String
    /// Name of the unit that gets problems and anything no unit claims.
    public var operationsUnit: String
    /// Standard-change catalogue: a change whose subject or text matches one is standard.
    public let standardChanges: [Pattern]
    /// The literals of the rules' and the catalogue's patterns, found in one pass per text.
    private let literalIndex: LiteralIndex

    public init(
        rules: [ClassificationRule], units: [SupportUnit], roles: [String: MailboxRole], securityUnit: String,
        operationsUnit: String, standardChanges: [Pattern]
    ) {
        var builder = LiteralIndex.Builder()
        self.rules = rules.map { $0.indexed(&builder) }
        self.standardChanges = standardChanges.map { $0.indexed(&builder) }
        literalIndex = builder.build()
        self.units = units
        self.roles = roles
        self.securityUnit = securityUnit
        self.operationsUnit = operationsUnit
    }

    public func role(of mailbox: String) -> MailboxRole { roles[mailbox] ?? MailboxRole(rawValue: mailbox) ?? .support }

    public func classify(_ message: Message, mailbox: String) -> Classification {
        let role = role(of: mailbox)
        var timedOut: [String] = []
        let texts = RuleText.Message(message, index: literalIndex)
        var rule: ClassificationRule?
        var evidence: [Classification.Evidence] = []
        for candidate in rules {
            if let found = candidate.evidence(message, mailbox: mailbox, texts: texts, catalogue: standardChanges, timedOut: &timedOut) {
                rule = candidate
                evidence = found
                break
            }
        }
        var kind = rule?.kind ?? (rule?.standardChange == true ? .change : role.defaultKind)
        if role == .security { kind = .security }
        var changeClass: ChangeClass?
        if kind == .change {
            if let declared = rule?.changeClass {
                changeClass = declared
            } else if rule?.standardChange == true {
                changeClass = .standard
            } else if let item = ClassificationRule.catalogueItem(in: texts, catalogue: standardChanges, timedOut: &timedOut) {
                evidence.append(item)
                changeClass = .standard
            } else {
                changeClass = .normal
            }
        }
        var priority = rule?.priority ?? Priority.defaultFor(kind: kind, changeClass: changeClass)
        var unit = rule?.unit ?? units.first { $0.mailboxes.contains(mailbox) }?.name ?? operationsUnit
        if kind == .security {
            unit = securityUnit
            priority = max(priority, .high)
        }
        if kind == .problem { unit = rule?.unit ?? operationsUnit }
        var classification = Classification(mailbox: mailbox, kind: kind, changeClass: changeClass, priority: priority, unit: unit, rule: rule?.name)
        classification.timedOutRules = timedOut
        classification.evidence = evidence
        return classification
    }

    /// The mailbox a file was sent to, for `inspect`: a configured address among its To
    /// and Cc, else a recipient whose local part names a mailbox (`notifications@…`).
    public func mailbox(for message: Message, addresses: [String: String]) -> String? {
        let recipients = message.to + message.cc
        for recipient in recipients {
            if let mailbox = addresses[recipient.normalized] { return mailbox }
        }
        for recipient in recipients {
            let local = String(recipient.normalized.prefix { $0 != "@" })
            if roles[local] != nil { return local }
        }
        return nil
    }

    public func unit(named name: String) -> SupportUnit? {
        units.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }
    }
}
