import Foundation
public import TicketCore

/// Work that recurses as deep as a mail is nested, run on a thread whose stack is large
/// enough for any mail under `max_message_bytes`: libetpan's parser recurses once per
/// level, and 30,000 levels overflow an ordinary 8 MB stack. The worker bounds nesting
/// before it parses; the commands that parse stored or given mail (`inspect`,
/// `evaluate`, `tickets show`) parse here instead, so that no mail can end them.
public enum LargeStack {
    public static let bytes = 512 * 1024 * 1024

    /// Runs `body` on a new thread with a large stack and waits for it.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
        let result = Result<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            result.value = body()
            done.signal()
        }
        thread.stackSize = bytes
        thread.start()
        done.wait()
        return result.value!
    }

    /// Handed from the thread to the waiter; the semaphore orders the two.
    private final class Result<T>: @unchecked Sendable {
        var value: T?
    }
}

extension MessageParser {
    /// `parse` on a large stack, for mail that did not go through the worker's limits.
    public static func parseOnLargeStack(_ raw: [UInt8]) -> Message {
        LargeStack.run { parse(raw) }
    }
}
