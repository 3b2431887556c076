import TestSupport
import Testing
@testable import Tensor

/// A backend of primitives alone trains as the CPU backend does: every fast path's
/// default against the CPU's fused kernel, through a network that reaches each of them.
@Suite struct PrimitivesOnlyBackendTests {
    /// Embeddings into a GRU and an LSTM, then linear + relu, tanh and sigmoid (the relu's
    /// output used twice, so its gradients add up through `axpy`), a clamp, linear, and
    /// both a log-softmax NLL loss and an MSE loss of the softmax. Parameters are drawn on
    /// the host, so both backends start from the same numbers.
    final class Network {
        let embedding: Embedding, gru: GRU, lstm: LSTM, hidden: Linear, output: Linear

        init(on backend: any Backend) {
            var seed: UInt32 = 0
            func parameter(_ shape: [Int]) -> Tensor {
                seed += 1
                return Tensor.uniform(shape, low: -0.5, high: 0.5, requiresGrad: true, seed: seed, on: backend)
            }
            func recurrent(inputs: Int, hidden: Int, gates: Int) -> RecurrentWeights {
                RecurrentWeights(weightIH: parameter([gates * hidden, inputs]),
                                 weightHH: parameter([gates * hidden, hidden]), biasIH: parameter([gates * hidden]),
                                 biasHH: parameter([gates * hidden]), gates: gates, layer: "test")
            }
            embedding = Embedding(weight: parameter([7, 5]))
            gru = GRU(layers: [recurrent(inputs: 5, hidden: 6, gates: 3)])
            lstm = LSTM(layers: [recurrent(inputs: 6, hidden: 6, gates: 4)])
            hidden = Linear(weight: parameter([8, 6]), bias: parameter([8]))
            output = Linear(weight: parameter([3, 8]), bias: parameter([3]))
        }

        var parameters: [Tensor] {
            ([embedding, gru, lstm, hidden, output] as [any Module]).flatMap(\.parameters)
        }

        /// The logits of a batch of 4 sequences of 3 tokens: [4, 3].
        func callAsFunction(_ tokens: IndexTensor) -> Tensor {
            let (sequence, _) = gru(embedding(tokens))
            let (outputs, _) = lstm(sequence)
            let a = hidden(outputs[2]).relu()
            return output(a.tanh() + a.sigmoid().clamped(min: 0.55, max: 0.65))
        }
    }

    /// Two training steps on `backend`: for each, the loss, every gradient, the argmax of
    /// the logits and every parameter after the optimizer's step, all as floats.
    static func train(on backend: any Backend, optimizer make: ([Tensor]) -> any Optimizer) -> [[Float]] {
        let network = Network(on: backend)
        let optimizer = make(network.parameters)
        let tokens = IndexTensor([0, 3, 6, 2, 1, 1, 5, 4, 2, 6, 0, 3], shape: [3, 4])
        let targets = IndexTensor([2, 0, 1, 2])
        let probabilities = Tensor([[0.2, 0.5, 0.3], [0.6, 0.2, 0.2], [0.1, 0.1, 0.8], [0.3, 0.3, 0.4]], on: backend)
        var results: [[Float]] = []
        for _ in 0..<2 {
            let logits = network(tokens)
            let loss = nllLoss(logits.logSoftmax(axis: 1), targets) + mseLoss(logits.softmax(axis: 1), probabilities)
            loss.backward()
            results += [loss.scalars, logits.argmax(axis: 1).scalars.map(Float.init)]
            results += network.parameters.map { $0.grad!.scalars }
            optimizer.step()
            optimizer.zeroGrad()
            results += network.parameters.map(\.scalars)
        }
        return results
    }

    static let optimizers: [(name: String, make: @Sendable ([Tensor]) -> any Optimizer)] = [
        ("Adam", { Adam($0, learningRate: 0.01) }),
        ("Adam, L2 decay", { Adam($0, learningRate: 0.01, weightDecay: 0.1) }),
        ("AdamW", { AdamW($0, learningRate: 0.01, weightDecay: 0.1) }),
        ("SGD", { SGD($0, learningRate: 0.1) }),
        ("SGD, momentum and decay", { SGD($0, learningRate: 0.1, momentum: 0.9, weightDecay: 0.01) }),
        ("SGD, Nesterov", { SGD($0, learningRate: 0.1, momentum: 0.9, nesterov: true) }),
    ]

    @Test(arguments: optimizers.indices)
    func trainsAsTheCPUDoes(_ index: Int) {
        let (name, make) = Self.optimizers[index]
        let cpu = Self.train(on: CPUBackend.shared, optimizer: make)
        let primitives = Self.train(on: PrimitivesOnlyBackend(), optimizer: make)
        for (i, (expected, actual)) in zip(cpu, primitives).enumerated() {
            expectAllClose(actual, expected, atol: 1e-8, rtol: 1e-5, "\(name), result \(i) against the CPU's")
        }
    }

    /// The fast paths that the network above does not reach on every shape.
    @Test func fastPathsOnEdgeCases() {
        let cpu = CPUBackend.shared, primitives = PrimitivesOnlyBackend()
        func both<T: Equatable>(_ body: (any Backend) -> T) -> (T, T) { (body(cpu), body(primitives)) }
        let filled = both { backend in
            let storage = backend.allocate(37)
            backend.fill(storage, with: -2.5)
            return backend.download(storage, offset: 0, count: 37)
        }
        #expect(filled.0 == filled.1 && filled.1 == Array(repeating: -2.5, count: 37))
        // Ties go to the first, NaN counts as largest, along a middle axis of a transposed view.
        let values: [Float] = [1, 3, 3, 0, .nan, 2, -1, 7, 7, 7, -.infinity, 5]
        let argmax = both { backend in
            backend.argmax(backend.upload(values), Layout(contiguous: [3, 2, 2]).transposed(0, 2), axis: 1)
        }
        #expect(argmax.0 == argmax.1)
        // Logits a thousand apart: the row maximum keeps exp finite.
        let softmax = both { backend in
            Tensor([[1000, 1001, 999], [-1000, 0, 1000]], on: backend).logSoftmax(axis: 1).scalars
        }
        #expect(zip(softmax.0, softmax.1).allSatisfy { abs($0 - $1) <= 1e-5 * (abs($0) + 1) }, "\(softmax)")
    }
}
