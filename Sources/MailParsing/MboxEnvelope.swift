/// The mbox form of a mail: a `From sender date` envelope line before its header, and body
/// lines that start with `From ` quoted as `>From ` (mboxrd: `>>From ` for `>From `…).
/// MTAs' pipes, procmail and mail spools write it; left in, the envelope line makes the
/// whole mail read as body (issue 14, point 5).
public enum MboxEnvelope {
    /// `raw` without a leading envelope line, and then with its `>From ` lines unquoted;
    /// anything else as it is.
    public static func stripped(_ raw: [UInt8]) -> [UInt8] {
        guard raw.starts(with: fromLine) else { return raw }
        guard let lineEnd = raw.firstIndex(of: UInt8(ascii: "\n")) else { return [] }
        return unquotingFromLines(raw[(lineEnd + 1)...])
    }

    /// mboxrd: `>From `, `>>From `… lose one `>`.
    public static func unquotingFromLines<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [UInt8] where Bytes.Index == Int {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var atLineStart = true
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if atLineStart, byte == UInt8(ascii: ">") {
                var probe = index
                while probe < bytes.endIndex, bytes[probe] == UInt8(ascii: ">") { probe += 1 }
                if bytes[probe..<min(probe + 5, bytes.endIndex)].elementsEqual(fromLine) {
                    index += 1  // drop one `>`
                    atLineStart = false
                    continue
                }
            }
            output.append(byte)
            atLineStart = byte == UInt8(ascii: "\n")
            index += 1
        }
        return output
    }

    /// Whether the `From ` at `position` starts a message of an mbox: the file's first line
    /// (whatever it holds: nothing before it may be lost), or an envelope line (a sender
    /// without spaces, then a date with its time of day) after an empty line. A body's
    /// `From here on…` does not.
    public static func startsMessage(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        position == 0 || (followsBlankLine(bytes, position) && isEnvelopeLine(bytes, from: position))
    }

    /// After an empty line (LF or CRLF).
    private static func followsBlankLine(_ bytes: UnsafeBufferPointer<UInt8>, _ position: Int) -> Bool {
        let newline = UInt8(ascii: "\n")
        guard position >= 2, bytes[position - 1] == newline else { return false }
        return bytes[position - 2] == newline || (position >= 3 && bytes[position - 2] == UInt8(ascii: "\r") && bytes[position - 3] == newline)
    }

    /// `From SENDER DATE`, as `Mon Nov  2 10:00:01 2026` ends it.
    private static func isEnvelopeLine(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        // The whole line, however long: an envelope sender (MAIL FROM) is the sender's to choose.
        let end = bytes.count
        var index = start + 5
        let senderStart = index
        while index < end, bytes[index] != UInt8(ascii: " "), bytes[index] != UInt8(ascii: "\n") { index += 1 }
        guard index > senderStart, index < end, bytes[index] == UInt8(ascii: " ") else { return false }
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        while index + 4 < end, bytes[index] != UInt8(ascii: "\n") {
            if isDigit(bytes[index]), isDigit(bytes[index + 1]), bytes[index + 2] == UInt8(ascii: ":"), isDigit(bytes[index + 3]), isDigit(bytes[index + 4]) {
                return true
            }
            index += 1
        }
        return false
    }

    private static let fromLine = Array("From ".utf8)
}
