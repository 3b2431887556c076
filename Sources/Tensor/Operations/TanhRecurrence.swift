/// The recurrence of an Elman RNN (`nn.RNN` with tanh) as one differentiable
/// operation, with backpropagation through time written out by hand.
extension Tensor {
    /// hₜ = tanh(pₜ + hₜ₋₁·Wᵀ) for every step t, from h₋₁ = `initialState`.
    ///
    /// - Parameters:
    ///   - inputProjection: p, [steps, batch, hidden]: each step's input already
    ///     multiplied by the input weight and the biases added, for all steps at once.
    ///   - weight: W, the hidden-to-hidden weight, [hidden, hidden].
    ///   - initialState: h₋₁, [batch, hidden]; nil for zeros (PyTorch's `hx=None`), whose
    ///     product with W is skipped: h₀ = tanh(p₀), and W's gradient sums over the other
    ///     steps only. (`CharRnn` starts every batch from zeros, so this is one product of
    ///     eight forward and one of eight in the weight's gradient.)
    /// - Returns: every hₜ, [steps, batch, hidden].
    ///
    /// Recorded as one node rather than as a chain of matmuls, adds and tanhs: going
    /// back, the per-step work is only what truly is sequential — with
    /// aₜ = pₜ + hₜ₋₁·Wᵀ, dLoss/daₜ = (gₜ + dLoss/daₜ₊₁·W)·(1 − hₜ²) — while the
    /// weight's gradient Σₜ (dLoss/daₜ)ᵀ·hₜ₋₁ is one matmul over all steps, and no
    /// per-step slice of p needs a gradient of p's full size. Each step, forward and
    /// back, is one backend call (`Backend.matmul(_:prepared:m:adding:_:then:into:offset:)`):
    /// the product, with the add and the tanh (or its derivative) as its epilogue, written
    /// straight into its place in the output (or in p's gradient), so neither costs a
    /// pass of its own nor a copy into a stacked result. The tests check it by finite
    /// differences (`NNGradientTests`) and against PyTorch (`GoldenTests`).
    public static func tanhRecurrence(_ inputProjection: Tensor, weight: Tensor, initialState: Tensor?) -> Tensor {
        inputProjection.checkSameBackend(weight, "tanhRecurrence")
        if let initialState { inputProjection.checkSameBackend(initialState, "tanhRecurrence") }
        guard inputProjection.rank == 3, inputProjection.shape[0] > 0,
              weight.shape == [inputProjection.shape[2], inputProjection.shape[2]],
              initialState == nil || initialState!.shape == [inputProjection.shape[1], inputProjection.shape[2]] else {
            fatalError("tanhRecurrence: input projection \(inputProjection.shape), weight \(weight.shape) and "
                       + "initial state \(initialState.map { "\($0.shape)" } ?? "nil") are not [steps > 0, batch, "
                       + "hidden], [hidden, hidden] and [batch, hidden]")
        }
        let (steps, batch, hidden) = (inputProjection.shape[0], inputProjection.shape[1], inputProjection.shape[2])
        let backend = inputProjection.backend
        let projection = inputProjection.detached()
        let transposedWeight = weight.detached().transposed().preparedForMatmul()
        // Each hₜ is written straight into its place in the output, [steps, batch, hidden].
        let states = backend.allocate(steps * batch * hidden)
        func state(_ step: Int) -> Tensor {
            Tensor(storage: states, layout: Layout(contiguous: [batch, hidden], offset: step * batch * hidden))
        }
        for step in 0..<steps {
            if let previous = step > 0 ? state(step - 1) : initialState?.detached() {
                // hₜ = tanh(pₜ + hₜ₋₁·Wᵀ), one backend call.
                recurrentStep(previous, transposedWeight, adding: projection[step], then: .unary(.tanh),
                              into: states, offset: step * batch * hidden)
            } else {
                let first = projection[step].tanh()
                backend.copy(first.storage, first.layout, to: states, state(step).layout)
            }
        }
        let inputs = [inputProjection, weight] + (initialState.map { [$0] } ?? [])
        return result(states, Layout(contiguous: [steps, batch, hidden]), "tanhRecurrence", inputs) {
            g, inputs, output in
            let weight = inputs[1], initialState = inputs.count > 2 ? inputs[2] : nil
            let stateNeedsGradient = initialState?.requiresGrad ?? false
            let preparedWeight = weight.preparedForMatmul()
            // Each dLoss/daₜ is written straight into its place in p's gradient.
            let deltas = backend.allocate(steps * batch * hidden)
            func delta(_ step: Int) -> Tensor {
                Tensor(storage: deltas, layout: Layout(contiguous: [batch, hidden], offset: step * batch * hidden))
            }
            let last = g[steps - 1].activationBackward(.tanh, output[steps - 1], "tanhRecurrence")
            backend.copy(last.storage, last.layout, to: deltas, delta(steps - 1).layout)
            for step in (1..<steps).reversed() {
                // dLoss/daₜ₋₁ = (gₜ₋₁ + dLoss/daₜ·W)·(1 − hₜ₋₁²), one backend call.
                let saved = output[step - 1]
                recurrentStep(delta(step), preparedWeight, adding: g[step - 1],
                              then: .activationBackward(.tanh, saved: saved.storage, saved.layout),
                              into: deltas, offset: (step - 1) * batch * hidden)
            }
            let projectionGradient = Tensor(storage: deltas, layout: Layout(contiguous: [steps, batch, hidden]))
            let weightGradient = weight.requiresGrad
                ? recurrentWeightGradient(projectionGradient, states: output, initialState: initialState) : nil
            var gradients = [projectionGradient, weightGradient]
            if initialState != nil { gradients.append(stateNeedsGradient ? delta(0).matmul(preparedWeight) : nil) }
            return gradients
        }
    }

    /// epilogue(addend + a·W) into the rows of `destination` from `offset` on: a
    /// recurrent step in one backend call (`Backend.matmul(_:prepared:m:adding:…)`).
    private static func recurrentStep(_ a: Tensor, _ w: PreparedMatrix, adding addend: Tensor,
                                      then epilogue: MatmulEpilogue, into destination: Storage, offset: Int) {
        let (kept, operand) = a.matrixOperand()
        a.backend.matmul(operand, prepared: w.operand, m: a.shape[0], adding: addend.storage, addend.layout,
                         then: epilogue, into: destination, offset: offset)
        withExtendedLifetime(kept) {}
    }

    /// The gradient of a recurrence's hidden-to-hidden weight W, where each step's
    /// pre-activations are aₜ = … + hₜ₋₁·Wᵀ: Σₜ (dLoss/daₜ)ᵀ·hₜ₋₁, one matmul over all
    /// steps. `preactivationGradients`: [steps, batch, gates·hidden] (or flattened to
    /// [steps·batch, gates·hidden]); `states`: every hₜ, [steps, batch, hidden]; h₋₁ is
    /// `initialState`, or zeros when nil, which leave step 0 out of the sum. The tanh, GRU
    /// and LSTM recurrences share it.
    static func recurrentWeightGradient(_ preactivationGradients: Tensor, states: Tensor,
                                        initialState: Tensor?) -> Tensor {
        let (steps, batch, hidden) = (states.shape[0], states.shape[1], states.shape[2])
        let gradients = preactivationGradients.reshaped([steps, batch, preactivationGradients.shape.last!])
        guard let initialState else {
            guard steps > 1 else { return Tensor.zeros([gradients.shape[2], hidden], on: states.backend) }
            return gradients[1..<steps].reshaped([-1, gradients.shape[2]]).transposed()
                .matmul(states[0..<steps - 1].reshaped([-1, hidden]))
        }
        let first = initialState.detached().unsqueezed(axis: 0)
        let previous = steps == 1 ? first : concat([first, states[0..<steps - 1]])
        return gradients.reshaped([-1, gradients.shape[2]]).transposed().matmul(previous.reshaped([-1, hidden]))
    }
}
