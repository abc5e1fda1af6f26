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
        guard bytes.count == 19 || bytes.count == 23 else { return nil }
        func number(_ start: Int, _ length: Int) -> Int? {
            var value = 0
            for index in start..<start + length {
                let digit = Int(bytes[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"),
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var milliseconds = 0
        if bytes.count == 23 {
            guard bytes[19] == UInt8(ascii: "."), let fraction = number(20, 3) else { return nil }
            milliseconds = fraction
        }
        // Days since 1970-01-01 from the civil date (H. Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second
        return Date(timeIntervalSince1970: Double(seconds) + Double(milliseconds) / 1000)
    }
}
