public import Foundation
public import WorkingTime

/// How a response clock is shown in the queue: GGUS's colours (green, yellow from the
/// warning fraction, red when breached) and the working time left.
public struct SLAState: Sendable, Equatable {
    /// `ok`, `warning`, `breached`, `met` or `none`: the row's CSS class.
    public var colour: String
    public var text: String

    public static func of(_ clock: SLAClock?, now: Date, calendar: OfficeCalendar) -> SLAState {
        guard let clock else { return SLAState(colour: "none", text: "-") }
        guard clock.isRunning else {
            return clock.outcome == .breached ? SLAState(colour: "breached", text: "breached") : SLAState(colour: "met", text: "met")
        }
        let elapsed = clock.elapsed(at: now, calendar: calendar)
        let left = clock.target - elapsed
        let paused = clock.isPaused ? ", on hold" : ""
        if left <= 0 || clock.outcome == .breached { return SLAState(colour: "breached", text: "late by \(hours(-left)) working h\(paused)") }
        let colour = elapsed >= clock.target * clock.warningFraction ? "warning" : "ok"
        return SLAState(colour: colour, text: "\(hours(left)) working h left\(paused)")
    }

    /// Hours with one decimal: `0.5`, `12.0`.
    static func hours(_ seconds: TimeInterval) -> String {
        String(format: "%.1f", max(0, seconds) / 3600)
    }
}
