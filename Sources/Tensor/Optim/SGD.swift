/// Stochastic gradient descent with PyTorch's semantics (`torch.optim.SGD`, dampening 0):
/// per element,
///
///     d ← g + λ·p                      (weight decay as L2, when λ ≠ 0)
///     b ← μ·b + d,  d ← b              (momentum, when μ ≠ 0; b starts as d)
///     d ← d + μ·b                      (instead, with Nesterov momentum)
///     p ← p − lr·d
///
/// Plain SGD (μ = 0) is the update the lecture writes by hand, `p -= lr * p.grad`.
/// Each parameter's step is a `Backend.sgdStep`: the lines above as tensor math by default
/// (`OptimizerSteps.swift`), one fused kernel on `CPUBackend` and `CUDABackend`, tested
/// against the default. State per parameter with momentum, made at its first step:
/// `momentum_buffer.i`.
public final class SGD: Optimizer {
    public let parameters: [Tensor]
    public var learningRate: Float
    /// μ, fixed: with 0 the optimizer keeps no buffers.
    public let momentum: Float
    /// λ of L2 weight decay.
    public var weightDecay: Float
    public let nesterov: Bool
    private var state: ParameterState

    /// `torch.optim.SGD(parameters, lr, momentum, weight_decay=weightDecay, nesterov=nesterov)`.
    public init(_ parameters: [Tensor], learningRate: Float, momentum: Float = 0, weightDecay: Float = 0,
                nesterov: Bool = false) {
        guard learningRate >= 0, momentum >= 0, weightDecay >= 0 else {
            fatalError("SGD: invalid hyperparameters: learningRate \(learningRate), momentum \(momentum), "
                       + "weightDecay \(weightDecay) (none may be negative)")
        }
        guard !nesterov || momentum > 0 else { fatalError("SGD: Nesterov momentum needs a momentum above 0") }
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.nesterov = nesterov
        state = ParameterState(optimizer: "SGD", parameters: parameters,
                               bufferNames: momentum == 0 ? [] : ["momentum_buffer"], countsSteps: false)
    }

    public func step() {
        let hyperparameters = SGDHyperparameters(learningRate: learningRate, momentum: momentum,
                                                 weightDecay: weightDecay, nesterov: nesterov)
        withoutGrad {
            for (i, parameter) in parameters.enumerated() {
                guard let gradient = parameter.gradientStorageForStep("SGD", index: i) else { continue }
                parameter.backend.sgdStep(parameter.storage, gradient: gradient,
                                          momentumBuffer: state.advance(i).buffers.first,
                                          hyperparameters: hyperparameters)
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
