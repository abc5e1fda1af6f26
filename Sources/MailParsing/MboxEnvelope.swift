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

    private static let fromLine = Array("From ".utf8)
}
