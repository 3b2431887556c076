import Random
import Tensor
import Toolkit

/// A collaborative-filtering model with its ratings, ready to train: fastai 0.7's
/// `CollabFilterLearner`, which the lecture gets from
///
/// ```python
/// val_idxs = get_cv_idxs(len(ratings))
/// learn = cf.get_learner(n_factors, val_idxs, 64, opt_fn=optim.Adam)
/// learn.fit(1e-2, 2, wds=wd, cycle_len=1, cycle_mult=2)
/// ```
///
/// ```swift
/// let validation = validationIndices(count: cf.count)
/// let learn = cf.learner(factors: 50, validation: validation, batchSize: 64, weightDecay: 2e-4)
/// try learn.fit(1e-2, 2, cycleLength: 1, cycleMult: 2)
/// try learn.predict(user: "15", item: "1172")
/// ```
///
/// Training runs through a `Learner` (`learner`): MSE loss, the training rows shuffled
/// each epoch, the validation rows' MSE after each epoch. The lecture passes its
/// weight decay to `fit` (`wds=`); here it belongs to the optimizer, Adam's L2 decay,
/// which is what fastai makes of it.
public final class CollabFilterLearner {
    public let dataset: CollabFilterDataset
    public let model: any CollabFilterModel
    /// The training loop, its optimizer and the history of every `fit`.
    public let learner: Learner

    /// Trains `model` on `dataset` without the rows `validation`, which it validates on.
    ///
    /// - Parameters:
    ///   - batchSize: training rows per step; validation batches are twice as large.
    ///   - optimizer: makes the optimizer from the model's parameters.
    ///   - seed: the training rows' shuffle (see `DataLoader`).
    public init(dataset: CollabFilterDataset, model: any CollabFilterModel, validation: [Int], batchSize: Int = 64,
                optimizer: ([Tensor]) -> any Optimizer, seed: UInt32 = 0, output: TrainingOutput = .standard) {
        self.dataset = dataset
        self.model = model
        let data = ModelData(dataset.tensorDataset, validation: validation, batchSize: batchSize, seed: seed)
        learner = Learner(model: model, data: data, optimizer: optimizer(model.parameters), output: output,
                          forward: { model(users: $0.indices("user"), items: $0.indices("item")) },
                          loss: { mseLoss($0, $1.tensor("rating")) })
    }

    /// `learn.fit(lr, cycles, cycle_len=, cycle_mult=)`: see `Learner.fit`. The
    /// validation loss of each epoch is the validation rows' mean squared error.
    @discardableResult
    public func fit(_ learningRate: Float, _ cycles: Int, cycleLength: Int? = nil,
                    cycleMult: Int = 1) throws -> TrainingHistory {
        try learner.fit(learningRate, cycles, cycleLength: cycleLength, cycleMult: cycleMult)
    }

    /// The rating the model predicts `user` would give `item`, by their ids in the
    /// ratings file; an id not in the file is an error that says so.
    public func predict(user: String, item: String) throws(CollabFilterError) -> Float {
        let users = IndexTensor([try dataset.userIndex(user)]), items = IndexTensor([try dataset.itemIndex(item)])
        model.eval()
        defer { model.train() }
        return withoutGrad { model(users: users, items: items) }.item()
    }

    /// The model's predictions for the validation rows, in their order, with the
    /// ratings given (`learn.predict()` and `learn.data.val_y`).
    public func validationPredictions() -> (predictions: [Float], ratings: [Float]) {
        let (predictions, ratings) = learner.validationPredictions(target: "rating")
        return (predictions, ratings)
    }

    /// Saves the model, Adam's state and the epochs trained (`learn.save`).
    public func save(_ path: String) throws {
        try learner.save(path)
    }

    /// Loads a checkpoint written by `save` (`learn.load`).
    public func load(_ path: String) throws {
        try learner.load(path)
    }

    /// `load(_:)` for a checkpoint already read from `path`.
    public func load(_ file: SafeTensors, from path: String) throws {
        try learner.load(file, from: path)
    }
}

extension CollabFilterDataset {
    /// The ratings as a `TensorDataset` with columns `user` and `item` (indices) and
    /// `rating` (floats).
    public var tensorDataset: TensorDataset {
        TensorDataset(["user": .indices(IndexTensor(userIndices)), "item": .indices(IndexTensor(itemIndices)),
                       "rating": .floats(Tensor(ratings))])
    }

    /// `cf.get_learner(n_factors, val_idxs, bs, opt_fn=optim.Adam)`: an `EmbeddingDotBias`
    /// with `factors` factors, seeded with `seed`, trained by Adam with L2 weight decay
    /// `weightDecay` (the lecture's `wds`).
    public func learner(factors: Int = 50, validation: [Int], batchSize: Int = 64, weightDecay: Float = 0,
                        seed: UInt32 = 0, output: TrainingOutput = .standard) -> CollabFilterLearner {
        var generator = MT19937(seed: seed)
        let model = EmbeddingDotBias(users: users.count, items: items.count, factors: factors,
                                     ratingRange: ratingRange, generator: &generator)
        return CollabFilterLearner(dataset: self, model: model, validation: validation, batchSize: batchSize,
                                   optimizer: { Adam($0, weightDecay: weightDecay) }, seed: seed, output: output)
    }
}
