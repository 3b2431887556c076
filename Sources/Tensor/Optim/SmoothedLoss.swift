import Foundation

/// The training loss `fit` reports and the learning-rate finder records: an
/// exponential moving average of the batch losses, debiased, exactly as fastai 0.7's
/// `fit` and `LR_Finder` compute it:
///
///     average ← β·average + (1 − β)·loss       (average starts at 0, β = 0.98)
///     smoothed = average / (1 − βⁿ)             (n batches so far)
///
/// A single batch's loss is noisy; the average over the last ~50 batches shows the
/// trend. Dividing by 1 − βⁿ undoes the start at 0, which would otherwise pull the
/// first values towards 0. The average runs on across the epochs of one `fit`.
public struct SmoothedLoss: Sendable {
    public let beta: Double
    private var average = 0.0
    private var batches = 0

    public init(beta: Double = 0.98) {
        self.beta = beta
    }

    /// Adds the loss of one more batch.
    public mutating func add(_ loss: Float) {
        average = beta * average + (1 - beta) * Double(loss)
        batches += 1
    }

    /// The debiased average; NaN before the first batch.
    public var value: Double {
        batches == 0 ? .nan : average / (1 - pow(beta, Double(batches)))
    }
}
