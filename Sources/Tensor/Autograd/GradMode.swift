#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether operations record their inputs for `backward()` (PyTorch's grad mode).
///
/// The flag is per thread: `withoutGrad` runs a synchronous body, which cannot
/// suspend and resume on another thread, so setting the flag on entry and restoring
/// it on exit is safe under Swift 6 strict concurrency. A thread-local (one
/// `pthread_getspecific`, a few ns) rather than a `@TaskLocal` (~90 ns a read),
/// since every operation on a parameter reads it.
public enum GradMode {
    /// The key of the per-thread count of `withoutGrad` scopes entered (none: 0).
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        guard pthread_key_create(&key, nil) == 0 else { fatalError("GradMode: pthread_key_create failed") }
        return key
    }()

    private static var depth: Int {
        get { Int(bitPattern: pthread_getspecific(key)) }
        set { pthread_setspecific(key, UnsafeRawPointer(bitPattern: newValue)) }
    }

    /// False inside `withoutGrad { }` on this thread.
    public static var isEnabled: Bool { depth == 0 }

    /// Runs `body` with grad mode off (PyTorch's `torch.no_grad()`).
    static func disabled<Result>(_ body: () throws -> Result) rethrows -> Result {
        depth += 1
        defer { depth -= 1 }
        return try body()
    }
}

/// Runs `body` without recording operations for backward: for evaluation, and for
/// optimizer updates to parameters (PyTorch's `with torch.no_grad():`).
public func withoutGrad<Result>(_ body: () throws -> Result) rethrows -> Result {
    try GradMode.disabled(body)
}
