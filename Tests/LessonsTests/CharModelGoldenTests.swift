import Foundation
import Random
import Tensor
import TestSupport
import Testing
@testable import Lessons

/// `CharRnn`, `CharSeqStatefulGRU` and `CharSeqStatefulLSTM` against PyTorch
/// (scripts/golden/char_golden.py): with the fixture's parameters, two batches in a row,
/// the NLL loss of each and every parameter's gradient after each. The second batch of
/// the stateful models starts from the state the first ended with, so it checks that
/// the state is carried, and detached, as the notebook's `repackage_var` does.
struct CharModelGoldenTests {
    struct Batch: Decodable {
        let inputs: [Int], targets: [Int]
        let loss: Float
        let gradients: [String: GoldenTensor]
    }

    struct Case: Decodable {
        let parameters: [String: GoldenTensor]
        let batches: [Batch]
    }

    struct Golden: Decodable {
        let vocabularySize: Int, factors: Int, hidden: Int, bptt: Int, batchSize: Int
        let cases: [String: Case]
    }

    static let golden: Golden = goldenFixture("char_golden.json")

    /// Float32 against PyTorch's float32, the same operations summed in another order.
    func check(_ model: any CharModel, _ name: String) throws {
        let golden = Self.golden, expected = try #require(golden.cases[name])
        loadGoldenParameters(expected.parameters, into: model)
        let parameters = model.namedParameters
        for (index, batch) in expected.batches.enumerated() {
            model.zeroGrad()
            let logProbabilities = model(IndexTensor(batch.inputs, shape: [golden.bptt, golden.batchSize]))
            let loss = nllLoss(logProbabilities, IndexTensor(batch.targets))
            loss.backward()
            expectAllClose([loss.item()], [batch.loss], atol: 1e-6, rtol: 1e-5, "\(name) batch \(index) loss")
            for (key, tensor) in parameters {
                let gradient = try #require(batch.gradients[key])
                expectAllClose(tensor.grad?.scalars ?? [], gradient.data, atol: 1e-6, rtol: 1e-5,
                               "\(name) batch \(index) d loss / d \(key)")
            }
        }
    }

    @Test func charRnnMatchesPyTorch() throws {
        let g = Self.golden
        var generator = MT19937(seed: 0)
        try check(CharRnn(vocabularySize: g.vocabularySize, factors: g.factors, hidden: g.hidden, window: g.bptt,
                          generator: &generator), "rnn")
    }

    @Test func statefulGRUMatchesPyTorch() throws {
        let g = Self.golden
        var generator = MT19937(seed: 0)
        try check(CharSeqStatefulGRU(vocabularySize: g.vocabularySize, factors: g.factors, hidden: g.hidden,
                                     generator: &generator), "gru")
    }

    @Test func statefulLSTMMatchesPyTorch() throws {
        let g = Self.golden
        var generator = MT19937(seed: 0)
        try check(CharSeqStatefulLSTM(vocabularySize: g.vocabularySize, factors: g.factors, hidden: g.hidden,
                                      layers: 2, dropout: 0, generator: &generator), "lstm")
    }
}
