import Tensor

/// Where to train, read off a learning-rate sweep the two ways people read fastai's
/// `learn.sched.plot()`: the rate where the loss falls fastest, and a tenth of the rate
/// where it is lowest (the lecture's "the highest rate where the loss is still clearly
/// improving", made a rule by fastai v1's suggestion and v2's `lr_min`).
public struct LearningRateSuggestion: Sendable, Equatable {
    /// The rate at which the loss falls fastest against log(rate): the most negative
    /// `np.gradient` of the losses, whose rates are evenly spaced in log (fastai v1).
    public var steepest: Float
    /// The rate of the lowest loss, and that loss.
    public var minimum: Float
    public var minimumLoss: Float

    /// A tenth of the rate of the lowest loss: at the minimum the loss has stopped
    /// improving, so train somewhat below it.
    public var minimumOverTen: Float { minimum / 10 }

    /// Reads `sweep` (as plotted: see `LRFindReport`); nil with fewer than 2 points.
    public init?(_ sweep: LearningRateSweep) {
        let losses = sweep.losses, n = losses.count
        guard n >= 2 else { return nil }
        // np.gradient: one-sided differences at the ends, central ones inside.
        let slopes = (0..<n).map { i in
            i == 0 ? losses[1] - losses[0]
                : i == n - 1 ? losses[n - 1] - losses[n - 2]
                : (losses[i + 1] - losses[i - 1]) / 2
        }
        let steepest = slopes.indices.min { slopes[$0] < slopes[$1] }!
        let lowest = losses.indices.min { losses[$0] < losses[$1] }!
        self.steepest = sweep.learningRates[steepest]
        minimum = sweep.learningRates[lowest]
        minimumLoss = losses[lowest]
    }
}
