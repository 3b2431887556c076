import Scalar

/// An Elman recurrent network with tanh (`nn.RNN`, one layer): lecture 6's
/// character model, where the hidden state carries what has been read so far.
///
/// For each step t of a [sequence, batch, inputs] input:
/// hₜ = tanh(xₜ·W_ihᵀ + b_ih + hₜ₋₁·W_hhᵀ + b_hh).
///
/// Fast for the char-RNN's shape because the input projection xₜ·W_ihᵀ + b_ih + b_hh
/// of every step is one matmul over [sequence·batch, inputs]; only hₜ₋₁·W_hhᵀ is
/// computed step by step, inside `Tensor.tanhRecurrence`, which also runs
/// backpropagation through time in one node.
public final class RNN: Module {
    /// W_ih, [hidden, inputs].
    public let weightIH: Tensor
    /// W_hh, [hidden, hidden].
    public let weightHH: Tensor
    /// b_ih, [hidden].
    public let biasIH: Tensor
    /// b_hh, [hidden].
    public let biasHH: Tensor
    public var isTraining = true

    /// A layer initialised as PyTorch's: every weight and bias uniform in ±1/√hidden,
    /// drawn in the order W_ih, W_hh, b_ih, b_hh.
    public init(inputs: Int, hidden: Int, generator: inout MT19937) {
        weightIH = Init.pytorchDefault([hidden, inputs], fanIn: hidden, generator: &generator)
        weightHH = Init.pytorchDefault([hidden, hidden], fanIn: hidden, generator: &generator)
        biasIH = Init.pytorchDefault([hidden], fanIn: hidden, generator: &generator)
        biasHH = Init.pytorchDefault([hidden], fanIn: hidden, generator: &generator)
    }

    /// A layer with the given parameters, shaped as PyTorch's.
    public init(weightIH: Tensor, weightHH: Tensor, biasIH: Tensor, biasHH: Tensor) {
        let hidden = weightHH.shape.first ?? 0
        guard weightIH.rank == 2, weightIH.shape[0] == hidden, weightHH.shape == [hidden, hidden],
              biasIH.shape == [hidden], biasHH.shape == [hidden] else {
            fatalError("RNN: weights \(weightIH.shape), \(weightHH.shape) and biases \(biasIH.shape), "
                       + "\(biasHH.shape) are not [hidden, inputs], [hidden, hidden], [hidden], [hidden]")
        }
        self.weightIH = weightIH
        self.weightHH = weightHH
        self.biasIH = biasIH
        self.biasHH = biasHH
    }

    public var inputs: Int { weightIH.shape[1] }
    public var hidden: Int { weightHH.shape[0] }

    /// PyTorch's names (`l0`: the first and only layer), so that checkpoints line up.
    public var localParameters: [(name: String, tensor: Tensor)] {
        [("weight_ih_l0", weightIH), ("weight_hh_l0", weightHH), ("bias_ih_l0", biasIH), ("bias_hh_l0", biasHH)]
    }

    /// Runs the sequence.
    ///
    /// - Parameters:
    ///   - input: [sequence, batch, inputs].
    ///   - initialState: h₋₁, [1, batch, hidden]; zeros when nil.
    /// - Returns: `output`, every step's hₜ, [sequence, batch, hidden]; `hidden`, the
    ///   last one, [1, batch, hidden], to pass as the next call's initial state
    ///   (detached, to cut backpropagation at the batch boundary).
    public func callAsFunction(_ input: Tensor, initialState: Tensor? = nil) -> (output: Tensor, hidden: Tensor) {
        guard input.rank == 3, input.shape[0] > 0, input.shape[2] == inputs else {
            fatalError("RNN: input \(input.shape) is not [sequence > 0, batch, \(inputs)]")
        }
        let (sequence, batch) = (input.shape[0], input.shape[1])
        if let initialState, initialState.shape != [1, batch, hidden] {
            fatalError("RNN: initial state \(initialState.shape) for input \(input.shape); expected [1, \(batch), \(hidden)]")
        }
        let state = initialState?.squeezed(axis: 0) ?? Tensor.zeros([batch, hidden], on: input.backend)
        let projection = input.reshaped([sequence * batch, inputs]).matmul(weightIH.transposed()) + (biasIH + biasHH)
        let output = Tensor.tanhRecurrence(projection.reshaped([sequence, batch, hidden]), weight: weightHH,
                                           initialState: state)
        return (output, output[sequence - 1].unsqueezed(axis: 0))
    }
}
