/// One rate for every batch: fastai's `fit(lr, n_epochs)` without `cycle_len`.
public struct ConstantLearningRate: LearningRateSchedule {
    public let learningRate: Float
    public let epochs: Int

    public init(_ learningRate: Float, epochs: Int) {
        guard epochs >= 0 else { fatalError("ConstantLearningRate: epochs must not be negative, not \(epochs)") }
        self.learningRate = learningRate
        self.epochs = epochs
    }

    public func learningRates(batchesPerEpoch: Int) -> [Float] {
        checkBatchesPerEpoch(batchesPerEpoch, "ConstantLearningRate")
        return Array(repeating: learningRate, count: epochs * batchesPerEpoch)
    }
}
