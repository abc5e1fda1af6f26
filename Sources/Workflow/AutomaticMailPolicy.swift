import Foundation
import Screening

/// Which automatic mail may go out (DESIGN.md §2, invariant 4): never to a no-reply or
/// daemon address, and to an outside address at most so many per 10 minutes and per day.
public enum AutomaticMailPolicy {
    /// Why `address` never gets automatic mail, if it is a no-reply or daemon address.
    public static func noReplyRefusal(_ address: String) -> String? {
        Screener.isNoReplyAddress(address) ? "\(address) is a no-reply or daemon address" : nil
    }

    /// Why one more automatic mail to `address` is too many, given how many went to it in
    /// the last 10 minutes (`recent`) and the last day (`today`).
    public static func rateRefusal(_ address: String, recent: Int, today: Int, limits: WorkflowConfig) -> String? {
        if recent >= limits.automaticMailPerTenMinutes {
            return "more than \(limits.automaticMailPerTenMinutes) automatic mails to \(address) in 10 minutes (mail loop defence)"
        }
        if today >= limits.automaticMailPerDay {
            return "more than \(limits.automaticMailPerDay) automatic mails to \(address) in a day (mail loop defence)"
        }
        return nil
    }
}
