import Foundation

/// A value made when first asked for, once, by whichever thread asks first; what making
/// it threw is kept too, and thrown again to every later asker.
final class Once<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Result<Value, any Error>?
    private let make: () throws -> Value

    init(_ value: Value) {
        made = .success(value)
        make = { value }
    }

    init(making make: @escaping @Sendable () throws -> Value) {
        self.make = make
    }

    /// Whether it has been made (or its making threw).
    var isMade: Bool { lock.withLock { made != nil } }

    func get() throws -> Value {
        try lock.withLock {
            if let made { return made }
            let result = Result { try make() }
            made = result
            return result
        }.get()
    }
}
