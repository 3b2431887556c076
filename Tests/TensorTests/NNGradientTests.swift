import Random
import TestSupport
import Testing
@testable import Tensor

/// Finite-difference checks of the layers and losses (see `checkGradients`): every
/// parameter and input is a leaf whose gradient is compared.
@Suite struct NNGradientTests {
    @Test func linear() {
        checkGradients([[5, 4], [5], [3, 4]]) { Linear(weight: $0[0], bias: $0[1])($0[2]) }
        checkGradients([[5, 4], [2, 3, 4]]) { Linear(weight: $0[0], bias: nil)($0[1]) }
    }

    @Test func embedding() {
        // Row 2 is looked up three times.
        checkGradients([[4, 3]]) { Embedding(weight: $0[0])(IndexTensor([2, 0, 2, 3, 2, 1], shape: [2, 3])) }
    }

    @Test func batchNormTraining() {
        // Scaled by a fixed γ and shifted by β afterwards, so that the loss weights do
        // not see a layer with γ = 1, β = 0 only.
        checkGradients([[6, 3], [3], [3]]) { x in
            BatchNorm1d(features: 3)(x[0]) * x[1] + x[2]
        }
    }

    @Test func batchNormEvaluation() {
        checkGradients([[6, 3]]) { x in
            let norm = BatchNorm1d(features: 3)
            norm.runningMean.copy(from: Tensor([0.5, -1, 2]))
            norm.runningVariance.copy(from: Tensor([0.25, 4, 1]))
            norm.eval()
            return norm(x[0])
        }
    }

    @Test func rnnOverFiveSteps() {
        // W_ih, W_hh, b_ih, b_hh, input [5, 2, 3], initial state [1, 2, 4].
        checkGradients([[4, 3], [4, 4], [4], [4], [5, 2, 3], [1, 2, 4]], range: -1...1) { x in
            let rnn = RNN(weightIH: x[0], weightHH: x[1], biasIH: x[2], biasHH: x[3])
            let (output, hidden) = rnn(x[4], initialState: x[5])
            return Tensor.concat([output, hidden])
        }
    }

    @Test func tanhRecurrenceWithoutInitialStateGradient() {
        checkGradients([[3, 2, 4], [4, 4]], range: -1...1) { x in
            Tensor.tanhRecurrence(x[0], weight: x[1], initialState: Tensor.zeros([2, 4]))
        }
        checkGradients([[1, 2, 4], [4, 4], [2, 4]], range: -1...1) { x in
            Tensor.tanhRecurrence(x[0], weight: x[1], initialState: x[2])
        }
    }

    /// No initial state: zeros whose product with W is skipped (one step alone never
    /// touches W, whose gradient is then zero).
    @Test func tanhRecurrenceFromZeros() {
        for steps in [1, 3] {
            checkGradients([[steps, 2, 4], [4, 4]], range: -1...1) { x in
                Tensor.tanhRecurrence(x[0], weight: x[1], initialState: nil)
            }
        }
    }

    @Test func losses() {
        checkGradients([[4, 3], [4, 3]]) { mseLoss($0[0], $0[1]) }
        checkGradients([[5, 4]]) { nllLoss($0[0], IndexTensor([3, 0, 0, 2, 1])) }
        checkGradients([[5, 4]], range: -3...3) { crossEntropy($0[0], IndexTensor([3, 0, 0, 2, 1])) }
        var generator = MT19937(seed: 11)
        let logits = (0..<12).map { _ in Float(generator.uniform(-6, 6)) }
        let targets = (0..<12).map { _ in Float(generator.nextDouble()) }
        checkGradients([[3, 4], [3, 4]], values: [logits, targets]) { binaryCrossEntropyWithLogits($0[0], $0[1]) }
    }
}

/// The fused `tanhRecurrence` against its simple twin, the same recurrence written as
/// a chain of recorded operations.
@Suite struct TanhRecurrenceTests {
    static func reference(_ projection: Tensor, weight: Tensor, initialState: Tensor) -> Tensor {
        var state = initialState
        var states: [Tensor] = []
        for step in 0..<projection.shape[0] {
            state = (projection[step] + state.matmul(weight.transposed())).tanh()
            states.append(state)
        }
        return Tensor.stack(states)
    }

    @Test func matchesTheChainOfOperations() {
        let shapes = [[7, 3, 5], [5, 5], [3, 5]]
        var generator = MT19937(seed: 5)
        let values = shapes.map { shape in
            (0..<shape.reduce(1, *)).map { _ in Float(generator.uniform(-1, 1)) }
        }
        let gradient = Tensor.uniform([7, 3, 5], low: -1, high: 1, generator: &generator)
        var results: [[[Float]]] = []
        for fused in [true, false] {
            let x = zip(values, shapes).map { Tensor($0, shape: $1, requiresGrad: true) }
            let output = fused ? Tensor.tanhRecurrence(x[0], weight: x[1], initialState: x[2])
                : Self.reference(x[0], weight: x[1], initialState: x[2])
            output.backward(gradient)
            results.append([output.scalars] + x.map { $0.grad!.scalars })
        }
        for (what, (fused, reference)) in zip(["output", "grad p", "grad W", "grad h0"], zip(results[0], results[1])) {
            expectAllClose(fused, reference, atol: 1e-5, rtol: 1e-5, what)
        }
    }

    /// A nil initial state computes what explicit zeros do, and `RNN` passes nil when
    /// it is given no state.
    @Test func noInitialStateIsZeros() {
        var generator = MT19937(seed: 6)
        let projection = Tensor.uniform([6, 3, 5], low: -1, high: 1, generator: &generator)
        let weight = Tensor.uniform([5, 5], low: -1, high: 1, generator: &generator)
        let gradient = Tensor.uniform([6, 3, 5], low: -1, high: 1, generator: &generator)
        var results: [[[Float]]] = []
        for initialState in [nil, Tensor.zeros([3, 5])] {
            let (p, w) = (Tensor(projection.scalars, shape: [6, 3, 5], requiresGrad: true),
                          Tensor(weight.scalars, shape: [5, 5], requiresGrad: true))
            let output = Tensor.tanhRecurrence(p, weight: w, initialState: initialState)
            output.backward(gradient)
            results.append([output.scalars, p.grad!.scalars, w.grad!.scalars])
        }
        for (what, (fromNil, fromZeros)) in zip(["output", "grad p", "grad W"], zip(results[0], results[1])) {
            expectAllClose(fromNil, fromZeros, atol: 1e-6, rtol: 1e-6, what)
        }
    }
}
