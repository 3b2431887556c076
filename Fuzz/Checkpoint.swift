import Foundation
import Random
import Tensor
import Toolkit

// libFuzzer target `checkpoint`: the input is a checkpoint's bytes, loaded as `lesson6
// collab --load FILE` loads one: read as safetensors, then `Learner.load(_:from:)` (the
// epoch in the metadata, then `loadCheckpoint`: CRC-32, model kind, tensor names and
// shapes, Adam's state) into a small learner made afresh for every input. Its model is
// Linear(2, 3) → BatchNorm1d(3) → Linear(3, 1), so that it has parameters and buffers;
// the seed corpus holds its checkpoints, written by `Learner.save` after some steps.
// A `SafeTensorsError`, `CheckpointError` or `OptimizerStateError` is a good answer.

/// Five rows of two inputs and a target: four to train on in batches of two (BatchNorm
/// needs more than one row a batch), one to validate on. A learner needs data.
private let modelData: ModelData = {
    let dataset = TensorDataset(["x": .floats(Tensor([[0, 1], [1, 0], [1, 1], [0, 0], [2, 1]])),
                                 "y": .floats(Tensor([1, -1, 0, 0.5, 2]))])
    return ModelData(dataset, validation: [4], batchSize: 2, seed: 1)
}()

/// The learner a checkpoint is loaded into (and the one that wrote the seed checkpoints).
func fuzzLearner() -> Learner {
    var generator = MT19937(seed: 1)
    let model = Sequential(Linear(inputs: 2, outputs: 3, generator: &generator), BatchNorm1d(features: 3),
                           Linear(inputs: 3, outputs: 1, generator: &generator))
    return Learner(model: model, data: modelData, optimizer: Adam(model.parameters),
                   output: TrainingOutput(style: .lines) { _ in },
                   forward: { model($0.tensor("x")).reshaped([-1]) },
                   loss: { mseLoss($0, $1.tensor("y")) })
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let file = try? SafeTensors(serialized: Data(bytes: data, count: size), file: "<fuzz>") else { return 0 }
    _ = try? fuzzLearner().load(file, from: "<fuzz>")
    return 0
}
