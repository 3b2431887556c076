import Random
import TestSupport
import Testing
@testable import Tensor

/// `GRU` and `LSTM` over several steps: finite-difference checks of every parameter,
/// the input and the initial states (see `checkGradients`), and the fused recurrences
/// against their simple twins, the same cells written as chains of elementwise
/// operations that autograd differentiates.
@Suite struct RecurrentGradientTests {
    /// W_ih, W_hh, b_ih, b_hh of one layer with `gates` gates.
    static func layerShapes(inputs: Int, hidden: Int, gates: Int) -> [[Int]] {
        [[gates * hidden, inputs], [gates * hidden, hidden], [gates * hidden], [gates * hidden]]
    }

    static func weights(_ x: ArraySlice<Tensor>, gates: Int) -> RecurrentWeights {
        let x = Array(x)
        return RecurrentWeights(weightIH: x[0], weightHH: x[1], biasIH: x[2], biasHH: x[3], gates: gates,
                                layer: "test")
    }

    @Test func gruOverFourSteps() {
        // Two layers of 3 units on 2 inputs; input [4, 2, 2], initial state [2, 2, 3].
        let shapes = Self.layerShapes(inputs: 2, hidden: 3, gates: 3) + Self.layerShapes(inputs: 3, hidden: 3, gates: 3)
            + [[4, 2, 2], [2, 2, 3]]
        checkGradients(shapes, range: -1...1) { x in
            let gru = GRU(layers: [Self.weights(x[0..<4], gates: 3), Self.weights(x[4..<8], gates: 3)])
            let (output, hidden) = gru(x[8], initialState: x[9])
            return Tensor.concat([output, hidden])
        }
    }

    @Test func lstmOverFourSteps() {
        // Two layers of 3 units on 2 inputs; input [4, 2, 2], initial h and c [2, 2, 3].
        let shapes = Self.layerShapes(inputs: 2, hidden: 3, gates: 4) + Self.layerShapes(inputs: 3, hidden: 3, gates: 4)
            + [[4, 2, 2], [2, 2, 3], [2, 2, 3]]
        checkGradients(shapes, range: -1...1) { x in
            let lstm = LSTM(layers: [Self.weights(x[0..<4], gates: 4), Self.weights(x[4..<8], gates: 4)])
            let (output, state) = lstm(x[8], initialState: LSTM.State(hidden: x[9], cell: x[10]))
            return Tensor.concat([output, state.hidden, state.cell])
        }
    }

    @Test func recurrencesWithoutStateGradients() {
        // Zero initial states that need no gradient; one step, the edge of the loops.
        for steps in [1, 3] {
            checkGradients([[steps, 2, 9], [9, 3], [9]], range: -1...1) { x in
                Tensor.gruRecurrence(x[0], weight: x[1], bias: x[2], initialState: Tensor.zeros([2, 3]))
            }
            checkGradients([[steps, 2, 12], [12, 3]], range: -1...1) { x in
                Tensor.lstmRecurrence(x[0], weight: x[1], initialState: Tensor.zeros([2, 3]),
                                      initialCell: Tensor.zeros([2, 3]))
            }
        }
    }

    /// GRU cell as plain operations.
    static func gruTwin(_ p: Tensor, weight: Tensor, bias: Tensor, initialState: Tensor) -> Tensor {
        let hidden = weight.shape[1]
        var h = initialState
        var states: [Tensor] = []
        for t in 0..<p.shape[0] {
            let q = h.matmul(weight.transposed()) + bias
            func gate(_ x: Tensor, _ k: Int) -> Tensor { x.sliced(axis: 1, k * hidden..<(k + 1) * hidden) }
            let r = sigmoid(gate(p[t], 0) + gate(q, 0)), z = sigmoid(gate(p[t], 1) + gate(q, 1))
            let n = tanh(gate(p[t], 2) + r * gate(q, 2))
            h = (1 - z) * n + z * h
            states.append(h)
        }
        return Tensor.stack(states)
    }

    /// LSTM cell as plain operations, returning [h c] per step as `lstmRecurrence` does.
    static func lstmTwin(_ p: Tensor, weight: Tensor, initialState: Tensor, initialCell: Tensor) -> Tensor {
        let hidden = weight.shape[1]
        var (h, c) = (initialState, initialCell)
        var outputs: [Tensor] = []
        for t in 0..<p.shape[0] {
            let a = p[t] + h.matmul(weight.transposed())
            func gate(_ k: Int) -> Tensor { a.sliced(axis: 1, k * hidden..<(k + 1) * hidden) }
            c = sigmoid(gate(1)) * c + sigmoid(gate(0)) * tanh(gate(2))
            h = sigmoid(gate(3)) * tanh(c)
            outputs.append(Tensor.concat([h, c], axis: 1))
        }
        return Tensor.stack(outputs)
    }

    /// Runs `f` on fresh leaves of `shapes` twice, fused and twin, with the same
    /// upstream gradient, and compares outputs and every input's gradient.
    static func expectSameAsTwin(_ shapes: [[Int]], sourceLocation: SourceLocation = #_sourceLocation,
                                 fused: ([Tensor]) -> Tensor, twin: ([Tensor]) -> Tensor) {
        var generator = MT19937(seed: 3)
        let values = shapes.map { Tensor.uniform($0, low: -1, high: 1, generator: &generator).scalars }
        func run(_ f: ([Tensor]) -> Tensor) -> [[Float]] {
            let leaves = zip(values, shapes).map { Tensor($0, shape: $1, requiresGrad: true) }
            let output = f(leaves)
            var weights = MT19937(seed: 4)
            output.backward(Tensor.uniform(output.shape, low: -1, high: 1, generator: &weights))
            return [output.scalars] + leaves.map { $0.grad!.scalars }
        }
        for (i, (a, b)) in zip(run(fused), run(twin)).enumerated() {
            expectAllClose(a, b, atol: 1e-5, rtol: 1e-5, i == 0 ? "output" : "gradient of input \(i - 1)",
                        sourceLocation: sourceLocation)
        }
    }

    @Test func fusedGRUMatchesItsTwin() {
        Self.expectSameAsTwin([[6, 5, 24], [24, 8], [24], [5, 8]]) {
            Tensor.gruRecurrence($0[0], weight: $0[1], bias: $0[2], initialState: $0[3])
        } twin: {
            Self.gruTwin($0[0], weight: $0[1], bias: $0[2], initialState: $0[3])
        }
    }

    @Test func fusedLSTMMatchesItsTwin() {
        Self.expectSameAsTwin([[6, 5, 32], [32, 8], [5, 8], [5, 8]]) {
            Tensor.lstmRecurrence($0[0], weight: $0[1], initialState: $0[2], initialCell: $0[3])
        } twin: {
            Self.lstmTwin($0[0], weight: $0[1], initialState: $0[2], initialCell: $0[3])
        }
    }
}
