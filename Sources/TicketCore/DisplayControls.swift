extension Unicode.Scalar {
    /// A C0 or C1 control or DEL: a line break, a cursor move, a colour, a bell.
    public var isControl: Bool {
        switch value {
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }

    /// A character from mail that acts on whoever shows it rather than being shown: a
    /// control, a direction override, isolate or mark that reorders the text around it,
    /// or a line or paragraph separator that some viewers break lines at. Terminal views
    /// and JSON output keep them from acting (issue 14, point 7).
    public var actsOnDisplay: Bool {
        isControl || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            || (0x200E...0x200F).contains(value) || value == 0x061C || value == 0x2028 || value == 0x2029
    }
}

extension String {
    /// The text on one line: each control, and each line or paragraph separator, as a
    /// space. For text from a server or a form that goes into a header, a log line or a
    /// monitoring screen.
    public var onOneLine: String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0.isControl || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : $0 }))
    }
}
