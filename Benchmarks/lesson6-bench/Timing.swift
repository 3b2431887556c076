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

        /// The clock's reading, in seconds.
        func now() -> Double {
            var time = timespec()
            clock_gettime(self == .wall ? CLOCK_MONOTONIC : CLOCK_PROCESS_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
        }
    }

    let bestSeconds: Double
    let medianSeconds: Double

    /// `finish` runs at the end of each sample, before the clock is read: a GPU's
    /// `synchronize`, so that a sample counts the work its calls queued, not just the
    /// queueing. An error `operation` throws ends the timing.
    init<E: Error>(repeats: Int, sampleSeconds: Double, clock: Clock, finish: () -> Void = {},
                   _ operation: () throws(E) -> Void) throws(E) {
        func seconds(_ calls: Int) throws(E) -> Double {
            let start = clock.now()
            for _ in 0..<calls { try operation() }
            finish()
            return clock.now() - start
        }
        let once = try seconds(1)
        let calls = max(1, Int(sampleSeconds / max(once, 1e-9)))
        _ = try seconds(calls)
        var samples: [Double] = []
        for _ in 0..<repeats { samples.append(try seconds(calls) / Double(calls)) }
        samples.sort()
        bestSeconds = samples[0]
        medianSeconds = samples[samples.count / 2]
    }
}
