import Random

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
    /// W_ih [hidden, inputs], W_hh [hidden, hidden], b_ih and b_hh [hidden]: one gate.
    public let weights: RecurrentWeights
    public var isTraining = true

    /// A layer initialised as PyTorch's: every weight and bias uniform in ±1/√hidden,
    /// drawn in the order W_ih, W_hh, b_ih, b_hh.
    public init(inputs: Int, hidden: Int, generator: inout MT19937) {
        weights = RecurrentWeights(inputs: inputs, hidden: hidden, gates: 1, generator: &generator)
    }

    /// A layer with the given parameters, shaped as PyTorch's.
    public init(weightIH: Tensor, weightHH: Tensor, biasIH: Tensor, biasHH: Tensor) {
        weights = RecurrentWeights(weightIH: weightIH, weightHH: weightHH, biasIH: biasIH, biasHH: biasHH,
                                   gates: 1, layer: "RNN")
    }

    public var weightIH: Tensor { weights.weightIH }
    public var weightHH: Tensor { weights.weightHH }
    public var biasIH: Tensor { weights.biasIH }
    public var biasHH: Tensor { weights.biasHH }
    public var inputs: Int { weights.inputs }
    public var hidden: Int { weights.hidden }

    /// PyTorch's names (`l0`: the first and only layer), so that checkpoints line up.
    public var localParameters: [(name: String, tensor: Tensor)] { weights.named(layer: 0) }

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
            fatalError("RNN: initial state \(initialState.shape) for input \(input.shape); "
                       + "expected [1, \(batch), \(hidden)]")
        }
        let output = Tensor.tanhRecurrence(weights.inputProjection(input, bias: biasIH + biasHH), weight: weightHH,
                                           initialState: initialState?.squeezed(axis: 0))
        return (output, output[sequence - 1].unsqueezed(axis: 0))
    }
}
