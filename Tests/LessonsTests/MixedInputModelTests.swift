import Foundation
import Random
import Tensor
import TestSupport
import Testing
@testable import Lessons
@testable import Toolkit

/// `MixedInputModel` against PyTorch (scripts/golden/tabular_golden.py), its gradients
/// against finite differences in training mode, and its initialisation against fastai's.
struct MixedInputModelTests {
    /// One batch in training mode: its predictions, their MSE and every gradient.
    struct TrainingCase: Decodable {
        let categories: [Int32]
        let continuous: GoldenTensor
        let targets: GoldenTensor
        let parameters: [String: GoldenTensor]
        let output: GoldenTensor
        let loss: Float
        let gradients: [String: GoldenTensor]
    }

    /// The lecture case's `bn` running statistics after its training batch, and the
    /// predictions for another batch in evaluation mode.
    struct AfterTraining: Decodable {
        struct Batch: Decodable {
            let categories: [Int32]
            let continuous: GoldenTensor
            let output: GoldenTensor
        }

        let runningMean: GoldenTensor
        let runningVariance: GoldenTensor
        let evaluation: Batch

        enum CodingKeys: String, CodingKey {
            case runningMean = "running_mean", runningVariance = "running_var", evaluation
        }
    }

    /// The fixture: the batch-norm case at the top level, the lecture's configuration
    /// (no `bns`) under "lecture".
    struct Golden: Decodable {
        let batchNorm: TrainingCase
        let lecture: TrainingCase
        let afterTraining: AfterTraining

        enum CodingKeys: String, CodingKey { case lecture }

        init(from decoder: any Decoder) throws {
            batchNorm = try TrainingCase(from: decoder)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            lecture = try container.decode(TrainingCase.self, forKey: .lecture)
            afterTraining = try container.decode(AfterTraining.self, forKey: .lecture)
        }
    }

    static let golden: Golden = goldenFixture("tabular_golden.json")

    /// Two columns (embeddings 4 × 2 and 3 × 2), three continuous inputs, layers [5, 4].
    static func smallModel(dropout: Float, useBatchNorm: Bool, seed: UInt32 = 1) -> MixedInputModel {
        var generator = MT19937(seed: seed)
        return MixedInputModel(embeddingSizes: [(4, 2), (3, 2)], continuousCount: 3, embeddingDropout: dropout,
                               layerSizes: [5, 4], dropouts: [dropout, dropout], yRange: 0...3,
                               useBatchNorm: useBatchNorm, generator: &generator)
    }

    /// Float32 against PyTorch's float32: the same operations, summed in another order.
    func expectClose(_ actual: [Float], _ expected: [Float], _ what: String,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        expectAllClose(actual, expected, atol: 1e-5, rtol: 1e-5, what, sourceLocation: sourceLocation)
    }

    /// A model with PyTorch's parameters through one batch in training mode: its
    /// predictions, loss and every gradient against PyTorch's. Returns the model.
    func checkTraining(_ golden: TrainingCase, useBatchNorm: Bool) -> MixedInputModel {
        let model = Self.smallModel(dropout: 0, useBatchNorm: useBatchNorm)
        loadGoldenParameters(golden.parameters, into: model)
        let output = model(categories: IndexTensor(golden.categories, shape: [golden.categories.count / 2, 2]),
                           continuous: golden.continuous.tensor)
        expectClose(output.scalars, golden.output.data, "output")
        let loss = mseLoss(output, golden.targets.tensor)
        #expect(abs(loss.item() - golden.loss) <= 1e-5 * max(1, golden.loss))
        loss.backward()
        for (name, tensor) in model.namedParameters {
            expectClose(tensor.grad?.scalars ?? [], golden.gradients[name]!.data, "d loss / d \(name)")
        }
        return model
    }

    @Test func matchesPyTorchInTrainingMode() {
        _ = checkTraining(Self.golden.batchNorm, useBatchNorm: true)
    }

    /// The lecture's configuration (no batch norm after the hidden layers): training
    /// mode as above, the running statistics that batch leaves in `bn`, and a second
    /// batch in evaluation mode, which `bn` normalises with them.
    @Test func matchesPyTorchInTheLecturesConfigurationThenInEvaluationMode() throws {
        let golden = Self.golden
        let model = checkTraining(golden.lecture, useBatchNorm: false)
        let norm = try #require(model.continuousNorm)
        expectClose(norm.runningMean.scalars, golden.afterTraining.runningMean.data, "bn.running_mean")
        expectClose(norm.runningVariance.scalars, golden.afterTraining.runningVariance.data, "bn.running_var")
        model.eval()
        let batch = golden.afterTraining.evaluation
        let output = withoutGrad {
            model(categories: IndexTensor(batch.categories, shape: [batch.categories.count / 2, 2]),
                  continuous: batch.continuous.tensor)
        }
        expectClose(output.scalars, batch.output.data, "output in evaluation mode")
    }

    /// Every parameter's gradient against central differences of the whole model in
    /// training mode, dropout and batch norm included. Each evaluation builds the model
    /// afresh from one seed, so every forward pass draws the same dropout masks; the
    /// parameters are then set to the values being probed. The step is 1e-3, not the
    /// 1e-2 of the tensor tests: batch norm over 5 rows after a ReLU bends sharply
    /// (a few rows' variance), and a larger step crosses kinks; the sum of 5 outputs
    /// in [0, 3] still differs by far more than Float rounding (~1e-7 · 15 / 2e-3).
    @Test func gradientsMatchFiniteDifferencesInTrainingMode() {
        let categories = IndexTensor([1, 0, 3, 2, 1, 1, 0, 2, 2, 2] as [Int32], shape: [5, 2])
        var generator = MT19937(seed: 11)
        let continuous = Tensor.normal([5, 3], generator: &generator)
        let weights = Tensor.uniform([5, 1], low: -1, high: 1, generator: &generator)
        let reference = Self.smallModel(dropout: 0.3, useBatchNorm: true)
        let values = reference.parameters.map(\.scalars)
        func loss(_ values: [[Float]]) -> (Tensor, MixedInputModel) {
            let model = Self.smallModel(dropout: 0.3, useBatchNorm: true)
            withoutGrad {
                for (tensor, scalars) in zip(model.parameters, values) {
                    tensor.copy(from: Tensor(scalars, shape: tensor.shape))
                }
            }
            return ((model(categories: categories, continuous: continuous) * weights).sum(), model)
        }
        let (value, model) = loss(values)
        value.backward()
        let h: Float = 1e-3
        for (i, parameter) in model.namedParameters.enumerated() {
            let analytic = parameter.tensor.grad?.scalars ?? [Float](repeating: 0, count: parameter.tensor.count)
            for j in 0..<parameter.tensor.count {
                var plus = values, minus = values
                plus[i][j] += h
                minus[i][j] -= h
                let difference = withoutGrad { Double(loss(plus).0.item()) - Double(loss(minus).0.item()) }
                let numeric = difference / (Double(plus[i][j]) - Double(minus[i][j]))
                #expect(abs(numeric - Double(analytic[j])) <= 2e-3 + 2e-3 * abs(numeric),
                        "\(parameter.name)[\(j)]: numeric \(numeric), analytic \(analytic[j])")
            }
        }
    }

    @Test func startsAsFastai() {
        var generator = MT19937(seed: 3)
        let model = MixedInputModel(embeddingSizes: [(25, 13), (8, 4)], continuousCount: 4, embeddingDropout: 0.04,
                                    layerSizes: [1000, 500], dropouts: [0.001, 0.01], yRange: 0...8,
                                    generator: &generator)
        #expect(model.layers.map(\.inputs) == [21, 1000] && model.output.inputs == 500 && model.batchNorms.isEmpty)
        // Embeddings uniform in ±2/(width + 1).
        #expect(model.embeddings[0].weight.scalars.allSatisfy { abs($0) <= 2 / 14 })
        #expect(model.embeddings[0].weight.scalars.map { abs($0) }.max()! > 0.9 * 2 / 14)
        // Kaiming normal: standard deviation √(2/inputs).
        let weights = model.layers[1].weight.scalars.map(Double.init)
        let std = (weights.reduce(0) { $0 + $1 * $1 } / Double(weights.count)).squareRoot()
        #expect(abs(std - (2.0 / 1000).squareRoot()) < 0.002)
        #expect(model.namedParameters.map(\.name) == [
            "embs.0.weight", "embs.1.weight", "lins.0.weight", "lins.0.bias", "lins.1.weight", "lins.1.bias",
            "outp.weight", "outp.bias", "bn.weight", "bn.bias",
        ])
        // Predictions stay inside y_range.
        model.eval()
        let output = model(categories: IndexTensor([24, 7, 0, 0] as [Int32], shape: [2, 2]),
                           continuous: Tensor([100, -100, 50, 3, -7, 0, 2, 1], shape: [2, 4]))
        #expect(output.shape == [2, 1] && output.scalars.allSatisfy { (0...8).contains($0) })
    }
}
