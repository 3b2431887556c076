/// Nonlinearities as layers, for `Sequential` (`nn.ReLU`, `nn.LogSoftmax`). They have
/// no parameters; the functions they call (`relu(_:)`, `logSoftmax(axis:)`) are what
/// a hand-written forward pass uses.
public final class ReLU: Layer {
    public var isTraining = true
    public init() {}
    public func callAsFunction(_ input: Tensor) -> Tensor { input.relu() }
}

/// Log-probabilities over the last axis (`nn.LogSoftmax(dim=-1)`), the output layer
/// that `nllLoss` reads.
public final class LogSoftmax: Layer {
    public var isTraining = true
    public init() {}
    public func callAsFunction(_ input: Tensor) -> Tensor { input.logSoftmax(axis: -1) }
}
