import Foundation
@testable import Reports
import Store
import Testing
import TicketCore
import WorkingTime

/// Golden files for every format, from a fixed data set. `UPDATE_GOLDEN=1 swift test`
/// rewrites them after a deliberate change; review the diff before committing it.
@Suite struct SLAReportTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let zone = TimeZone(identifier: "Europe/Amsterdam")!
    static let calendar = OfficeCalendar.standard(timeZone: zone)

    static func instant(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    /// Eight tickets over two units: met, breached after the fact, breached while still
    /// open, running, a security ticket, and one outside the range.
    static func store(in directory: URL) throws -> TicketStore {
        let store = try TicketStore.open(path: directory.appendingPathComponent("report.sqlite").path)
        let cases: [(subject: String, kind: TicketKind, unit: String, priority: Priority, start: String, target: Double, stop: String?)] = [
            ("Portal error 500", .incident, "Operations", .high, "2026-10-05T08:00:00Z", 8 * 3600, "2026-10-05T09:00:00Z"),
            ("VO membership", .request, "Operations", .low, "2026-10-06T08:00:00Z", 40 * 3600, "2026-10-08T10:30:00Z"),
            ("Storage down", .incident, "Storage", .immediate, "2026-10-07T12:00:00Z", 4 * 3600, "2026-10-08T12:00:00Z"),
            ("Quota \"urgent\", please", .incident, "Storage", .immediate, "2026-10-09T08:00:00Z", 4 * 3600, "2026-10-09T10:00:00Z"),
            ("Transfers fail", .incident, "Storage", .immediate, "2026-10-20T08:00:00Z", 4 * 3600, nil),
            ("Leaked password of alice", .security, "Security", .high, "2026-10-12T08:00:00Z", 8 * 3600, "2026-10-13T15:00:00Z"),
            ("New dashboard", .request, "Operations", .low, "2026-10-30T08:00:00Z", 40 * 3600, nil),
            ("Old ticket", .incident, "Operations", .high, "2026-09-15T08:00:00Z", 8 * 3600, "2026-09-15T08:30:00Z"),
        ]
        try store.transaction { tx in
            for item in cases {
                let start = instant(item.start)
                let ticket = try tx.createTicket(Ticket(
                    number: 0, subject: item.subject, requester: EmailAddress(address: "user@example.org"), status: .new,
                    mailbox: "support", createdAt: start, updatedAt: start, kind: item.kind, priority: item.priority, unit: item.unit
                ))
                var clock = SLAClock(kind: .response, unit: item.unit, target: item.target, at: start, calendar: calendar)
                if let stop = item.stop { clock.stop(at: instant(stop), calendar: calendar) }
                try tx.insertClock(ticket: ticket.number, priority: item.priority, clock: clock)
            }
        }
        return store
    }

    static let now = instant("2026-11-02T12:00:00Z")
    static let october = SLAReport.Filter(from: instant("2026-09-30T22:00:00Z"), to: instant("2026-10-31T23:00:00Z"))

    func report(_ filter: SLAReport.Filter = october) throws -> SLAReport {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ticketd-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        return try SLAReport.build(store: try Self.store(in: directory), filter: filter, now: Self.now, calendar: Self.calendar)
    }

    /// Scanned in two halves at once and merged, the report is the one scanned whole.
    @Test(arguments: [october, SLAReport.Filter(), SLAReport.Filter(unit: "storage"), SLAReport.Filter(priority: .high)])
    func scanningInHalvesChangesNothing(_ filter: SLAReport.Filter) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ticketd-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Self.store(in: directory)
        let whole = try store.reading { try SLAReport.build(in: $0, filter: filter, now: Self.now, calendar: Self.calendar) }
        let halves = try SLAReport.build(store: store, filter: filter, now: Self.now, calendar: Self.calendar, scanInHalvesAbove: 0)
        #expect(halves == whole)
        #expect(!whole.rows.isEmpty)
    }

    @Test func theFiguresFollowTheClocks() throws {
        let report = try report()
        #expect(report.rows.map { "\($0.unit)/\($0.priority.name)" } == ["Operations/high", "Operations/low", "Security/high", "Storage/immediate"])
        let storage = try #require(report.rows.last)
        #expect(storage.tickets == 3 && storage.met == 1 && storage.breached == 2 && storage.running == 0)
        #expect(storage.percentMet.map { ($0 * 100).rounded() / 100 } == 33.33)
        let requests = report.rows[1]
        #expect(requests.met == 1 && requests.running == 1 && requests.breached == 0)
        #expect(requests.medianHours == 18.5)  // Tue 10:00 → Thu 12:30 local: 7 + 8 + 3.5 working hours
        #expect(report.breaches.map(\.ticket) == [3, 6, 5])
        #expect(report.breaches.first { $0.ticket == 6 }?.subject == nil)
        // Still open: its actual time runs on to the report instant (Tue 10:00 to Mon 13:00 local).
        #expect(report.breaches.first { $0.ticket == 5 }?.actualHours == 75)
    }

    @Test func filtersNarrowByUnitAndPriority() throws {
        var filter = Self.october
        filter.unit = "storage"
        #expect(try report(filter).rows.map(\.unit) == ["Storage"])
        filter.unit = nil
        filter.priority = .low
        #expect(try report(filter).rows.map(\.priority) == [.low])
        #expect(try report(SLAReport.Filter()).totals.tickets == 8)
    }

    @Test(arguments: ReportFormat.allCases)
    func everyFormatMatchesItsGoldenFile(_ format: ReportFormat) throws {
        let text = try report().render(format, timeZone: Self.zone)
        let file = Self.golden.appendingPathComponent("october.\(format == .table ? "txt" : format.rawValue)")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: file)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(text == expected)
    }

    @Test func theJSONParsesAndTheCSVHasOneLinePerRowAndBreach() throws {
        let report = try report()
        let json = try JSONSerialization.jsonObject(with: Data(report.json(timeZone: Self.zone).utf8)) as? [String: Any]
        #expect((json?["rows"] as? [Any])?.count == 4)
        #expect((json?["breaches"] as? [[String: Any]])?.first?["breached_at"] as? String == "2026-10-08T10:00:00+02:00")
        let lines = report.csv(timeZone: Self.zone).components(separatedBy: "\r\n")
        #expect(lines.count == 1 + 4 + 1 + 1 + 3 + 1)
        #expect(lines.contains("4,Storage,immediate,\"Quota \"\"urgent\"\", please\",4.00,2.00,2026-10-09T12:00:00+02:00") == false)
    }
}

@Suite struct HTMLEscapeTests {
    @Test(arguments: [("a < b & \"c\" > d", "a &lt; b &amp; &quot;c&quot; &gt; d"), ("plain Grüße", "plain Grüße"), ("", "")])
    func escapesTheFourCharacters(_ input: String, _ expected: String) {
        #expect(SLAReport.htmlEscape(input) == expected)
    }
}

@Suite struct ZoneOffsetsTests {
    /// Across DST changes, in order and out of order, the cached offset is the zone's own.
    @Test(arguments: ["Europe/Amsterdam", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"])
    func agreesWithTheZone(_ identifier: String) throws {
        let zone = try #require(TimeZone(identifier: identifier))
        let offsets = ZoneOffsets(zone)
        var dates = (0..<3000).map { Date(timeIntervalSince1970: 1_700_000_000 + Double($0) * 7919) }
        dates += dates.shuffled()
        for date in dates {
            #expect(offsets.offset(for: date) == zone.secondsFromGMT(for: date))
        }
    }
}
