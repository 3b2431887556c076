import Foundation

/// How long one call of a benchmarked operation takes: the best and the median of
/// `repeats` samples, after a warm-up (one call, then one untimed sample).
///
/// Each sample runs the operation enough times to last `sampleSeconds` (clock
/// resolution and call overhead vanish), and counts time per call. The best sample is
/// the least disturbed by other processes on a shared machine; the median shows how
/// noisy the run was. `Benchmarks/numpy_matmul.py` times numpy the same way.
struct Timing {
    /// What a sample's duration is read from.
    enum Clock: String, CaseIterable {
        /// Elapsed time: what a user waits, and the only measure of a speed-up from threads.
        case wall
        /// CPU time of the whole process (all its threads). On a machine crowded with
        /// other work, time spent descheduled does not count, so one-thread runs stay
        /// comparable; with several threads it measures work, not waiting.
        case cpu
    }

    let bestSeconds: Double
    let medianSeconds: Double

    init(repeats: Int, sampleSeconds: Double, clock: Clock, _ operation: () -> Void) {
        func now() -> Double {
            var time = timespec()
            clock_gettime(clock == .wall ? CLOCK_MONOTONIC : CLOCK_PROCESS_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
        }
        func seconds(_ calls: Int) -> Double {
            let start = now()
            for _ in 0..<calls { operation() }
            return now() - start
        }
        let once = seconds(1)
        let calls = max(1, Int(sampleSeconds / max(once, 1e-9)))
        _ = seconds(calls)
        let samples = (0..<repeats).map { _ in seconds(calls) / Double(calls) }.sorted()
        bestSeconds = samples[0]
        medianSeconds = samples[samples.count / 2]
    }
}
