public import Foundation
public import TicketCore

/// A Nagios/ARGO-style monitoring alert: `PROBLEM` or `RECOVERY` for a host and service.
public struct MonitoringAlert: Sendable, Equatable {
    public enum State: String, Sendable { case problem, recovery }

    public var state: State
    public var host: String
    public var service: String

    public init(state: State, host: String, service: String) {
        self.state = state
        self.host = host
        self.service = service
    }

    /// One incident per host and service.
    public var key: String { "alert:\(host.lowercased())/\(service.lowercased())" }

    /// Reads the alert from the subject (`PROBLEM: host=… service=…`) or the body
    /// (`Notification Type: PROBLEM`, `Host: …`, `Service: …`).
    public static func parse(_ message: Message) -> MonitoringAlert? {
        let whole = (message.subject ?? "") + "\n" + (message.text ?? "")
        // A byte search first: the regular expression is costly, and most mail is no alert.
        guard TextLines.contains(whole, "PROBLEM") || TextLines.contains(whole, "RECOVERY") else { return nil }
        let text = RuleText.bounded(whole)
        guard let state = firstMatch(#"\b(PROBLEM|RECOVERY)\b"#, in: text, caseInsensitive: false).flatMap({ State(rawValue: $0.lowercased()) })
        else { return nil }
        guard let host = firstMatch(#"\bhost[ \t]{0,20}[=:][ \t]{0,20}([A-Za-z0-9._-]{1,255})"#, in: text),
              let service = firstMatch(#"\bservice[ \t]{0,20}[=:][ \t]{0,20}([A-Za-z0-9._/-]{1,255})"#, in: text)
        else { return nil }
        return MonitoringAlert(state: state, host: host, service: service)
    }
}

/// A downtime announcement: which service, when, and why.
public struct DowntimeAnnouncement: Sendable, Equatable {
    public var service: String
    public var start: Date
    public var end: Date
    public var justification: String?

    /// Reads `Service:`/`Host:`/`Endpoints:` (the first host name), `Start:`, `End:` and
    /// `Justification:` lines from a mail whose subject or text speaks of a downtime or
    /// maintenance.
    public static func parse(_ message: Message) -> DowntimeAnnouncement? {
        let whole = (message.subject ?? "") + "\n" + (message.text ?? "")
        guard ["downtime", "maintenance", "intervention"].contains(where: { TextLines.containsIgnoringASCIICase(whole, $0) }) else { return nil }
        let body = RuleText.bounded(message.text ?? "")
        let text = RuleText.bounded(whole)
        guard firstMatch(#"\b(downtime|maintenance|intervention)\b"#, in: text) != nil
        else { return nil }
        // Within one line, with bounded runs: linear in the (bounded) text, whatever it holds.
        guard let service = firstMatch(#"(?m)^[ \t]{0,20}(?:service|host|endpoints?|resource)[ \t]{0,20}:[ \t]{0,20}([A-Za-z0-9._-]{1,255})"#, in: body),
              let startText = firstMatch(#"(?m)^[ \t]{0,20}(?:start|from|begins?)[ \t]{0,20}:[ \t]{0,20}([^\n]{1,100}?)[ \t\r]{0,20}$"#, in: body),
              let endText = firstMatch(#"(?m)^[ \t]{0,20}(?:end|until|to|ends?)[ \t]{0,20}:[ \t]{0,20}([^\n]{1,100}?)[ \t\r]{0,20}$"#, in: body),
              let start = parseInstant(startText), let end = parseInstant(endText)
        else { return nil }
        let justification = firstMatch(#"(?m)^[ \t]{0,20}justification[ \t]{0,20}:[ \t]{0,20}([^\n]{1,500}?)[ \t\r]{0,20}$"#, in: body)
        return DowntimeAnnouncement(service: service.lowercased(), start: start, end: end, justification: justification)
    }

    /// What is wrong with the announcement under the maintenance rules, given when it was
    /// declared; empty when it is acceptable.
    public func violations(declaredAt: Date, minimumNotice: TimeInterval, maximumDuration: TimeInterval) -> [String] {
        var problems: [String] = []
        if end <= start { problems.append("the downtime ends before it starts") }
        let notice = start.timeIntervalSince(declaredAt)
        if notice < minimumNotice {
            problems.append(
                "it was declared \(Self.hours(max(notice, 0))) before it starts; at least \(Self.hours(minimumNotice)) of notice is required"
            )
        }
        let duration = end.timeIntervalSince(start)
        if duration > maximumDuration, (justification ?? "").isEmpty {
            problems.append(
                "it lasts \(Self.hours(duration)), longer than \(Self.hours(maximumDuration)), and gives no `Justification:`"
            )
        }
        return problems
    }

    static func hours(_ interval: TimeInterval) -> String {
        let hours = interval / 3600
        return hours == hours.rounded() ? "\(Int(hours)) hours" : String(format: "%.1f hours", hours)
    }

    /// `2026-11-10 08:00 UTC`, `2026-11-10 08:00:00`, `2026-11-10T08:00:00Z`, `…+01:00`.
    static func parseInstant(_ text: String) -> Date? {
        var value = text.trimmingScalars(in: .whitespaces)
        for suffix in [" UTC", " GMT", " Z"] where value.uppercased().hasSuffix(suffix) {
            value = String(value.dropLast(suffix.count)) + "Z"
        }
        value = value.replacingOccurrences(of: " ", with: "T")
        if value.count == 16 || (value.count == 17 && value.hasSuffix("Z")) {
            value = String(value.prefix(16)) + ":00" + (value.hasSuffix("Z") ? "Z" : "")
        }
        if !value.hasSuffix("Z"), firstMatch(#"[+-]\d\d:?\d\d$"#, in: value) == nil { value += "Z" }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: value)
    }
}

/// The first capture group (or the whole match when there is none) of `pattern` in `text`,
/// which the caller bounded (`RuleText`) once for all its patterns.
func firstMatch(_ pattern: String, in text: String, caseInsensitive: Bool = true) -> String? {
    guard let regex = RegexCache.regex(pattern, caseInsensitive: caseInsensitive),
          let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
    else { return nil }
    let range = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
    return Range(range, in: text).map { String(text[$0]) }
}

/// What recurring incidents have in common: the alert key, else the subject without
/// reply prefixes, tags, numbers and spacing.
public enum IncidentFingerprint {
    public static func of(_ message: Message) -> String {
        if let alert = MonitoringAlert.parse(message) { return alert.key }
        return "subject:" + normalize(message.subject ?? "")
    }

    /// Lower-cased; each `[tag]` a space; reply prefixes (`Re:`, `Fwd:`, `AW:`…) off the
    /// front; each run of digits `#`; each run of what is neither a letter, a number nor
    /// `#` one space; no space at either end. Read scalar by scalar: the four regular
    /// expressions that did it (`\[[^\]]*\]`, `^(\s*(re|fwd?|aw|wg|tr)\s*:\s*)+`, `\d+`,
    /// `[^\p{L}\p{N}#]+`, which a test keeps as the reference) cost `ingest -` a
    /// fiftieth of its instructions to compile.
    public static func normalize(_ subject: String) -> String {
        var scalars = withoutTags(Array(subject.lowercased().unicodeScalars))
        scalars.removeFirst(replyPrefixLength(scalars))
        var normalized = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if isDigit(scalar) {
                while index < scalars.count, isDigit(scalars[index]) { index += 1 }
                normalized.append("#")
            } else if isKept(scalar) {
                normalized.append(scalar)
                index += 1
            } else {
                while index < scalars.count, !isDigit(scalars[index]), !isKept(scalars[index]) { index += 1 }
                if !normalized.isEmpty, index < scalars.count { normalized.append(" ") }
            }
        }
        return String(normalized)
    }

    /// Each `[` with a `]` after it, up to that `]`, as a space. A `[` past the last `]`
    /// is kept without a search: a subject of `[`s alone is read once, not once per `[`.
    private static func withoutTags(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard scalars.contains("["), let lastClose = scalars.lastIndex(of: "]") else { return scalars }
        var kept: [Unicode.Scalar] = []
        kept.reserveCapacity(scalars.count)
        var index = 0
        while index < scalars.count {
            if scalars[index] == "[", index < lastClose, let close = scalars[(index + 1)...].firstIndex(of: "]") {
                kept.append(" ")
                index = close + 1
            } else {
                kept.append(scalars[index])
                index += 1
            }
        }
        return kept
    }

    /// How many scalars at the front are reply prefixes, each `re`, `fw`, `fwd`, `aw`,
    /// `wg` or `tr`, then `:`, with white space around.
    private static func replyPrefixLength(_ scalars: [Unicode.Scalar]) -> Int {
        func pastSpace(_ start: Int) -> Int {
            var index = start
            while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
            return index
        }
        // By index: a `zip` of the two made the runtime look up three conformances, a
        // fortieth of what an `ingest -` of one incident costs.
        func hasWord(_ word: StaticString, at start: Int) -> Bool {
            guard scalars.count - start >= word.utf8CodeUnitCount else { return false }
            for offset in 0..<word.utf8CodeUnitCount where scalars[start + offset].value != UInt32(word.utf8Start[offset]) { return false }
            return true
        }
        let words: [StaticString] = ["fwd", "fw", "re", "aw", "wg", "tr"]
        var end = 0
        while true {
            var index = pastSpace(end)
            guard let prefix = words.first(where: { hasWord($0, at: index) }) else { return end }
            index = pastSpace(index + prefix.utf8CodeUnitCount)
            guard index < scalars.count, scalars[index] == ":" else { return end }
            end = pastSpace(index + 1)
        }
    }

    /// `\d`: a decimal digit of any script.
    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? ("0"..."9").contains(scalar) : scalar.properties.generalCategory == .decimalNumber
    }

    /// `[\p{L}\p{N}#]`: a letter, a number or `#`.
    private static func isKept(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "#" }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }
}
