public import Foundation

/// ISO 8601 instants with the offset of a time zone at that instant.
public enum ISOTime {
    public static func format(_ date: Date, in zone: TimeZone) -> String {
        MessageDate(instant: date, offsetSeconds: zone.secondsFromGMT(for: date)).iso8601
    }

    /// In UTC, as stored instants are shown.
    public static func utc(_ date: Date) -> String {
        MessageDate(instant: date, offsetSeconds: 0).iso8601
    }

    /// `2026-11-27T16:00:00+01:00`, `…Z`, with or without seconds or fractions.
    public static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        // Without seconds: add them.
        if text.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d(Z|[+-]\d\d:\d\d)$"#, options: .regularExpression) != nil {
            let index = text.index(text.startIndex, offsetBy: 16)
            return parse(String(text[..<index]) + ":00" + String(text[index...]))
        }
        return nil
    }
}
