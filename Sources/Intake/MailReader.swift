public import Classification
import Foundation
import MailParsing
public import Storage
public import TicketCore

/// Turns fetched bytes into ``IncomingMail`` (issue 14, points 1 and 2): a mail over the
/// size or structure limits is refused before it is parsed; the others are parsed and
/// classified on a thread with a large stack, so that a deep structure the pre-scan let
/// through cannot overflow it, and under a watchdog: a mail still being read when its time
/// is up is quarantined, and the rest of the batch is read on a new thread.
public struct MailReader: Sendable {
    public let classifier: Classifier
    public let limits: MessageLimits
    public let maxMessageBytes: Int

    /// The parse thread's stack. Only what a parse uses becomes resident.
    static let stackBytes = LargeStack.bytes

    public init(classifier: Classifier, limits: MessageLimits, maxMessageBytes: Int) {
        self.classifier = classifier
        self.limits = limits
        self.maxMessageBytes = maxMessageBytes
    }

    /// One fetched mail: its bytes, where it came from, and, for mail over the size limit
    /// by the server's count, that size (`raw` then holds its head alone).
    public struct Fetched: Sendable {
        public var raw: [UInt8]
        public var origin: MessageOrigin
        public var reportedSize: Int?

        public init(raw: [UInt8], origin: MessageOrigin, reportedSize: Int? = nil) {
            self.raw = raw
            self.origin = origin
            self.reportedSize = reportedSize
        }
    }

    /// Reads one mail where the caller runs: the limits first, then the parse.
    public func read(_ fetched: Fetched) -> IncomingMail {
        if let size = fetched.reportedSize ?? (fetched.raw.count > maxMessageBytes ? fetched.raw.count : nil) {
            return refused(fetched, .oversize(size: size, limit: maxMessageBytes, headOnly: fetched.reportedSize != nil), readHeader: true)
        }
        let bytes = MboxEnvelope.stripped(fetched.raw)
        if let violation = StructureScan.violation(in: bytes, limits: limits) {
            return refused(fetched, .structure(violation), readHeader: true)
        }
        return IncomingMail(raw: fetched.raw, origin: fetched.origin, classifier: classifier)
    }

    /// A mail quarantined unparsed (`readHeader`: but for its header, bounded, to know
    /// its sender).
    public func refused(_ fetched: Fetched, _ refusal: IncomingMail.Refusal, readHeader: Bool) -> IncomingMail {
        let header = readHeader ? StructureScan.boundedHeader(of: MboxEnvelope.stripped(fetched.raw), limits: limits) : nil
        return IncomingMail(
            raw: fetched.raw, origin: fetched.origin, header: header?.bytes, headerIsWhole: header?.isWhole ?? false, classifier: classifier,
            refusal: refusal
        )
    }

    /// Reads a batch in order on a guarded thread. A mail whose reading runs past the
    /// watchdog is refused, and the thread left to finish it on its own.
    public func read(_ batch: [Fetched]) async -> [IncomingMail] {
        var results: [IncomingMail] = []
        results.reserveCapacity(batch.count)
        while results.count < batch.count {
            let remaining = Array(batch[results.count...])
            let (done, stuck) = await readOnThread(remaining)
            results += done
            if stuck {
                results.append(refused(remaining[done.count], .watchdog(seconds: limits.watchdogSeconds), readHeader: false))
            }
        }
        return results
    }

    /// Reads on a new thread until done, or until one mail has taken longer than the
    /// watchdog; then returns what was read, and whether it stopped at a stuck mail.
    private func readOnThread(_ batch: [Fetched]) async -> (done: [IncomingMail], stuck: Bool) {
        let progress = ReadProgress()
        let limit = Double(limits.watchdogSeconds)
        return await withCheckedContinuation { continuation in
            let thread = Thread { [self] in
                for fetched in batch {
                    progress.begin()
                    let mail = read(fetched)
                    guard progress.finish(mail) else { return }
                }
                if let done = progress.claim() { continuation.resume(returning: (done, false)) }
            }
            thread.stackSize = Self.stackBytes
            thread.name = "ticketd-parse"
            thread.start()
            // The watchdog looks every tenth of the limit (at most every second).
            let period = min(1, limit / 10)
            let timer = DispatchSource.makeTimerSource(queue: .global())
            timer.schedule(deadline: .now() + period, repeating: period)
            // The handler holds the timer until it cancels it (which releases the handler).
            timer.setEventHandler {
                guard progress.isRunning else { return timer.cancel() }
                if let start = progress.currentStart, Date().timeIntervalSince(start) > limit, let done = progress.claim() {
                    timer.cancel()
                    continuation.resume(returning: (done, true))
                }
            }
            timer.resume()
        }
    }
}

/// What a parse thread has done, shared with its watchdog; the first to claim it ends the
/// wait, and a thread whose batch was claimed stops after the mail it is on.
private final class ReadProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var done: [IncomingMail] = []
    private var started: Date?
    private var claimed = false

    func begin() { lock.withLock { started = Date() } }

    /// Keeps a mail read; false when the batch was claimed meanwhile.
    func finish(_ mail: IncomingMail) -> Bool {
        lock.withLock {
            guard !claimed else { return false }
            done.append(mail)
            started = nil
            return true
        }
    }

    var isRunning: Bool { lock.withLock { !claimed } }
    var currentStart: Date? { lock.withLock { started } }

    /// The mail read so far, once.
    func claim() -> [IncomingMail]? {
        lock.withLock {
            guard !claimed else { return nil }
            claimed = true
            return done
        }
    }
}
