/// How long one call of a benchmarked operation takes: the best and the median of
/// `repeats` samples, after a warm-up (one call, then one untimed sample).
///
/// Each sample runs the operation enough times to last `sampleSeconds` (clock
/// resolution and call overhead vanish), and counts time per call. The best sample is
/// the least disturbed by other processes on a shared machine; the median shows how
/// noisy the run was. `Benchmarks/numpy_matmul.py` times numpy the same way.
struct Timing {
    let bestSeconds: Double
    let medianSeconds: Double

    init(repeats: Int, sampleSeconds: Double, _ operation: () -> Void) {
        let clock = ContinuousClock()
        func seconds(_ calls: Int) -> Double {
            let elapsed = clock.measure { for _ in 0..<calls { operation() } }
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        }
        let once = seconds(1)
        let calls = max(1, Int(sampleSeconds / max(once, 1e-9)))
        _ = seconds(calls)
        let samples = (0..<repeats).map { _ in seconds(calls) / Double(calls) }.sorted()
        bestSeconds = samples[0]
        medianSeconds = samples[samples.count / 2]
    }
}
