import Foundation
import Random
import Tensor
import Toolkit

/// A small seeded regression for the training tests: y = x·[2, −1, 0.5] + 0.3 plus
/// noise of standard deviation 0.1, so the best possible mean squared error is about 0.01.
enum SyntheticRegression {
    static let rows = 600
    static let noise: Float = 0.1

    static let dataset: TensorDataset = {
        var generator = MT19937(seed: 2017)
        let x = Tensor.normal([rows, 3], generator: &generator)
        let error = Tensor.normal([rows], std: noise, generator: &generator)
        let y = x.matmul(Tensor([[2], [-1], [0.5]])).reshaped([rows]) + 0.3 + error
        return TensorDataset(["x": .floats(x), "y": .floats(y)])
    }()

    /// 480 training rows in batches of 32 (15 a epoch), 120 validation rows.
    static func data(batchSize: Int = 32) -> ModelData {
        ModelData(dataset, validation: validationIndices(count: rows), batchSize: batchSize, seed: 1)
    }

    static func loss(_ output: Tensor, _ batch: Batch) -> Tensor {
        mseLoss(output, batch.tensor("y"))
    }

    static var rmseMetric: Metric { Metric("rmse") { output, batch in rmse(output, batch.tensor("y")) } }
}

/// A linear regression model in three layers, Linear → BatchNorm → Linear (so that it has
/// buffers as well as parameters, and behaves differently in training and evaluation),
/// that records the mode of every forward pass.
final class RegressionModel: Module {
    let layers: Sequential
    var isTraining = true
    /// (training mode, grad mode) of each forward pass, in order.
    var passes: [(training: Bool, grad: Bool)] = []

    init(seed: UInt32, hidden: Int = 8) {
        var generator = MT19937(seed: seed)
        layers = Sequential(Linear(inputs: 3, outputs: hidden, generator: &generator), BatchNorm1d(features: hidden),
                            Linear(inputs: hidden, outputs: 1, generator: &generator))
    }

    var children: [(name: String, module: any Module)] { [("layers", layers)] }

    func callAsFunction(_ batch: Batch) -> Tensor {
        passes.append((isTraining, GradMode.isEnabled))
        return layers(batch.tensor("x")).reshaped([-1])
    }
}

/// An optimizer that records the learning rate of every step and hands the step to `inner`.
final class RecordingOptimizer: Optimizer {
    let inner: any Optimizer
    private(set) var rates: [Float] = []

    init(_ inner: any Optimizer) {
        self.inner = inner
    }

    var parameters: [Tensor] { inner.parameters }
    var learningRate: Float {
        get { inner.learningRate }
        set { inner.learningRate = newValue }
    }

    func step() {
        rates.append(learningRate)
        inner.step()
    }

    func stateDict() -> [String: Tensor] { inner.stateDict() }
    func loadStateDict(_ state: [String: Tensor]) throws { try inner.loadStateDict(state) }
}

/// Text written to a `TrainingOutput`, and a clock that moves one second each time it
/// is read.
final class CapturedOutput {
    var text = ""
    var time = 0.0

    func output(_ style: TrainingOutput.Style, lineInterval: Double = 10) -> TrainingOutput {
        TrainingOutput(style: style, lineInterval: lineInterval, now: { [self] in
            time += 1
            return time
        }, write: { [self] in text += $0 })
    }

    var lines: [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
}

/// A learner on the synthetic regression.
func regressionLearner(seed: UInt32 = 5, optimizer: ((RegressionModel) -> any Optimizer)? = nil,
                       output: TrainingOutput = .silent) -> (Learner, RegressionModel) {
    let model = RegressionModel(seed: seed)
    let learner = Learner(model: model, data: SyntheticRegression.data(),
                          optimizer: optimizer?(model) ?? Adam(model.parameters, learningRate: 1e-2),
                          metrics: [SyntheticRegression.rmseMetric], output: output,
                          forward: { model($0) }, loss: SyntheticRegression.loss)
    return (learner, model)
}

/// The floats of every tensor as bit patterns, for bit-exact comparisons.
func bits(_ tensors: [Tensor]) -> [[UInt32]] {
    tensors.map { $0.scalars.map(\.bitPattern) }
}
