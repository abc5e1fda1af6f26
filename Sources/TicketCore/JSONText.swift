/// JSON string literals, shared by every JSON writer of ticketd.
public enum JSONText {
    /// `text` as a quoted JSON string (RFC 8259 escapes; U+2028/2029 escaped for JavaScript,
    /// and controls and direction overrides for terminals).
    public static func quote(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            // Also DEL, C1 and the direction overrides: valid raw in JSON, but they act on a
            // terminal that shows the output.
            case let s where s.actsOnDisplay:
                let hex = String(s.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}
