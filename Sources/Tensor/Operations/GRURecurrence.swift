/// The recurrence of a gated recurrent unit (`nn.GRU`, Cho et al. 2014) as one
/// differentiable operation, with backpropagation through time written out by hand.
extension Tensor {
    /// Every hₜ of a GRU layer, from h₋₁ = `initialState`, with PyTorch's gates
    /// (reset r, update z, new n, in that order along the gate axis):
    ///
    ///     r = σ(pᵣ + qᵣ)        q = hₜ₋₁·W_hhᵀ + b_hh
    ///     z = σ(p_z + q_z)
    ///     n = tanh(pₙ + r ⊙ qₙ)
    ///     hₜ = (1 − z) ⊙ n + z ⊙ hₜ₋₁
    ///
    /// - Parameters:
    ///   - inputProjection: p = xₜ·W_ihᵀ + b_ih for every step, [steps, batch, 3·hidden],
    ///     computed for all steps in one matmul by `GRU`.
    ///   - weight: W_hh, [3·hidden, hidden].
    ///   - bias: b_hh, [3·hidden]. It is not folded into p because its new-gate part
    ///     is multiplied by r.
    ///   - initialState: h₋₁, [batch, hidden].
    /// - Returns: every hₜ, [steps, batch, hidden].
    ///
    /// One node, as `tanhRecurrence`: going back, each step computes only the gate
    /// gradients and dLoss/dhₜ₋₁ = dLoss/dhₜ ⊙ z + dq·W_hh; the weight's gradient is
    /// one matmul over all steps. The gates of a step, and their gradients, are one
    /// backend call each (`Backend.gruCell`, `gruCellBackward`), one pass where the ops
    /// they stand for would make a dozen. The tests compare it with the same cell written
    /// as a chain of elementwise operations, and with PyTorch.
    public static func gruRecurrence(_ inputProjection: Tensor, weight: Tensor, bias: Tensor,
                                     initialState: Tensor) -> Tensor {
        for other in [weight, bias, initialState] { inputProjection.checkSameBackend(other, "gruRecurrence") }
        let hidden = weight.shape.last ?? 0
        guard inputProjection.rank == 3, inputProjection.shape[0] > 0, inputProjection.shape[2] == 3 * hidden,
              weight.shape == [3 * hidden, hidden], bias.shape == [3 * hidden],
              initialState.shape == [inputProjection.shape[1], hidden] else {
            fatalError("gruRecurrence: input projection \(inputProjection.shape), weight \(weight.shape), bias "
                       + "\(bias.shape) and initial state \(initialState.shape) are not [steps > 0, batch, 3·hidden], "
                       + "[3·hidden, hidden], [3·hidden] and [batch, hidden]")
        }
        let (steps, batch) = (inputProjection.shape[0], inputProjection.shape[1])
        let backend = inputProjection.backend
        let stateLayout = Layout(contiguous: [batch, hidden]), gateLayout = Layout(contiguous: [batch, 3 * hidden])
        let projection = inputProjection.detached()
        let transposedWeight = weight.detached().transposed().preparedForMatmul()
        let hiddenBias = bias.detached()
        var state = initialState.detached()
        // Kept for backward: per step, the gates [r z n] and q (whose new-gate part r scales).
        var states: [Tensor] = [], gates: [Tensor] = [], hiddenProjections: [Tensor] = []
        for step in 0..<steps {
            let p = projection[step], q = state.matmul(transposedWeight) + hiddenBias
            let cell = backend.gruCell(input: p.storage, p.layout, hidden: q.storage, q.layout, state: state.storage,
                                       state.layout)
            state = Tensor(storage: cell.state, layout: stateLayout)
            states.append(state)
            gates.append(Tensor(storage: cell.gates, layout: gateLayout))
            hiddenProjections.append(q)
        }
        let output = stack(states)
        return result(output.storage, output.layout, "gruRecurrence", [inputProjection, weight, bias, initialState]) {
            g, inputs, output in
            let (weight, initialState) = (inputs[1], inputs[3])
            let preparedWeight = weight.preparedForMatmul()
            let first = initialState.detached()
            var projectionGradients: [Tensor] = [], hiddenGradients: [Tensor] = []
            var stateGradient: Tensor?
            for step in (0..<steps).reversed() {
                let dh = stateGradient.map { g[step] + $0 } ?? g[step]
                let previous = step > 0 ? output[step - 1] : first
                let qn = hiddenProjections[step].sliced(axis: 1, 2 * hidden..<3 * hidden)
                let cell = backend.gruCellBackward(dh.storage, dh.layout, gates: gates[step].storage,
                                                   hidden: qn.storage, qn.layout, state: previous.storage,
                                                   previous.layout)
                projectionGradients.append(Tensor(storage: cell.input, layout: gateLayout))
                let dq = Tensor(storage: cell.hidden, layout: gateLayout)
                hiddenGradients.append(dq)
                if step > 0 || initialState.requiresGrad {
                    stateGradient = Tensor(storage: cell.state, layout: stateLayout) + dq.matmul(preparedWeight)
                }
            }
            let dq = stack(hiddenGradients.reversed()).reshaped([-1, 3 * hidden])
            let weightGradient = weight.requiresGrad
                ? recurrentWeightGradient(dq, states: output, initialState: initialState) : nil
            return [stack(projectionGradients.reversed()), weightGradient,
                    inputs[2].requiresGrad ? dq.sum(axis: 0) : nil,
                    initialState.requiresGrad ? stateGradient : nil]
        }
    }
}
