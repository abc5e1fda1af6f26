import Foundation
@testable import Outbox
import Testing

/// The SMTP server's state for /metrics: a busy sender's every flush must not be a write.
@Suite struct NotedExchangeTests {
    @Test func anAnsweringServerIsNotedOnceAMinuteAndEveryChangeAndFailureAtOnce() {
        let start = Date(timeIntervalSince1970: 1_795_424_400)
        let noted = OutboxDispatcher.NotedExchange()
        let steps: [(after: TimeInterval, answered: Bool, noted: Bool)] = [
            (0, true, true),  // the first
            (10, true, false),  // answered again within the minute
            (59, true, false),
            (61, true, true),  // a minute after the last note
            (62, false, true),  // a failure, at once
            (63, false, true),  // and each one after it (the failures in a row count)
            (64, true, true),  // back: at once
            (65, true, false),
        ]
        for step in steps {
            #expect(noted.isWorthNoting(answered: step.answered, at: start.addingTimeInterval(step.after)) == step.noted, "at +\(step.after) s")
        }
    }
}
