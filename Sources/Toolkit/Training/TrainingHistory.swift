/// What `fit` measured, epoch by epoch: the rows of the table it prints, plus time.
public struct TrainingHistory: Equatable, Sendable {
    /// One epoch of training and validation.
    public struct Epoch: Equatable, Sendable {
        /// The epoch within its `fit` call, from 0, as the table numbers it.
        public var epoch: Int
        /// The smoothed training loss after the epoch's last batch (see `SmoothedLoss`).
        public var trainLoss: Double
        /// The mean loss over every validation row.
        public var validLoss: Double
        /// Each metric's value on the validation set, in `metricNames` order.
        public var metrics: [Double]
        /// Wall-clock seconds for the epoch, training and validation.
        public var seconds: Double

        public init(epoch: Int, trainLoss: Double, validLoss: Double, metrics: [Double], seconds: Double) {
            self.epoch = epoch
            self.trainLoss = trainLoss
            self.validLoss = validLoss
            self.metrics = metrics
            self.seconds = seconds
        }
    }

    /// The metrics' names, the table's last columns.
    public var metricNames: [String]
    public var epochs: [Epoch]

    public init(metricNames: [String], epochs: [Epoch] = []) {
        self.metricNames = metricNames
        self.epochs = epochs
    }

    /// The value of metric `name` in each epoch.
    public func metric(_ name: String) -> [Double] {
        guard let column = metricNames.firstIndex(of: name) else {
            fatalError("TrainingHistory: no metric '\(name)'; the metrics are \(metricNames)")
        }
        return epochs.map { $0.metrics[column] }
    }

    /// Appends the epochs of a later `fit` with the same metrics (a `Learner` keeps the
    /// history of all its fits).
    public mutating func append(_ later: TrainingHistory) {
        guard later.metricNames == metricNames else {
            fatalError("TrainingHistory: metrics \(later.metricNames) cannot follow \(metricNames)")
        }
        epochs += later.epochs
    }
}
