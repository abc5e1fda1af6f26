import TicketCore

/// Text from mail, made safe to print on a terminal: what `actsOnDisplay` is shown as
/// `\x1b` or `\u{202E}` instead of acting on the terminal. Issue 14: a subject must not move the
/// cursor, recolour the screen or hide the text after it.
enum TerminalText {
    /// One line: a line break is escaped too, so that a field cannot fake the next line.
    static func line(_ text: String) -> String { escaped(text, keepingLineBreaks: false) }

    /// A mail's text: its line breaks and tabs stay.
    static func block(_ text: String) -> String { escaped(text, keepingLineBreaks: true) }

    private static func escaped(_ text: String, keepingLineBreaks: Bool) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingLineBreaks: keepingLineBreaks) }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar, keepingLineBreaks: keepingLineBreaks) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            let hex = String(scalar.value, radix: 16)
            result += scalar.value <= 0xFF ? "\\x" + (hex.count == 1 ? "0" : "") + hex : "\\u{" + hex.uppercased() + "}"
        }
        return result
    }

    private static func needsEscape(_ scalar: Unicode.Scalar, keepingLineBreaks: Bool) -> Bool {
        if keepingLineBreaks, scalar == "\n" || scalar == "\t" { return false }
        return scalar.actsOnDisplay
    }
}
