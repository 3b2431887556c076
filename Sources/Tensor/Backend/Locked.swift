import Foundation

/// A value that threads share, reached only while holding its lock: what
/// `Synchronization.Mutex` offers, on a pthread mutex (`NSLock`).
///
/// Why not `Mutex`: on Linux it locks with atomics and futexes inside the Swift runtime,
/// which ThreadSanitizer cannot see, so every value behind it shows up as a data race in
/// `scripts/sanitize.sh thread`; pthread's lock is one ThreadSanitizer understands. It
/// costs about 2 ns more a lock (7 against 5 ns uncontended, measured on the 2-core
/// machine), a lock or two per tensor allocation.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    /// `body` with the value, no other thread reaching it meanwhile.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
