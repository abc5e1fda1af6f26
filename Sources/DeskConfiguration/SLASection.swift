import Foundation
import TicketCore
import Workflow
import WorkingTime

extension ConfigLoader {
    static let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    static func parseSLA(_ root: TableReader) throws -> SLAConfig {
        var sla = SLAConfig()
        guard let section = try root.table("sla") else { return sla }
        try section.allowOnly(["time_zone", "hours", "hours_per_day", "holidays", "half_days", "managers", "warning_percent",
                               "late_after_minutes", "response", "resolution"])
        let zoneName = try section.string("time_zone") ?? "UTC"
        guard let zone = TimeZone(identifier: zoneName) else {
            throw section.error("time_zone", "unknown IANA time zone \"\(zoneName)\" (e.g. Europe/Amsterdam)")
        }
        var week = OfficeCalendar.standard(timeZone: zone).week
        if let hours = try section.table("hours") {
            try hours.allowOnly(Set(weekdays))
            for (index, day) in weekdays.enumerated() {
                guard let ranges = try hours.strings(day) else { continue }
                week[index + 1] = try ranges.filter { !$0.isEmpty }.map { text in
                    guard let range = DayRange(parsing: text) else { throw hours.error(day, "\"\(text)\" is not a range like \"09:00-17:00\"") }
                    return range
                }
            }
        }
        let hoursPerDay = Double(try section.int("hours_per_day", in: 1...24) ?? 8)
        let holidays = Set(try (try section.strings("holidays") ?? []).map { text in
            guard let date = LocalDate(parsing: text) else { throw section.error("holidays", "\"\(text)\" is not a date like \"2026-12-25\"") }
            return date
        })
        var special: [LocalDate: [DayRange]] = [:]
        if let halfDays = try section.table("half_days") {
            for key in halfDays.keys {
                guard let date = LocalDate(parsing: key) else { throw halfDays.error(key, "not a date like \"2026-12-24\"") }
                special[date] = try (try halfDays.strings(key) ?? []).map { text in
                    guard let range = DayRange(parsing: text) else { throw halfDays.error(key, "\"\(text)\" is not a range like \"09:00-13:00\"") }
                    return range
                }
            }
        }
        sla.calendar = OfficeCalendar(timeZone: zone, week: week, holidays: holidays, specialDays: special, hoursPerDay: hoursPerDay)
        guard sla.calendar.hasOfficeHours else { throw section.error("hours", "no office hours on any day: SLA clocks could never run") }
        sla.managers = (try section.strings("managers") ?? []).map { $0.lowercased() }
        if let percent = try section.int("warning_percent", in: 1...99) { sla.warningFraction = Double(percent) / 100 }
        if let minutes = try section.int("late_after_minutes", in: 1...10_080) { sla.lateAfter = TimeInterval(minutes * 60) }
        if let response = try section.table("response") {
            try response.allowOnly(Set(QoSLevel.allCases.map(\.rawValue)))
            for level in QoSLevel.allCases {
                guard let table = try response.table(level.rawValue) else { continue }
                try table.allowOnly(Set(SLATargets.ggusPriorities))
                for priority in SLATargets.ggusPriorities {
                    if let duration = try table.duration(priority) { sla.targets.response[level.rawValue, default: [:]][priority] = duration }
                }
            }
        }
        if let resolution = try section.table("resolution") {
            try resolution.allowOnly(Set(TicketKind.allCases.map(\.rawValue)))
            for kind in TicketKind.allCases {
                guard let table = try resolution.table(kind.rawValue) else { continue }
                try table.allowOnly(Set(SLATargets.ggusPriorities))
                for priority in SLATargets.ggusPriorities {
                    if let duration = try table.duration(priority) { sla.targets.resolution[kind.rawValue, default: [:]][priority] = duration }
                }
            }
        }
        return sla
    }
}

extension TableReader {
    func duration(_ name: String) throws -> WorkingDuration? {
        guard let text = try string(name) else { return nil }
        guard let duration = WorkingDuration(parsing: text) else {
            throw error(name, "\"\(text)\" is not a working duration like \"5d\", \"4h\" or \"1d4h\"")
        }
        return duration
    }
}
