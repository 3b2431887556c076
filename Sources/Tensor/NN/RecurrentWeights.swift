import Random

/// The four parameters of one layer of a recurrent network, as PyTorch names and
/// shapes them: W_ih [gates·hidden, inputs], W_hh [gates·hidden, hidden], b_ih and
/// b_hh [gates·hidden], where `gates` is 1 for `RNN`, 3 for `GRU` (r, z, n) and 4 for
/// `LSTM` (i, f, g, o), stacked along the first axis.
public struct RecurrentWeights {
    public let weightIH: Tensor
    public let weightHH: Tensor
    public let biasIH: Tensor
    public let biasHH: Tensor

    /// A layer's parameters initialised as PyTorch's: every one uniform in ±1/√hidden,
    /// drawn in the order W_ih, W_hh, b_ih, b_hh.
    public init(inputs: Int, hidden: Int, gates: Int, generator: inout MT19937) {
        weightIH = Init.pytorchDefault([gates * hidden, inputs], fanIn: hidden, generator: &generator)
        weightHH = Init.pytorchDefault([gates * hidden, hidden], fanIn: hidden, generator: &generator)
        biasIH = Init.pytorchDefault([gates * hidden], fanIn: hidden, generator: &generator)
        biasHH = Init.pytorchDefault([gates * hidden], fanIn: hidden, generator: &generator)
    }

    /// Given parameters; `layer` names the layer in the error when their shapes
    /// disagree with one another or with `gates`.
    public init(weightIH: Tensor, weightHH: Tensor, biasIH: Tensor, biasHH: Tensor, gates: Int, layer: String) {
        let rows = weightHH.shape.first ?? 0
        guard weightIH.rank == 2, weightHH.rank == 2, rows % gates == 0, weightHH.shape == [rows, rows / gates],
              weightIH.shape[0] == rows, biasIH.shape == [rows], biasHH.shape == [rows] else {
            fatalError("\(layer): weights \(weightIH.shape), \(weightHH.shape) and biases \(biasIH.shape), "
                       + "\(biasHH.shape) are not [\(gates)·hidden, inputs], [\(gates)·hidden, hidden], "
                       + "[\(gates)·hidden], [\(gates)·hidden]")
        }
        (self.weightIH, self.weightHH, self.biasIH, self.biasHH) = (weightIH, weightHH, biasIH, biasHH)
    }

    public var inputs: Int { weightIH.shape[1] }
    public var hidden: Int { weightHH.shape[1] }

    /// PyTorch's names for layer `index`: `weight_ih_l0`, `weight_hh_l0`, …
    func named(layer index: Int) -> [(name: String, tensor: Tensor)] {
        [("weight_ih_l\(index)", weightIH), ("weight_hh_l\(index)", weightHH),
         ("bias_ih_l\(index)", biasIH), ("bias_hh_l\(index)", biasHH)]
    }

    /// x·W_ihᵀ + `bias` for every step of `input` [steps, batch, inputs] in one matmul:
    /// [steps, batch, gates·hidden].
    func inputProjection(_ input: Tensor, bias: Tensor) -> Tensor {
        let (steps, batch) = (input.shape[0], input.shape[1])
        let rows = input.reshaped([steps * batch, inputs])
        return (rows.matmul(weightIH.transposed()) + bias).reshaped([steps, batch, weightIH.shape[0]])
    }
}
