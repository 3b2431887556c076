import Foundation
import Random
import Testing
@testable import Tensor

/// Checks `f`'s backward rules against central finite differences.
///
/// The leaves get values uniform in `range` (moved 0.1 away from any of `kinks`, where
/// the function is not differentiable), or `values` when given. The loss is
/// L = Σ wᵢ·f(x)ᵢ with random weights w, so every output element and the seed-gradient
/// path of `backward(_:)` take part; analytic dL/dx comes from `f(x).backward(w)`.
///
/// Why these numbers: the forward pass runs in Float32 (ε ≈ 6e-8). Outputs that do not
/// depend on the perturbed element are recomputed bit-identically and cancel in
/// L(x+h) − L(x−h); each one that does carries a rounding error of ~ε·|yᵢ|, which the
/// quotient divides by 2h: ~3e-6·|yᵢ| at h = 1e-2, so 1e-5…1e-4 for the few affected
/// outputs of magnitude ≤ 10 here. The truncation error of the central difference is
/// h²/6·f‴ ≈ 2e-5·|f‴|. A smaller h would grow the first term (∝ 1/h), a larger one the
/// second (∝ h²); h ≈ ∛ε ≈ 4e-3…1e-2 balances them. L is accumulated in Double so the
/// sum adds no error of its own. The tolerance, 1e-3 absolute + 1e-3 relative, is ≥ 10×
/// those errors, while a wrong rule (a missing factor, a sign, a transposed gradient,
/// a lost broadcast sum) is off by O(1) — a rule off by 1% fails on gradients of order 1.
func checkGradients(
    _ shapes: [[Int]], range: ClosedRange<Float> = -2...2, kinks: [Float] = [], values: [[Float]]? = nil,
    seed: UInt32 = 7, sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Tensor]) -> Tensor
) {
    let h: Float = 1e-2, absoluteTolerance = 1e-3, relativeTolerance = 1e-3
    var generator = MT19937(seed: seed)
    let inputs: [[Float]] = values ?? shapes.map { shape in
        (0..<shape.reduce(1, *)).map { _ in
            var x = Float(generator.uniform(Double(range.lowerBound), Double(range.upperBound)))
            for kink in kinks where abs(x - kink) < 0.1 { x = kink + (x < kink ? -0.1 : 0.1) }
            return x
        }
    }
    let leaves = zip(inputs, shapes).map { Tensor($0, shape: $1, requiresGrad: true) }
    let output = f(leaves)
    let weights = Tensor.uniform(output.shape, low: -1, high: 1, generator: &generator)
    output.backward(weights)
    let w = weights.scalars.map(Double.init)

    func loss(_ values: [[Float]]) -> Double {
        withoutGrad {
            let y = f(zip(values, shapes).map { Tensor($0, shape: $1) }).scalars
            return zip(y, w).reduce(0.0) { $0 + Double($1.0) * $1.1 }
        }
    }
    for (i, leaf) in leaves.enumerated() {
        let analytic = leaf.grad?.scalars ?? [Float](repeating: 0, count: leaf.count)
        #expect(leaf.grad == nil || leaf.grad!.shape == leaf.shape, sourceLocation: sourceLocation)
        for j in 0..<leaf.count {
            var plus = inputs, minus = inputs
            plus[i][j] += h
            minus[i][j] -= h
            // The step actually taken, after x ± h was rounded to Float.
            let step = Double(plus[i][j]) - Double(minus[i][j])
            let numeric = (loss(plus) - loss(minus)) / step
            let error = abs(numeric - Double(analytic[j]))
            #expect(error <= absoluteTolerance + relativeTolerance * abs(numeric),
                    "input \(i) element \(j): numeric \(numeric), analytic \(analytic[j])",
                    sourceLocation: sourceLocation)
        }
    }
}
