import Foundation
import Testing
@testable import Web
import WorkingTime

/// The queue's SLA column: GGUS's colours from the clock's own instants, and the working
/// hours left until its due instant.
@Suite struct SLAStateTests {
    static let calendar = OfficeCalendar.standard(timeZone: TimeZone(identifier: "UTC")!)
    static let monday9 = Date(timeIntervalSince1970: 1_795_424_400)  // Monday 2026-11-23 09:00 UTC

    static func clock(targetHours: Double = 8) -> SLAClock {
        SLAClock(kind: .response, unit: "Operations", target: targetHours * 3600, at: monday9, calendar: calendar)
    }

    @Test(arguments: [
        (1.0, "ok", "7.0 working h left"),
        (6.5, "warning", "1.5 working h left"),
        (8.0, "breached", "breached, was due 2026-11-23"),
        (24.0 * 400, "breached", "breached, was due 2026-11-23"),
    ])
    func aRunningClockIsGreenThenYellowFromSeventyFivePercentThenRed(_ hoursLater: Double, _ colour: String, _ text: String) {
        let state = SLAState.of(Self.clock(), now: Self.monday9.addingTimeInterval(hoursLater * 3600), calendar: Self.calendar)
        #expect(state == SLAState(colour: colour, text: text))
    }

    @Test func stoppedPausedAndMissingClocks() {
        var met = Self.clock()
        met.stoppedAt = Self.monday9.addingTimeInterval(3600)
        met.outcome = .met
        #expect(SLAState.of(met, now: Self.monday9, calendar: Self.calendar) == SLAState(colour: "met", text: "met"))
        var late = met
        late.outcome = .breached
        #expect(SLAState.of(late, now: Self.monday9, calendar: Self.calendar) == SLAState(colour: "breached", text: "breached"))
        var paused = Self.clock()
        paused.segmentStart = nil
        paused.consumed = 7 * 3600
        #expect(SLAState.of(paused, now: Self.monday9, calendar: Self.calendar) == SLAState(colour: "warning", text: "1.0 working h left, on hold"))
        #expect(SLAState.of(nil, now: Self.monday9, calendar: Self.calendar) == SLAState(colour: "none", text: "-"))
    }
}

/// The API's list, written by hand for speed, is what JSONEncoder writes.
@Suite struct APIListTextTests {
    @Test(arguments: [nil, 3] as [Int?])
    func theListsTextIsTheEncodersText(_ next: Int?) throws {
        let tickets = [
            API.TicketSummary(
                number: 7, subject: "Disk \"full\" \\ é\n\u{1}", requester: "a@b.example", status: "open", kind: "change", changeClass: "normal",
                priority: "high", unit: "Ops", sla: API.SLA(state: "ok", text: "1.0 working h left", dueAt: "2026-12-02T17:00:00+00:00")
            ),
            API.TicketSummary(
                number: 8, subject: "x", requester: "c@d.example", status: "new", kind: "incident", changeClass: nil, priority: "low", unit: "Ops",
                sla: API.SLA(state: "none", text: "-", dueAt: nil)
            ),
        ]
        let page = API.TicketPage(page: 2, nextPage: next, tickets: tickets)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        let expected = try JSONSerialization.jsonObject(with: encoder.encode(page)) as? NSDictionary
        let written = try JSONSerialization.jsonObject(with: Data(page.jsonText.utf8)) as? NSDictionary
        #expect(written == expected)
    }
}
