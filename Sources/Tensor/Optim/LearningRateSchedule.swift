/// The learning rate of every batch of a training run, as fastai 0.7's `fit` sets it:
/// its scheduler callbacks (`CosAnneal`, `CircularLR_beta`) compute a rate before the
/// first batch and after each batch, and `fit` runs as many epochs as the schedule spans.
///
/// A schedule is a value that lays the whole sequence out at once, so the fit loop
/// just reads `rates[epoch × batchesPerEpoch + batch]` into `optimizer.learningRate`,
/// and a test or a plot can look at it without training.
public protocol LearningRateSchedule {
    /// The number of epochs the schedule covers, which `fit` runs.
    var epochs: Int { get }
    /// The rate of each batch of the run, in order: `epochs × batchesPerEpoch` of them.
    func learningRates(batchesPerEpoch: Int) -> [Float]
}

extension LearningRateSchedule {
    /// Stops unless `batchesPerEpoch` is positive.
    func checkBatchesPerEpoch(_ batchesPerEpoch: Int, _ schedule: String) {
        guard batchesPerEpoch > 0 else {
            fatalError("\(schedule): batchesPerEpoch must be positive, not \(batchesPerEpoch)")
        }
    }
}
