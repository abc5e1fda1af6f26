import Dispatch
import Foundation
import TicketCore

/// An outgoing mail, made: its subject, bytes and content hash.
public struct MadeMail: Sendable {
    public var subject: String
    public var raw: [UInt8]
    public var contentHash: String

    public init(subject: String, raw: [UInt8], contentHash: String) {
        self.subject = subject
        self.raw = raw
        self.contentHash = contentHash
    }
}

/// Making a deferred outgoing mail failed; the transaction was rolled back.
public struct DeferredMailError: Error, CustomStringConvertible {
    public var messageID: String
    public var ticketNumber: Int?
    public var underlying: any Error

    public var description: String {
        "making outgoing mail <\(messageID)> (ticket \(ticketNumber.map(String.init) ?? "none")) failed: \(underlying)"
    }
}

/// Who an outgoing mail is from and to, known when it is queued.
struct OutgoingEnvelope {
    var messageID: String
    var from: EmailAddress
    var recipients: [String]
    var ticketNumber: Int?
    var date: Date
}

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
