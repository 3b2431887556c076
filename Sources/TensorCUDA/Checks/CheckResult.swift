/// The outcome of running one primitive (or one training step) on the CUDA backend and
/// on the CPU backend with the same inputs: how far apart the outputs are, against
/// what tolerance.
public struct CheckResult: Sendable, Codable, CustomStringConvertible {
    /// What ran: `unary exp`, `matmul sgemm2_register_blocked Aᵀ·B`.
    public let name: String
    /// The shapes and views involved.
    public let detail: String
    public let elements: Int
    /// The largest |GPU − CPU| over the elements.
    public let maxError: Double
    /// The largest |GPU − CPU| / allowed over the elements: ≤ 1 passes.
    public let worstRatio: Double
    /// The tolerance, in words.
    public let tolerance: String
    public let passed: Bool
    /// The first failing element, when one fails: index, GPU and CPU values, allowed error.
    public let firstFailure: String?

    public var description: String {
        let verdict = passed ? "ok" : "FAILED at \(firstFailure ?? "?")"
        return "\(name) [\(detail)]: \(elements) elements, max |Δ| \(maxError), "
            + "worst |Δ|/allowed \(worstRatio) (\(tolerance)): \(verdict)"
    }

    /// Compares `gpu` with `cpu` element by element: element i passes when
    /// |gpu − cpu| ≤ `allowed(i)`, or both are NaN, or both are the same infinity. An
    /// infinity on either side matches only itself (an allowance scaled by an infinite
    /// CPU value would otherwise let any GPU value through).
    /// `reference` names what `cpu` came from in the failure message (`cuBLAS`).
    init(_ name: String, _ detail: String, gpu: [Float], cpu: [Float], reference: String = "CPU", tolerance: String,
         allowed: (Int) -> Float) {
        var maxError = 0.0, worst = 0.0, failure: String?
        if gpu.count != cpu.count { failure = "count: \(gpu.count) on the GPU, \(cpu.count) from \(reference)" }
        for i in 0..<min(gpu.count, cpu.count) {
            let (g, c) = (gpu[i], cpu[i])
            if g == c || (g.isNaN && c.isNaN) { continue }
            let allowance = allowed(i)
            if g.isInfinite || c.isInfinite || !allowance.isFinite {
                (maxError, worst) = (.infinity, .infinity)
                if failure == nil { failure = "[\(i)]: GPU \(g), \(reference) \(c): an infinity matches only itself" }
                continue
            }
            let error = Double(abs(g - c)), bound = Double(allowance)
            maxError = max(maxError, error.isNaN ? .infinity : error)
            let ratio = error <= bound ? (bound == 0 ? 0 : error / bound) : (bound == 0 ? .infinity : error / bound)
            worst = max(worst, ratio.isNaN ? .infinity : ratio)
            if failure == nil && !(error <= bound) {
                failure = "[\(i)]: GPU \(g), \(reference) \(c), allowed ±\(allowance)"
            }
        }
        self.name = name
        self.detail = detail
        elements = cpu.count
        self.maxError = maxError
        worstRatio = worst
        self.tolerance = tolerance
        passed = failure == nil
        firstFailure = failure
    }

    /// Equal within `relative`·|cpu| (exact where `relative` is 0).
    init(_ name: String, _ detail: String, gpu: [Float], cpu: [Float], relative: Float) {
        self.init(name, detail, gpu: gpu, cpu: cpu, tolerance: relative == 0 ? "exact" : "relative \(relative)") {
            relative * abs(cpu[$0])
        }
    }
}
