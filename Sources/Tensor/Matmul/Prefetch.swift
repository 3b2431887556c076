/// Asks the CPU to start bringing the cache line that holds `address` into L1, for a
/// write soon (`prefetcht0` on x86-64-v3, `prfm pstl1keep` on arm64); it never faults.
///
/// `Gemm` prefetches each tile of C as its micro-kernel starts: by the time the
/// kernel's loop ends and reads C, the lines are there. Without it, C rows whose stride
/// is a power of two (1024, 2048 floats) fall out of cache between K slices, and every
/// tile waits on memory: 2048³ ran ~20% slower without. Swift has no prefetch API, so this
/// binds LLVM's `llvm.prefetch` intrinsic by its name.
///
/// Built with `-D LESSON6_NO_PREFETCH` it does nothing: ThreadSanitizer's instrumentation
/// turns the call into one that may unwind, which LLVM refuses for an intrinsic
/// (`scripts/sanitize.sh thread` sets it).
@inline(__always)
func prefetchForWriting(_ address: UnsafeMutablePointer<Float>) {
    #if !LESSON6_NO_PREFETCH
    llvmPrefetch(UnsafeRawPointer(address), 1, 3, 1)
    #endif
}

/// `llvm.prefetch(address, rw: 1 = write, locality: 3 = keep in all levels, cache: 1 = data)`.
@_silgen_name("llvm.prefetch.p0")
private func llvmPrefetch(_ address: UnsafeRawPointer, _ write: Int32, _ locality: Int32, _ dataCache: Int32)
