import Random
import Testing
@testable import Tensor

/// A model written by hand, as a lesson would: its children are listed by name.
private final class TwoLayerNetwork: Module {
    let linear1: Linear, norm: BatchNorm1d, dropout: Dropout, linear2: Linear
    var isTraining = true

    init(generator: inout MT19937) {
        linear1 = Linear(inputs: 4, outputs: 8, generator: &generator)
        norm = BatchNorm1d(features: 8)
        dropout = Dropout(probability: 0.5, generator: &generator)
        linear2 = Linear(inputs: 8, outputs: 2, bias: false, generator: &generator)
    }

    var children: [(name: String, module: any Module)] {
        [("linear1", linear1), ("norm", norm), ("dropout", dropout), ("linear2", linear2)]
    }

    func callAsFunction(_ x: Tensor) -> Tensor {
        linear2(dropout(relu(norm(linear1(x)))))
    }
}

@Suite struct ModuleTests {
    @Test func parameterNamesComposeThroughChildren() {
        var generator = MT19937(seed: 1)
        let model = TwoLayerNetwork(generator: &generator)
        #expect(model.namedParameters.map(\.name)
                == ["linear1.weight", "linear1.bias", "norm.weight", "norm.bias", "linear2.weight"])
        #expect(model.namedBuffers.map(\.name) == ["norm.running_mean", "norm.running_var"])
        #expect(model.parameters.count == 5 && model.parameters[4] === model.linear2.weight)

        let rnn = RNN(inputs: 3, hidden: 4, generator: &generator)
        let sequential = Sequential(Linear(inputs: 2, outputs: 3, generator: &generator), ReLU(),
                                    Sequential(Linear(inputs: 3, outputs: 1, generator: &generator)))
        #expect(sequential.namedParameters.map(\.name) == ["0.weight", "0.bias", "2.0.weight", "2.0.bias"])
        #expect(rnn.namedParameters.map(\.name) == ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"])
        #expect(rnn.namedParameters.map(\.tensor.shape) == [[4, 3], [4, 4], [4], [4]])
    }

    @Test func trainAndEvalReachEveryDescendant() {
        var generator = MT19937(seed: 1)
        let inner = TwoLayerNetwork(generator: &generator)
        let model = Sequential(ReLU(), Sequential(Dropout(generator: &generator)))
        func modes(_ module: any Module) -> [Bool] {
            [module.isTraining] + module.children.flatMap { modes($0.module) }
        }
        inner.eval()
        model.eval()
        #expect(modes(inner) == [Bool](repeating: false, count: 5))
        #expect(modes(model) == [false, false, false, false])
        model.train()
        inner.train()
        #expect(modes(inner) == [Bool](repeating: true, count: 5))
        #expect(modes(model) == [true, true, true, true])
    }

    @Test func zeroGradForgetsEveryGradient() {
        var generator = MT19937(seed: 1)
        let model = TwoLayerNetwork(generator: &generator)
        model(Tensor.uniform([6, 4], low: -1, high: 1, generator: &generator)).sum().backward()
        #expect(model.parameters.allSatisfy { $0.grad != nil })
        model.zeroGrad()
        #expect(model.parameters.allSatisfy { $0.grad == nil })
    }

    @Test func sequentialAppliesLayersInOrder() {
        let double = Linear(weight: Tensor([[2]]), bias: nil), shift = Linear(weight: Tensor([[1]]), bias: Tensor([-3]))
        #expect(Sequential(double, shift, ReLU())(Tensor([[1], [2]])).scalars == [0, 1])
        #expect(Sequential(shift, double, ReLU())(Tensor([[1], [2]])).scalars == [0, 0])
    }
}

@Suite struct DropoutTests {
    @Test func dropsTheRightFractionAndScalesTheRest() {
        var generator = MT19937(seed: 2)
        let dropout = Dropout(probability: 0.3, generator: &generator)
        let x = Tensor.ones([100, 100], requiresGrad: true)
        let y = dropout(x)
        let values = y.scalars
        let dropped = Float(values.filter { $0 == 0 }.count) / Float(values.count)
        // 10 000 draws: the standard deviation of the fraction is √(0.3·0.7/10⁴) ≈ 0.0046.
        #expect(abs(dropped - 0.3) < 0.02, "dropped fraction \(dropped)")
        #expect(values.allSatisfy { $0 == 0 || $0 == 1 / Float(0.7) })
        // Backward passes the gradient through the same mask.
        y.sum().backward()
        #expect(x.grad!.scalars == values)
    }

    @Test func evaluationModeIsIdentity() {
        var generator = MT19937(seed: 2)
        let dropout = Dropout(probability: 0.5, generator: &generator)
        let x = Tensor.uniform([4, 5], generator: &generator)
        dropout.eval()
        #expect(dropout(x) === x)
        dropout.train()
        #expect(dropout(x).scalars != x.scalars)
    }

    @Test func sameSeedSameMasksAndLayersDrawApart() {
        func masks(seed: UInt32) -> ([Float], [Float]) {
            var generator = MT19937(seed: seed)
            let first = Dropout(generator: &generator), second = Dropout(generator: &generator)
            let ones = Tensor.ones([64])
            return (first(ones).scalars, second(ones).scalars)
        }
        let (a, b) = masks(seed: 9), (c, d) = masks(seed: 9)
        #expect(a == c && b == d)
        #expect(a != b)
    }

    @Test func extremeProbabilities() {
        var generator = MT19937(seed: 2)
        let x = Tensor.uniform([3, 4], low: 1, high: 2, generator: &generator)
        #expect(Dropout(probability: 0, generator: &generator)(x) === x)
        #expect(Dropout(probability: 1, generator: &generator)(x).scalars == [Float](repeating: 0, count: 12))
    }
}

@Suite struct InitTests {
    static func meanAndStandardDeviation(_ values: [Float]) -> (Double, Double) {
        let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
        let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(values.count)
        return (mean, variance.squareRoot())
    }

    @Test func kaimingNormalHasStandardDeviationRootTwoOverFanIn() {
        var generator = MT19937(seed: 4)
        let weight = Init.kaimingNormal([200, 50], generator: &generator)
        #expect(weight.requiresGrad)
        let (mean, std) = Self.meanAndStandardDeviation(weight.scalars)
        // 10 000 draws: the sample std is within ~1% of (2/50)^½ = 0.2.
        #expect(abs(mean) < 0.01 && abs(std - 0.2) < 0.006, "mean \(mean), std \(std)")
    }

    @Test func uniformAndPyTorchDefaultStayInTheirRanges() {
        var generator = MT19937(seed: 4)
        let embedding = Init.uniform([100, 50], low: 0, high: 0.05, generator: &generator).scalars
        #expect(embedding.allSatisfy { (0..<0.05).contains($0) })
        #expect(embedding.min()! < 0.001 && embedding.max()! > 0.049)

        let linear = Linear(inputs: 16, outputs: 300, generator: &generator)
        for parameter in linear.parameters {
            let values = parameter.scalars
            #expect(values.allSatisfy { abs($0) <= 0.25 } && values.max()! > 0.24 && values.min()! < -0.24)
        }
        let rnn = RNN(inputs: 3, hidden: 100, generator: &generator)
        for parameter in rnn.parameters {
            #expect(parameter.scalars.allSatisfy { abs($0) <= 0.1 })
        }
    }

    @Test func sameSeedSameModel() {
        var a = MT19937(seed: 8), b = MT19937(seed: 8)
        let first = Sequential(Linear(inputs: 3, outputs: 4, generator: &a),
                               Linear(inputs: 4, outputs: 2, generator: &a))
        let second = Sequential(Linear(inputs: 3, outputs: 4, generator: &b),
                                Linear(inputs: 4, outputs: 2, generator: &b))
        #expect(first.parameters.map(\.scalars) == second.parameters.map(\.scalars))
    }
}

@Suite struct MetricsTests {
    @Test func accuracyCountsArgmaxHits() {
        let logits = Tensor([[0.1, 0.9, 0], [2, 1, 0], [0, 0, 3], [1, 5, 2]])
        #expect(accuracy(logits, IndexTensor([1, 0, 1, 1])) == 0.75)
        #expect(accuracy(logits.reshaped([2, 2, 3]), IndexTensor([1, 0, 2, 1], shape: [2, 2])) == 1)
    }

    @Test func rootMeanSquaredError() {
        // Errors 3, 4, 0, 0: mean square 25/4.
        #expect(rmse(Tensor([4, 6, 1, 1]), Tensor([1, 2, 1, 1])) == 2.5)
    }
}
