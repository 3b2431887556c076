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

/// A backend without fused optimizer kernels of its own runs the unfused twins below.
extension Backend {
    /// `adamStep` without weight decay.
    public func adamStep(_ parameter: Storage, gradient: Storage, firstMoment: Storage, secondMoment: Storage,
                         hyperparameters: AdamHyperparameters) {
        adamStep(parameter, gradient: gradient, firstMoment: firstMoment, secondMoment: secondMoment,
                 hyperparameters: hyperparameters, weightDecay: .l2(0))
    }

    public func adamStep(_ parameter: Storage, gradient: Storage, firstMoment: Storage, secondMoment: Storage,
                         hyperparameters: AdamHyperparameters, weightDecay: WeightDecay) {
        unfusedAdamStep(parameter, gradient: gradient, firstMoment: firstMoment, secondMoment: secondMoment,
                        hyperparameters: hyperparameters, weightDecay: weightDecay)
    }

    public func sgdStep(_ parameter: Storage, gradient: Storage, momentumBuffer: Storage?,
                        hyperparameters: SGDHyperparameters) {
        unfusedSGDStep(parameter, gradient: gradient, momentumBuffer: momentumBuffer, hyperparameters: hyperparameters)
    }
}

/// The optimizer steps written in the other primitives, one PyTorch operation at a time:
/// the simple twins of fused kernels (the tests compare the CPU's with them). Each
/// allocates a few temporaries and reads every float several times; a fused kernel
/// reads each float once. Not protocol requirements, so a backend's own fused kernels
/// never replace them: a test can run both on the same backend.
///
/// Unlike the CPU kernels these leave subnormal results as they are: they cost nothing
/// on GPUs, which flush them in hardware (CUDA's `-ftz=true`).
extension Backend {
    func unfusedAdamStep(_ parameter: Storage, gradient: Storage, firstMoment m: Storage, secondMoment v: Storage,
                         hyperparameters h: AdamHyperparameters, weightDecay: WeightDecay) {
        let layout = Layout(contiguous: [parameter.count])
        var gradient = gradient
        switch weightDecay {
        case .l2(let lambda) where lambda != 0:
            // grad = grad.add(param, alpha=weight_decay), a new tensor: the caller's
            // gradient stays as it was.
            gradient = copyOf(gradient)
            axpy(lambda, parameter, layout, gradient, layout)
        case .decoupled(let lambda) where lambda != 0:
            // param.mul_(1 - lr * weight_decay)
            let shrunk = unary(.affine(scale: 1 - h.learningRate * lambda, shift: 0), parameter, layout)
            copy(shrunk, layout, to: parameter, layout)
        default:
            break
        }
        // exp_avg.lerp_(grad, 1 - beta1)
        axpy(Float(1 - h.beta1), binary(.subtract, gradient, layout, m, layout), layout, m, layout)
        // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
        let decayed = unary(.affine(scale: Float(h.beta2), shift: 0), v, layout)
        axpy(Float(1 - h.beta2), binary(.multiply, gradient, layout, gradient, layout), layout, decayed, layout)
        copy(decayed, layout, to: v, layout)
        // denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps)
        let root = unary(.sqrt, v, layout)
        let denominator = unary(.affine(scale: 1 / h.rootSecondCorrection, shift: h.epsilon), root, layout)
        // param.addcdiv_(exp_avg, denom, value=-step_size)
        axpy(-h.stepSize, binary(.divide, m, layout, denominator, layout), layout, parameter, layout)
    }

    func unfusedSGDStep(_ parameter: Storage, gradient: Storage, momentumBuffer: Storage?,
                        hyperparameters h: SGDHyperparameters) {
        let layout = Layout(contiguous: [parameter.count])
        var direction = gradient
        if h.weightDecay != 0 {
            direction = copyOf(gradient)
            axpy(h.weightDecay, parameter, layout, direction, layout)
        }
        if let buffer = momentumBuffer {
            // buf.mul_(momentum).add_(d_p)
            let updated = unary(.affine(scale: h.momentum, shift: 0), buffer, layout)
            axpy(1, direction, layout, updated, layout)
            copy(updated, layout, to: buffer, layout)
            if h.nesterov {
                // d_p = d_p.add(buf, alpha=momentum)
                direction = copyOf(direction)
                axpy(h.momentum, buffer, layout, direction, layout)
            } else {
                direction = buffer
            }
        }
        axpy(-h.learningRate, direction, layout, parameter, layout)
    }

    /// A new storage holding the same floats.
    private func copyOf(_ storage: Storage) -> Storage {
        let layout = Layout(contiguous: [storage.count])
        let result = allocate(storage.count)
        copy(storage, layout, to: result, layout)
        return result
    }
}

extension AdamHyperparameters {
    /// lr / (1 − β₁ᵗ): the learning rate with the first moment's bias correction,
    /// computed in Double as PyTorch computes it (a kernel's scalar argument).
    public var stepSize: Float {
        Float(Double(learningRate) / (1 - Foundation.pow(beta1, Double(step))))
    }

    /// √(1 − β₂ᵗ): the second moment's bias correction under the square root.
    public var rootSecondCorrection: Float {
        Float((1 - Foundation.pow(beta2, Double(step))).squareRoot())
    }
}
