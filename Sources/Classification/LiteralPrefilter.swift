import Foundation

/// A pattern taken apart at its top-level `|`, each alternative with the literal text it
/// cannot match without: a rule of a hundred alternatives (the built-in ones are) cost
/// ICU a try of every alternative at every position of the text, about 2 ms per mail.
/// An alternative runs only when its literal is in the text (`LiteralIndex` finds them
/// all in one pass), and when every match of it starts with its literal, only from
/// there: at each place of the literal when it occurs a few times, else from the first.
/// Whether a pattern matches does not change; which of its matches is reported may (the
/// first alternative that matches).
///
/// A literal is the longest run of ASCII letters, digits, spaces and `-` that every match
/// of the alternative contains, lower-cased, and compared with the text lower-cased in
/// ASCII. A letter ICU folds into ASCII ones from outside it (the Kelvin sign for `k`,
/// `ß` for `ss`: `FoldsToASCII`) is no way past a rule: in a text that has one, the
/// literals it may hide are looked for in the text folded as ICU folds it
/// (`SearchableText.folded`), and their alternative, when they are there, searches the
/// text from its start.
struct LiteralPrefilter {
    struct Branch {
        let compiled: LazyRegex
        var regex: NSRegularExpression { compiled.regex }
        /// It may be slow (`SlowRisk`): it runs under the watch of the deadline.
        var watched: Bool { compiled.isSlow }
        /// One of these must occur in the lowered text, or the branch cannot match; nil
        /// when the alternative has no literal it needs.
        let literals: [[UInt8]]?
        /// Every match starts with one of the literals: the search may start at the first.
        let startsWithLiteral: Bool
        /// Sets of literals each of which has one in every match too (`\bplease\b.{0,60}
        /// restart` needs `restart` as well): a text that lacks every literal of a set is
        /// not searched, and the alternative is not compiled for it. They are looked for
        /// only when the literals are found, and not indexed: in the index, they cost a
        /// one-shot command more to build than they saved it.
        let confirming: [[[UInt8]]]
        /// The literals' numbers in a classifier's `LiteralIndex`, once indexed.
        var numbers: [Int32]?

        init(compiled: LazyRegex, literals: [[UInt8]]?, startsWithLiteral: Bool, confirming: [[[UInt8]]] = []) {
            self.compiled = compiled
            self.literals = literals
            self.startsWithLiteral = startsWithLiteral
            self.confirming = confirming
        }

        /// The whole pattern as one alternative, with no literal read from it.
        static func whole(_ regex: LazyRegex) -> Branch {
            Branch(compiled: regex, literals: nil, startsWithLiteral: false)
        }

        /// Whether one of the confirming sets has none of its literals in what ICU matches
        /// (`SearchableText.lacksAll`).
        func lacksAConfirmingLiteral(in text: SearchableText) -> Bool {
            confirming.contains { text.lacksAll($0) }
        }

        /// Where each of the branch's literals first occurs in the text, as UTF-8 offsets
        /// (nil where it does not): from the index the branch was numbered in, else by a
        /// search of the lowered text. Nil when the branch has no literals.
        func firstOccurrences(in text: SearchableText) -> [Int?]? {
            guard let literals else { return nil }
            if let occurrences = text.occurrences, let numbers {
                return numbers.map { number in occurrences.first[Int(number)] >= 0 ? Int(occurrences.first[Int(number)]) : nil }
            }
            return text.lowered.withUnsafeBufferPointer { hay in literals.map { LiteralPrefilter.firstOffset(hay, $0, from: 0) } }
        }

        /// How often the branch's literals occur in the text, when the index has counted them.
        func occurrenceCount(in text: SearchableText) -> Int? {
            guard let occurrences = text.occurrences, let numbers else { return nil }
            return numbers.reduce(0) { $0 + Int(occurrences.count[Int($1)]) }
        }
    }

    let branches: [Branch]

    /// Nil when the source is not taken apart: extended mode, `\Q`, `\c`, `\G`, a backreference, a set
    /// inside a set, or a flag group after the start (it would reach past a split).
    /// `compiling`: each alternative is compiled now, and an alternative ICU refuses makes
    /// the split fail; else each is compiled when first searched (the built-in rules,
    /// which the tests compile, so that a one-shot command pays only for what it uses).
    init?(source: String, compiling: Bool = true) {
        guard let alternatives = Self.alternatives(of: source), let split = try? Self(alternatives, compiling: compiling) else { return nil }
        self = split
    }

    /// The alternatives as taken apart before (`alternatives(of:)`).
    init(_ alternatives: [Pattern.Alternative], compiling: Bool) throws {
        branches = try alternatives.map { alternative in
            let regex = LazyRegex(alternative.flags + alternative.body, slowRiskOf: alternative.body)
            if compiling { try regex.compile() }
            return Branch(
                compiled: regex, literals: alternative.literals.map { $0.map { Array($0.utf8) } },
                startsWithLiteral: alternative.startsWithLiteral,
                confirming: alternative.confirming.map { $0.map { Array($0.utf8) } }
            )
        }
    }

    /// The source's top-level alternatives with the literals they need; nil when it is not
    /// taken apart.
    static func alternatives(of source: String) -> [Pattern.Alternative]? {
        let scalars = Array(source.unicodeScalars)
        var flags = ""
        var start = 0
        if let end = Self.leadingFlagGroupEnd(scalars) {
            flags = String(scalars[0...end])
            start = end + 1
        }
        if flags.contains("x") || Self.hasEscapeThatKeepsItWhole(scalars) || Self.hasExtendedGroup(scalars) { return nil }
        guard let ranges = Self.splitTopLevel(scalars, from: start, to: scalars.count) else { return nil }
        return ranges.map { range in
            let needed = Self.neededLiterals(scalars, range)
            return Pattern.Alternative(
                flags: flags, body: String(scalars[range]), literals: needed?.literals, startsWithLiteral: needed?.atStart ?? false,
                confirming: needed?.confirming ?? []
            )
        }
    }

    /// A byte search from `start`: `memchr` to each candidate first byte, then a compare.
    static func firstOffset(_ hay: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, let base = hay.baseAddress, needle.count <= hay.count else { return needle.isEmpty ? start : nil }
        let last = hay.count - needle.count
        var position = start
        return needle.withUnsafeBufferPointer { needle in
            while position <= last {
                guard let hit = memchr(base + position, Int32(first), last - position + 1) else { return nil }
                position = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                if memcmp(base + position, needle.baseAddress!, needle.count) == 0 { return position }
                position += 1
            }
            return nil
        }
    }

    // MARK: Reading the source

    /// `(?s)`, `(?i-m)`…: a group of flags alone at the very start.
    static func leadingFlagGroupEnd(_ scalars: [Unicode.Scalar]) -> Int? {
        guard scalars.count > 2, scalars[0] == "(", scalars[1] == "?" else { return nil }
        let index = flagLettersEnd(scalars, from: 2, to: scalars.count)
        return index < scalars.count && scalars[index] == ")" && index > 2 ? index : nil
    }

    /// Past the flag letters (`i`, `-m`…) from `from`.
    static func flagLettersEnd(_ scalars: [Unicode.Scalar], from: Int, to: Int) -> Int {
        var index = from
        while index < to, scalars[index].properties.isAlphabetic || scalars[index] == "-" { index += 1 }
        return index
    }

    /// The ranges of the alternatives at the top level of `from..<to`; nil where taking
    /// them apart could change the meaning.
    static func splitTopLevel(_ scalars: [Unicode.Scalar], from: Int, to: Int) -> [Range<Int>]? {
        var ranges: [Range<Int>] = []
        var depth = 0
        var start = from
        var index = from
        while index < to {
            switch scalars[index] {
            case "\\":
                if index + 1 < to, scalars[index + 1] == "Q" { return nil }
                index += 2
                continue
            case "[":
                guard let end = classEnd(scalars, index, to) else { return nil }
                index = end + 1
                continue
            case "(":
                // A flag group inside the pattern reaches past the `|` after it.
                if index + 1 < to, scalars[index + 1] == "?", flagGroupEnd(scalars, index, to) != nil { return nil }
                // ICU ends a comment at its first `)`, whatever `[` or `\` it holds: not read.
                if index + 2 < to, scalars[index + 1] == "?", scalars[index + 2] == "#" { return nil }
                depth += 1
            case ")":
                depth -= 1
            case "|" where depth == 0:
                ranges.append(start..<index)
                start = index + 1
            default:
                break
            }
            index += 1
        }
        guard depth == 0 else { return nil }
        ranges.append(start..<to)
        return ranges
    }

    /// `(?flags)` without a colon, starting at `open`.
    static func flagGroupEnd(_ scalars: [Unicode.Scalar], _ open: Int, _ to: Int) -> Int? {
        let index = flagLettersEnd(scalars, from: open + 2, to: to)
        return index < to && scalars[index] == ")" ? index : nil
    }

    /// The `]` that closes the class opened at `open`.
    static func classEnd(_ scalars: [Unicode.Scalar], _ open: Int, _ to: Int) -> Int? {
        var index = open + 1
        if index < to, scalars[index] == "^" { index += 1 }
        if index < to, scalars[index] == "]" { index += 1 }
        while index < to, scalars[index] != "]" {
            if scalars[index] == "[" { return nil }  // a set inside a set (ICU's set operations): not read
            index += scalars[index] == "\\" ? 2 : 1
        }
        return index < to ? index : nil
    }

    /// Whether the pattern holds an escape that taking it apart would misread or change
    /// (outsider reviews): a reference back to a group (`\1`, `\k<name>`), as the groups
    /// would be numbered anew; a quote (`\Q…\E`), even inside a set, where ICU reads
    /// `[\Q]ab\E]` as one set of four characters; a control character (`\cX`), whose X
    /// ICU takes whatever it is (`\c|` is no alternation, `\c[` opens no set); and `\G`,
    /// which would hold where a search from a literal starts rather than only at 0.
    static func hasEscapeThatKeepsItWhole(_ scalars: [Unicode.Scalar]) -> Bool {
        var index = 0
        while index + 1 < scalars.count {
            if scalars[index] == "\\" {
                let next = scalars[index + 1]
                if ("1"..."9").contains(next) || next == "k" || next == "Q" || next == "c" || next == "G" { return true }
                index += 2
            } else {
                index += 1
            }
        }
        return false
    }

    /// Whether a group turns on extended mode (`(?x:`, `(?ix:`…): its `#` comments may
    /// hold brackets the reading would take for the pattern's (outsider review).
    static func hasExtendedGroup(_ scalars: [Unicode.Scalar]) -> Bool {
        var index = 0
        while index + 1 < scalars.count {
            if scalars[index] == "(", scalars[index + 1] == "?" {
                let end = flagLettersEnd(scalars, from: index + 2, to: scalars.count)
                if scalars[(index + 2)..<end].contains("x") { return true }
            }
            index += 1
        }
        return false
    }

    /// The `)` that closes the group opened at `open`.
    static func groupEnd(_ scalars: [Unicode.Scalar], _ open: Int, _ to: Int) -> Int? {
        var depth = 0
        var index = open
        while index < to {
            switch scalars[index] {
            case "\\": index += 1
            case "[":
                guard let end = classEnd(scalars, index, to) else { return nil }
                index = end
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
            index += 1
        }
        return nil
    }

    /// The literals one of which every match of the alternative in `range` contains, and
    /// whether every match starts with one of them; nil when it needs none that can be
    /// told. Read item by item from its start: past what takes no text (`^`, `\b`), what
    /// may be absent (a quantifier from zero) and what holds no literal (`\W{0,10}`, a set,
    /// `.`), into groups' own alternatives, until an item it cannot read. Of the items
    /// that need literals, the first is taken when every match starts with it or its
    /// shortest literal has three letters or more, else the one whose shortest is longest:
    /// `\d+(st|nd) (time|week)` needs `time` or `week` rather than `st` or `nd`, which are
    /// in nearly every text. The other items' literals confirm it (`confirming`).
    static func neededLiterals(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> (literals: [String], atStart: Bool, confirming: [[String]])? {
        var found: [(literals: [String], atStart: Bool)] = []
        var atStart = true  // no item that takes text has been passed
        var index = range.lowerBound
        reading: while index < range.upperBound {
            let scalar = scalars[index]
            switch scalar {
            case "^", "$":
                index += 1
                continue
            case "\\":
                guard index + 1 < range.upperBound else { break reading }
                let escaped = scalars[index + 1]
                if escaped == "b" || escaped == "B" {
                    index += 2
                    continue
                }
                guard let end = escapeEnd(scalars, index, range.upperBound) else { break reading }
                index = quantifierEnd(scalars, end, range.upperBound)
            case "[":
                guard let end = classEnd(scalars, index, range.upperBound) else { break reading }
                index = quantifierEnd(scalars, end + 1, range.upperBound)
            case ".":
                index = quantifierEnd(scalars, index + 1, range.upperBound)
            case "(":
                guard let close = groupEnd(scalars, index, range.upperBound) else { break reading }
                let after = close + 1
                let optional = after < range.upperBound && mayRepeatFromZero(scalars[after])
                if !optional, let inner = groupAlternatives(scalars, open: index, close: close) {
                    var all: [String] = []
                    var innerAtStart = true
                    var everyOneNeedsSome = true
                    for alternative in inner {
                        guard let needed = neededLiterals(scalars, alternative) else {
                            everyOneNeedsSome = false
                            break
                        }
                        all += needed.literals
                        innerAtStart = innerAtStart && needed.atStart
                    }
                    if everyOneNeedsSome { found.append((all, atStart && innerAtStart)) }
                }
                index = quantifierEnd(scalars, after, range.upperBound)
            case ")", "]", "{", "}", "|", "?", "*", "+":
                break reading
            default:
                // A run of plain characters; its last one may be optional or repeated from zero.
                let runStart = index
                var run: [Unicode.Scalar] = []
                while index < range.upperBound, !isSyntax(scalars[index]) {
                    run.append(scalars[index])
                    index += 1
                }
                if index < range.upperBound, mayRepeatFromZero(scalars[index]), !run.isEmpty { run.removeLast() }
                if let literal = longestLiteral(in: run) { found.append(([literal.text], atStart && literal.offset == 0)) }
                if index == runStart { break reading }
                index = quantifierEnd(scalars, index, range.upperBound)
            }
            atStart = false
        }
        guard !found.isEmpty else { return nil }
        let shortest = { (position: Int) in found[position].literals.map(\.count).min() ?? 0 }
        var chosen = 0
        if shortest(0) < 3, !found[0].atStart {
            for position in found.indices.dropFirst() where shortest(position) > shortest(chosen) { chosen = position }
        }
        let confirming = found.indices.filter { $0 != chosen }.map { found[$0].literals }
        return (found[chosen].literals, found[chosen].atStart, confirming)
    }

    /// The longest part of ASCII letters, digits, spaces and `-` of a run, of at least two,
    /// lower-cased (every match holds it), and where it starts in the run.
    private static func longestLiteral(in run: [Unicode.Scalar]) -> (text: String, offset: Int)? {
        var best = 0..<0
        var currentStart = 0
        for (offset, scalar) in run.enumerated() {
            guard ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == " " || scalar == "-"
            else {
                currentStart = offset + 1
                continue
            }
            if offset + 1 - currentStart > best.count { best = currentStart..<(offset + 1) }
        }
        guard best.count >= 2 else { return nil }
        // ASCII only: lowered byte by byte.
        let lowered = run[best].map { scalar in ("A"..."Z").contains(scalar) ? UInt8(scalar.value) + 0x20 : UInt8(scalar.value) }
        return (String(decoding: lowered, as: UTF8.self), best.lowerBound)
    }

    /// The alternatives inside a plain group (`(`, `(?:`, `(?i:`, `(?-i:`); nil for a
    /// lookaround, a named or atomic group, or one in extended mode, which are not read.
    private static func groupAlternatives(_ scalars: [Unicode.Scalar], open: Int, close: Int) -> [Range<Int>]? {
        var inner = open + 1
        if inner < close, scalars[inner] == "?" {
            let flagsEnd = flagLettersEnd(scalars, from: inner + 1, to: close)
            guard flagsEnd < close, scalars[flagsEnd] == ":", !scalars[inner..<flagsEnd].contains("x") else { return nil }
            inner = flagsEnd + 1
        }
        return splitTopLevel(scalars, from: inner, to: close)
    }

    /// Where an escape starting at `start` (a `\`) ends: one that stands for a character
    /// class or a punctuation mark, or `\p{…}`; nil for any other (`\x41`, `\u00e9`, `\Q`,
    /// `\A`…), after which nothing is read, as it may stand for a letter.
    private static func escapeEnd(_ scalars: [Unicode.Scalar], _ start: Int, _ to: Int) -> Int? {
        let escaped = scalars[start + 1]
        if "dDwWsShHvVRX".unicodeScalars.contains(escaped) { return start + 2 }
        if escaped == "p" || escaped == "P" {
            guard start + 2 < to, scalars[start + 2] == "{", let close = scalars[(start + 3)..<to].firstIndex(of: "}") else { return nil }
            return close + 1
        }
        if escaped.isASCII, !escaped.properties.isAlphabetic, !("0"..."9").contains(escaped) { return start + 2 }
        return nil
    }

    /// Past the quantifier at `index`, if any (`?`, `*`, `+`, `{m,n}`, lazy or possessive).
    private static func quantifierEnd(_ scalars: [Unicode.Scalar], _ index: Int, _ to: Int) -> Int {
        guard index < to else { return index }
        var end = index
        switch scalars[index] {
        case "?", "*", "+": end = index + 1
        case "{":
            guard let close = scalars[index..<to].firstIndex(of: "}") else { return index }
            end = close + 1
        default: return index
        }
        if end < to, scalars[end] == "?" || scalars[end] == "+" { end += 1 }
        return end
    }

    /// A character with a meaning of its own in a pattern, outside a set.
    private static func isSyntax(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\\", "(", ")", "[", "]", "{", "}", ".", "|", "?", "*", "+", "^", "$": true
        default: false
        }
    }

    /// A quantifier that may leave out what it follows (`{` counts: `{0,3}` may).
    private static func mayRepeatFromZero(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "?" || scalar == "*" || scalar == "{"
    }
}

/// A case-insensitive regular expression compiled when first used (NSRegularExpression is
/// immutable and thread-safe once built), and whether it may be slow, read then too.
final class LazyRegex: Sendable {
    let source: String
    private let built: Once<(regex: NSRegularExpression, isSlow: Bool)>

    /// `slowRiskOf`: the text `SlowRisk` reads (an alternative without the flags it was
    /// given), the source itself by default.
    init(_ source: String, slowRiskOf riskSource: String? = nil) {
        self.source = source
        built = Once(making: { (try NSRegularExpression(pattern: source, options: [.caseInsensitive]), SlowRisk.of(riskSource ?? source)) })
    }

    /// Compiles it now; throws what ICU says of it.
    func compile() throws {
        _ = try built.get()
    }

    /// One that never matches stands in for a source ICU refuses: only sources compiled
    /// first (`compile()`) or checked by the tests (the built-in rules) are left lazy.
    var regex: NSRegularExpression { (try? built.get())?.regex ?? Self.neverMatches }

    /// Whether ICU has been asked to compile it.
    var isCompiled: Bool { built.isMade }

    /// It may take long (`SlowRisk`): searched under the watch of the deadline.
    var isSlow: Bool { (try? built.get())?.isSlow ?? false }

    private static let neverMatches = try! NSRegularExpression(pattern: "(?!)")
}

extension String {
    /// The text of some scalars of a pattern: encoded straight to UTF-8, as taking a
    /// pattern apart makes hundreds of them (`String.UnicodeScalarView`'s generic append
    /// cost a one-shot command a sixth of its instructions).
    init(_ scalars: ArraySlice<Unicode.Scalar>) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        for scalar in scalars {
            if scalar.isASCII {
                bytes.append(UInt8(scalar.value))
            } else {
                UTF8.encode(scalar) { bytes.append($0) }
            }
        }
        self.init(decoding: bytes, as: UTF8.self)
    }
}
