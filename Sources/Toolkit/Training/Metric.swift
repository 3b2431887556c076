import Tensor

/// A number to watch on the validation set after every epoch, besides the loss: a
/// column of the table `fit` prints (fastai's `metrics=[accuracy]`).
///
///     Metric("rmse") { prediction, batch in rmse(prediction, batch.tensor("rating")) }
///
/// `fit` computes it for each validation batch, in evaluation mode without a graph,
/// and reports the average over batches weighted by their sizes, as fastai 0.7 does:
/// exact for a metric that is a mean over rows (accuracy), the batch-weighted mean for
/// one that is not (the root of a mean).
public struct Metric {
    /// The column heading.
    public let name: String
    /// The metric of one batch, from the model's output for it and the batch.
    public let compute: (_ output: Tensor, _ batch: Batch) -> Float

    public init(_ name: String, _ compute: @escaping (_ output: Tensor, _ batch: Batch) -> Float) {
        self.name = name
        self.compute = compute
    }
}
