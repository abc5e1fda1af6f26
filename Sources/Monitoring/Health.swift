public import Foundation
public import Storage
import TicketCore

/// A monitoring verdict, with a Nagios plugin's exit code as its raw value.
public enum HealthStatus: Int, Sendable, Comparable, Codable {
    case ok = 0, warning = 1, critical = 2, unknown = 3

    public var label: String {
        switch self {
        case .ok: "OK"
        case .warning: "WARNING"
        case .critical: "CRITICAL"
        case .unknown: "UNKNOWN"
        }
    }

    public static func < (lhs: HealthStatus, rhs: HealthStatus) -> Bool { lhs.rawValue < rhs.rawValue }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(label)
    }

    public init(from decoder: any Decoder) throws {
        let label = try decoder.singleValueContainer().decode(String.self)
        guard let status = [HealthStatus.ok, .warning, .critical, .unknown].first(where: { $0.label == label }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "no status \(label)"))
        }
        self = status
    }
}

/// What monitoring is told: by the store, and by the servers when they were asked.
public struct HealthFacts: Sendable {
    /// The mailboxes the config names: each must have a recent pass.
    public var mailboxes: [String]
    public var passes: [ConnectionPass]
    public var outbox: OutboxBacklog
    /// Mail put in quarantine within the thresholds' window.
    public var quarantined: Int
    public var database: DatabaseCheck
    /// Each server logged in to (`probe --connect`); none when not asked.
    public var connections: [ConnectionCheck]

    public init(
        mailboxes: [String], passes: [ConnectionPass], outbox: OutboxBacklog, quarantined: Int, database: DatabaseCheck,
        connections: [ConnectionCheck] = []
    ) {
        self.mailboxes = mailboxes
        self.passes = passes
        self.outbox = outbox
        self.quarantined = quarantined
        self.database = database
        self.connections = connections
    }
}

/// How the write check went.
public enum DatabaseCheck: Sendable, Equatable {
    case writable(seconds: Double)
    /// The writer was held past the busy timeout: a long write, or one stuck.
    case busy(String)
    case failed(String)
}

/// A server asked to log in: `error` is nil when it answered and took the login.
public struct ConnectionCheck: Sendable, Equatable {
    public var name: String
    public var error: String?

    public init(name: String, error: String?) {
        self.name = name
        self.error = error
    }
}

/// One thing checked, and what came of it.
public struct HealthCheck: Sendable, Equatable, Codable {
    public var name: String
    public var status: HealthStatus
    public var text: String

    public init(name: String, status: HealthStatus, text: String) {
        self.name = name
        self.status = status
        self.text = text
    }
}

/// A Nagios performance datum: `'label'=value[unit];warning;critical;minimum`.
public struct PerfDatum: Sendable, Equatable, Codable {
    public var label: String
    public var value: Double
    /// `s` for seconds, empty for a count.
    public var unit: String
    public var warning: Double?
    public var critical: Double?

    public var text: String {
        let fields = [warning.map(Self.number) ?? "", critical.map(Self.number) ?? "", "0"]
        return "'\(label)'=\(Self.number(value))\(unit);" + fields.joined(separator: ";")
    }

    /// Plain decimals (no exponent, which plugins' readers refuse), to the microsecond.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.6f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

/// The verdict of every check: the worst status, and the lines a monitoring system shows.
public struct HealthReport: Sendable, Equatable, Codable {
    public var status: HealthStatus
    public var checks: [HealthCheck]
    public var perfdata: [PerfDatum]

    public init(status: HealthStatus, checks: [HealthCheck], perfdata: [PerfDatum]) {
        self.status = status
        self.checks = checks
        self.perfdata = perfdata
    }

    /// A Nagios plugin's output: a first line with the status, what is wrong (or a summary
    /// when nothing is) and the performance data after `|`; then one line per check.
    /// A `|` or a line break in a text (a server's reply, a mailbox's name) would start
    /// the performance data or a line of its own: each is shown as `/` or a space.
    public var pluginOutput: String {
        func plain(_ text: String) -> String {
            text.onOneLine.replacingOccurrences(of: "|", with: "/")
        }
        let problems = checks.filter { $0.status != .ok }
        let summary = problems.isEmpty
            ? "\(checks.count) checks passed"
            : problems.sorted { $0.status > $1.status }.map { plain($0.text) }.joined(separator: "; ")
        let first = "TICKETD \(status.label) - \(summary) | " + perfdata.map(\.text).joined(separator: " ")
        return ([first] + checks.map { "[\($0.status.label)] \(plain($0.text))" }).joined(separator: "\n") + "\n"
    }
}

/// The monitoring rules: facts and thresholds in, a verdict out.
public enum Health {
    public static func evaluate(_ facts: HealthFacts, thresholds: HealthThresholds, now: Date) -> HealthReport {
        var checks: [HealthCheck] = []
        var perfdata: [PerfDatum] = []
        let passes = Dictionary(facts.passes.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for mailbox in facts.mailboxes {
            let name = "mailbox \(mailbox)"
            guard let pass = passes[mailbox] else {
                checks.append(HealthCheck(name: name, status: .critical, text: "\(name): no pass recorded (is the worker running?)"))
                continue
            }
            let failing = pass.lastError.map { " (the last \(pass.failuresInARow) failed: \($0))" } ?? ""
            guard let success = pass.lastSuccess else {
                checks.append(HealthCheck(name: name, status: .critical, text: "\(name): no pass has succeeded\(failing)"))
                continue
            }
            let age = max(0, now.timeIntervalSince(success))
            var status = thresholds.lastPass.status(of: age)
            if pass.lastError != nil { status = max(status, .warning) }
            checks.append(HealthCheck(name: name, status: status, text: "\(name): last good pass \(Self.duration(age)) ago\(failing)"))
            perfdata.append(thresholds.lastPass.datum("last_pass_\(Self.label(mailbox))", age, unit: "s"))
        }

        let outbox = facts.outbox
        let failed = outbox.failed > 0 ? ", \(outbox.failed) failed for good" : ""
        checks.append(HealthCheck(
            name: "outbox", status: thresholds.outboxPending.status(of: Double(outbox.pending)),
            text: "outbox: \(outbox.pending) pending, \(outbox.deferred) of them deferred\(failed)"
        ))
        perfdata.append(thresholds.outboxPending.datum("outbox_pending", Double(outbox.pending)))
        perfdata.append(PerfDatum(label: "outbox_deferred", value: Double(outbox.deferred), unit: ""))
        perfdata.append(PerfDatum(label: "outbox_failed", value: Double(outbox.failed), unit: ""))
        let deferredAge = outbox.oldestDeferredSince.map { max(0, now.timeIntervalSince($0)) } ?? 0
        checks.append(HealthCheck(
            name: "deferred replies", status: thresholds.deferredAge.status(of: deferredAge),
            text: outbox.oldestDeferredSince == nil
                ? "deferred replies: none" : "deferred replies: the oldest waits for \(Self.duration(deferredAge))"
        ))
        perfdata.append(thresholds.deferredAge.datum("outbox_oldest_deferred_age", deferredAge, unit: "s"))

        let window = Self.duration(thresholds.quarantineWindow)
        checks.append(HealthCheck(
            name: "quarantine", status: thresholds.quarantined.status(of: Double(facts.quarantined)),
            text: "quarantine: \(facts.quarantined) new in the last \(window)"
        ))
        perfdata.append(thresholds.quarantined.datum("quarantined", Double(facts.quarantined)))

        switch facts.database {
        case .writable(let seconds):
            checks.append(HealthCheck(name: "database", status: .ok, text: "database: writable"))
            perfdata.append(PerfDatum(label: "database_write", value: seconds, unit: "s"))
        case .busy(let reason):
            checks.append(HealthCheck(name: "database", status: .warning, text: "database: busy: \(reason)"))
        case .failed(let reason):
            checks.append(HealthCheck(name: "database", status: .critical, text: "database: not writable: \(reason)"))
        }

        for connection in facts.connections {
            checks.append(HealthCheck(
                name: connection.name, status: connection.error == nil ? .ok : .critical,
                text: "\(connection.name): " + (connection.error ?? "answered")
            ))
        }
        return HealthReport(status: checks.map(\.status).max() ?? .ok, checks: checks, perfdata: perfdata)
    }

    /// A performance data label from a mailbox's name: what is not a letter, a digit, `_`,
    /// `-` or `.` becomes `_` (a quote or `=` would end the label).
    static func label(_ name: String) -> String {
        String(name.unicodeScalars.map { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "_-.".unicodeScalars.contains(scalar))
                ? Character(scalar) : "_"
        })
    }

    /// `45s`, `12m 5s`, `3h 20m`, `2d 4h`.
    static func duration(_ seconds: TimeInterval) -> String {
        let whole = Int(seconds.rounded(.down))
        switch whole {
        case ..<60: return "\(whole)s"
        case ..<3600: return whole % 60 == 0 ? "\(whole / 60)m" : "\(whole / 60)m \(whole % 60)s"
        case ..<86400: return whole % 3600 / 60 == 0 ? "\(whole / 3600)h" : "\(whole / 3600)h \(whole % 3600 / 60)m"
        default: return whole % 86400 / 3600 == 0 ? "\(whole / 86400)d" : "\(whole / 86400)d \(whole % 86400 / 3600)h"
        }
    }
}
