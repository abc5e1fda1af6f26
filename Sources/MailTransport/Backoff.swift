/// Exponential back-off with full jitter and a cap: the delay before try `attempt + 1`
/// is a random value in [base·2^attempt / 2, base·2^attempt], never above `cap`.
public struct Backoff: Sendable, Equatable {
    public var baseSeconds: Double
    public var capSeconds: Double

    public init(baseSeconds: Double, capSeconds: Double) {
        self.baseSeconds = baseSeconds
        self.capSeconds = capSeconds
    }

    /// `unit` is a random number in [0, 1); pass a fixed one in tests.
    public func delay(afterAttempt attempt: Int, unit: Double) -> Double {
        let exponential = baseSeconds * Double(1 << min(max(attempt, 0), 30))
        let ceiling = min(capSeconds, exponential)
        return ceiling / 2 + ceiling / 2 * unit
    }
}
