import Dispatch
import Foundation
import Storage
import TicketCore

/// The outgoing mail of one transaction that is being made on other threads. Used from
/// the transaction's thread only; each `Making` hands its result over once.
final class DeferredMail {
    var items: [(OutgoingEnvelope, Making)] = []

    final class Making: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        // Written once on the making thread before `done` is signalled, read after.
        private var result: Result<MadeMail, any Error>?

        init(_ make: @escaping @Sendable () throws -> MadeMail) {
            DispatchQueue.global().async {
                self.result = Result { try make() }
                self.done.signal()
            }
        }

        func wait() throws -> MadeMail {
            done.wait()
            return try result!.get()
        }
    }
}
