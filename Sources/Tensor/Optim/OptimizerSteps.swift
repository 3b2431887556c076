import Foundation

/// How an optimizer shrinks the weights, as PyTorch's two spellings of weight decay.
public enum WeightDecay: Sendable, Equatable {
    /// L2 regularisation: λ·p is added to the gradient before the moments see it
    /// (`torch.optim.Adam(weight_decay=λ)`, `torch.optim.SGD(weight_decay=λ)`). `.l2(0)`
    /// is no decay.
    case l2(Float)
    /// Decoupled decay (Loshchilov & Hutter, "Decoupled Weight Decay Regularization"):
    /// p is scaled by 1 − lr·λ before the step and the moments never see it
    /// (`torch.optim.AdamW(weight_decay=λ)`).
    case decoupled(Float)
}

/// The constants of one `Backend.adamStep`; `step` counts from 1.
///
/// The betas are Doubles, as PyTorch's Python floats: a kernel uses `Float(beta2)` and
/// `Float(1 - beta2)`, and 1 − β₂ computed from a Float β₂ would be off by 1.3e-5
/// relative for β₂ = 0.999 (`Float(0.999)` is 0.99900001).
public struct AdamHyperparameters: Sendable, Equatable {
    public var learningRate: Float
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Float
    public var step: Int

    public init(learningRate: Float, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Float = 1e-8, step: Int) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.step = step
    }

    /// lr / (1 − β₁ᵗ): the learning rate with the first moment's bias correction,
    /// computed in Double as PyTorch computes it (a fused kernel's scalar argument).
    public var stepSize: Float {
        Float(Double(learningRate) / (1 - Foundation.pow(beta1, Double(step))))
    }

    /// √(1 − β₂ᵗ): the second moment's bias correction under the square root, a fused
    /// kernel's other scalar argument.
    public var rootSecondCorrection: Float {
        Float((1 - Foundation.pow(beta2, Double(step))).squareRoot())
    }
}

/// The constants of one `Backend.sgdStep`.
public struct SGDHyperparameters: Sendable, Equatable {
    public var learningRate: Float
    /// μ; 0 is plain SGD, without a momentum buffer.
    public var momentum: Float
    /// λ of L2 weight decay.
    public var weightDecay: Float
    /// Nesterov momentum: step along `d + μb` rather than `b`.
    public var nesterov: Bool

    public init(learningRate: Float, momentum: Float = 0, weightDecay: Float = 0, nesterov: Bool = false) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.nesterov = nesterov
    }
}

/// The optimizer steps as tensor math, a line of the update a line of code, to read beside
/// the paper (Kingma & Ba's Algorithm 1) and PyTorch's `torch.optim` pages. They are the
/// defaults of the fast paths `Backend.adamStep` and `Backend.sgdStep`: what a backend of
/// primitives alone runs, and what the fused kernels of `CPUBackend` and `CUDABackend`
/// are tested against. Each line is an elementwise pass or two with a temporary, where a
/// fused kernel reads and writes each float once; and unlike the fused kernels these
/// leave subnormal results as they are.
extension Backend {
    /// `adamStep` without weight decay.
    public func adamStep(_ parameter: Storage, gradient: Storage, firstMoment: Storage, secondMoment: Storage,
                         hyperparameters: AdamHyperparameters) {
        adamStep(parameter, gradient: gradient, firstMoment: firstMoment, secondMoment: secondMoment,
                 hyperparameters: hyperparameters, weightDecay: .l2(0))
    }

    public func adamStep(_ parameter: Storage, gradient: Storage, firstMoment: Storage, secondMoment: Storage,
                         hyperparameters h: AdamHyperparameters, weightDecay: WeightDecay) {
        let (p, m, v) = (flat(parameter), flat(firstMoment), flat(secondMoment))
        let (beta1, beta2, t) = (h.beta1, h.beta2, Double(h.step))
        var g = flat(gradient)
        switch weightDecay {
        case .l2(let lambda) where lambda != 0:
            g = g + lambda * p                                          // g ← g + λ·p
        case .decoupled(let lambda) where lambda != 0:
            p.copy(from: (1 - h.learningRate * lambda) * p)             // p ← (1 − lr·λ)·p
        default:
            break
        }
        m.copy(from: Float(beta1) * m + Float(1 - beta1) * g)           // m ← β₁·m + (1 − β₁)·g
        v.copy(from: Float(beta2) * v + Float(1 - beta2) * (g * g))     // v ← β₂·v + (1 − β₂)·g²
        let mHat = m / Float(1 - Foundation.pow(beta1, t))              // m̂ = m / (1 − β₁ᵗ)
        let vHat = v / Float(1 - Foundation.pow(beta2, t))              // v̂ = v / (1 − β₂ᵗ)
        p.copy(from: p - h.learningRate * mHat / (vHat.sqrt() + h.epsilon))  // p ← p − lr·m̂ / (√v̂ + ε)
    }

    public func sgdStep(_ parameter: Storage, gradient: Storage, momentumBuffer: Storage?,
                        hyperparameters h: SGDHyperparameters) {
        let p = flat(parameter)
        var d = flat(gradient)
        if h.weightDecay != 0 {
            d = d + h.weightDecay * p                                   // d ← g + λ·p
        }
        if let b = momentumBuffer.map(flat) {
            b.copy(from: h.momentum * b + d)                            // b ← μ·b + d
            d = h.nesterov ? d + h.momentum * b : b                     // d ← d + μ·b (Nesterov), else d ← b
        }
        p.copy(from: p - h.learningRate * d)                            // p ← p − lr·d
    }

    /// A whole storage as a one-dimensional tensor without history, on the storage's
    /// backend (this one), so that its arithmetic runs here.
    private func flat(_ storage: Storage) -> Tensor {
        Tensor(storage: storage, layout: Layout(contiguous: [storage.count]))
    }
}
