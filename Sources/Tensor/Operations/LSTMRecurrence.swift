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
    /// gradient is one matmul over all steps. The gates of a step, and their gradients,
    /// are one backend call each (`Backend.lstmCell`, `lstmCellBackward`), one pass where
    /// the ops they stand for would make a dozen. The tests compare it with the same cell
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
        let (steps, batch) = (inputProjection.shape[0], inputProjection.shape[1])
        let backend = inputProjection.backend
        let cellLayout = Layout(contiguous: [batch, hidden]), outputLayout = Layout(contiguous: [batch, 2 * hidden])
        let gateLayout = Layout(contiguous: [batch, 4 * hidden])
        let projection = inputProjection.detached()
        let transposedWeight = weight.detached().transposed().preparedForMatmul()
        var (state, cell) = (initialState.detached(), initialCell.detached())
        // Kept for backward: per step, [hₜ cₜ] (the output) and [i f g o tanh(cₜ)].
        var outputs: [Tensor] = [], gates: [Storage] = []
        for step in 0..<steps {
            let p = projection[step], q = state.matmul(transposedWeight)
            let cellStep = backend.lstmCell(input: p.storage, p.layout, hidden: q.storage, q.layout,
                                            cell: cell.storage, cell.layout)
            let output = Tensor(storage: cellStep.output, layout: outputLayout)
            (state, cell) = (output.sliced(axis: 1, 0..<hidden), output.sliced(axis: 1, hidden..<2 * hidden))
            outputs.append(output)
            gates.append(cellStep.gates)
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
                let previousCell = step > 0 ? cells[step - 1] : initialCell.detached()
                let dh = stateGradient.map { stateGradients[step] + $0 } ?? stateGradients[step]
                let dc = cellGradient.map { cellGradients[step] + $0 } ?? cellGradients[step]
                let cellStep = backend.lstmCellBackward(state: dh.storage, dh.layout, cell: dc.storage, dc.layout,
                                                        gates: gates[step], previousCell: previousCell.storage,
                                                        previousCell.layout)
                let da = Tensor(storage: cellStep.gates, layout: gateLayout)
                gateGradients.append(da)
                if step > 0 || initialCell.requiresGrad {
                    cellGradient = Tensor(storage: cellStep.cell, layout: cellLayout)
                }
                if step > 0 || initialState.requiresGrad { stateGradient = da.matmul(preparedWeight) }
            }
            let projectionGradient = stack(gateGradients.reversed())
            let weightGradient = weight.requiresGrad
                ? recurrentWeightGradient(projectionGradient, states: states, initialState: initialState) : nil
            return [projectionGradient, weightGradient, initialState.requiresGrad ? stateGradient : nil,
                    initialCell.requiresGrad ? cellGradient : nil]
        }
    }

    /// The four gates [i f g o] of a step's activated gates, as views of their columns.
    static func lstmGates(_ activated: Tensor, _ hidden: Int) -> (Tensor, Tensor, Tensor, Tensor) {
        (activated.sliced(axis: 1, 0..<hidden), activated.sliced(axis: 1, hidden..<2 * hidden),
         activated.sliced(axis: 1, 2 * hidden..<3 * hidden), activated.sliced(axis: 1, 3 * hidden..<4 * hidden))
    }
}
