import Foundation
import Testing
@testable import TicketCore

@Suite struct DomainValueTests {
    @Test(arguments: [(3600, "2026-11-03T14:05:00+01:00"), (0, "2026-11-03T13:05:00+00:00"), (-18000, "2026-11-03T08:05:00-05:00")])
    func messageDatesPrintWithTheSendersOffset(_ offset: Int, _ expected: String) {
        let instant = Date(timeIntervalSince1970: 1_793_711_100)  // 2026-11-03T13:05:00Z
        #expect(MessageDate(instant: instant, offsetSeconds: offset).iso8601 == expected)
    }

    @Test func statusesShowAsPeopleReadThem() {
        #expect(TicketStatus.open.displayName == "in progress")
        #expect(TicketStatus.stalled.displayName == "on hold")
        #expect(TicketStatus.resolved.displayName == "resolved")
    }
}

@Suite struct ISOFormattingTests {
    /// Against Foundation's own formatter, over many instants and offsets.
    @Test func agreesWithISO8601DateFormatter() {
        let formatter = ISO8601DateFormatter()
        var state: UInt64 = 3
        for _ in 0..<2000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let seconds = Double(Int64(bitPattern: state >> 1) % 8_000_000_000) - 2_000_000_000
            let offset = [0, 3600, -18000, 19800, -34200, 45900][Int(state % 6)]
            let date = Date(timeIntervalSince1970: seconds)
            formatter.timeZone = TimeZone(secondsFromGMT: offset)!
            var expected = formatter.string(from: date)
            if expected.hasSuffix("Z") { expected = String(expected.dropLast()) + "+00:00" }
            #expect(MessageDate(instant: date, offsetSeconds: offset).iso8601 == expected)
        }
    }
}

@Suite struct ISOParsingTests {
    /// The digit-by-digit reading of UTC instants agrees with Foundation's formatter.
    @Test func utcInstantsAreReadAsTheFormatterReadsThem() {
        let formatter = ISO8601DateFormatter()
        var state: UInt64 = 5
        for _ in 0..<2000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let date = Date(timeIntervalSince1970: Double(Int64(bitPattern: state >> 1) % 8_000_000_000) - 2_000_000_000)
            let zulu = formatter.string(from: date)
            #expect(ISOTime.parseUTCSeconds(zulu) == formatter.date(from: zulu))
            #expect(ISOTime.parseUTCSeconds(ISOTime.utc(date)) == formatter.date(from: zulu))
        }
    }

    @Test(arguments: ["2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-27T24:00:00Z", "2026-11-27T16:00:00+01:00", "2026-11-27 16:00:00Z", "x"])
    func whatIsNotAPlainUTCInstantIsLeftToTheFormatter(_ text: String) {
        #expect(ISOTime.parseUTCSeconds(text) == nil)
    }
}

@Suite struct RFC5322FormattingTests {
    /// Against Foundation's `DateFormatter`, over many instants and offsets.
    @Test func agreesWithDateFormatter() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        var state: UInt64 = 5
        for _ in 0..<2000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let seconds = Double(Int64(bitPattern: state >> 1) % 4_000_000_000) - 1_000_000_000
            let offset = [0, 3600, -18000, 19800, -34200, 45900][Int(state % 6)]
            let date = Date(timeIntervalSince1970: seconds)
            formatter.timeZone = TimeZone(secondsFromGMT: offset)!
            #expect(MessageDate(instant: date, offsetSeconds: offset).rfc5322 == formatter.string(from: date))
        }
    }

    @Test func aKnownInstant() {
        let instant = Date(timeIntervalSince1970: 1_793_711_100)  // 2026-11-03T13:05:00Z, a Tuesday
        #expect(MessageDate(instant: instant, offsetSeconds: 3600).rfc5322 == "Tue, 03 Nov 2026 14:05:00 +0100")
    }
}

@Suite struct TextLinesTests {
    @Test(arguments: [
        ("a\r\nb\rc\nd", "a\nb\nc\nd"), ("\r\r\n", "\n\n"), ("no breaks", "no breaks"), ("Grüße\r\n", "Grüße\n"), ("\r", "\n"),
    ])
    func lineEndsBecomeLF(_ input: String, _ expected: String) {
        #expect(TextLines.normalized(input) == expected)
        #expect(TextLines.normalized(input) == input.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
    }

    @Test(arguments: [("a maintenance window", "maintenance", true), ("Grüße", "üß", true), ("abc", "abcd", false), ("", "x", false), ("x", "", true)])
    func findsBytes(_ haystack: String, _ needle: String, _ found: Bool) {
        #expect(TextLines.contains(haystack, needle) == found)
    }

    @Test(arguments: [
        ("Planned MAINTENANCE of se01", "maintenance", true), ("DownTime", "downtime", true), ("maintenanc", "maintenance", false),
        ("Grüße aus se01.Example.org", "se01.example.org", true), ("[@]", "{`}", false), ("", "x", false), ("x", "", true),
        ("mmmaintenance", "maintenance", true),
    ])
    func findsASCIIWordsInAnyCase(_ haystack: String, _ needle: String, _ found: Bool) {
        #expect(TextLines.containsIgnoringASCIICase(haystack, needle) == found)
        #expect(TextLines.containsIgnoringASCIICase(haystack, needle) == (needle.isEmpty || haystack.lowercased().contains(needle)))
    }

    @Test func lfBecomesCRLF() {
        #expect(TextLines.crlf("a\nb\n\nü") == "a\r\nb\r\n\r\nü")
    }

    @Test(arguments: [("Message-ID", "message-id", true), ("X-A", "x-b", false), ("[", "{", false), ("Subject", "Subjec", false)])
    func headerNamesCompareIgnoringASCIICase(_ left: String, _ right: String, _ equal: Bool) {
        #expect(left.equalsIgnoringASCIICase(right) == equal)
    }
}
