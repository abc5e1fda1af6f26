public import Foundation
public import WorkingTime
import TicketCore

/// How a response clock is shown in the queue: GGUS's colours (green, yellow from the
/// warning fraction, red when breached) and the working time left.
public struct SLAState: Sendable, Equatable {
    /// `ok`, `warning`, `breached`, `met` or `none`: the row's CSS class.
    public var colour: String
    public var text: String

    /// From the clock's own instants: a running clock's due and warning instants say its
    /// colour, and only the working time between now and the due instant is counted (a
    /// clock that ran for two years is not walked day by day on every page).
    public static func of(_ clock: SLAClock?, now: Date, calendar: OfficeCalendar) -> SLAState {
        guard let clock else { return SLAState(colour: "none", text: "-") }
        guard clock.isRunning else {
            return clock.outcome == .breached ? SLAState(colour: "breached", text: "breached") : SLAState(colour: "met", text: "met")
        }
        if clock.isPaused {
            let left = clock.target - clock.consumed
            if left <= 0 { return SLAState(colour: "breached", text: "breached, on hold") }
            let colour = clock.consumed >= clock.target * clock.warningFraction ? "warning" : "ok"
            return SLAState(colour: colour, text: "\(hours(left)) working h left, on hold")
        }
        guard let due = clock.dueAt else {
            // No due instant kept: counted from the start, as the report does.
            let left = clock.target - clock.elapsed(at: now, calendar: calendar)
            if left <= 0 { return SLAState(colour: "breached", text: "breached") }
            return SLAState(colour: left <= clock.target * (1 - clock.warningFraction) ? "warning" : "ok", text: "\(hours(left)) working h left")
        }
        if now >= due || clock.outcome == .breached {
            return SLAState(colour: "breached", text: "breached, was due \(ISOTime.format(due, in: calendar.timeZone).prefix(10))")
        }
        let left = calendar.workingSeconds(from: now, to: due)
        let colour = clock.warnAt.map { now >= $0 } ?? (left <= clock.target * (1 - clock.warningFraction)) ? "warning" : "ok"
        return SLAState(colour: colour, text: "\(hours(left)) working h left")
    }

    /// Hours with one decimal: `0.5`, `12.0`.
    static func hours(_ seconds: TimeInterval) -> String {
        String(format: "%.1f", max(0, seconds) / 3600)
    }
}
