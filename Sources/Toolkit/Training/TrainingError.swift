/// Why `fit` stopped before its last epoch.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// The loss of a training batch was NaN or infinite: the learning rate is too high
    /// for the model (the updates overshoot and grow until floats overflow), or the data
    /// hold a NaN. Training stops at once, before that batch's update, so the
    /// parameters are those after the batch before. `epoch` and `batch` count from 0,
    /// as the table counts epochs.
    case nonFiniteLoss(loss: Float, epoch: Int, batch: Int, batchesPerEpoch: Int, learningRate: Float)

    public var description: String {
        switch self {
        case .nonFiniteLoss(let loss, let epoch, let batch, let batchesPerEpoch, let learningRate):
            "training diverged: the loss is \(loss) at epoch \(epoch), batch \(batch) of 0..<\(batchesPerEpoch) "
                + "(learning rate \(learningRate)); the parameters keep the values of the batch before. "
                + "Try a smaller learning rate (lrFind shows where the loss starts to climb)."
        }
    }
}
