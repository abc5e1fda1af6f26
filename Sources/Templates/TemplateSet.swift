import Foundation
import Mustache
import Synchronization
import TicketCore

/// A template that did not load or render, with the file and position.
public struct TemplateError: Error, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var reason: String

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "template \(place): \(reason)"
    }
}

/// A view that lists its own values, so that rendering needs no reflection (a `Mirror`
/// over a view of thirty fields cost as much as the rest of the reply).
public protocol TemplateValues {
    /// Name → value; optionals stay optionals, as reflection would give them.
    var templateValues: [String: Any] { get }
}

/// A rendered mail: the subject from the template's `Subject:` line, and the body.
public struct RenderedMail: Sendable, Equatable {
    public var subject: String
    public var body: String
}

/// The operator-editable mail templates, from a folder of `.mustache` files.
///
/// Each file starts with `{{% CONTENT_TYPE: TEXT}}` (so that nothing is HTML-escaped),
/// then a `Subject:` line, a blank line and the body.
///
/// The worker and `check-config` parse every template at start, so that a mistake is
/// found before any mail is; a one-shot command (`ingest -`, run by the MTA for each
/// mail) parses only those it renders, as parsing all of them was an eighth of its work.
public struct TemplateSet: Sendable {
    /// When the templates are parsed.
    public enum Loading: Sendable {
        /// All of them now: a mistake in any is an error of `init`.
        case all
        /// Each the first time it is rendered (all of them if it uses a partial): a
        /// mistake is an error of that `render`. The folder and the required files are
        /// still checked now.
        case whenUsed
    }

    private let library: LoadedLibrary
    public let directory: String
    public let names: [String]

    /// The templates every installation must have.
    public static let required = [
        "acknowledgement", "acknowledgement-incident", "acknowledgement-change", "acknowledgement-maintenance",
        "acknowledgement-security", "correspondence", "status-change", "command-refused", "approval-request",
        "review-request", "maintenance-refused", "problem-opened", "team-new-ticket", "team-correspondence", "sla-warning", "sla-breach", "sla-report", "report-refused", "report-confirm", "oversize-refused",
        "unreadable-refused", "release-announcement", "release-summary", "release-reminder", "release-review",
    ]

    public init(directory: String, loading: Loading = .all) throws {
        let files = try Self.templateFiles(in: directory)
        self.directory = directory
        names = files.map { String($0.dropLast(".mustache".count)) }
        library = LoadedLibrary(directory: directory, names: names)
        if loading == .all { try library.loadAll() }
        for name in Self.required where !names.contains(name) {
            throw TemplateError(file: "\(directory)/\(name).mustache", reason: "missing")
        }
    }

    /// The `.mustache` files of the folder, by name. Read with `readdir`: FileManager's
    /// listing made the runtime look up a conformance, in every `ingest -`.
    private static func templateFiles(in directory: String) throws -> [String] {
        guard let folder = opendir(directory) else {
            throw TemplateError(file: directory, reason: "cannot read the templates folder (\(String(cString: strerror(errno))))")
        }
        defer { closedir(folder) }
        var files: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".mustache") { files.append(name) }
        }
        return files.sorted()
    }

    /// Renders template `name` with `view` (a struct whose properties the template names).
    public func render(_ name: String, _ view: Any) throws -> RenderedMail {
        try render(name, values: Self.values(of: view))
    }

    /// The same for a view that lists its own values: no cast of the view (each cast's
    /// first try made the runtime look up a conformance).
    public func render(_ name: String, _ view: some TemplateValues) throws -> RenderedMail {
        try render(name, values: view.templateValues)
    }

    private func render(_ name: String, values: [String: Any]) throws -> RenderedMail {
        let file = "\(directory)/\(name).mustache"
        guard names.contains(name) else { throw TemplateError(file: file, reason: "no such template") }
        if let plain = try library.plain(name), let text = plain.render(values) {
            return try Self.split(text, file: file)
        }
        guard let text = try library.holding(name).render(values, withTemplate: name) else {
            throw TemplateError(file: file, reason: "no such template")
        }
        return try Self.split(text, file: file)
    }

    /// The first chain of partials and parents (`{{> name}}`, `{{< name}}`) that comes
    /// back to a template it passed, from the first template in name order; nil when none.
    static func partialCycle(_ texts: [String: String]) -> [String]? {
        let references = texts.mapValues(partialNames(in:))
        var finished: Set<String> = []
        var path: [String] = []
        func visit(_ name: String) -> [String]? {
            if finished.contains(name) { return nil }
            if let start = path.firstIndex(of: name) { return Array(path[start...]) + [name] }
            path.append(name)
            for next in references[name] ?? [] where texts[next] != nil {
                if let cycle = visit(next) { return cycle }
            }
            path.removeLast()
            finished.insert(name)
            return nil
        }
        for name in texts.keys.sorted() {
            if let cycle = visit(name) { return cycle }
        }
        return nil
    }

    /// The templates a text names as partials or parents (a dynamic name, `{{>*x}}`, is
    /// not known before rendering).
    static func partialNames(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let kind = rest.first, kind == ">" || kind == "<", let close = rest.range(of: "}}") else { continue }
            let name = rest[rest.index(after: rest.startIndex)..<close.lowerBound].trimmingScalars(in: .whitespaces)
            if !name.isEmpty, !name.hasPrefix("*") { names.append(name) }
            rest = rest[close.upperBound...]
        }
        return names
    }

    /// The view's properties by name, reflected once. Mustache would otherwise reflect
    /// the whole struct again for every name a template looks up.
    static func values(of view: Any) -> [String: Any] {
        if let values = view as? [String: Any] { return values }
        if let view = view as? any TemplateValues { return view.templateValues }
        var values: [String: Any] = [:]
        for child in Mirror(reflecting: view).children {
            if let label = child.label { values[label] = child.value }
        }
        return values
    }

    /// Splits rendered text into the `Subject:` line and the body after the blank line.
    static func split(_ text: String, file: String) throws -> RenderedMail {
        var rest = Substring(TextLines.normalized(text))
        // Line by line from the front only: splitting the whole body into lines and
        // joining it again cost a tenth of making a reply.
        func takeLine() -> Substring {
            let end = rest.utf8.firstIndex(of: UInt8(ascii: "\n")) ?? rest.endIndex
            let line = rest[..<end]
            rest = end == rest.endIndex ? rest[end...] : rest[rest.utf8.index(after: end)...]
            return line
        }
        func isBlank(_ line: Substring) -> Bool { line.unicodeScalars.allSatisfy(CharacterSet.whitespaces.contains) }
        var first = takeLine()
        while isBlank(first), !rest.isEmpty { first = takeLine() }
        guard first.lowercased().hasPrefix("subject:") else {
            throw TemplateError(file: file, line: 1, reason: "the first line must be `Subject: …`")
        }
        let subject = first.dropFirst("subject:".count).trimmingScalars(in: .whitespaces)
        let beforeBlank = rest
        if !isBlank(takeLine()) { rest = beforeBlank }
        var body = String(rest)
        if !body.hasSuffix("\n") { body += "\n" }
        return RenderedMail(subject: subject, body: body)
    }
}

/// The parsed templates, filled as they are needed.
private final class LoadedLibrary: Sendable {
    private let directory: String
    private let names: [String]
    private let state = Mutex(State())

    private struct State {
        var library = MustacheLibrary()
        var loaded: Set<String> = []
        /// Each template read so far as a `PlainTemplate`, or nil when it is not one.
        var plain: [String: PlainTemplate?] = [:]
        var all = false
    }

    init(directory: String, names: [String]) {
        self.directory = directory
        self.names = names
    }

    func loadAll() throws {
        try state.withLock { state in try load(names, into: &state) }
    }

    /// Template `name` as a `PlainTemplate`, read the first time; nil when it is not one.
    func plain(_ name: String) throws -> PlainTemplate? {
        try state.withLock { state in
            if let known = state.plain[name] { return known }
            let made = PlainTemplate(try read(name))
            state.plain[name] = made
            return made
        }
    }

    /// A library that holds `name` (and, when it names a partial, every template); a
    /// copy, so that rendering holds no lock.
    func holding(_ name: String) throws -> MustacheLibrary {
        try state.withLock { state in
            if !state.all, !state.loaded.contains(name) {
                let text = try read(name)
                // A partial or a parent may name any template: then they all are parsed.
                if text.contains("{{>") || text.contains("{{<") {
                    try load(names, into: &state)
                } else {
                    try register(text, named: name, into: &state)
                }
            }
            return state.library
        }
    }

    private func load(_ names: [String], into state: inout State) throws {
        guard !state.all else { return }
        var texts: [String: String] = [:]
        for name in names { texts[name] = try read(name) }
        // Mustache would render such a template until the stack ran out (outsider attack:
        // a template that named itself crashed the worker at its first mail).
        if let cycle = TemplateSet.partialCycle(texts) {
            throw TemplateError(
                file: "\(directory)/\(cycle[0]).mustache",
                reason: "includes itself (\(cycle.joined(separator: " → "))), which would render without end"
            )
        }
        for name in names where !state.loaded.contains(name) {
            try register(texts[name] ?? "", named: name, into: &state)
        }
        for name in names where state.plain[name] == nil {
            state.plain[name] = PlainTemplate(texts[name] ?? "")
        }
        state.all = true
    }

    private func read(_ name: String) throws -> String {
        let path = "\(directory)/\(name).mustache"
        guard let text = FileManager.default.contents(atPath: path).flatMap({ String(data: $0, encoding: .utf8) }) else {
            throw TemplateError(file: path, reason: "not readable as UTF-8 text")
        }
        return text
    }

    private func register(_ text: String, named name: String, into state: inout State) throws {
        do {
            try state.library.register(text, named: name)
            state.loaded.insert(name)
        } catch let error as MustacheTemplate.ParserError {
            throw TemplateError(
                file: "\(directory)/\(name).mustache", line: error.context.lineNumber, column: error.context.columnNumber,
                reason: "\(error.error)"
            )
        }
    }
}
