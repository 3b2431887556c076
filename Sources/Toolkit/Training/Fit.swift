import Tensor

/// Trains `model` on `data.train` for the epochs of `schedule`, validating on
/// `data.valid` after each epoch: fastai 0.7's `fit(model, data, n_epochs, opt, crit,
/// metrics)`, the loop behind `learn.fit` (see `Learner`).
///
/// Each training batch, in train mode:
///
///     optimizer.learningRate = the schedule's rate for this batch
///     optimizer.zeroGrad()
///     output = forward(batch); value = loss(output, batch)
///     value.backward(); optimizer.step()
///
/// then, in eval mode and without recording a graph, the loss over every validation
/// row (each batch's loss weighted by its size, so a smaller last batch counts for
/// what it holds) and each metric. After every epoch `fit` prints a row of the
/// lecture's table — epoch, smoothed training loss (`SmoothedLoss`), validation loss,
/// metrics — under a progress bar (`TrainingOutput`).
///
/// - Parameters:
///   - forward: the model's output for a batch (the lesson's model reads the batch's
///     columns: `model(users: batch.indices("user"), items: batch.indices("item"))`).
///   - loss: the mean loss of a batch, from the output and the batch's targets.
///   - epochsTrained: epochs the model has been trained before this call. It chooses
///     the shuffle of each epoch (see `DataLoader`), so that training resumed from a
///     checkpoint sees the batches an uninterrupted run would have seen.
///   - epochFinished: called with each epoch's row as soon as it is in the table, so
///     that a caller keeps the epochs before a divergence that ends the call.
/// - Returns: the table's numbers, and each epoch's time.
/// - Throws: `TrainingError.nonFiniteLoss`, naming the epoch and batch, as soon as a
///   training batch's loss is NaN or infinite (the batch is not applied).
@discardableResult
public func fit(_ model: any Module, _ data: ModelData, schedule: any LearningRateSchedule,
                optimizer: any Optimizer, forward: (Batch) -> Tensor, loss: (Tensor, Batch) -> Tensor,
                metrics: [Metric] = [], output: TrainingOutput = .standard, epochsTrained: Int = 0,
                epochFinished: (TrainingHistory.Epoch) -> Void = { _ in }) throws -> TrainingHistory {
    let batchesPerEpoch = data.train.batchCount
    guard batchesPerEpoch > 0, data.valid.batchCount > 0 else {
        fatalError("fit: \(data.train.dataset.count) training rows and \(data.valid.dataset.count) validation rows; "
                   + "both must be some")
    }
    let rates = schedule.learningRates(batchesPerEpoch: batchesPerEpoch)
    var history = TrainingHistory(metricNames: metrics.map(\.name))
    var trainLoss = SmoothedLoss()
    output.write(EpochTable.header(metricNames: history.metricNames) + "\n")
    for epoch in 0..<schedule.epochs {
        let start = output.now()
        var progress = ProgressBar(label: "epoch \(epoch)", total: batchesPerEpoch, output: output)
        model.train()
        for (batch, rows) in data.train.batches(epoch: epochsTrained + epoch).enumerated() {
            let learningRate = rates[epoch * batchesPerEpoch + batch]
            optimizer.learningRate = learningRate
            let value = trainingStep(rows, optimizer: optimizer, forward: forward, loss: loss)
            guard value.isFinite else {
                progress.clear()
                throw TrainingError.nonFiniteLoss(loss: value, epoch: epoch, batch: batch,
                                                  batchesPerEpoch: batchesPerEpoch, learningRate: learningRate)
            }
            trainLoss.add(value)
            progress.update(done: batch + 1, loss: trainLoss.value)
        }
        let (validLoss, metricValues) = validate(model, data.valid, forward: forward, loss: loss, metrics: metrics)
        let record = TrainingHistory.Epoch(epoch: epoch, trainLoss: trainLoss.value, validLoss: validLoss,
                                           metrics: metricValues, seconds: output.now() - start)
        history.epochs.append(record)
        progress.clear()
        output.write(EpochTable.row(record) + "\n")
        epochFinished(record)
    }
    return history
}

/// One optimizer step on `batch` at the optimizer's current rate; returns the batch's
/// loss. A NaN or infinite loss is returned without a backward pass or a step.
/// (`lesson6-bench epochs` times batches with it, as `fit` runs them.)
public func trainingStep(_ batch: Batch, optimizer: any Optimizer, forward: (Batch) -> Tensor,
                  loss: (Tensor, Batch) -> Tensor) -> Float {
    optimizer.zeroGrad()
    let value = loss(forward(batch), batch)
    let number = value.item()
    guard number.isFinite else { return number }
    value.backward()
    optimizer.step()
    return number
}

/// The mean loss over every row of `loader` and each metric's batch-size-weighted mean,
/// in eval mode without a graph; the model is back in train mode afterwards.
func validate(_ model: any Module, _ loader: DataLoader, forward: (Batch) -> Tensor,
              loss: (Tensor, Batch) -> Tensor, metrics: [Metric]) -> (loss: Double, metrics: [Double]) {
    model.eval()
    defer { model.train() }
    return withoutGrad {
        var totalLoss = 0.0, totals = [Double](repeating: 0, count: metrics.count)
        for batch in loader.batches() {
            let output = forward(batch)
            let rows = Double(batch.count)
            totalLoss += Double(loss(output, batch).item()) * rows
            for (i, metric) in metrics.enumerated() { totals[i] += Double(metric.compute(output, batch)) * rows }
        }
        let rows = Double(loader.dataset.count)
        return (totalLoss / rows, totals.map { $0 / rows })
    }
}
