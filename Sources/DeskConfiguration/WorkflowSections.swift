import Classification
import Foundation
import TicketCore
import TOMLKit
import WorkingTime
public import Workflow

extension ConfigLoader {
    static let workflowSections: Set<String> = ["units", "rules", "lifecycle", "changes", "problems", "maintenance", "workflow", "loop", "releases"]

    static func parseWorkflow(_ root: TableReader) throws -> WorkflowConfig {
        var workflow = WorkflowConfig()

        if let section = try root.table("workflow") {
            try section.allowOnly(["operations_unit", "security_unit", "reopen_window_days", "resolve_on_recovery"])
            workflow.operationsUnit = try section.string("operations_unit") ?? workflow.operationsUnit
            workflow.securityUnit = try section.string("security_unit") ?? workflow.securityUnit
            if let days = try section.int("reopen_window_days", in: 0...3650) { workflow.reopenWindow = Double(days) * 86_400 }
            workflow.resolveOnRecovery = try section.bool("resolve_on_recovery") ?? workflow.resolveOnRecovery
        }

        if let units = try root.tables("units") {
            workflow.units = try units.map { unit in
                try unit.allowOnly(["name", "members", "qos", "mailboxes"])
                guard let name = try unit.string("name"), !name.isEmpty else { throw unit.error("name", "missing: every unit needs a name") }
                let qos = try unit.string("qos").map { text -> QoSLevel in
                    guard let level = QoSLevel(rawValue: text.lowercased()) else {
                        throw unit.error("qos", "must be \"base\", \"medium\" or \"advanced\", got \"\(text)\"")
                    }
                    return level
                } ?? .medium
                return SupportUnit(
                    name: name, members: Set(try unit.strings("members") ?? []), qos: qos,
                    mailboxes: try unit.strings("mailboxes") ?? []
                )
            }
        }
        let names = Set(workflow.units.map { $0.name.lowercased() })
        for (key, name) in [("operations_unit", workflow.operationsUnit), ("security_unit", workflow.securityUnit)]
        where !names.contains(name.lowercased()) {
            throw ConfigError(file: root.file, key: "workflow.\(key)", reason: "no [[units]] entry is named \"\(name)\"")
        }

        // A config without rules gets the built-in ones, read ahead of time from
        // `DefaultWorkflow.toml` (BuiltInWorkflow.swift); the catalogue is the built-in one.
        if let ruleTables = try root.tables("rules") {
            workflow.rules = try ruleTables.map { try parseRule($0, units: names) }
        } else {
            workflow.rules = DefaultWorkflow.rules
            for (index, rule) in workflow.rules.enumerated() {
                if let unit = rule.unit, !names.contains(unit.lowercased()) {
                    throw ConfigError(file: DefaultWorkflow.fileName, key: "rules[\(index)].unit", reason: "no [[units]] entry is named \"\(unit)\"")
                }
            }
        }
        workflow.standardChanges = DefaultWorkflow.standardChanges

        if let section = try root.table("lifecycle") {
            try section.allowOnly(Set(TicketKind.allCases.map(\.rawValue)))
            for kind in TicketKind.allCases {
                guard let moves = try section.strings(kind.rawValue) else { continue }
                workflow.lifecycle.moves[kind] = Set(try moves.map { text in
                    guard let move = Lifecycle.Move(parsing: text) else {
                        throw section.error(kind.rawValue, "\"\(text)\" is not a move like \"new->open\"")
                    }
                    return move
                })
            }
        }

        if let section = try root.table("changes") {
            try section.allowOnly(["standard", "approvers", "review_days"])
            if let catalogue = try section.strings("standard") {
                workflow.standardChanges = try catalogue.map { try section.pattern($0, key: "standard") }
            }
            workflow.approvers = Set((try section.strings("approvers") ?? []).map { $0.lowercased() })
            if let days = try section.int("review_days", in: 1...365) { workflow.reviewPeriod = Double(days) * 86_400 }
        }

        if let section = try root.table("problems") {
            try section.allowOnly(["threshold", "window_days"])
            workflow.problemThreshold = try section.int("threshold", in: 2...1000) ?? workflow.problemThreshold
            if let days = try section.int("window_days", in: 1...365) { workflow.problemWindow = Double(days) * 86_400 }
        }

        if let section = try root.table("loop") {
            try section.allowOnly(["max_per_10_minutes", "max_per_day", "bounce_suppression_days"])
            if let days = try section.int("bounce_suppression_days", in: 0...3650) { workflow.bounceSuppression = Double(days) * 86_400 }
            workflow.automaticMailPerTenMinutes = try section.int("max_per_10_minutes", in: 1...10_000) ?? workflow.automaticMailPerTenMinutes
            workflow.automaticMailPerDay = try section.int("max_per_day", in: 1...100_000) ?? workflow.automaticMailPerDay
        }

        if let section = try root.table("maintenance") {
            try section.allowOnly(["minimum_notice_hours", "maximum_duration_hours"])
            if let hours = try section.int("minimum_notice_hours", in: 0...8760) { workflow.maintenanceMinimumNotice = Double(hours) * 3600 }
            if let hours = try section.int("maximum_duration_hours", in: 1...8760) { workflow.maintenanceMaximumDuration = Double(hours) * 3600 }
        }

        if let section = try root.table("releases") {
            try section.allowOnly(["notice_days", "board_meetings", "announce_to", "operations_address"])
            var policy = workflow.releases
            policy.noticeDays = try section.int("notice_days", in: 0...365) ?? policy.noticeDays
            for text in try section.strings("board_meetings") ?? [] {
                if let day = LocalDate(parsing: text) {
                    policy.board.extraDays.insert(day)
                } else if let rule = BoardMeetings(rule: text), policy.board.ordinal == nil {
                    policy.board.ordinal = rule.ordinal
                    policy.board.weekday = rule.weekday
                } else {
                    throw section.error("board_meetings", "\"\(text)\" is neither a monthly rule like \"first Tuesday of the month\" (one at most) nor a day as YYYY-MM-DD")
                }
            }
            policy.announceTo = try (section.strings("announce_to") ?? []).map { try section.address($0, key: "announce_to") }
            policy.operationsAddress = try section.string("operations_address").map { try section.address($0, key: "operations_address") }
            workflow.releases = policy
        }
        return workflow
    }

    private static func parseRule(_ table: TableReader, units: Set<String>) throws -> ClassificationRule {
        try table.allowOnly(["name", "mailbox", "to", "from", "subject", "body", "text", "standard_change", "headers", "kind", "change_class", "priority", "unit"])
        guard let name = try table.string("name"), !name.isEmpty else { throw table.error("name", "missing: every rule needs a name") }
        var rule = ClassificationRule(name: name)
        rule.mailboxes = try table.strings("mailbox") ?? []
        rule.to = try table.strings("to") ?? []
        rule.from = try table.strings("from") ?? []
        rule.subject = try table.string("subject").map { try table.pattern($0, key: "subject") }
        rule.body = try table.string("body").map { try table.pattern($0, key: "body") }
        rule.text = try table.string("text").map { try table.pattern($0, key: "text") }
        rule.standardChange = try table.bool("standard_change") ?? false
        if let headers = try table.table("headers") {
            for header in headers.keys {
                rule.headers[header] = try headers.pattern(try headers.string(header) ?? "", key: header)
            }
        }
        if let kind = try table.string("kind") {
            guard let value = TicketKind(rawValue: kind) else {
                throw table.error("kind", "unknown kind \"\(kind)\" (one of: \(TicketKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            rule.kind = value
        }
        if let changeClass = try table.string("change_class") {
            guard let value = ChangeClass(rawValue: changeClass) else {
                throw table.error("change_class", "must be standard, normal or emergency, got \"\(changeClass)\"")
            }
            rule.changeClass = value
        }
        if let priority = try table.string("priority") {
            guard let value = Priority(parsing: priority) else {
                throw table.error("priority", "unknown priority \"\(priority)\" (0-4, none, low, normal, high, immediate, or a GGUS name)")
            }
            rule.priority = value
        }
        if let unit = try table.string("unit") {
            guard units.contains(unit.lowercased()) else { throw table.error("unit", "no [[units]] entry is named \"\(unit)\"") }
            rule.unit = unit
        }
        if rule.standardChange, let kind = rule.kind, kind != .change {
            throw table.error("standard_change", "a standard change is a change, but rule \"\(name)\" sets kind \"\(kind.rawValue)\"")
        }
        if rule.kind == nil, rule.changeClass == nil, rule.priority == nil, rule.unit == nil, !rule.standardChange {
            throw table.error("name", "rule \"\(name)\" sets nothing: give kind, change_class, priority or unit")
        }
        return rule
    }
}

extension TableReader {
    func bool(_ name: String) throws -> Bool? {
        guard let value = table[name] else { return nil }
        guard let flag = value.bool else { throw error(name, "expected true or false, got \(value.type)") }
        return flag
    }

    /// A string or an array of strings.
    func strings(_ name: String) throws -> [String]? {
        guard let value = table[name] else { return nil }
        if let text = value.string { return [text] }
        guard let array = value.array else { throw error(name, "expected a string or an array of strings, got \(value.type)") }
        return try array.enumerated().map { index, element in
            guard let text = element.string else { throw error("\(name)[\(index)]", "expected a string, got \(element.type)") }
            return text
        }
    }

    /// An array of tables (`[[name]]`), each read with its index in the key.
    func tables(_ name: String) throws -> [TableReader]? {
        guard let value = table[name] else { return nil }
        guard let array = value.array else { throw error(name, "expected an array of tables ([[\(name)]]), got \(value.type)") }
        return try array.enumerated().map { index, element in
            guard let inner = element.table else { throw error("\(name)[\(index)]", "expected a table, got \(element.type)") }
            return TableReader(
                table: inner, path: key("\(name)[\(index)]"), file: file, base: base, environment: environment,
                resolveSecrets: resolveSecrets
            )
        }
    }

    /// A mail address ticketd sends to.
    func address(_ text: String, key name: String) throws -> String {
        if let refusal = AddrSpec.refusal(text) { throw error(name, "\"\(text)\" is not a mail address: \(refusal)") }
        return text.lowercased()
    }

    func pattern(_ source: String, key name: String) throws -> Pattern {
        // The built-in rules are compiled by the tests, and when first used.
        if file == DefaultWorkflow.fileName { return Pattern(builtIn: source) }
        do {
            return try Pattern(source)
        } catch {
            throw self.error(name, "not a valid regular expression: \(source)")
        }
    }
}

extension ConfigLoader {
    /// The built-in rules and catalogue as `DefaultWorkflow.toml` says them, read as a
    /// config's are: what BuiltInWorkflow.swift is generated from (and checked against).
    static func builtInRulesFromTOML() throws -> (rules: [ClassificationRule], standardChanges: [Pattern]) {
        let defaults = TableReader(
            table: try TOMLTable(string: DefaultWorkflow.toml), path: "", file: DefaultWorkflow.fileName, base: ConfigBase(file: nil),
            environment: [:], resolveSecrets: false
        )
        // The built-in rules name no unit (a site's units are its own); the default two stand in.
        return (
            try (defaults.tables("rules") ?? []).map { try parseRule($0, units: ["operations", "security"]) },
            try (try defaults.table("changes")?.strings("standard") ?? []).map { try defaults.pattern($0, key: "standard") }
        )
    }

    /// The workflow a config without `[[rules]]`, units or a catalogue gets: the built-in
    /// rules and catalogue, for `ticketd evaluate` without a config.
    public static func builtInWorkflow() throws -> WorkflowConfig {
        try parseWorkflow(TableReader(
            table: TOMLTable(), path: "", file: DefaultWorkflow.fileName, base: ConfigBase(file: nil), environment: [:], resolveSecrets: false
        ))
    }
}
