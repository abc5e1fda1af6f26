import Dispatch

/// Owns one blocking libetpan session and runs every call on it from one private serial
/// queue, so that blocking network I/O never occupies the Swift cooperative pool (two
/// threads on a two-core machine) and the session is never used by two threads at once.
///
/// `@unchecked Sendable`: `session` is only read or written inside blocks submitted to
/// `queue`, which runs them one at a time.
public final class SessionLane<Session>: @unchecked Sendable {
    private let queue: DispatchQueue
    private var session: Session?

    public init(label: String) {
        queue = DispatchQueue(label: label)
    }

    /// Opens the session with `open` when there is none, then runs `body` on it.
    /// If `body` throws a connection error, the session is dropped so that the next call
    /// reconnects.
    public func run<T: Sendable>(
        open: @escaping @Sendable () throws -> Session,
        _ body: @escaping @Sendable (Session) throws -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                do {
                    let current: Session
                    if let existing = self.session {
                        current = existing
                    } else {
                        current = try open()
                        self.session = current
                    }
                    continuation.resume(returning: try body(current))
                } catch let error as EtpanError {
                    if error.kind == .connection || error.kind == .authentication { self.session = nil }
                    continuation.resume(throwing: error)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// Runs `body` on the current session, if any, then forgets it (logout, quit).
    public func close(_ body: @escaping @Sendable (Session) -> Void) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                if let session = self.session { body(session) }
                self.session = nil
                continuation.resume()
            }
        }
    }
}
