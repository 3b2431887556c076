/// The recurrence of a long short-term memory layer (`nn.LSTM`, Hochreiter &
/// Schmidhuber 1997) as one differentiable operation, with backpropagation through
/// time written out by hand.
extension Tensor {
    /// Every hₜ and cₜ of an LSTM layer, from h₋₁ and c₋₁, with PyTorch's gates (input
    /// i, forget f, cell g, output o, in that order along the gate axis):
    ///
    ///     a = pₜ + hₜ₋₁·W_hhᵀ
    ///     i = σ(aᵢ), f = σ(a_f), g = tanh(a_g), o = σ(aₒ)
    ///     cₜ = f ⊙ cₜ₋₁ + i ⊙ g
    ///     hₜ = o ⊙ tanh(cₜ)
    ///
    /// - Parameters:
    ///   - inputProjection: p = xₜ·W_ihᵀ + b_ih + b_hh for every step,
    ///     [steps, batch, 4·hidden], computed for all steps in one matmul by `LSTM`.
    ///   - weight: W_hh, [4·hidden, hidden].
    ///   - initialState: h₋₁, [batch, hidden].
    ///   - initialCell: c₋₁, [batch, hidden].
    /// - Returns: [hₜ cₜ] side by side for every step, [steps, batch, 2·hidden]: one
    ///   result, so that gradients reach the operation through the outputs and through
    ///   the last cell state alike.
    ///
    /// One node, as `tanhRecurrence`: going back, each step computes the gate
    /// gradients, dLoss/dcₜ₋₁ = dLoss/dcₜ ⊙ f and dLoss/dhₜ₋₁ = da·W_hh; the weight's
    /// gradient is one matmul over all steps. The tests compare it with the same cell
    /// written as a chain of elementwise operations, and with PyTorch.
    public static func lstmRecurrence(_ inputProjection: Tensor, weight: Tensor, initialState: Tensor,
                                      initialCell: Tensor) -> Tensor {
        for other in [weight, initialState, initialCell] { inputProjection.checkSameBackend(other, "lstmRecurrence") }
        let hidden = weight.shape.last ?? 0
        guard inputProjection.rank == 3, inputProjection.shape[0] > 0, inputProjection.shape[2] == 4 * hidden,
              weight.shape == [4 * hidden, hidden], initialState.shape == [inputProjection.shape[1], hidden],
              initialCell.shape == initialState.shape else {
            fatalError("lstmRecurrence: input projection \(inputProjection.shape), weight \(weight.shape), initial "
                       + "state \(initialState.shape) and cell \(initialCell.shape) are not [steps > 0, batch, "
                       + "4·hidden], [4·hidden, hidden], [batch, hidden] and [batch, hidden]")
        }
        let steps = inputProjection.shape[0]
        let projection = inputProjection.detached()
        let transposedWeight = weight.detached().transposed().preparedForMatmul()
        var (state, cell) = (initialState.detached(), initialCell.detached())
        // Kept for backward: per step, the activated gates [i f g o] and tanh(cₜ).
        var outputs: [Tensor] = [], gates: [Tensor] = [], cellTanhs: [Tensor] = []
        for step in 0..<steps {
            let a = projection[step] + state.matmul(transposedWeight)
            let activated = concat([a.sliced(axis: 1, 0..<2 * hidden).sigmoid(),
                                    a.sliced(axis: 1, 2 * hidden..<3 * hidden).tanh(),
                                    a.sliced(axis: 1, 3 * hidden..<4 * hidden).sigmoid()], axis: 1)
            let (i, f, g, o) = Self.lstmGates(activated, hidden)
            cell = f * cell + i * g
            let cellTanh = cell.tanh()
            state = o * cellTanh
            outputs.append(concat([state, cell], axis: 1))
            gates.append(activated)
            cellTanhs.append(cellTanh)
        }
        let output = stack(outputs)
        return result(output.storage, output.layout, "lstmRecurrence",
                      [inputProjection, weight, initialState, initialCell]) { gradient, inputs, output in
            let (weight, initialState, initialCell) = (inputs[1], inputs[2], inputs[3])
            let preparedWeight = weight.preparedForMatmul()
            let states = output.sliced(axis: 2, 0..<hidden), cells = output.sliced(axis: 2, hidden..<2 * hidden)
            let stateGradients = gradient.sliced(axis: 2, 0..<hidden)
            let cellGradients = gradient.sliced(axis: 2, hidden..<2 * hidden)
            var gateGradients: [Tensor] = []
            var stateGradient: Tensor?, cellGradient: Tensor?
            for step in (0..<steps).reversed() {
                let (i, f, g, o) = Self.lstmGates(gates[step], hidden)
                let cellTanh = cellTanhs[step]
                let previousCell = step > 0 ? cells[step - 1] : initialCell.detached()
                let dh = stateGradient.map { stateGradients[step] + $0 } ?? stateGradients[step]
                let dcFromState = (dh * o).activationBackward(.tanh, cellTanh, "lstmRecurrence")
                let dc = cellGradient.map { cellGradients[step] + $0 + dcFromState }
                    ?? cellGradients[step] + dcFromState
                let da = concat([(dc * g).activationBackward(.sigmoid, i, "lstmRecurrence"),
                                 (dc * previousCell).activationBackward(.sigmoid, f, "lstmRecurrence"),
                                 (dc * i).activationBackward(.tanh, g, "lstmRecurrence"),
                                 (dh * cellTanh).activationBackward(.sigmoid, o, "lstmRecurrence")], axis: 1)
                gateGradients.append(da)
                if step > 0 || initialCell.requiresGrad { cellGradient = dc * f }
                if step > 0 || initialState.requiresGrad { stateGradient = da.matmul(preparedWeight) }
            }
            let projectionGradient = stack(gateGradients.reversed())
            let weightGradient = weight.requiresGrad
                ? recurrentWeightGradient(projectionGradient, states: states, initialState: initialState) : nil
            return [projectionGradient, weightGradient, initialState.requiresGrad ? stateGradient : nil,
                    initialCell.requiresGrad ? cellGradient : nil]
        }
    }

    /// The four gates of activated [i f g o] columns, as views.
    private static func lstmGates(_ activated: Tensor, _ hidden: Int) -> (Tensor, Tensor, Tensor, Tensor) {
        (activated.sliced(axis: 1, 0..<hidden), activated.sliced(axis: 1, hidden..<2 * hidden),
         activated.sliced(axis: 1, 2 * hidden..<3 * hidden), activated.sliced(axis: 1, 3 * hidden..<4 * hidden))
    }
}
