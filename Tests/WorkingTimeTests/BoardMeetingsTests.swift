import Foundation
import Testing
import WorkingTime

@Suite struct BoardMeetingsTests {
    static func day(_ text: String) -> LocalDate { LocalDate(parsing: text)! }

    @Test(arguments: [
        ("first Tuesday of the month", 1, 3), ("2nd wednesday", 2, 4), ("Last Friday of each month", -1, 6), ("third monday monthly", 3, 2),
    ])
    func aMonthlyRuleIsRead(text: String, ordinal: Int, weekday: Int) {
        #expect(BoardMeetings(rule: text) == BoardMeetings(ordinal: ordinal, weekday: weekday))
    }

    @Test(arguments: ["", "Tuesday", "first", "fifth Tuesday", "first Tuesday of the year", "every Tuesday"])
    func anythingElseIsNoRule(_ text: String) {
        #expect(BoardMeetings(rule: text) == nil)
    }

    /// January 2027 starts on a Friday: its first Tuesday is the 5th, its last Friday the 29th.
    @Test func theRuleGivesEachMonthsDayAndTheExtraDaysCountToo() {
        let first = BoardMeetings(rule: "first Tuesday of the month")!
        #expect(first.last(before: Self.day("2027-01-20")) == Self.day("2027-01-05"))
        #expect(first.last(before: Self.day("2027-01-05")) == Self.day("2026-12-01"))  // not on the day itself
        #expect(first.first(after: Self.day("2027-01-05")) == Self.day("2027-02-02"))
        #expect(BoardMeetings(rule: "last Friday")!.first(after: Self.day("2027-01-20")) == Self.day("2027-01-29"))
        var extra = first
        extra.extraDays = [Self.day("2027-01-12")]
        #expect(extra.last(before: Self.day("2027-01-20")) == Self.day("2027-01-12"))
        #expect(BoardMeetings.none.last(before: Self.day("2027-01-20")) == nil)
    }

    @Test func daysAreCountedAcrossMonthsAndYears() {
        #expect(Self.day("2027-01-03").adding(days: -7) == Self.day("2026-12-27"))
        #expect(Self.day("2028-02-28").adding(days: 1) == Self.day("2028-02-29"))
    }
}
