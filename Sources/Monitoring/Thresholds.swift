public import Foundation

/// A warning and a critical threshold: a value above one is in that state (a Nagios
/// plugin's plain threshold, "alert when above").
public struct Limit: Sendable, Equatable {
    public var warning: Double
    public var critical: Double

    public init(warning: Double, critical: Double) {
        self.warning = warning
        self.critical = critical
    }

    public func status(of value: Double) -> HealthStatus {
        value > critical ? .critical : value > warning ? .warning : .ok
    }

    func datum(_ label: String, _ value: Double, unit: String = "") -> PerfDatum {
        PerfDatum(label: label, value: value, unit: unit, warning: warning, critical: critical)
    }
}

/// The thresholds of the checks, from their defaults and the probe's `-w` and `-c`.
public struct HealthThresholds: Sendable, Equatable {
    /// Seconds since a mailbox's last good pass.
    public var lastPass: Limit
    /// Replies not yet sent.
    public var outboxPending: Limit
    /// Seconds the oldest deferred reply has waited.
    public var deferredAge: Limit
    /// Mail put in quarantine within `quarantineWindow`.
    public var quarantined: Limit
    public var quarantineWindow: TimeInterval

    public init(lastPass: Limit, outboxPending: Limit, deferredAge: Limit, quarantined: Limit, quarantineWindow: TimeInterval) {
        self.lastPass = lastPass
        self.outboxPending = outboxPending
        self.deferredAge = deferredAge
        self.quarantined = quarantined
        self.quarantineWindow = quarantineWindow
    }

    /// The defaults for a worker that passes over its mailboxes every `pollIntervalSeconds`
    /// (an idle worker wakes that often too): three intervals without a good pass warn,
    /// ten are critical; any quarantined mail in a day warns, more than ten are critical;
    /// a reply deferred for an hour warns, for four critical; 100 and 1,000 replies waiting.
    public static func defaults(pollIntervalSeconds: Int) -> HealthThresholds {
        let interval = Double(max(pollIntervalSeconds, 1))
        return HealthThresholds(
            lastPass: Limit(warning: 3 * interval, critical: 10 * interval),
            outboxPending: Limit(warning: 100, critical: 1000),
            deferredAge: Limit(warning: 3600, critical: 4 * 3600),
            quarantined: Limit(warning: 0, critical: 10),
            quarantineWindow: 86400
        )
    }

    /// The names `-w` and `-c` take, and whether each is a duration or a count.
    public static let names: [(name: String, isDuration: Bool)] = [
        ("last-pass", true), ("outbox", false), ("deferred-age", true), ("quarantined", false),
    ]

    /// These thresholds with `warning` and `critical` (`last-pass=10m,outbox=50`) over them.
    public func applying(warning: String?, critical: String?) throws(ThresholdError) -> HealthThresholds {
        var result = self
        for (option, list) in [("-w", warning), ("-c", critical)] {
            guard let list else { continue }
            for item in list.split(separator: ",", omittingEmptySubsequences: false) {
                let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, let entry = Self.names.first(where: { $0.name == parts[0] }) else {
                    throw ThresholdError(option: option, item: String(item), reason: "expected NAME=VALUE with NAME one of \(Self.names.map(\.name).joined(separator: ", "))")
                }
                guard let value = entry.isDuration ? Self.seconds(parts[1]) : Int(parts[1]).flatMap({ $0 >= 0 ? Double($0) : nil }) else {
                    throw ThresholdError(
                        option: option, item: String(item),
                        reason: entry.isDuration ? "a duration is a number of seconds, or a number with s, m, h or d" : "a count is a whole number from 0"
                    )
                }
                result.set(entry.name, warning: option == "-w", to: value)
            }
        }
        for entry in Self.names {
            let limit = result.limit(entry.name)
            if limit.warning > limit.critical {
                throw ThresholdError(option: "-w", item: entry.name, reason: "the warning threshold is above the critical one")
            }
        }
        return result
    }

    /// `--quarantine-window`: a duration.
    public func withQuarantineWindow(_ text: String) throws(ThresholdError) -> HealthThresholds {
        guard let seconds = Self.seconds(text), seconds > 0 else {
            throw ThresholdError(option: "--quarantine-window", item: text, reason: "a duration above 0: seconds, or a number with s, m, h or d")
        }
        var result = self
        result.quarantineWindow = seconds
        return result
    }

    /// `90`, `90s`, `15m`, `2h`, `1d`: seconds; nil for anything else.
    static func seconds(_ text: String) -> Double? {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        var digits = Substring(text)
        var unit = 1.0
        if let last = digits.last, let factor = units[last] {
            unit = factor
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let number = Double(digits), number.isFinite, number >= 0 else { return nil }
        return number * unit
    }

    private func limit(_ name: String) -> Limit {
        switch name {
        case "last-pass": lastPass
        case "outbox": outboxPending
        case "deferred-age": deferredAge
        default: quarantined
        }
    }

    private mutating func set(_ name: String, warning: Bool, to value: Double) {
        var limit = limit(name)
        if warning { limit.warning = value } else { limit.critical = value }
        switch name {
        case "last-pass": lastPass = limit
        case "outbox": outboxPending = limit
        case "deferred-age": deferredAge = limit
        default: quarantined = limit
        }
    }
}

/// A threshold the probe was given that it cannot read: the option, the item and why.
public struct ThresholdError: Error, Equatable, CustomStringConvertible {
    public var option: String
    public var item: String
    public var reason: String

    public var description: String { "\(option) \(item): \(reason)" }
}
