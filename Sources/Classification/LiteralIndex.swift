/// Where the literals of all a classifier's patterns first occur in a text, found in one
/// pass (an Aho–Corasick automaton): the patterns then skip the alternatives whose
/// literal is absent, and start the others at their literal (`LiteralPrefilter`). One
/// pass per text replaces a byte search per literal per pattern, which cost a tenth of
/// the worker's time with the built-in rules (hundreds of literals).
///
/// Literals are ASCII letters, digits, spaces and `-`, lower-cased; the text is compared
/// with its ASCII letters lower-cased, as `LiteralPrefilter.firstOffset` does.
struct LiteralIndex: Sendable {
    /// Literal → its number, given in order of first use.
    struct Builder {
        private(set) var literals: [[UInt8]] = []
        // Keyed by text rather than bytes: an array of bytes is hashed byte by byte, and
        // the built-in rules hold about a thousand literals, which a one-shot command
        // numbers at each start. Room for them all from the start.
        private var numbers = [String: Int32](minimumCapacity: 2_048)

        mutating func number(of literal: [UInt8]) -> Int32 {
            let key = String(decoding: literal, as: UTF8.self)
            if let known = numbers[key] { return known }
            let number = Int32(literals.count)
            numbers[key] = number
            literals.append(literal)
            return number
        }

        func build() -> LiteralIndex { LiteralIndex(literals) }
    }

    /// The first start offset (in UTF-8 bytes) of each literal, by its number (-1 when it
    /// does not occur), and how often it occurs.
    struct Occurrences: Sendable {
        var first: [Int32]
        var count: [Int32]

        /// The same for `left + "\n" + right`: a literal holds no newline, so each of its
        /// places is in one of the two.
        static func joined(_ left: Occurrences, _ right: Occurrences, leftBytes: Int) -> Occurrences {
            Occurrences(
                first: zip(left.first, right.first).map { $0 >= 0 ? $0 : $1 >= 0 ? $1 + Int32(leftBytes + 1) : -1 },
                count: zip(left.count, right.count).map { $0 + $1 }
            )
        }
    }

    private static let noSymbol: UInt8 = 0xFF
    /// Byte → symbol: a–z (either case), 0–9, space and `-`; every other byte is none.
    private static let symbols: [UInt8] = (0...255).map { byte -> UInt8 in
        switch UInt8(byte) {
        case 0x61...0x7A: UInt8(byte - 0x61)
        case 0x41...0x5A: UInt8(byte - 0x41)
        case 0x30...0x39: UInt8(26 + byte - 0x30)
        case 0x20: 36
        case 0x2D: 37
        default: noSymbol
        }
    }
    private static let alphabet = 38

    private let lengths: [Int32]
    /// State × symbol → next state (the complete goto function; state 0 is the root).
    private let next: Moves
    /// The literals that end at each state: `matchIDs[matchStart[s]..<matchStart[s + 1]]`.
    private let matchStart: [Int32]
    private let matchIDs: [Int32]

    /// The goto function in 16 bits when every state fits (the built-in rules make about
    /// 2,700 states): half the memory, which a one-shot command touches page by page.
    private enum Moves: Sendable {
        case narrow([UInt16])
        case wide([Int32])
    }

    var count: Int { lengths.count }

    init(_ literals: [[UInt8]]) {
        lengths = literals.map { Int32($0.count) }
        // At most a state per literal byte, and the root.
        let largest = literals.reduce(1) { $0 + $1.count }
        if largest < Int(UInt16.max) {
            let built = Self.automaton(literals, largest: largest, state: UInt16.self)
            (next, matchStart, matchIDs) = (.narrow(built.moves), built.matchStart, built.matchIDs)
        } else {
            let built = Self.automaton(literals, largest: largest, state: Int32.self)
            (next, matchStart, matchIDs) = (.wide(built.moves), built.matchStart, built.matchIDs)
        }
    }

    /// The goto function, flat (state × symbol → state), and the literals that end at
    /// each state (`matchIDs[matchStart[s]..<matchStart[s + 1]]`). Built in room for the
    /// largest trie, of which only the rows of states made are written (and so touched),
    /// through pointers. A one-shot command builds it at each start: each state's row is
    /// its failure state's, copied, with its own children put in, and the literals that
    /// end at a state are read along its chain of failure states that end one, rather
    /// than kept in an array per state.
    private static func automaton<State: FixedWidthInteger>(
        _ literals: [[UInt8]], largest: Int, state: State.Type
    ) -> (moves: [State], matchStart: [Int32], matchIDs: [Int32]) {
        let width = alphabet
        let none = State.max
        // The literal that ends at each state (-1: none); literals are distinct, so at most one.
        var own: [Int32] = [-1]
        own.reserveCapacity(largest)
        // Each state but the root is made by one edge of the trie: its parent and symbol.
        var parent: [Int32] = [0]
        parent.reserveCapacity(largest)
        var symbolIn: [UInt8] = [0]
        symbolIn.reserveCapacity(largest)
        var fail = [Int32](repeating: 0, count: largest)
        // The nearest state along the failure chain at which a literal ends (0: none).
        var output = [Int32](repeating: 0, count: largest)
        var states = 1
        let moves = [State](unsafeUninitializedCapacity: largest * width) { moves, made in
            moves.baseAddress!.initialize(repeating: none, count: width)
            symbols.withUnsafeBufferPointer { symbols in
                // The trie.
                for (number, literal) in literals.enumerated() {
                    var state = 0
                    for byte in literal {
                        let symbol = Int(symbols[Int(byte)])
                        precondition(symbol != Int(noSymbol), "a literal holds only letters, digits, spaces and -")
                        let slot = state &* width &+ symbol
                        if moves[slot] == none {
                            moves[slot] = State(states)
                            (moves.baseAddress! + states * width).initialize(repeating: none, count: width)
                            own.append(-1)
                            parent.append(Int32(state))
                            symbolIn.append(UInt8(symbol))
                            states += 1
                        }
                        state = Int(moves[slot])
                    }
                    own[state] = Int32(number)
                }
            }
            // Each state's children, grouped by parent (states are numbered as made).
            var childStart = [Int32](repeating: 0, count: states + 1)
            for child in 1..<states { childStart[Int(parent[child]) + 1] += 1 }
            for state in 0..<states { childStart[state + 1] += childStart[state] }
            var children = [Int32](repeating: 0, count: max(states - 1, 0))
            var filled = childStart
            for child in 1..<states {
                let from = Int(parent[child])
                children[Int(filled[from])] = Int32(child)
                filled[from] += 1
            }
            // Breadth first, so that a state's failure state is complete before it.
            for symbol in 0..<width where moves[symbol] == none { moves[symbol] = 0 }
            var queue = Array(children[Int(childStart[0])..<Int(childStart[1])])
            queue.reserveCapacity(states)
            var head = 0
            while head < queue.count {
                let state = Int(queue[head])
                head += 1
                let failure = Int(fail[state])
                output[state] = own[failure] >= 0 ? Int32(failure) : output[failure]
                let row = moves.baseAddress! + state &* width
                let failureRow = moves.baseAddress! + failure &* width
                let mine = Int(childStart[state])..<Int(childStart[state + 1])
                // A child's failure state: where the failure state goes on its symbol.
                for child in children[mine] {
                    fail[Int(child)] = Int32(failureRow[Int(symbolIn[Int(child)])])
                }
                row.update(from: failureRow, count: width)
                for child in children[mine] {
                    row[Int(symbolIn[Int(child)])] = State(child)
                    queue.append(child)
                }
            }
            made = states * width
        }
        var matchStart: [Int32] = [0]
        matchStart.reserveCapacity(states + 1)
        var matchIDs: [Int32] = []
        for state in 0..<states {
            if own[state] >= 0 { matchIDs.append(own[state]) }
            var next = Int(output[state])
            while next > 0 {
                matchIDs.append(own[next])
                next = Int(output[next])
            }
            matchStart.append(Int32(matchIDs.count))
        }
        return (moves, matchStart, matchIDs)
    }

    func occurrences(in text: [UInt8]) -> Occurrences {
        var first = Array(repeating: Int32(-1), count: lengths.count)
        var count = Array(repeating: Int32(0), count: lengths.count)
        guard !lengths.isEmpty else { return Occurrences(first: first, count: count) }
        switch next {
        case .narrow(let moves): scan(text, moves, &first, &count)
        case .wide(let moves): scan(text, moves, &first, &count)
        }
        return Occurrences(first: first, count: count)
    }

    /// One pass of the automaton over the text: where each literal first ends, and how often.
    private func scan<State: FixedWidthInteger>(_ text: [UInt8], _ moves: [State], _ first: inout [Int32], _ count: inout [Int32]) {
        text.withUnsafeBufferPointer { bytes in
            moves.withUnsafeBufferPointer { next in
                Self.symbols.withUnsafeBufferPointer { symbols in
                    var state = 0
                    for (offset, byte) in bytes.enumerated() {
                        let symbol = symbols[Int(byte)]
                        guard symbol != Self.noSymbol else { state = 0; continue }
                        state = Int(next[state &* Self.alphabet &+ Int(symbol)])
                        let start = Int(matchStart[state]), end = Int(matchStart[state + 1])
                        guard start < end else { continue }
                        for id in matchIDs[start..<end] {
                            if first[Int(id)] < 0 { first[Int(id)] = Int32(offset + 1) - lengths[Int(id)] }
                            count[Int(id)] += 1
                        }
                    }
                }
            }
        }
    }
}

/// A bounded text as patterns search it: its bytes with ASCII letters lower-cased, where
/// literals are looked for, and where the literals of a classifier's index first occur.
struct SearchableText {
    let text: String
    let lowered: [UInt8]
    /// Nil for a text the index did not read (a header): the literals are searched then.
    let occurrences: LiteralIndex.Occurrences?
    /// Letters in the text that ICU's case-insensitive matching folds into ASCII ones.
    let folds: FoldsToASCII
    /// The lowered text with each letter that folds into ASCII ones as ICU folds it
    /// (`ß` as `ss`, the Kelvin sign as `k`, `ﬁ` as `fi`…), when it has one: a literal
    /// absent from it is absent from what ICU matches, so a literal such a letter may
    /// hide is looked for here rather than taken as there (outsider reviews).
    let folded: [UInt8]?

    init(_ text: String, index: LiteralIndex?) {
        self.text = text
        lowered = text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
        occurrences = index?.occurrences(in: lowered)
        folds = FoldsToASCII(in: lowered)
        folded = Self.folding(lowered, folds)
    }

    /// `first + "\n" + second`.
    init(joining first: SearchableText, _ second: SearchableText) {
        text = first.text + "\n" + second.text
        lowered = first.lowered + [0x0A] + second.lowered
        folds = first.folds.union(second.folds)
        occurrences = first.occurrences.flatMap { left in
            second.occurrences.map { .joined(left, $0, leftBytes: first.lowered.count) }
        }
        folded = Self.folding(lowered, folds)
    }

    /// The full case folding (CaseFolding.txt, status F and C) of the letters
    /// `FoldsToASCII` finds, each in UTF-8; the rest of the text as it is.
    private static func folding(_ lowered: [UInt8], _ folds: FoldsToASCII) -> [UInt8]? {
        guard !folds.isEmpty else { return nil }
        var folded: [UInt8] = []
        folded.reserveCapacity(lowered.count + 16)
        var index = 0
        while index < lowered.count {
            let lead = lowered[index]
            let second = index + 1 < lowered.count ? lowered[index + 1] : 0
            let third = index + 2 < lowered.count ? lowered[index + 2] : 0
            let replacement: [UInt8]?
            switch (lead, second) {
            case (0xC3, 0x9F): replacement = [0x73, 0x73]  // ß: ss
            case (0xC4, 0xB0): replacement = [0x69, 0xCC, 0x87]  // İ: i and a combining dot
            case (0xC5, 0x89): replacement = [0xCA, 0xBC, 0x6E]  // ŉ: ʼn
            case (0xC5, 0xBF): replacement = [0x73]  // ſ: s
            case (0xC7, 0xB0): replacement = [0x6A, 0xCC, 0x8C]  // ǰ: j and a caron
            case (0xE1, 0xBA):
                switch third {
                case 0x96: replacement = [0x68, 0xCC, 0xB1]  // ẖ
                case 0x97: replacement = [0x74, 0xCC, 0x88]  // ẗ
                case 0x98: replacement = [0x77, 0xCC, 0x8A]  // ẘ
                case 0x99: replacement = [0x79, 0xCC, 0x8A]  // ẙ
                case 0x9A: replacement = [0x61, 0xCA, 0xBE]  // ẚ: aʾ
                case 0x9E: replacement = [0x73, 0x73]  // ẞ: ss
                default: replacement = nil
                }
            case (0xE2, 0x84) where third == 0xAA: replacement = [0x6B]  // the Kelvin sign: k
            case (0xEF, 0xAC):
                switch third {
                case 0x80: replacement = [0x66, 0x66]  // ﬀ
                case 0x81: replacement = [0x66, 0x69]  // ﬁ
                case 0x82: replacement = [0x66, 0x6C]  // ﬂ
                case 0x83: replacement = [0x66, 0x66, 0x69]  // ﬃ
                case 0x84: replacement = [0x66, 0x66, 0x6C]  // ﬄ
                case 0x85, 0x86: replacement = [0x73, 0x74]  // ﬅ ﬆ
                default: replacement = nil
                }
            default: replacement = nil
            }
            if let replacement {
                folded += replacement
                index += lead >= 0xE0 ? 3 : 2
            } else {
                folded.append(lead)
                index += 1
            }
        }
        return folded
    }

    /// Whether none of the literals can be in what ICU matches: absent from the lowered
    /// text when no letter of it may stand for part of one, else from the folded text.
    func lacksAll(_ literals: [[UInt8]]) -> Bool {
        let hay = folds.mayHide(literals) ? folded ?? lowered : lowered
        return hay.withUnsafeBufferPointer { hay in literals.allSatisfy { LiteralPrefilter.firstOffset(hay, $0, from: 0) == nil } }
    }
}

/// Letters outside ASCII that ICU's case-insensitive matching (full case folding) takes
/// for ASCII ones: `ß` and `ẞ` for `ss`; the long `ſ`, the Kelvin sign, `İ`, `ŉ`, `ǰ`,
/// `ẖ`…`ẚ` and the ligatures `ﬀ`…`ﬆ` for letters of theirs. A pattern matches them where
/// its literal, in ASCII, is not in the text.
struct FoldsToASCII: OptionSet {
    let rawValue: UInt8
    static let sharpS = FoldsToASCII(rawValue: 1)
    static let others = FoldsToASCII(rawValue: 2)

    init(rawValue: UInt8) { self.rawValue = rawValue }

    init(in bytes: [UInt8]) {
        var found: FoldsToASCII = []
        bytes.withUnsafeBufferPointer { bytes in
            var index = 0
            while index + 1 < bytes.count {
                let lead = bytes[index], second = bytes[index + 1]
                let third = index + 2 < bytes.count ? bytes[index + 2] : 0
                switch lead {
                case 0xC3 where second == 0x9F: found.insert(.sharpS)  // ß
                case 0xC4 where second == 0xB0, 0xC5 where second == 0x89 || second == 0xBF, 0xC7 where second == 0xB0:
                    found.insert(.others)  // İ ŉ ſ ǰ
                case 0xE1 where second == 0xBA && third == 0x9E: found.insert(.sharpS)  // ẞ
                case 0xE1 where second == 0xBA && (0x96...0x9A).contains(third),  // ẖ ẗ ẘ ẙ ẚ
                     0xE2 where second == 0x84 && third == 0xAA,  // Kelvin sign
                     0xEF where second == 0xAC && (0x80...0x86).contains(third):  // ﬀ … ﬆ
                    found.insert(.others)
                default: break
                }
                index += 1
            }
        }
        self = found
    }

    /// Whether such a letter may stand for part of one of the literals: `ß` for a literal
    /// with an `s` (ICU folds a pattern's run into one string, so `ß` may stand for an `s`
    /// of the literal and one next to it: `Maßstab` matches `MASßTAB`, which has no
    /// `stab`; outsider review); the rarer others for any.
    func mayHide(_ literals: [[UInt8]]) -> Bool {
        if contains(.others) { return true }
        guard contains(.sharpS) else { return false }
        return literals.contains { $0.contains(0x73) }
    }
}
