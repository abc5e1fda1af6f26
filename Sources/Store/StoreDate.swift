import Foundation
import GRDB
import TicketCore

/// Dates as GRDB stores them, `yyyy-MM-dd HH:mm:ss.SSS` in UTC, written without a
/// `DateFormatter` (which cost more than the rest of an insert). Reading stays GRDB's.
enum StoreDate {
    static func text(_ date: Date) -> String {
        let milliseconds = Int((date.timeIntervalSince1970 * 1000 + 0.5).rounded(.down))  // to the nearest, as GRDB's formatter
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let civil = CivilTime(seconds: seconds)
        guard (0...9999).contains(civil.year) else {
            return CivilTime.pad(civil.year, 4) + "-" + CivilTime.pad(civil.month, 2) + "-" + CivilTime.pad(civil.day, 2) + " "
                + civil.clock + "." + CivilTime.pad(milliseconds - seconds * 1000, 3)
        }
        return DigitWriter.string(capacity: 23) { text in
            text.date(civil, separator: " ")
            text.put(".")
            text.put(milliseconds - seconds * 1000, width: 3)
        }
    }

    /// Reads `yyyy-MM-dd HH:mm:ss` with optional `.SSS` (what `text` writes); nil for any
    /// other form, which the caller leaves to GRDB.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        guard bytes.count == 19 || bytes.count == 23, bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"),
              let seconds = CivilTime.seconds(readingDigitsOf: bytes)
        else { return nil }
        var milliseconds = 0
        if bytes.count == 23 {
            guard bytes[19] == UInt8(ascii: ".") else { return nil }
            for byte in bytes[20..<23] {
                guard (48...57).contains(byte) else { return nil }
                milliseconds = milliseconds * 10 + Int(byte) - 48
            }
        }
        return Date(timeIntervalSince1970: Double(seconds) + Double(milliseconds) / 1000)
    }
}
