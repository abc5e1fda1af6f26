@testable import Classification
@testable import DeskConfiguration
import Foundation
import Testing
import TicketCore

/// Issue 18: the built-in rules are read from `DefaultWorkflow.toml` and taken apart ahead
/// of time, into Sources/DeskConfiguration/BuiltInWorkflow.swift, so that a one-shot command
/// reads neither the TOML nor the patterns (a sixth of the work of `ingest -` of one
/// mail). This test writes that file from the TOML as the config loader reads it, and
/// fails when the file in the tree differs: after changing the built-in rules, run
///
///     UPDATE_BUILT_IN_WORKFLOW=1 swift test --filter BuiltInWorkflowTable
@Suite struct BuiltInWorkflowTableTests {
    static let file = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Sources/DeskConfiguration/BuiltInWorkflow.swift")

    @Test func theTableInTheTreeIsWhatTheTOMLGives() throws {
        let (rules, standardChanges) = try ConfigLoader.builtInRulesFromTOML()
        #expect(!rules.isEmpty && !standardChanges.isEmpty)
        let generated = Self.source(rules: rules, standardChanges: standardChanges)
        let current = (try? String(contentsOf: Self.file, encoding: .utf8)) ?? ""
        if ProcessInfo.processInfo.environment["UPDATE_BUILT_IN_WORKFLOW"] != nil, generated != current {
            try generated.write(to: Self.file, atomically: true, encoding: .utf8)
            return
        }
        #expect(generated == current, "BuiltInWorkflow.swift is not what DefaultWorkflow.toml gives: run UPDATE_BUILT_IN_WORKFLOW=1 swift test --filter BuiltInWorkflowTable")
    }

    /// What the running code holds: the same rules, and each pattern's alternatives, as
    /// searched, what the prefilter makes of it now.
    @Test func theBuiltInRulesInUseAreTheTOMLsTakenApartAsTheirPatternsAre() throws {
        let (rules, standardChanges) = try ConfigLoader.builtInRulesFromTOML()
        #expect(DefaultWorkflow.rules == rules)
        #expect(DefaultWorkflow.standardChanges == standardChanges)
        let patterns = DefaultWorkflow.rules.flatMap { [$0.subject, $0.body, $0.text].compactMap { $0 } + $0.headers.values } + DefaultWorkflow.standardChanges
        for pattern in patterns {
            let held = pattern.branches.map { ($0.compiled.source, $0.literals, $0.startsWithLiteral, $0.confirming) }
            let analysed = (Pattern.alternatives(of: pattern.source) ?? [Pattern.Alternative(flags: "", body: pattern.source, literals: nil, startsWithLiteral: false)])
                .map { ($0.flags + $0.body, $0.literals.map { $0.map { Array($0.utf8) } }, $0.startsWithLiteral, $0.confirming.map { $0.map { Array($0.utf8) } }) }
            #expect(held.elementsEqual(analysed) { $0.0 == $1.0 && $0.1 == $1.1 && $0.2 == $1.2 && $0.3 == $1.3 }, "\(pattern.source.prefix(60))")
        }
    }

    // MARK: - Writing the table

    static func source(rules: [ClassificationRule], standardChanges: [Pattern]) -> String {
        var out = """
        // Generated from `DefaultWorkflow.toml` by BuiltInWorkflowTableTests; do not edit.
        // After changing the built-in rules: UPDATE_BUILT_IN_WORKFLOW=1 swift test --filter BuiltInWorkflowTable
        //
        // The built-in rules and catalogue as the config loader reads them, each pattern
        // taken apart as the literal prefilter takes it apart: a one-shot command (an MTA's
        // `ticketd ingest -`) reads neither the TOML nor the patterns.
        import Classification
        import TicketCore

        extension DefaultWorkflow {
            static let standardChanges: [Pattern] = [

        """
        for change in standardChanges { out += pattern(change, indent: 8) + ",\n" }
        out += "    ]\n\n    static let rules: [ClassificationRule] = [\n"
        for rule in rules {
            out += "        ClassificationRule.built(\(literal(rule.name))) {\n"
            func set(_ name: String, _ value: String) { out += "            $0.\(name) = \(value)\n" }
            if !rule.mailboxes.isEmpty { set("mailboxes", "[" + rule.mailboxes.map(literal).joined(separator: ", ") + "]") }
            if !rule.to.isEmpty { set("to", "[" + rule.to.map(literal).joined(separator: ", ") + "]") }
            if !rule.from.isEmpty { set("from", "[" + rule.from.map(literal).joined(separator: ", ") + "]") }
            for (name, value) in [("subject", rule.subject), ("body", rule.body), ("text", rule.text)] {
                if let value { set(name, pattern(value, indent: 12).trimmingCharacters(in: .whitespaces)) }
            }
            for header in rule.headers.keys.sorted() {
                out += "            $0.headers[\(literal(header))] = " + pattern(rule.headers[header]!, indent: 12).trimmingCharacters(in: .whitespaces) + "\n"
            }
            if rule.standardChange { set("standardChange", "true") }
            if let kind = rule.kind { set("kind", "TicketKind.\(kind.rawValue)") }
            if let changeClass = rule.changeClass { set("changeClass", "ChangeClass.\(changeClass.rawValue)") }
            if let priority = rule.priority { set("priority", "Priority.\(priority.name)") }
            if let unit = rule.unit { set("unit", literal(unit)) }
            out += "        },\n"
        }
        out += "    ]\n}\n"
        return out
    }

    static func pattern(_ pattern: Pattern, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        guard let alternatives = Pattern.alternatives(of: pattern.source) else { return "\(pad)Pattern(builtIn: \(literal(pattern.source)), alternatives: nil)" }
        var out = "\(pad)Pattern(\n\(pad)    builtIn: \(literal(pattern.source)),\n\(pad)    alternatives: [\n"
        for alternative in alternatives {
            let literals = alternative.literals.map { "[" + $0.map(literal).joined(separator: ", ") + "]" } ?? "nil"
            let confirming = alternative.confirming.isEmpty
                ? "" : ", confirming: [" + alternative.confirming.map { "[" + $0.map(literal).joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
            out += "\(pad)        .init(flags: \(literal(alternative.flags)), body: \(literal(alternative.body)), literals: \(literals), "
                + "startsWithLiteral: \(alternative.startsWithLiteral)\(confirming)),\n"
        }
        return out + "\(pad)    ]\n\(pad))"
    }

    /// A Swift literal of the text: plain when it needs no escape, else a raw string with
    /// enough `#`s.
    static func literal(_ text: String) -> String {
        precondition(!text.contains("\n") && !text.contains("\r"), "a built-in pattern on one line")
        if !text.contains("\\") && !text.contains("\"") { return "\"" + text + "\"" }
        var hashes = "#"
        while text.contains("\"" + hashes) || text.contains(hashes + "\"") { hashes += "#" }
        return hashes + "\"" + text + "\"" + hashes
    }
}
