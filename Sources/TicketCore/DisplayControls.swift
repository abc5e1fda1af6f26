extension Unicode.Scalar {
    /// A C0 or C1 control or DEL: a line break, a cursor move, a colour, a bell.
    public var isControl: Bool {
        switch value {
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }

    /// A character from mail that acts on whoever shows it rather than being shown: a
    /// control, or a direction override or isolate that reorders the text around it.
    /// Terminal views and JSON output keep them from acting (issue 14, point 7).
    public var actsOnDisplay: Bool {
        isControl || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }
}
