import Foundation

/// A command a team member puts at the top of a reply (DESIGN.md §1, "Mail commands").
public enum MailCommand: Sendable, Equatable {
    case status(TicketStatus)
    case priority(Priority)
    case assign(unit: String)
    case kind(TicketKind, ChangeClass?)
    case approve
    case reject(reason: String)
    case comment(String)
    /// `Status:` with a release's state: announced, in test, deployed, failed, cancelled.
    case releaseStatus(Release.Move)
    /// On a change: the release, by its version, whose scope it joins (`Release: 2.3`).
    case release(version: String)
    /// On a release: changes into its scope, or out of it (`Include: #12 #15`).
    case include([Int])
    case exclude([Int])
    /// On a release: the day it is planned for, as written (`Date: 2027-01-20`).
    case plannedDate(String)
    /// On a release: a line of its notes, known issues, test plan, installation steps or docs.
    case releaseText(Release.TextField, String)
    /// On a release: whether it is an emergency release (`Emergency: yes`).
    case emergency(Bool)
    /// On a deployed release: whether it succeeded in production (`Outcome: success`).
    case outcome(succeeded: Bool)
    /// On a change: the steps that undo it (`Rollback:`), and its declared risk (`Risk: high`).
    case rollback(String)
    case risk(high: Bool)
    /// A command line whose value could not be read; the sender is told why.
    case invalid(line: String, reason: String)
}

/// The command lines and the rest of a reply.
public struct ParsedReply: Sendable, Equatable {
    public var commands: [MailCommand]
    /// The text to relay: what follows the commands, without quoted text and signature.
    public var body: String

    public var isInternalComment: Bool {
        commands.contains { if case .comment = $0 { true } else { false } }
    }
}

public enum MailCommandParser {
    /// At most this many command lines are read from one reply; the rest is its text
    /// (outsider attack: 200,000 refused lines made as many events and an 18 MB notice).
    public static let commandLimit = 50

    /// Reads command lines at the top of `text` (blank lines between them allowed; names
    /// case-insensitive) and stops at the first other line. Quoted text (`>` lines and the
    /// "On … wrote:" line before them) and the signature (after `-- `) are dropped from the body.
    public static func parse(_ text: String) -> ParsedReply {
        let lines = TextLines.normalized(text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var commands: [MailCommand] = []
        var index = 0
        var commentStart: String?
        while index < lines.count {
            let line = lines[index].trimmingScalars(in: .whitespaces)
            if line.isEmpty { index += 1; continue }
            guard commands.count < commandLimit, let command = command(in: line) else { break }
            index += 1
            if case .comment(let first) = command {
                // The comment is this line's text and everything after it.
                commentStart = first
                break
            }
            commands.append(command)
        }
        var body = Self.body(lines[index...])
        if let commentStart {
            let comment = [commentStart, body].filter { !$0.isEmpty }.joined(separator: "\n")
            commands.append(.comment(comment))
            body = ""
        }
        return ParsedReply(commands: commands, body: body.isEmpty ? "" : body + "\n")
    }

    /// A reply with no command lines: all of it is words to relay (a reply written on the
    /// web dashboard, whose forms give the commands), without quoted text and signature.
    public static func words(_ text: String) -> ParsedReply {
        let lines = TextLines.normalized(text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let body = Self.body(lines[...])
        return ParsedReply(commands: [], body: body.isEmpty ? "" : body + "\n")
    }

    /// The text to relay from `lines`: up to the signature, without quoted lines and the
    /// attribution line before them.
    private static func body(_ lines: ArraySlice<String>) -> String {
        var bodyLines: [String] = []
        for line in lines {
            if line == "-- " || line == "--" { break }
            if line.hasPrefix(">") { continue }
            bodyLines.append(line)
        }
        // Drop an attribution line ("On Mon, … wrote:") left before the quoted text.
        while let last = bodyLines.last, last.trimmingScalars(in: .whitespaces).isEmpty || isAttribution(last) {
            bodyLines.removeLast()
        }
        return bodyLines.joined(separator: "\n").trimmingScalars(in: .newlines)
    }

    private static func isAttribution(_ line: String) -> Bool {
        let trimmed = line.trimmingScalars(in: .whitespaces)
        return trimmed.hasSuffix("wrote:") || trimmed.hasSuffix("schrieb:") || trimmed.hasSuffix("a écrit :")
    }

    /// The command on one line, or nil when the line is not a command.
    static func command(in line: String) -> MailCommand? {
        let lower = line.lowercased()
        if ["approve", "approved", "approve.", "approve:"].contains(lower) { return .approve }
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let name = line[..<colon].trimmingScalars(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingScalars(in: .whitespaces)
        switch name {
        case "status":
            if let status = TicketStatus(parsing: value) { return .status(status) }
            if value.lowercased() == "failed" { return .releaseStatus(.failed) }
            if let state = Release.State(parsing: value) { return .releaseStatus(.to(state)) }
            return .invalid(
                line: line,
                reason: "unknown status \"\(value)\" (one of: new, accepted, rejected, open, in progress, stalled, on hold, resolved; "
                    + "a release's: announced, in test, deployed, failed, cancelled)"
            )
        case "priority":
            guard let priority = Priority(parsing: value) else {
                return .invalid(line: line, reason: "unknown priority \"\(value)\" (0-4, none, low, normal, high, immediate, or the GGUS names)")
            }
            return .priority(priority)
        case "assign":
            guard !value.isEmpty else { return .invalid(line: line, reason: "Assign needs a support unit") }
            return .assign(unit: value)
        case "kind":
            let parts = value.lowercased().split(separator: "/").map { $0.trimmingScalars(in: .whitespaces) }
            guard let first = parts.first, let kind = TicketKind(rawValue: first) else {
                return .invalid(line: line, reason: "unknown kind \"\(value)\" (incident, request, change/standard|normal|emergency, problem, security, maintenance, release)")
            }
            var changeClass: ChangeClass?
            if parts.count > 1 {
                guard kind == .change, let declared = ChangeClass(rawValue: parts[1]) else {
                    return .invalid(line: line, reason: "unknown change class \"\(parts[1])\" (standard, normal, emergency)")
                }
                changeClass = declared
            }
            return .kind(kind, changeClass)
        case "reject", "rejected":
            guard !value.isEmpty else { return .invalid(line: line, reason: "Reject needs a reason: `Reject: reason`") }
            return .reject(reason: value)
        case "comment":
            return .comment(value)
        case "approve", "approved":
            return .approve
        case "release":
            guard !value.isEmpty, !value.contains(" ") else { return .invalid(line: line, reason: "Release needs a version: `Release: 2.3`") }
            return .release(version: value)
        case "include", "exclude":
            guard let numbers = ticketNumbers(value) else {
                return .invalid(line: line, reason: "\(name == "include" ? "Include" : "Exclude") needs ticket numbers: `\(name == "include" ? "Include" : "Exclude"): #12 #15`")
            }
            return name == "include" ? .include(numbers) : .exclude(numbers)
        case "date":
            return .plannedDate(value)
        case "notes", "note", "release notes":
            return text(.notes, value, line: line)
        case "known issue", "known issues":
            return text(.knownIssues, value, line: line)
        case "test plan":
            return text(.testPlan, value, line: line)
        case "install", "installation":
            return text(.install, value, line: line)
        case "docs", "documentation":
            return text(.docs, value, line: line)
        case "rollback":
            guard !value.isEmpty else { return .invalid(line: line, reason: "Rollback needs the steps: `Rollback: reinstall 2.2 and …`") }
            return .rollback(value)
        case "risk":
            switch value.lowercased() {
            case "high": return .risk(high: true)
            case "low", "normal", "medium": return .risk(high: false)
            default: return .invalid(line: line, reason: "unknown risk \"\(value)\" (high, normal, low)")
            }
        case "emergency":
            guard let flag = yesOrNo(value) else { return .invalid(line: line, reason: "Emergency is yes or no") }
            return .emergency(flag)
        case "outcome":
            switch value.lowercased() {
            case "success", "succeeded", "successful": return .outcome(succeeded: true)
            case "failure", "failed": return .outcome(succeeded: false)
            default: return .invalid(line: line, reason: "unknown outcome \"\(value)\" (success or failure)")
            }
        default:
            return nil
        }
    }

    private static func text(_ field: Release.TextField, _ value: String, line: String) -> MailCommand {
        value.isEmpty ? .invalid(line: line, reason: "\(field.command) needs its text on the same line") : .releaseText(field, value)
    }

    /// "#12 #15", "12, 15": nil when any word is not a ticket number, or there is none.
    static func ticketNumbers(_ text: String) -> [Int]? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" })
        let numbers = words.compactMap { word -> Int? in
            let digits = word.hasPrefix("#") ? word.dropFirst() : word[...]
            guard (1...9).contains(digits.count), digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
            return Int(digits)
        }
        return numbers.isEmpty || numbers.count != words.count ? nil : numbers
    }

    private static func yesOrNo(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "yes", "true", "y": true
        case "no", "false", "n": false
        default: nil
        }
    }
}

extension TicketStatus {
    /// Reads a status by its name or how people write it ("in progress", "on hold").
    public init?(parsing text: String) {
        let value = text.trimmingScalars(in: .whitespaces).lowercased()
        switch value {
        case "in progress", "in-progress", "inprogress", "open", "opened": self = .open
        case "on hold", "on-hold", "hold", "stalled": self = .stalled
        case "resolved", "solved", "closed", "done": self = .resolved
        default:
            guard let status = TicketStatus(rawValue: value) else { return nil }
            self = status
        }
    }
}
