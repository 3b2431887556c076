import Foundation
import Scalar
import Testing
@testable import Tensor

/// Checks `f`'s backward rules against central finite differences.
///
/// The leaves get values uniform in `range` (moved 0.1 away from any of `kinks`, where
/// the function is not differentiable), or `values` when given. The loss is
/// L = Σ wᵢ·f(x)ᵢ with random weights w, so every output element and the seed-gradient
/// path of `backward(_:)` take part; analytic dL/dx comes from `f(x).backward(w)`.
///
/// Why these numbers: the forward pass runs in Float32 (ε_mach ≈ 6e-8), so each
/// evaluation of L carries a rounding error of about 1e-7·Σ|wᵢ·yᵢ|; divided by 2h it
/// stays below ~1e-5 for h = 1e-2. The truncation error of the central difference,
/// h²/6·f‴, is ~2e-5 for the smooth functions here. L itself is accumulated in Double
/// so that the sum adds no error of its own. A tolerance of 1e-3 (absolute) + 1e-3
/// (relative) is therefore ~50× the expected error, yet a wrong rule (a missing
/// factor, a sign, a transposed gradient, a lost broadcast sum) is off by O(1).
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
            let numeric = (loss(plus) - loss(minus)) / Double(2 * h)
            let error = abs(numeric - Double(analytic[j]))
            #expect(error <= absoluteTolerance + relativeTolerance * abs(numeric),
                    "input \(i) element \(j): numeric \(numeric), analytic \(analytic[j])",
                    sourceLocation: sourceLocation)
        }
    }
}

/// Whether `actual` matches `expected` to `tolerance` relative to the largest
/// expected magnitude (so near-zero entries are judged on the tensor's scale).
func expectClose(_ actual: [Float], _ expected: [Float], tolerance: Double = 1e-5,
                 _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "\(what): \(actual.count) values, expected \(expected.count)",
            sourceLocation: sourceLocation)
    let scale = expected.map { abs(Double($0)) }.max() ?? 0
    let error = zip(actual, expected).map { abs(Double($0) - Double($1)) }.max() ?? 0
    #expect(error <= tolerance * Swift.max(scale, 1e-30),
            "\(what): max error \(error) for scale \(scale)", sourceLocation: sourceLocation)
}
