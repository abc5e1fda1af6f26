/// A template that uses only what ticketd's own templates use: text, variables
/// (`{{name}}`, `{{{name}}}`, `{{&name}}`, `{{.}}`) and sections (`{{#name}}`, `{{^name}}`),
/// in plain text (`{{% CONTENT_TYPE: TEXT}}` on the first line), rendered with values of
/// the kinds the mail views hold (text, numbers, yes/no, lists and tables of them).
///
/// It renders what swift-mustache renders for such a template (a test holds the two
/// equal), without the casts of each value to swift-mustache's protocols, whose first try
/// of each type made the runtime look up a conformance: 16 lookups, a tenth of what an
/// `ingest -` of one mail costs. Any other template (partials, comments, transforms,
/// dotted names, HTML…) is nil here and rendered by swift-mustache, as is a render that
/// meets a value of another kind.
struct PlainTemplate: Sendable {
    indirect enum Token: Sendable {
        case text(String)
        case variable(String)
        case section(String, [Token])
        case invertedSection(String, [Token])
    }

    let tokens: [Token]

    static let textPragma = "{{% CONTENT_TYPE: TEXT}}\n"

    init?(_ source: String) {
        guard source.hasPrefix(Self.textPragma), !source.contains("\r") else { return nil }
        var reader = Reader(Array(source.utf8.dropFirst(Self.textPragma.utf8.count)))
        guard let tokens = reader.parse(section: nil) else { return nil }
        self.tokens = tokens
    }

    /// The rendered text; nil when a value is of a kind this does not render as
    /// swift-mustache would.
    func render(_ values: [String: Any]) -> String? {
        var output = ""
        var stack: [Any] = [values]
        return Self.render(tokens, stack: &stack, into: &output) ? output : nil
    }

    // MARK: Reading

    /// swift-mustache's reading of the subset: at the start of each line the spaces and
    /// tabs are held back; a section tag alone on its line (with them) takes the line with
    /// it, newline and all; anything else gives them back as text before it. Text that
    /// ends the template without a newline keeps them only when it is not empty.
    private struct Reader {
        let bytes: [UInt8]
        var position = 0
        var newLine = true

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        mutating func parse(section: String?) -> [Token]? {
            var tokens: [Token] = []
            var heldBack: [UInt8] = []
            while position < bytes.count {
                if newLine {
                    let start = position
                    while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
                    heldBack = Array(bytes[start..<position])
                }
                // Text up to a tag or a newline.
                let start = position
                var foundTag = false
                while position < bytes.count, bytes[position] != 0x0A {
                    if bytes[position] == 0x7B {
                        // swift-mustache refuses a `{` that ends the template.
                        guard position + 1 < bytes.count else { return nil }
                        if bytes[position + 1] == 0x7B {
                            foundTag = true
                            break
                        }
                    }
                    position += 1
                }
                let text = Array(bytes[start..<position])
                if !foundTag, position < bytes.count {  // a newline
                    tokens.append(.text(String(decoding: heldBack + text + [0x0A], as: UTF8.self)))
                    position += 1
                    newLine = true
                    continue
                }
                if !text.isEmpty {
                    tokens.append(.text(String(decoding: heldBack + text, as: UTF8.self)))
                    heldBack = []
                    newLine = false
                }
                guard foundTag else { break }  // the end
                position += 2
                guard position < bytes.count else { break }  // `{{` at the end: dropped, as swift-mustache drops it
                let kind = bytes[position]
                var standalone = false
                switch kind {
                case 0x23, 0x5E:  // # ^
                    position += 1
                    guard let name = readName(closing: 2), name != "." else { return nil }
                    standalone = takeRestOfLineIfBlank()
                    if !standalone, !heldBack.isEmpty {
                        tokens.append(.text(String(decoding: heldBack, as: UTF8.self)))
                        heldBack = []
                    }
                    newLine = standalone
                    guard let inner = parse(section: name) else { return nil }
                    tokens.append(kind == 0x23 ? .section(name, inner) : .invertedSection(name, inner))
                case 0x2F:  // /
                    position += 1
                    guard let name = readName(closing: 2), name == section else { return nil }
                    if !takeRestOfLineIfBlank(), !heldBack.isEmpty {
                        tokens.append(.text(String(decoding: heldBack, as: UTF8.self)))
                    }
                    return tokens
                case 0x7B, 0x26:  // { &
                    position += 1
                    if !heldBack.isEmpty { tokens.append(.text(String(decoding: heldBack, as: UTF8.self))) }
                    heldBack = []
                    guard let name = readName(closing: kind == 0x7B ? 3 : 2) else { return nil }
                    tokens.append(.variable(name))
                default:
                    if !heldBack.isEmpty { tokens.append(.text(String(decoding: heldBack, as: UTF8.self))) }
                    heldBack = []
                    guard let name = readName(closing: 2) else { return nil }
                    tokens.append(.variable(name))
                }
                newLine = standalone
            }
            return section == nil ? tokens : nil  // a section left open
        }

        /// A name of letters, digits, `_` and `-` (or `.`), then `closing` braces.
        mutating func readName(closing: Int) -> String? {
            let start = position
            while position < bytes.count, Self.isNameByte(bytes[position]) { position += 1 }
            let name = Array(bytes[start..<position])
            guard !name.isEmpty, name == [0x2E] || !name.contains(0x2E) else { return nil }
            for _ in 0..<closing {
                guard position < bytes.count, bytes[position] == 0x7D else { return nil }
                position += 1
            }
            return String(decoding: name, as: UTF8.self)
        }

        static func isNameByte(_ byte: UInt8) -> Bool {
            (0x61...0x7A).contains(byte) || (0x41...0x5A).contains(byte) || (0x30...0x39).contains(byte) || byte == 0x5F || byte == 0x2D || byte == 0x2E
        }

        /// At the start of a line, nothing but spaces and tabs up to the newline (taken,
        /// with it) or the end.
        mutating func takeRestOfLineIfBlank() -> Bool {
            guard newLine else { return false }
            var end = position
            while end < bytes.count, bytes[end] == 0x20 || bytes[end] == 0x09 { end += 1 }
            if end == bytes.count {
                return position == bytes.count
            }
            guard bytes[end] == 0x0A else { return false }
            position = end + 1
            return true
        }
    }

    // MARK: Rendering

    private static func render(_ tokens: [Token], stack: inout [Any], into output: inout String) -> Bool {
        for token in tokens {
            switch token {
            case .text(let text):
                output += text
            case .variable(let name):
                guard let value = lookUp(name, in: stack) else { continue }
                guard let text = Self.text(of: value) else { return false }
                output += text
            case .section(let name, let inner):
                guard let value = lookUp(name, in: stack) else { continue }
                if let flag = value as? Bool {
                    if flag, !render(inner, stack: &stack, into: &output) { return false }
                } else if let list = value as? [Any] {
                    for element in list {
                        stack.append(element)
                        defer { stack.removeLast() }
                        if !render(inner, stack: &stack, into: &output) { return false }
                    }
                } else {
                    guard isKnown(value) else { return false }
                    stack.append(value)
                    defer { stack.removeLast() }
                    if !render(inner, stack: &stack, into: &output) { return false }
                }
            case .invertedSection(let name, let inner):
                let value = lookUp(name, in: stack)
                var renders = value == nil
                if let flag = value as? Bool {
                    renders = !flag
                } else if let list = value as? [Any], list.isEmpty {
                    // swift-mustache renders it with the empty list on the stack.
                    stack.append(list)
                    defer { stack.removeLast() }
                    if !render(inner, stack: &stack, into: &output) { return false }
                    continue
                } else if let value, !isKnown(value) {
                    return false
                }
                if renders, !render(inner, stack: &stack, into: &output) { return false }
            }
        }
        return true
    }

    /// `.` is the innermost value; a name, the first table from the inside that has it
    /// (a text, a number or a list in between has no names, as swift-mustache finds).
    private static func lookUp(_ name: String, in stack: [Any]) -> Any? {
        if name == "." { return stack.last }
        for value in stack.reversed() {
            if let table = value as? [String: Any], let found = table[name] { return found }
        }
        return nil
    }

    /// Whether the value is of a kind this renders as swift-mustache does.
    private static func isKnown(_ value: Any) -> Bool {
        value is String || value is Int || value is Bool || value is [String: Any] || value is [Any]
    }

    /// A text, a number or yes/no as swift-mustache writes it; nil for any other kind.
    private static func text(of value: Any) -> String? {
        if let text = value as? String { return text }
        if let number = value as? Int { return String(number) }
        if let flag = value as? Bool { return flag ? "true" : "false" }
        return nil
    }
}
