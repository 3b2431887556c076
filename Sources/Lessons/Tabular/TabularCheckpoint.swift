import Foundation
import Random
import Tensor
import Toolkit

/// A tabular model's checkpoint, everything needed to apply it to a new table: the
/// parameters, batch norm's running statistics and Adam's state (`saveCheckpoint`), and
/// in the metadata, as JSON under "tabular", the `TabularProcessor` (each column's
/// categories, each continuous column's median, mean and deviation, the target and
/// whether it was logged) with the model's shape:
///
///     {"processor": {"categorical": [{"name": "season", "categories": ["1", …]}, …], …},
///      "layerSizes": [1000, 500], "dropouts": [0.001, 0.01], "embeddingDropout": 0.04,
///      "useBatchNorm": false, "yRange": [0, 12.5]}
struct TabularModelDescription: Codable {
    var processor: TabularProcessor
    var layerSizes: [Int]
    var dropouts: [Float]
    var embeddingDropout: Float
    var useBatchNorm: Bool
    /// The prediction's range, [low, high], or nil for an unbounded output.
    var yRange: [Float]?

    static let metadataKey = "tabular"

    /// A fresh model of this shape (its weights are then loaded).
    func makeModel() -> MixedInputModel {
        var generator = MT19937(seed: 0)
        return MixedInputModel(embeddingSizes: processor.embeddingSizes,
                               continuousCount: processor.continuousInputNames.count,
                               embeddingDropout: embeddingDropout, layerSizes: layerSizes, dropouts: dropouts,
                               yRange: yRange.map { $0[0]...$0[1] }, useBatchNorm: useBatchNorm,
                               generator: &generator)
    }
}

extension TabularLearner {
    /// Saves the model, Adam's state and the epochs trained, with the processor and the
    /// model's shape, so that `loadTabularModel` (and `lesson6 tabular-predict`) can
    /// apply it to another table.
    public func save(_ path: String) throws {
        let description = TabularModelDescription(
            processor: data.processor, layerSizes: recipe.layerSizes, dropouts: recipe.dropouts,
            embeddingDropout: recipe.embeddingDropout, useBatchNorm: recipe.useBatchNorm,
            yRange: [data.yRange.lowerBound, data.yRange.upperBound])
        let json = String(decoding: try JSONEncoder().encode(description), as: UTF8.self)
        try learner.save(path, metadata: [TabularModelDescription.metadataKey: json])
    }
}

/// The model and processor of a checkpoint written by `TabularLearner.save`, the model
/// in evaluation mode.
public func loadTabularModel(_ path: String) throws -> (model: MixedInputModel, processor: TabularProcessor) {
    let file = try SafeTensors(contentsOf: path)
    guard let json = file.metadata[TabularModelDescription.metadataKey] else {
        throw CheckpointError(file: path, .badMetadata(key: TabularModelDescription.metadataKey, value: "",
                                                       expected: "the processor and model shape that "
                                                           + "`lesson6 tabular --save` writes"))
    }
    let description: TabularModelDescription
    do {
        description = try JSONDecoder().decode(TabularModelDescription.self, from: Data(json.utf8))
    } catch {
        throw CheckpointError(file: path, .badMetadata(key: TabularModelDescription.metadataKey, value: json,
                                                       expected: "a tabular model's description (\(error))"))
    }
    guard description.layerSizes.count == description.dropouts.count,
          description.layerSizes.allSatisfy({ $0 > 0 }),
          !(description.processor.categorical.isEmpty && description.processor.continuous.isEmpty),
          description.yRange.map({ $0.count == 2 && $0[0] <= $0[1] }) ?? true else {
        throw CheckpointError(file: path, .badMetadata(key: TabularModelDescription.metadataKey, value: json,
                                                       expected: "layers with one dropout each, some input "
                                                           + "columns and a range [low, high]"))
    }
    let model = description.makeModel()
    try loadCheckpoint(file, from: path, into: model)
    model.eval()
    return (model, description.processor)
}
