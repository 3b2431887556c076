import Foundation
import TestSupport
import Testing
@testable import Tensor

/// Layers and losses against PyTorch (scripts/golden/nn_golden.py): parameters and
/// inputs come from the fixture, every output and gradient must match to a relative
/// error of 1e-5.
extension GoldenTests {
    static let layers: [String: [String: Entry]] = goldenFixture("nn_golden.json")

    @Test func linearLayer() {
        let f = Self.layers["linear"]!
        let layer = Linear(weight: f["weight"]!.tensor, bias: f["bias"]!.tensor)
        let x = f["x"]!.tensor
        let y = layer(x)
        (y * f["w"]!.tensor.detached()).sum().backward()
        expect(y, f["out"], "out")
        expect(x.grad, f["gradX"], "grad x")
        expect(layer.weight.grad, f["gradWeight"], "grad weight")
        expect(layer.bias?.grad, f["gradBias"], "grad bias")
    }

    @Test func rnnWithInitialState() {
        let f = Self.layers["rnn"]!
        let rnn = RNN(weightIH: f["weightIH"]!.tensor, weightHH: f["weightHH"]!.tensor,
                      biasIH: f["biasIH"]!.tensor, biasHH: f["biasHH"]!.tensor)
        let x = f["x"]!.tensor, h0 = f["h0"]!.tensor
        let (output, hidden) = rnn(x, initialState: h0)
        ((output * f["wOut"]!.tensor.detached()).sum() + (hidden * f["wHidden"]!.tensor.detached()).sum()).backward()
        expect(output, f["out"], "output")
        expect(hidden, f["hidden"], "last hidden")
        expect(x.grad, f["gradX"], "grad x")
        expect(h0.grad, f["gradH0"], "grad h0")
        expect(rnn.weightIH.grad, f["gradWeightIH"], "grad weight_ih")
        expect(rnn.weightHH.grad, f["gradWeightHH"], "grad weight_hh")
        expect(rnn.biasIH.grad, f["gradBiasIH"], "grad bias_ih")
        expect(rnn.biasHH.grad, f["gradBiasHH"], "grad bias_hh")
    }

    @Test func rnnFromZeroState() {
        let parameters = Self.layers["rnn"]!, f = Self.layers["rnnZeroState"]!
        let rnn = RNN(weightIH: parameters["weightIH"]!.tensor, weightHH: parameters["weightHH"]!.tensor,
                      biasIH: parameters["biasIH"]!.tensor, biasHH: parameters["biasHH"]!.tensor)
        let x = f["x"]!.tensor
        let (output, hidden) = rnn(x)
        (output * parameters["wOut"]!.tensor.detached()).sum().backward()
        expect(output, f["out"], "output")
        expect(hidden, f["hidden"], "last hidden")
        expect(x.grad, f["gradX"], "grad x")
        expect(rnn.weightHH.grad, f["gradWeightHH"], "grad weight_hh")
    }

    @Test func batchNormTwoTrainingBatchesThenEvaluation() {
        let f = Self.layers["batchNorm"]!
        let norm = BatchNorm1d(features: 3)
        withoutGrad {
            norm.weight.copy(from: f["weight"]!.tensor)
            norm.bias.copy(from: f["bias"]!.tensor)
        }
        let (x1, x2, x3) = (f["x1"]!.tensor, f["x2"]!.tensor, f["x3"]!.tensor)

        let y1 = norm(x1)
        expect(norm.runningMean, f["runningMean1"], "running mean after batch 1")
        expect(norm.runningVariance, f["runningVar1"], "running variance after batch 1")
        let y2 = norm(x2)
        expect(norm.runningMean, f["runningMean2"], "running mean after batch 2")
        expect(norm.runningVariance, f["runningVar2"], "running variance after batch 2")
        ((y1 * f["w1"]!.tensor.detached()).sum() + (y2 * f["w2"]!.tensor.detached()).sum()).backward()
        expect(y1, f["out1"], "training output 1")
        expect(y2, f["out2"], "training output 2")
        expect(x1.grad, f["gradX1"], "grad x1")
        expect(x2.grad, f["gradX2"], "grad x2")
        expect(norm.weight.grad, f["gradWeight"], "grad weight")
        expect(norm.bias.grad, f["gradBias"], "grad bias")

        norm.eval()
        let y3 = norm(x3)
        (y3 * f["w3"]!.tensor.detached()).sum().backward()
        expect(y3, f["out3"], "evaluation output")
        expect(x3.grad, f["gradX3"], "grad x3 (evaluation)")
        expect(norm.runningMean, f["runningMean2"], "running mean unchanged by evaluation")
        expect(norm.runningVariance, f["runningVar2"], "running variance unchanged by evaluation")
    }

    /// The fixture's loss case `name`: the loss of its tensor `input` (a leaf) and the
    /// case's other entries, and the gradient of that input.
    func expectLoss(_ name: String, input key: String, sourceLocation: SourceLocation = #_sourceLocation,
                    _ loss: (Tensor, [String: Entry]) -> Tensor) {
        let f = Self.layers[name]!
        let input = f[key]!.tensor
        let value = loss(input, f)
        value.backward()
        expect(value, f["loss"], "\(name) loss", sourceLocation: sourceLocation)
        expect(input.grad, f["grad"], "\(name) grad", sourceLocation: sourceLocation)
    }

    @Test func losses() {
        expectLoss("mse", input: "input") { mseLoss($0, $1["target"]!.tensor.detached()) }
        expectLoss("nll", input: "logits") { nllLoss($0.logSoftmax(axis: 1), $1["targets"]!.indices) }
        expectLoss("crossEntropy", input: "logits") { crossEntropy($0, $1["targets"]!.indices) }
        // Logits up to ±40, where the textbook formula takes log 0.
        expectLoss("bceWithLogits", input: "logits") {
            binaryCrossEntropyWithLogits($0, $1["target"]!.tensor.detached())
        }
    }
}

extension GoldenTests.Entry {
    /// The data as class indices (the fixture stores every number as a float).
    var indices: IndexTensor { IndexTensor(data.map { Int($0) }, shape: shape) }
}
