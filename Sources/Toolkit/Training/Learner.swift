import Foundation
import Tensor

/// A model with its data, optimizer and loss: fastai 0.7's `Learner`, through which the
/// lessons train.
///
///     let learner = Learner(model: model, data: data, optimizer: Adam(model.parameters),
///                           metrics: [Metric("rmse") { rmse($0, $1.tensor("rating")) }],
///                           forward: { model(users: $0.indices("user"), items: $0.indices("item")) },
///                           loss: { mseLoss($0, $1.tensor("rating")) })
///     let sweep = learner.lrFind()                      // learn.lr_find()
///     try learner.fit(1e-2, 3, cycleLength: 1, cycleMult: 2)   // learn.fit(1e-2, 3, cycle_len=1, cycle_mult=2)
///     try learner.save("collab.safetensors")            // learn.save('collab')
///
/// The learner counts the epochs it has trained across `fit` calls; that count chooses
/// each epoch's shuffle and is saved with checkpoints, so a learner loaded from a
/// checkpoint goes on exactly as an uninterrupted one would have.
public final class Learner {
    public let model: any Module
    public let data: ModelData
    public let optimizer: any Optimizer
    public let metrics: [Metric]
    public let output: TrainingOutput
    /// The model's output for a batch.
    public let forward: (Batch) -> Tensor
    /// The mean loss of a batch, from the model's output and the batch.
    public let loss: (Tensor, Batch) -> Tensor
    /// Epochs trained so far, over every `fit` (and any loaded checkpoint).
    public private(set) var epochsTrained = 0
    /// The table rows of every `fit` so far, in order.
    public private(set) var history: TrainingHistory

    public init(model: any Module, data: ModelData, optimizer: any Optimizer, metrics: [Metric] = [],
                output: TrainingOutput = .standard, forward: @escaping (Batch) -> Tensor,
                loss: @escaping (Tensor, Batch) -> Tensor) {
        self.model = model
        self.data = data
        self.optimizer = optimizer
        self.metrics = metrics
        self.output = output
        self.forward = forward
        self.loss = loss
        history = TrainingHistory(metricNames: metrics.map(\.name))
    }

    /// fastai 0.7's `learn.fit(lr, n_cycle, cycle_len, cycle_mult)`: one `TrainingStage`
    /// (see `TrainingStage.fit` for what the arguments mean).
    @discardableResult
    public func fit(_ learningRate: Float, _ cycles: Int, cycleLength: Int? = nil,
                    cycleMult: Int = 1) throws -> TrainingHistory {
        try fit(schedule: TrainingStage.fit(learningRate, cycles, cycleLength: cycleLength, cycleMult: cycleMult)
            .schedule)
    }

    /// Runs `stages` one after another (a lesson's recipe); returns every epoch's row.
    @discardableResult
    public func fit(_ stages: [TrainingStage]) throws -> TrainingHistory {
        var result = TrainingHistory(metricNames: metrics.map(\.name))
        for stage in stages {
            result.append(try fit(schedule: stage.schedule))
        }
        return result
    }

    /// Trains for the epochs of `schedule`, at its rate for each batch (`OneCycle`, …).
    /// Each finished epoch joins `history` at once, so when a batch diverges the epochs
    /// before it are kept (and counted) though the call throws.
    @discardableResult
    public func fit(schedule: any LearningRateSchedule) throws -> TrainingHistory {
        try Toolkit.fit(model, data, schedule: schedule, optimizer: optimizer, forward: forward, loss: loss,
                        metrics: metrics, output: output, epochsTrained: epochsTrained) { epoch in
            history.epochs.append(epoch)
            epochsTrained += 1
        }
    }

    /// `fit(stages)`, then this call's epochs written to `metricsJSON` (when given) as
    /// `TrainingHistory.writeJSON` writes them: also when training stops with an error,
    /// so a run that diverges keeps the record of the epochs before.
    @discardableResult
    public func fit(_ stages: [TrainingStage], metricsJSON: String?) throws -> TrainingHistory {
        let before = history.epochs.count
        func writeMetrics(_ note: String) throws {
            guard let metricsJSON else { return }
            let run = TrainingHistory(metricNames: history.metricNames, epochs: Array(history.epochs[before...]))
            try run.writeJSON(to: metricsJSON)
            output.write("wrote \(metricsJSON)\(note)\n")
        }
        let result: TrainingHistory
        do {
            result = try fit(stages)
        } catch {
            // The training error is the one to report; a file that cannot be written is said beside it.
            do {
                try writeMetrics(" (the \(history.epochs.count - before) epochs before training stopped)")
            } catch let writeError {
                output.write("\(writeError)\n")
            }
            throw error
        }
        try writeMetrics("")
        return result
    }

    /// fastai's `learn.lr_find()`: trains for one epoch (or `iterations` batches, going
    /// on into the next epochs' shuffles when that is more, as fastai's `lr_find2`)
    /// while the rate grows exponentially from `start` towards `end`, recording the
    /// smoothed loss at each rate, then puts the model's parameters and buffers and the
    /// optimizer's state back as they were (see `findLearningRate`), as fastai reloads
    /// the weights it saved before the sweep. Plot `losses` against `learningRates` on a
    /// log axis and pick a rate where the loss still falls steeply, about a tenth of the
    /// one at its minimum (`LearningRateSuggestion`).
    ///
    /// What is not a tensor stays as the sweep left it, as in fastai: a stateful model's
    /// hidden state (reset at the start of every epoch anyway) and dropout's random
    /// stream, so a model without dropout trains afterwards exactly as if the finder had
    /// not run, and one with dropout draws other masks.
    public func lrFind(start: Float = 1e-5, end: Float = 10, iterations: Int? = nil) -> LearningRateSweep {
        let count = iterations ?? data.train.batchCount
        var epoch = epochsTrained
        var batches = data.train.batches(epoch: epoch)
        let changed = model.parameters + model.namedBuffers.map(\.tensor)
        model.train()
        return findLearningRate(parameters: changed, optimizer: optimizer, from: start, to: end,
                                batches: count) { _ in
            var batch = batches.next()
            if batch == nil {
                epoch += 1
                batches = data.train.batches(epoch: epoch)
                batch = batches.next()
            }
            return trainingStep(batch!, optimizer: optimizer, forward: forward, loss: loss)
        }
    }

    /// The model's outputs for the validation rows, in their order and flattened, with
    /// the batches' `target` column (`learn.predict()` and `learn.data.val_y`): in
    /// evaluation mode, without gradients, the model's mode restored afterwards.
    public func validationPredictions(target: String) -> (predictions: [Float], targets: [Float]) {
        let wasTraining = model.isTraining
        model.eval()
        defer { model.train(wasTraining) }
        var predictions: [Float] = [], targets: [Float] = []
        withoutGrad {
            for batch in data.valid.batches() {
                predictions += forward(batch).scalars
                targets += batch.tensor(target).scalars
            }
        }
        return (predictions, targets)
    }

    /// Saves the model, the optimizer's state and the epochs trained to `path`
    /// (`saveCheckpoint`), with a lesson's own `metadata` beside them.
    public func save(_ path: String, metadata: [String: String] = [:]) throws {
        try saveCheckpoint(model, optimizer: optimizer,
                           metadata: metadata.merging(["epoch": String(epochsTrained)]) { $1 }, to: path)
    }

    /// Loads a checkpoint written by `save` into the model and optimizer
    /// (`loadCheckpoint`), and continues counting epochs from the saved count.
    public func load(_ path: String) throws {
        try load(SafeTensors(contentsOf: path), from: path)
    }

    /// `load(_:)` for a checkpoint already read from `path` (to look at its metadata
    /// first, say).
    public func load(_ file: SafeTensors, from path: String) throws {
        let epoch = file.metadata["epoch"] ?? "0"
        guard let count = Int(epoch), count >= 0 else {
            throw CheckpointError(file: path, .badMetadata(key: "epoch", value: epoch,
                                                           expected: "a whole number ≥ 0"))
        }
        try loadCheckpoint(file, from: path, into: model, optimizer: optimizer)
        epochsTrained = count
    }
}

/// √mean((p − t)²), accumulated in Double: the exact RMSE of `validationPredictions`
/// (not a mean of batches' roots).
public func rootMeanSquaredError(_ predictions: [Float], _ targets: [Float]) -> Double {
    precondition(predictions.count == targets.count && !targets.isEmpty,
                 "rootMeanSquaredError: \(predictions.count) predictions for \(targets.count) targets")
    let sum = zip(predictions, targets).reduce(0.0) { $0 + pow(Double($1.0) - Double($1.1), 2) }
    return (sum / Double(targets.count)).squareRoot()
}
