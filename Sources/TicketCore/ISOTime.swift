public import Foundation

/// ISO 8601 instants with the offset of a time zone at that instant.
public enum ISOTime {
    public static func format(_ date: Date, in zone: TimeZone) -> String {
        MessageDate(instant: date, offsetSeconds: zone.secondsFromGMT(for: date)).iso8601
    }

    /// `11-30 16:00`: month, day and time in `zone`, for narrow tables.
    public static func monthDayTime(_ date: Date, in zone: TimeZone) -> String {
        let text = format(date, in: zone)  // 2026-11-30T16:00:00+01:00
        let characters = Array(text.utf8)
        guard characters.count >= 16 else { return text }
        return String(decoding: characters[5..<10], as: UTF8.self) + " " + String(decoding: characters[11..<16], as: UTF8.self)
    }

    /// In UTC, as stored instants are shown.
    public static func utc(_ date: Date) -> String {
        MessageDate(instant: date, offsetSeconds: 0).iso8601
    }

    /// `2026-11-27T16:00:00+01:00`, `…Z`, with or without seconds or fractions.
    public static func parse(_ text: String) -> Date? {
        if let instant = parseUTCSeconds(text) { return instant }
        let formatter = ISO8601DateFormatter()
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds]] {
            formatter.formatOptions = options
            if let date = formatter.date(from: text) { return date }
        }
        // Without seconds: add them.
        if let withoutSeconds = RegexCache.regex(#"^\d{4}-\d\d-\d\dT\d\d:\d\d(Z|[+-]\d\d:\d\d)$"#),
           withoutSeconds.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        {
            let index = text.index(text.startIndex, offsetBy: 16)
            return parse(String(text[..<index]) + ":00" + String(text[index...]))
        }
        return nil
    }

    /// `2026-11-27T16:00:00+00:00` (the form ticketd writes) or `…Z`, read digit by digit:
    /// a formatter costs a one-shot command two milliseconds (the reply-token keys are
    /// dated so).
    static func parseUTCSeconds(_ text: String) -> Date? {
        let normalized = text.utf8.count == 20 && text.hasSuffix("Z") ? text.dropLast() + "+00:00" : text
        let bytes = Array(normalized.utf8)
        guard bytes.count == 25, bytes[10] == UInt8(ascii: "T"), normalized.hasSuffix("+00:00"),
              let seconds = bytes.withUnsafeBufferPointer(CivilTime.seconds(readingDigitsOf:))
        else { return nil }
        let instant = Date(timeIntervalSince1970: TimeInterval(seconds))
        // A day past the month's end (02-30) comes back as another date: left to the
        // formatter, which refuses it.
        return utc(instant) == normalized ? instant : nil
    }
}
