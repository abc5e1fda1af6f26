public import Classification
public import DeskConfiguration
import Foundation
import Intake
import MailParsing
import Workflow
public import TicketCore

/// `ticketd evaluate`: how well a classifier labels a folder of labelled mail. The folder
/// holds `.eml` files and a `labels.tsv` of `file  mailbox  kind  change_class` lines
/// (a header line first; `-` for no change class), as `Tests/ClassificationEvaluation`.
public struct ClassificationEvaluation: Sendable {
    /// A label as the evaluation counts it: the kind, and for a change its class
    /// (`change/standard`).
    public typealias Label = String

    public struct Result: Sendable {
        public var file: String
        public var expected: Label
        public var classified: Label
        public var rule: String?
        public var evidence: [Classification.Evidence]
    }

    public var results: [Result]

    public var right: Int { results.filter { $0.expected == $0.classified }.count }
    public var accuracy: Double { results.isEmpty ? 0 : Double(right) / Double(results.count) }

    /// Every label in a stable order: the kinds as DESIGN.md lists them, change classes
    /// in place of `change`, then anything else seen.
    public var labels: [Label] {
        let known = TicketKind.allCases.flatMap { kind -> [Label] in
            kind == .change ? ChangeClass.allCases.map { "change/\($0.rawValue)" } : [kind.rawValue]
        }
        let seen = Set(results.flatMap { [$0.expected, $0.classified] })
        return known.filter(seen.contains) + seen.subtracting(known).sorted()
    }

    /// expected → classified → count.
    public var confusion: [Label: [Label: Int]] {
        var matrix: [Label: [Label: Int]] = [:]
        for result in results { matrix[result.expected, default: [:]][result.classified, default: 0] += 1 }
        return matrix
    }

    public static func label(kind: TicketKind, changeClass: ChangeClass?) -> Label {
        kind == .change ? "change/\((changeClass ?? .normal).rawValue)" : kind.rawValue
    }

    /// The evaluation of a config's rules and catalogue, or of the built-in ones.
    public static func run(folder: String, config: TicketdConfig?) throws -> ClassificationEvaluation {
        let classifier = try config.map { $0.workflow.classifier(roles: $0.mailboxRoles) } ?? ConfigLoader.builtInWorkflow().classifier(roles: [:])
        return try run(folder: folder, classifier: classifier)
    }

    /// Reads `labels.tsv` in `folder` and classifies every file it names.
    public static func run(folder: String, classifier: Classifier) throws -> ClassificationEvaluation {
        let labelsFile = (folder as NSString).appendingPathComponent("labels.tsv")
        guard let data = FileManager.default.contents(atPath: labelsFile) else {
            throw InputError(file: labelsFile, reason: "cannot be read: the folder needs a labels.tsv (file, mailbox, kind, change_class)")
        }
        var results: [Result] = []
        for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() {
            let fields = line.split(separator: "\t").map { $0.trimmingScalars(in: .whitespaces) }
            if index == 0, fields.first == "file" { continue }
            guard fields.count == 4, let kind = TicketKind(rawValue: fields[2]) else {
                throw InputError(file: labelsFile, reason: "line \(index + 1): expected file, mailbox, kind and change_class separated by tabs")
            }
            let changeClass = ChangeClass(rawValue: fields[3])
            let file = (folder as NSString).appendingPathComponent(fields[0])
            guard let raw = FileManager.default.contents(atPath: file) else { throw InputError(file: file, reason: "cannot be read") }
            let classification = classifier.classify(MessageParser.parseOnLargeStack([UInt8](raw)), mailbox: fields[1])
            results.append(Result(
                file: fields[0], expected: label(kind: kind, changeClass: changeClass),
                classified: label(kind: classification.kind, changeClass: classification.changeClass),
                rule: classification.rule, evidence: classification.evidence
            ))
        }
        return ClassificationEvaluation(results: results)
    }

    /// The report for a terminal: accuracy, the confusion matrix, and each mail labelled
    /// wrong with the rule that decided and what it matched.
    public var table: String {
        var lines = [String(format: "%d of %d mails classified right: %.1f%%", right, results.count, accuracy * 100), ""]
        let labels = labels
        let width = max(16, (labels.map(\.count).max() ?? 0) + 2)
        func pad(_ text: String, _ count: Int) -> String { text.count >= count ? text : text + String(repeating: " ", count: count - text.count) }
        func padLeft(_ text: String, _ count: Int) -> String { text.count >= count ? text : String(repeating: " ", count: count - text.count) + text }
        lines.append("expected \\ classified")
        lines.append(pad("", width) + labels.map { padLeft(Self.short($0), 9) }.joined())
        let matrix = confusion
        for expected in labels {
            let row = matrix[expected] ?? [:]
            lines.append(pad(expected, width) + labels.map { padLeft(row[$0].map(String.init) ?? ".", 9) }.joined())
        }
        let wrong = results.filter { $0.expected != $0.classified }
        if !wrong.isEmpty {
            lines.append("")
            lines.append("classified wrong:")
            for result in wrong {
                let because = result.evidence.first.map { " (\($0.field) matched \"\(TerminalText.line($0.matched))\")" } ?? ""
                lines.append("  \(result.file): \(result.expected) as \(result.classified), rule \(result.rule ?? "none")\(because)")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func short(_ label: Label) -> String {
        label.hasPrefix("change/") ? "chg/" + label.dropFirst("change/".count).prefix(4) : String(label.prefix(8))
    }

    public var json: JSONValue {
        let matrix = confusion
        return .object([
            ("total", .int(results.count)),
            ("right", .int(right)),
            ("accuracy", .string(String(format: "%.4f", accuracy))),
            ("confusion", .object(labels.map { expected in
                (expected, .object(labels.compactMap { classified in matrix[expected]?[classified].map { (classified, .int($0)) } }))
            })),
            ("wrong", .array(results.filter { $0.expected != $0.classified }.map { result in
                .object([
                    ("file", .string(result.file)), ("expected", .string(result.expected)), ("classified", .string(result.classified)),
                    ("rule", .optional(result.rule)), ("evidence", Inspector.evidenceJSON(result.evidence)),
                ])
            })),
        ])
    }
}
