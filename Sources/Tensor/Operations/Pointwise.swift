/// Elementwise functions, each with its derivative in the backward rule (where
/// possible in terms of the output, which the rule receives, not the input).
extension Tensor {
    /// eˣ; backward: g·eˣ = g·output.
    public func exp() -> Tensor {
        unary(.exp, "exp") { g, _, output in [g * output] }
    }

    /// Natural logarithm; backward: g/x.
    public func log() -> Tensor {
        unary(.log, "log") { g, inputs, _ in [g / inputs[0]] }
    }

    /// Backward: g·(1 − tanh²x), fused in one pass (`Backend.activationBackward`).
    public func tanh() -> Tensor {
        unary(.tanh, "tanh") { g, _, output in [g.activationBackward(.tanh, output, "tanh")] }
    }

    /// 1/(1 + e⁻ˣ); backward: g·σ(1 − σ), fused in one pass.
    public func sigmoid() -> Tensor {
        unary(.sigmoid, "sigmoid") { g, _, output in [g.activationBackward(.sigmoid, output, "sigmoid")] }
    }

    /// max(x, 0); backward: g where x > 0, else 0 (so 0 at x = 0, as PyTorch).
    public func relu() -> Tensor {
        unary(.relu, "relu") { g, inputs, _ in [g.activationBackward(.relu, inputs[0], "relu")] }
    }

    /// √x; backward: g/(2√x) = g·0.5/output.
    public func sqrt() -> Tensor {
        unary(.sqrt, "sqrt") { g, _, output in [g / output * 0.5] }
    }

    /// xᵖ for a constant p; backward: g·p·xᵖ⁻¹.
    public func pow(_ exponent: Float) -> Tensor {
        unary(.pow(exponent), "pow") { g, inputs, _ in
            [exponent == 2 ? g.activationBackward(.square, inputs[0], "pow")
                : g * inputs[0].pow(exponent - 1) * exponent]
        }
    }

    /// x limited to [min, max] (`torch.clamp`); backward: g where min ≤ x ≤ max, else 0.
    public func clamped(min: Float = -.infinity, max: Float = .infinity) -> Tensor {
        unary(.clamp(min: min, max: max), "clamp") { g, inputs, _ in
            [g.activationBackward(.clamp(min: min, max: max), inputs[0], "clamp")]
        }
    }
}

extension Tensor {
    /// The gradient `self` through `activation`, not recorded: `saved` is what the
    /// activation's rule keeps (see `ActivationOp`), of the same shape.
    func activationBackward(_ activation: ActivationOp, _ saved: Tensor, _ name: String) -> Tensor {
        checkSameBackend(saved, name)
        guard shape == saved.shape else { fatalError("\(name): gradient of shape \(shape) for \(saved.shape)") }
        let result = backend.activationBackward(activation, gradient: storage, layout, saved: saved.storage,
                                                saved.layout)
        return Tensor(storage: result, layout: Layout(contiguous: shape))
    }
}

/// Free-function spellings, so expressions read as in the notes: `tanh(x.matmul(w) + b)`.
public func exp(_ x: Tensor) -> Tensor { x.exp() }
public func log(_ x: Tensor) -> Tensor { x.log() }
public func tanh(_ x: Tensor) -> Tensor { x.tanh() }
public func sigmoid(_ x: Tensor) -> Tensor { x.sigmoid() }
public func relu(_ x: Tensor) -> Tensor { x.relu() }
public func sqrt(_ x: Tensor) -> Tensor { x.sqrt() }
public func pow(_ x: Tensor, _ exponent: Float) -> Tensor { x.pow(exponent) }
/// The larger of each element and `c` (`torch.clamp(x, min=c)`).
public func max(_ x: Tensor, _ c: Float) -> Tensor { x.clamped(min: c) }
/// The smaller of each element and `c` (`torch.clamp(x, max=c)`).
public func min(_ x: Tensor, _ c: Float) -> Tensor { x.clamped(max: c) }
