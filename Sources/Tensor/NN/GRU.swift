import Random

/// A gated recurrent unit (`nn.GRU`, Cho et al. 2014): lesson 7's answer to the plain
/// RNN's trouble with long sequences. A learned update gate z decides, per unit, how
/// much of the old state to keep, hₜ = (1 − z) ⊙ n + z ⊙ hₜ₋₁, so gradients can pass
/// many steps back unchanged; a reset gate r decides how much of the old state the
/// new candidate n sees (see `Tensor.gruRecurrence` for the equations).
///
/// Input [sequence, batch, inputs]; `layers` GRUs stacked, each reading the outputs of
/// the one below, with dropout between them while training (as PyTorch's `dropout`).
/// Parameters carry PyTorch's names and gate layout (`weight_ih_l0` is [W_ir; W_iz;
/// W_in]), so weights load from and save to PyTorch checkpoints unchanged.
public final class GRU: StackedRecurrentLayers {
    public let layerWeights: [RecurrentWeights]
    public let dropout: Dropout?
    public var isTraining = true

    /// Layers initialised as PyTorch's (uniform in ±1/√hidden).
    public init(inputs: Int, hidden: Int, layers: Int = 1, dropout: Float = 0, generator: inout MT19937) {
        layerWeights = RecurrentWeights.stack(inputs: inputs, hidden: hidden, layers: layers, gates: 3,
                                              name: "GRU", generator: &generator)
        self.dropout = Dropout.between(layers: layers, probability: dropout, generator: &generator)
    }

    /// Layers with the given parameters (each [3·hidden, inputs], [3·hidden, hidden],
    /// [3·hidden], [3·hidden]), without dropout.
    public init(layers: [RecurrentWeights]) {
        RecurrentWeights.checkStack(layers, gates: 3, name: "GRU")
        layerWeights = layers
        dropout = nil
    }

    /// Runs the sequence.
    ///
    /// - Parameters:
    ///   - input: [sequence, batch, inputs].
    ///   - initialState: h₋₁ of every layer, [layers, batch, hidden]; zeros when nil.
    /// - Returns: `output`, the last layer's hₜ for every step, [sequence, batch,
    ///   hidden]; `hidden`, every layer's last hₜ, [layers, batch, hidden], to pass
    ///   (detached) as the next call's initial state.
    public func callAsFunction(_ input: Tensor, initialState: Tensor? = nil) -> (output: Tensor, hidden: Tensor) {
        checkInput(input, states: [("state", initialState)])
        let (sequence, batch) = (input.shape[0], input.shape[1])
        var x = input
        var last: [Tensor] = []
        for (layer, weights) in layerWeights.enumerated() {
            if layer > 0, let dropout { x = dropout(x) }
            let state = initialState?[layer] ?? Tensor.zeros([batch, hidden], on: input.backend)
            x = Tensor.gruRecurrence(weights.inputProjection(x, bias: weights.biasIH), weight: weights.weightHH,
                                     bias: weights.biasHH, initialState: state)
            last.append(x[sequence - 1])
        }
        return (x, Tensor.stack(last))
    }
}
