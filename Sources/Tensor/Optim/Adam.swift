/// Adam (Kingma & Ba, "Adam: A Method for Stochastic Optimization", 2015) with
/// PyTorch's semantics (`torch.optim.Adam`): per element,
///
///     g ← g + λ·p                      (weight decay as L2, when λ ≠ 0)
///     m ← β₁·m + (1 − β₁)·g            (first moment: momentum)
///     v ← β₂·v + (1 − β₂)·g²           (second moment: the gradient's scale)
///     p ← p − lr/(1 − β₁ᵗ) · m / (√v/√(1 − β₂ᵗ) + ε)
///
/// The bias corrections undo the moments' start at zero; ε sits outside the square
/// root. With `decoupledWeightDecay` (PyTorch's flag of the same name, and what `AdamW`
/// sets) the first line becomes `p ← p·(1 − lr·λ)`, so that the decay does not pass
/// through the moments' normalisation.
///
/// Each parameter's step is a `Backend.adamStep`. Its default writes the lines above as
/// tensor math (`OptimizerSteps.swift`); `CPUBackend` and `CUDABackend` run them as one
/// fused kernel, tested against that default, which on the CPU also flushes subnormal
/// results to zero (see `CPUBackend+Optimizers.swift`). State per parameter, made at its
/// first step: `exp_avg.i`, `exp_avg_sq.i` and `step.i`.
public class Adam: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Float
    public var beta1: Double
    public var beta2: Double
    public var epsilon: Float
    /// λ; as L2 on the gradient, or decoupled (see the type's description).
    public var weightDecay: Float
    public let decoupledWeightDecay: Bool
    private var state: ParameterState

    /// `torch.optim.Adam(parameters, lr, betas=(beta1, beta2), eps, weight_decay, decoupled_weight_decay=…)`.
    public convenience init(_ parameters: [Tensor], learningRate: Float = 1e-3, beta1: Double = 0.9,
                            beta2: Double = 0.999, epsilon: Float = 1e-8, weightDecay: Float = 0,
                            decoupledWeightDecay: Bool = false) {
        self.init(name: "Adam", parameters, learningRate: learningRate, beta1: beta1, beta2: beta2,
                  epsilon: epsilon, weightDecay: weightDecay, decoupledWeightDecay: decoupledWeightDecay)
    }

    init(name: String, _ parameters: [Tensor], learningRate: Float, beta1: Double, beta2: Double, epsilon: Float,
         weightDecay: Float, decoupledWeightDecay: Bool) {
        guard learningRate >= 0, epsilon >= 0, weightDecay >= 0,
              (0..<1).contains(beta1), (0..<1).contains(beta2) else {
            fatalError("\(name): invalid hyperparameters: learningRate \(learningRate), beta1 \(beta1), "
                       + "beta2 \(beta2) (betas in [0, 1)), epsilon \(epsilon), weightDecay \(weightDecay)")
        }
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
        state = ParameterState(optimizer: name, parameters: parameters, bufferNames: ["exp_avg", "exp_avg_sq"],
                               countsSteps: true)
    }

    public func step() {
        let decay: WeightDecay = decoupledWeightDecay ? .decoupled(weightDecay) : .l2(weightDecay)
        withoutGrad {
            for (i, parameter) in parameters.enumerated() {
                guard let gradient = parameter.gradientStorageForStep(state.optimizer, index: i) else { continue }
                let (moments, step) = state.advance(i)
                let hyperparameters = AdamHyperparameters(learningRate: learningRate, beta1: beta1, beta2: beta2,
                                                          epsilon: epsilon, step: step)
                parameter.backend.adamStep(parameter.storage, gradient: gradient, firstMoment: moments[0],
                                           secondMoment: moments[1], hyperparameters: hyperparameters,
                                           weightDecay: decay)
            }
        }
    }

    public func stateDict() -> [String: Tensor] {
        state.dictionary()
    }

    public func loadStateDict(_ state: [String: Tensor]) throws {
        try self.state.load(state)
    }
}
