import Random
import Tensor
import Toolkit

/// A `MixedInputModel` with its data, ready to train: fastai 0.7's `StructuredLearner`,
/// which the lecture gets from `md.get_learner(…)`. MSE loss on the (log) target; the
/// validation loss of each epoch is the validation rows' MSE, so its root is the RMSE.
///
///     let learn = TabularLearner(data: data, recipe: TabularRecipe(), seed: 0)
///     try learn.fit()
///     learn.validationRMSE()
public final class TabularLearner {
    public let data: TabularData
    public let model: MixedInputModel
    public let recipe: TabularRecipe
    /// The training loop, its Adam optimizer and the history of every `fit`.
    public let learner: Learner

    /// Builds the recipe's model for `data`, initialised and shuffled from `seed`.
    ///
    /// - Throws: `TabularError.lastBatchOfOne` when the model batch-normalises and the
    ///   training rows would leave a last batch of one row.
    public init(data: TabularData, recipe: TabularRecipe, seed: UInt32 = 0,
                output: TrainingOutput = .standard) throws {
        let modelData = data.modelData(batchSize: recipe.batchSize, seed: seed)
        var generator = MT19937(seed: seed)
        let model = MixedInputModel(embeddingSizes: data.processor.embeddingSizes,
                                    continuousCount: data.dataset.continuousCount,
                                    embeddingDropout: recipe.embeddingDropout, layerSizes: recipe.layerSizes,
                                    dropouts: recipe.dropouts, yRange: data.yRange,
                                    useBatchNorm: recipe.useBatchNorm, generator: &generator)
        let trainingRows = modelData.train.dataset.count
        if trainingRows % recipe.batchSize == 1, model.continuousCount > 0 || model.useBatchNorm {
            throw TabularError.lastBatchOfOne(trainingRows: trainingRows, batchSize: recipe.batchSize)
        }
        self.data = data
        self.model = model
        self.recipe = recipe
        learner = Learner(model: model, data: modelData,
                          optimizer: Adam(model.parameters, learningRate: recipe.learningRate), output: output,
                          forward: { model(categories: $0.indices("categories"), continuous: $0.tensor("continuous")) },
                          loss: { mseLoss($0, $1.tensor("target")) })
    }

    /// `m.fit(lr, epochs)`: the recipe's stages, this run's epochs written to
    /// `metricsJSON` when given (see `Learner.fit(_:metricsJSON:)`).
    @discardableResult
    public func fit(metricsJSON: String? = nil) throws -> TrainingHistory {
        try learner.fit(recipe.stages, metricsJSON: metricsJSON)
    }

    /// The model's predictions for the validation rows, in their order, with the targets.
    public func validationPredictions() -> (predictions: [Float], targets: [Float]) {
        learner.validationPredictions(target: "target")
    }

    /// The root of the validation rows' mean squared error, exact (not a mean of
    /// batches' roots).
    public func validationRMSE() -> Double {
        let (predictions, targets) = validationPredictions()
        return rootMeanSquaredError(predictions, targets)
    }
}
