/// The fast paths written in the primitives: what a backend without kernels of its own
/// for them runs. Each is the definition its fused kernels are checked against, and each
/// costs a few passes and temporaries where a fused kernel reads every float once.
extension Backend {
    /// The rule of each `ActivationOp` as elementwise ops; a mask is 1 where the gradient
    /// passes and 0 where it stops, so a non-finite g under a 0 becomes NaN here where a
    /// fused kernel writes 0.
    public func activationBackward(_ activation: ActivationOp, gradient: Storage, _ gradientLayout: Layout,
                                   saved: Storage, _ savedLayout: Layout) -> Storage {
        let result = Layout(contiguous: gradientLayout.shape)
        func gradientTimes(_ factor: Storage) -> Storage {
            binary(.multiply, gradient, gradientLayout, factor, result)
        }
        switch activation {
        case .tanh:
            // g·(1 − y²)
            return gradientTimes(unary(.affine(scale: -1, shift: 1), unary(.pow(2), saved, savedLayout), result))
        case .sigmoid:
            // (g·y)·(1 − y), in the fused kernels' order
            let gy = binary(.multiply, gradient, gradientLayout, saved, savedLayout)
            return binary(.multiply, gy, result, unary(.affine(scale: -1, shift: 1), saved, savedLayout), result)
        case .relu:
            // g·(0 < x)
            let zero = Layout(contiguous: []).broadcast(to: result.shape)!
            return gradientTimes(binary(.less, upload([0]), zero, saved, savedLayout))
        case .clamp(let low, let high):
            // g·(clamp(x) == x): the mask is 1 exactly where low ≤ x ≤ high
            let clamped = unary(.clamp(min: low, max: high), saved, savedLayout)
            return gradientTimes(binary(.equal, clamped, result, saved, savedLayout))
        }
    }
}
