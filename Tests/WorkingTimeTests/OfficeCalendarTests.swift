import Foundation
import Testing
@testable import WorkingTime

let amsterdam = TimeZone(identifier: "Europe/Amsterdam")!
let newYork = TimeZone(identifier: "America/New_York")!

/// An instant from local wall-clock time in `zone`: "2026-11-27 16:00".
func at(_ text: String, _ zone: TimeZone = amsterdam) -> Date {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = zone
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    return formatter.date(from: text)!
}

func local(_ date: Date?, _ zone: TimeZone = amsterdam) -> String {
    guard let date else { return "nil" }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = zone
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    return formatter.string(from: date)
}

@Suite struct OfficeCalendarTests {
    /// The next day by arithmetic, against Foundation's calendar, over leap and century years.
    @Test(arguments: [1899, 1999, 2026])
    func theNextDayIsTheCalendarsNextDay(fromChristmasOf year: Int) throws {
        let office = OfficeCalendar.standard(timeZone: TimeZone(identifier: "UTC")!)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var instant = try #require(calendar.date(from: DateComponents(year: year, month: 12, day: 25, hour: 12)))
        var day = office.localDate(of: instant)
        for _ in 0..<(366 * 5) {
            instant = try #require(calendar.date(byAdding: .day, value: 1, to: instant))
            day = office.next(day)
            #expect(day == office.localDate(of: instant))
        }
    }

    let office = OfficeCalendar.standard(timeZone: amsterdam)

    var withHolidays: OfficeCalendar {
        OfficeCalendar(
            timeZone: amsterdam, week: office.week,
            holidays: [LocalDate(year: 2026, month: 12, day: 25), LocalDate(year: 2026, month: 12, day: 28)],
            specialDays: [LocalDate(year: 2026, month: 12, day: 24): [DayRange(start: 9 * 60, end: 13 * 60)]],
            hoursPerDay: 8
        )
    }

    @Test(arguments: [
        // start, working minutes, expected local end
        ("2026-11-23 10:00", 60, "2026-11-23 11:00"),           // Monday, inside hours
        ("2026-11-23 16:30", 60, "2026-11-24 09:30"),           // runs over the evening
        ("2026-11-27 16:00", 120, "2026-11-30 10:00"),          // Friday into Monday
        ("2026-11-28 11:00", 30, "2026-11-30 09:30"),           // starts on Saturday
        ("2026-11-23 07:00", 480, "2026-11-23 17:00"),          // before opening: a full day
        ("2026-11-23 17:00", 1, "2026-11-24 09:01"),            // exactly at closing
        ("2026-11-23 09:00", 5 * 480, "2026-11-27 17:00"),      // five working days
        ("2026-11-23 09:00", 5 * 480 + 1, "2026-11-30 09:01"),
        ("2026-11-23 12:00", 0, "2026-11-23 12:00"),
        ("2026-11-23 20:00", 0, "2026-11-24 09:00"),            // zero outside hours: next opening
    ])
    func addingWorkingTime(_ start: String, _ minutes: Int, _ expected: String) {
        #expect(local(office.add(minutes: minutes, to: at(start))) == expected)
    }

    @Test(arguments: [
        ("2026-12-23 16:00", 120, "2026-12-24 10:00"),   // the half day closes at 13:00
        ("2026-12-24 12:00", 120, "2026-12-29 10:00"),   // Christmas, weekend, the 28th off
        ("2026-12-25 10:00", 60, "2026-12-29 10:00"),
    ])
    func holidaysAndHalfDays(_ start: String, _ minutes: Int, _ expected: String) {
        #expect(local(withHolidays.add(minutes: minutes, to: at(start))) == expected)
    }

    @Test(arguments: [
        // Europe/Amsterdam: clocks go forward on 2026-03-29 02:00 and back on 2026-10-25 03:00.
        ("2026-03-27 16:00", 120, "2026-03-30 10:00"),
        ("2026-10-23 16:00", 120, "2026-10-26 10:00"),
    ])
    func daylightSavingChangesInAmsterdam(_ start: String, _ minutes: Int, _ expected: String) {
        #expect(local(office.add(minutes: minutes, to: at(start))) == expected)
        // Working time is wall-clock office time, not elapsed time across the weekend.
        #expect(office.workingSeconds(from: at(start), to: at(expected)) == Double(minutes) * 60)
    }

    @Test func daylightSavingInsideTheOfficeDayCountsRealTime() {
        // An office open 00:00-24:00 on the day the clocks go forward has 23 real hours.
        let always = OfficeCalendar(
            timeZone: amsterdam, week: Dictionary(uniqueKeysWithValues: (1...7).map { ($0, [DayRange(start: 0, end: 1440)]) }),
            holidays: [], specialDays: [:], hoursPerDay: 24
        )
        #expect(always.workingSeconds(from: at("2026-03-29 00:00"), to: at("2026-03-30 00:00")) == 23 * 3600)
        #expect(always.workingSeconds(from: at("2026-10-25 00:00"), to: at("2026-10-26 00:00")) == 25 * 3600)
        #expect(local(always.add(minutes: 120, to: at("2026-03-29 01:00"))) == "2026-03-29 04:00")
    }

    @Test(arguments: [
        // America/New_York: forward on 2026-03-08, back on 2026-11-01.
        ("2026-03-06 16:00", 120, "2026-03-09 10:00"),
        ("2026-10-30 16:00", 120, "2026-11-02 10:00"),
        ("2026-03-08 12:00", 60, "2026-03-09 10:00"),
    ])
    func daylightSavingChangesInNewYork(_ start: String, _ minutes: Int, _ expected: String) {
        let calendar = OfficeCalendar.standard(timeZone: newYork)
        #expect(local(calendar.add(minutes: minutes, to: at(start, newYork)), newYork) == expected)
    }

    @Test func aRangeEndingAtMidnightCountsUpToIt() {
        let late = OfficeCalendar(
            timeZone: amsterdam, week: [2: [DayRange(start: 18 * 60, end: 1440)], 3: [DayRange(start: 0, end: 2 * 60)]],
            holidays: [], specialDays: [:], hoursPerDay: 8
        )
        #expect(local(late.add(minutes: 8 * 60, to: at("2026-11-23 17:00"))) == "2026-11-24 02:00")
        #expect(late.workingSeconds(from: at("2026-11-23 23:00"), to: at("2026-11-24 01:00")) == 7200)
    }

    @Test(arguments: [
        ("2026-11-23 10:00", "2026-11-23 12:30", 150.0),
        ("2026-11-27 16:00", "2026-11-30 10:00", 120),
        ("2026-11-28 10:00", "2026-11-29 10:00", 0),
        ("2026-11-23 12:00", "2026-11-23 11:00", 0),
        ("2026-11-23 00:00", "2026-11-30 00:00", 5 * 480),
    ] as [(String, String, Double)])
    func workingTimeBetweenInstants(_ start: String, _ end: String, _ minutes: Double) {
        #expect(office.workingSeconds(from: at(start), to: at(end)) == minutes * 60)
    }

    @Test func nextOpening() {
        #expect(local(office.nextOpening(atOrAfter: at("2026-11-27 17:30"))) == "2026-11-30 09:00")
        #expect(local(office.nextOpening(atOrAfter: at("2026-11-24 11:11"))) == "2026-11-24 11:11")
    }

    @Test func aCalendarWithoutHoursGivesNoInstantRatherThanLooping() {
        let closed = OfficeCalendar(timeZone: amsterdam, week: [:], holidays: [], specialDays: [:], hoursPerDay: 8)
        #expect(!closed.hasOfficeHours)
        #expect(closed.add(minutes: 1, to: at("2026-11-23 10:00")) == nil)
    }

    /// Properties over pseudo-random starts and durations, with a fixed seed.
    @Test func addingThenMeasuringGivesTheDurationBackAndAddingIsMonotonicAndAdditive() {
        var state: UInt64 = 42
        func random(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let calendar = withHolidays
        let base = at("2026-01-01 00:00")
        for _ in 0..<300 {
            let start = base.addingTimeInterval(TimeInterval(random(400 * 86_400)))
            let a = TimeInterval(random(10 * 480) * 60)
            let b = TimeInterval(random(10 * 480) * 60)
            guard let end = calendar.add(seconds: a, to: start), let later = calendar.add(seconds: a + b, to: start),
                  let stepwise = calendar.add(seconds: b, to: end)
            else {
                Issue.record("no instant")
                return
            }
            #expect(calendar.workingSeconds(from: start, to: end) == a)
            #expect(later >= end)
            #expect(stepwise == later || (b == 0 && stepwise >= later))
        }
    }
}

@Suite struct SLAClockTests {
    let medium = SLATargets.standard
    let office = OfficeCalendar.standard(timeZone: amsterdam)

    @Test func aMediumVeryUrgentTicketCreatedFridayAt16IsDueMondayAt16AndWarnedAt14() throws {
        let target = try #require(medium.response(level: "medium", priority: "very urgent")).seconds(in: office)
        let clock = SLAClock(kind: .response, unit: "Ops", target: target, at: at("2026-11-27 16:00"), calendar: office)
        #expect(local(clock.dueAt) == "2026-11-30 16:00")
        #expect(local(clock.warnAt) == "2026-11-30 14:00")
    }

    @Test func anAdvancedTopPriorityTicketCreatedAt15IsDueAt11TheNextWorkingDay() throws {
        let target = try #require(medium.response(level: "advanced", priority: "top priority")).seconds(in: office)
        let clock = SLAClock(kind: .response, unit: "Ops", target: target, at: at("2026-11-27 15:00"), calendar: office)
        #expect(local(clock.dueAt) == "2026-11-30 11:00")
        #expect(local(clock.warnAt) == "2026-11-30 10:00")
    }

    @Test func stoppingInTimeIsMetAndLateIsBreached() {
        var early = SLAClock(kind: .response, unit: "Ops", target: 3600, at: at("2026-11-23 10:00"), calendar: office)
        early.stop(at: at("2026-11-23 10:59"), calendar: office)
        #expect(early.outcome == .met && early.consumed == 59 * 60)
        var late = SLAClock(kind: .response, unit: "Ops", target: 3600, at: at("2026-11-23 16:30"), calendar: office)
        late.stop(at: at("2026-11-24 09:31"), calendar: office)
        #expect(late.outcome == .breached && late.consumed == 61 * 60)
    }

    @Test func pausingWhileStalledMovesTheDueInstant() {
        var clock = SLAClock(kind: .resolution, unit: "Ops", target: 4 * 3600, at: at("2026-11-23 09:00"), calendar: office)
        #expect(local(clock.dueAt) == "2026-11-23 13:00")
        clock.pause(at: at("2026-11-23 10:00"), calendar: office)
        #expect(clock.isPaused && clock.dueAt == nil)
        clock.resume(at: at("2026-11-24 09:00"), calendar: office)
        #expect(local(clock.dueAt) == "2026-11-24 12:00")
        #expect(clock.pauses == [SLAClock.Pause(start: at("2026-11-23 10:00"), end: at("2026-11-24 09:00"))])
        clock.stop(at: at("2026-11-24 11:00"), calendar: office)
        #expect(clock.consumed == 3 * 3600 && clock.outcome == .met)
    }

    @Test func aBreachRecordedWhileRunningStaysBreached() {
        var clock = SLAClock(kind: .response, unit: "Ops", target: 60, at: at("2026-11-23 09:00"), calendar: office)
        clock.markBreached()
        clock.stop(at: at("2026-11-23 09:00"), calendar: office)
        #expect(clock.outcome == .breached)
    }

    @Test(arguments: [("5d", 5 * 480), ("4h", 240), ("90m", 90), ("1d4h", 720)])
    func durationsRead(_ text: String, _ minutes: Int) throws {
        #expect(try #require(WorkingDuration(parsing: text)).seconds(in: office) == TimeInterval(minutes * 60))
    }

    @Test func badDurationsAreRejected() {
        #expect(WorkingDuration(parsing: "5 weeks") == nil)
        #expect(WorkingDuration(parsing: "0h") == nil)
        #expect(WorkingDuration(parsing: "12") == nil)
    }
}

@Suite struct WorkingTimeIndexTests {
    @Test func theIndexAgreesWithTheCalendar() {
        let calendar = OfficeCalendar(
            timeZone: amsterdam, week: OfficeCalendar.standard(timeZone: amsterdam).week,
            holidays: [LocalDate(year: 2026, month: 12, day: 25)],
            specialDays: [LocalDate(year: 2026, month: 12, day: 24): [DayRange(start: 9 * 60, end: 13 * 60)]], hoursPerDay: 8
        )
        let from = at("2026-01-01 00:00"), to = at("2027-01-10 00:00")
        let index = WorkingTimeIndex(calendar: calendar, from: from, to: to)
        var state: UInt64 = 7
        for _ in 0..<500 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let a = from.addingTimeInterval(TimeInterval((state >> 20) % UInt64(to.timeIntervalSince(from))))
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let b = a.addingTimeInterval(TimeInterval((state >> 20) % UInt64(60 * 86_400)))
            let clamped = min(b, to)
            #expect(index.workingSeconds(from: a, to: clamped) == calendar.workingSeconds(from: a, to: clamped))
        }
        // Outside the span it falls back to the calendar.
        #expect(index.workingSeconds(from: at("2025-12-01 09:00"), to: at("2025-12-01 10:00")) == 3600)
    }
}
