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
        return CivilTime.pad(civil.year, 4) + "-" + CivilTime.pad(civil.month, 2) + "-" + CivilTime.pad(civil.day, 2) + " "
            + civil.clock + "." + CivilTime.pad(milliseconds - seconds * 1000, 3)
    }

    /// For the records' `databaseDateEncodingStrategy`.
    static let encoding = DatabaseDateEncodingStrategy.custom { text($0) }
}
