import Foundation
import Random
import Tensor
import TestSupport
import Testing
@testable import Lessons

/// `EmbeddingDotBias` and `EmbeddingNet` against PyTorch (scripts/golden/collab_golden.py):
/// with the fixture's parameters, the predictions, the MSE loss and every parameter's
/// gradient must match to a relative 1e-5.
struct CollabModelTests {
    struct Case: Decodable {
        let parameters: [String: GoldenTensor]
        let gradients: [String: GoldenTensor]
        let prediction: GoldenTensor
        let loss: Float
    }

    struct Golden: Decodable {
        let users: [Int], items: [Int], ratings: [Float], range: [Float]
        let factors: Int, userCount: Int, itemCount: Int, hidden: Int
        let cases: [String: Case]
    }

    static let golden: Golden = goldenFixture("collab_golden.json")

    /// Copies the fixture's parameters into `model` by name, runs the batch in eval
    /// mode and compares everything PyTorch computed.
    func check(_ model: any CollabFilterModel, _ name: String) {
        let golden = Self.golden, expected = golden.cases[name]!
        loadGoldenParameters(expected.parameters, into: model)
        let parameters = model.namedParameters
        model.eval()
        let prediction = model(users: IndexTensor(golden.users), items: IndexTensor(golden.items))
        let loss = mseLoss(prediction, Tensor(golden.ratings))
        loss.backward()
        expectClose(prediction.scalars, expected.prediction.data, "\(name) prediction")
        expectClose([loss.item()], [expected.loss], "\(name) loss")
        for (key, tensor) in parameters {
            expectClose(tensor.grad?.scalars ?? [], expected.gradients[key]!.data, "\(name) grad \(key)")
        }
    }

    /// Float32 against PyTorch's float32: the same operations, summed in another order.
    func expectClose(_ actual: [Float], _ expected: [Float], _ what: String,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        expectAllClose(actual, expected, atol: 1e-5, rtol: 1e-5, what, sourceLocation: sourceLocation)
    }

    var range: ClosedRange<Float> { Self.golden.range[0]...Self.golden.range[1] }

    @Test func embeddingDotBiasMatchesPyTorch() {
        var generator = MT19937(seed: 0)
        let golden = Self.golden
        check(EmbeddingDotBias(users: golden.userCount, items: golden.itemCount, factors: golden.factors,
                               ratingRange: range, generator: &generator), "dotbias")
    }

    @Test func embeddingNetMatchesPyTorch() {
        var generator = MT19937(seed: 0)
        let golden = Self.golden
        check(EmbeddingNet(users: golden.userCount, items: golden.itemCount, factors: golden.factors,
                           hidden: golden.hidden, ratingRange: range, generator: &generator), "net")
    }

    /// The lecture's initialisation: every factor and bias uniform in ±0.05, named as
    /// fastai's state_dict; predictions start near the middle of the range.
    @Test func embeddingDotBiasStartsAsTheLecture() {
        var generator = MT19937(seed: 42)
        let model = EmbeddingDotBias(users: 671, items: 9066, factors: 50, ratingRange: 0.5...5, generator: &generator)
        #expect(model.namedParameters.map(\.name) == ["u.weight", "i.weight", "ub.weight", "ib.weight"])
        #expect(model.namedParameters.map(\.tensor.shape) == [[671, 50], [9066, 50], [671, 1], [9066, 1]])
        for parameter in model.parameters {
            let values = parameter.scalars
            #expect(values.allSatisfy { (-0.05..<0.05).contains($0) })
            #expect(values.max()! > 0.049 && values.min()! < -0.049)
        }
        let prediction = withoutGrad { model(users: [0, 5, 670], items: [0, 9065, 17]) }.scalars
        #expect(prediction.allSatisfy { abs($0 - 2.75) < 0.1 }, "\(prediction)")
    }

    /// Dropout acts in training mode only; outputs stay within (min − 0.5, max + 0.5).
    @Test func embeddingNetDropsOutOnlyWhenTraining() {
        var generator = MT19937(seed: 1)
        let model = EmbeddingNet(users: 20, items: 30, factors: 8, ratingRange: 1...5, initRange: 1,
                                 generator: &generator)
        #expect(model.namedParameters.map(\.name)
                == ["u.weight", "m.weight", "lin1.weight", "lin1.bias", "lin2.weight", "lin2.bias"])
        let users = IndexTensor((0..<60).map { $0 % 20 }), items = IndexTensor((0..<60).map { $0 % 30 })
        model.eval()
        let evaluated = withoutGrad { model(users: users, items: items) }.scalars
        #expect(withoutGrad { model(users: users, items: items) }.scalars == evaluated)
        model.train()
        let trained = withoutGrad { model(users: users, items: items) }.scalars
        #expect(trained != evaluated)
        #expect((evaluated + trained).allSatisfy { $0 > 0.5 && $0 < 5.5 })
    }
}
