import Random

/// Long short-term memory (`nn.LSTM`, Hochreiter & Schmidhuber 1997): lesson 7's best
/// character model. Beside the hidden state h it carries a cell state c that is only
/// ever scaled by the forget gate and added to, cₜ = f ⊙ cₜ₋₁ + i ⊙ g, so information
/// (and gradient) can travel far along it; the output gate decides what of tanh(cₜ)
/// becomes hₜ (see `Tensor.lstmRecurrence` for the equations).
///
/// Input [sequence, batch, inputs]; `layers` LSTMs stacked, each reading the outputs
/// of the one below, with dropout between them while training (as PyTorch's
/// `dropout`). Parameters carry PyTorch's names and gate layout (`weight_ih_l0` is
/// [W_ii; W_if; W_ig; W_io]), so weights load from and save to PyTorch checkpoints
/// unchanged.
public final class LSTM: StackedRecurrentLayers {
    /// The two states an LSTM carries from one step (and one batch) to the next, each
    /// [layers, batch, hidden]: PyTorch's `(h, c)` tuple.
    public struct State {
        public let hidden: Tensor
        public let cell: Tensor

        public init(hidden: Tensor, cell: Tensor) {
            self.hidden = hidden
            self.cell = cell
        }

        /// The same numbers without history (fastai's `repackage_var`): truncated
        /// backpropagation through time stops here.
        public func detached() -> State {
            State(hidden: hidden.detached(), cell: cell.detached())
        }
    }

    public let layerWeights: [RecurrentWeights]
    public let dropout: Dropout?
    public var isTraining = true

    /// Layers initialised as PyTorch's (uniform in ±1/√hidden).
    public init(inputs: Int, hidden: Int, layers: Int = 1, dropout: Float = 0, generator: inout MT19937) {
        layerWeights = RecurrentWeights.stack(inputs: inputs, hidden: hidden, layers: layers, gates: 4,
                                              name: "LSTM", generator: &generator)
        self.dropout = Dropout.between(layers: layers, probability: dropout, generator: &generator)
    }

    /// Layers with the given parameters (each [4·hidden, inputs], [4·hidden, hidden],
    /// [4·hidden], [4·hidden]), without dropout.
    public init(layers: [RecurrentWeights]) {
        RecurrentWeights.checkStack(layers, gates: 4, name: "LSTM")
        layerWeights = layers
        dropout = nil
    }

    /// Runs the sequence.
    ///
    /// - Parameters:
    ///   - input: [sequence, batch, inputs].
    ///   - initialState: h₋₁ and c₋₁ of every layer; zeros when nil.
    /// - Returns: `output`, the last layer's hₜ for every step, [sequence, batch,
    ///   hidden]; `state`, every layer's last hₜ and cₜ, to pass (detached) as the next
    ///   call's initial state.
    public func callAsFunction(_ input: Tensor, initialState: State? = nil) -> (output: Tensor, state: State) {
        checkInput(input, states: [("hidden state", initialState?.hidden), ("cell state", initialState?.cell)])
        let (sequence, batch) = (input.shape[0], input.shape[1])
        var x = input
        var lastStates: [Tensor] = [], lastCells: [Tensor] = []
        for (layer, weights) in layerWeights.enumerated() {
            if layer > 0, let dropout { x = dropout(x) }
            let (state, cell) = initialState.map { ($0.hidden[layer], $0.cell[layer]) } ?? {
                let zeros = Tensor.zeros([batch, hidden], on: input.backend)
                return (zeros, zeros)
            }()
            let both = Tensor.lstmRecurrence(weights.inputProjection(x, bias: weights.biasIH + weights.biasHH),
                                             weight: weights.weightHH, initialState: state, initialCell: cell)
            x = both.sliced(axis: 2, 0..<hidden)
            lastStates.append(x[sequence - 1])
            lastCells.append(both[sequence - 1].sliced(axis: 1, hidden..<2 * hidden))
        }
        return (x, State(hidden: Tensor.stack(lastStates), cell: Tensor.stack(lastCells)))
    }
}
