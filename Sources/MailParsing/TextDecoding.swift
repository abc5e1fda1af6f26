import TicketCore
import Foundation
import Etpan

/// Turns bytes in a declared (or missing, or wrong) charset into a String, never failing.
///
/// The chain: UTF-8 when the bytes are valid UTF-8 and the charset is missing, ASCII or
/// UTF-8; else the declared charset through iconv (with common aliases mapped to the
/// supersets mail clients really use); else Windows-1252, which maps every byte.
public enum TextDecoding {
    public static func decode(_ bytes: [UInt8], charset declared: String?) -> String {
        if bytes.isEmpty { return "" }
        let charset = declared.map(normalize)
        switch charset {
        case nil, "utf-8", "us-ascii":
            if let text = String(validating: bytes, as: UTF8.self) { return text }
            return windows1252(bytes)
        case "windows-1252":
            return windows1252(bytes)
        case let name?:
            if let text = CharsetConverter.toUTF8(bytes, from: name) { return text }
            if let text = String(validating: bytes, as: UTF8.self) { return text }
            return windows1252(bytes)
        }
    }

    /// Canonical names for the labels seen in real mail, mapped to what iconv knows,
    /// preferring the superset that senders actually mean (WHATWG Encoding practice).
    static func normalize(_ label: String) -> String {
        let junk: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }
        let utf8 = label.utf8
        let trimmed = utf8.first.map(junk) == true || utf8.last.map(junk) == true
            ? label.trimmingScalars(in: CharacterSet(charactersIn: " \t\"'")) : label
        let name = trimmed.lowercased()
        switch name {
        case "utf8", "utf-8", "unicode-1-1-utf-8", "x-unicode20utf8": return "utf-8"
        case "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us", "646": return "us-ascii"
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "ibm819",
             "windows-1252", "cp1252", "x-cp1252":
            return "windows-1252"
        case "gb2312", "gbk", "x-gbk", "gb_2312-80", "euc-cn", "cp936", "csgb2312", "chinese", "gb18030":
            return "GB18030"
        case "ks_c_5601-1987", "euc-kr", "ks_c_5601", "windows-949", "cp949", "korean":
            return "CP949"
        case "shift_jis", "shift-jis", "sjis", "x-sjis", "ms_kanji", "csshiftjis", "windows-31j", "cp932":
            return "CP932"
        case "iso-2022-jp", "csiso2022jp": return "ISO-2022-JP-2"
        case "iso-8859-8-i", "iso-8859-6-i": return String(name.dropLast(2))
        case "utf-7", "unicode-1-1-utf-7", "csunicode11utf7": return "UTF-7"
        case "windows-874", "tis-620": return "CP874"
        case "big5", "big5-hkscs", "x-x-big5": return "BIG5-HKSCS"
        default: return name
        }
    }

    private static let windows1252High: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// The UTF-8 bytes of each Windows-1252 byte value.
    private static let windows1252UTF8: [[UInt8]] = (0...255).map { byte in
        let value = (0x80...0x9F).contains(byte) ? UInt32(windows1252High[byte - 0x80]) : UInt32(byte)
        return Array(String(Unicode.Scalar(value)!).utf8)
    }

    /// Windows-1252 maps every byte to a character, so it is the last link of the chain.
    public static func windows1252(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 { output.append(byte) } else { output += windows1252UTF8[Int(byte)] }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
