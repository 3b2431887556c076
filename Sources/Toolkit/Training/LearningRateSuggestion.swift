import Foundation
import Tensor

/// Where to train, read off a learning-rate sweep the two ways people read fastai's
/// `learn.sched.plot()`: where the loss falls fastest on the way down to its minimum,
/// and a tenth of the rate where it is lowest (the lecture's "the highest rate where
/// the loss is still clearly improving", made a rule by fastai v2's `lr_min`).
public struct LearningRateSuggestion: Sendable, Equatable {
    /// The rate at which the loss falls fastest against log10(rate), left of the
    /// minimum. The slope at a point is taken across half a decade of rates around it
    /// (fewer points at the ends), not between neighbours as fastai v1's `np.gradient`:
    /// a sweep of an epoch has hundreds of points a decade, and neighbour to neighbour
    /// the steepest step is the noise of a single batch, or the smoothed loss still
    /// settling at the start.
    public var steepest: Float
    /// The rate of the lowest loss, and that loss.
    public var minimum: Float
    public var minimumLoss: Float

    /// A tenth of the rate of the lowest loss: at the minimum the loss has stopped
    /// improving, so train somewhat below it.
    public var minimumOverTen: Float { minimum / 10 }

    /// Reads `sweep` (as plotted: see `LRFindReport`), whose rates grow exponentially;
    /// nil with fewer than 2 points or rates that do not grow.
    public init?(_ sweep: LearningRateSweep) {
        let losses = sweep.losses.map(Double.init), n = losses.count
        guard n >= 2 else { return nil }
        let logRates = sweep.learningRates.map { log10(Double($0)) }
        guard logRates[n - 1] > logRates[0] else { return nil }
        let lowest = losses.indices.min { losses[$0] < losses[$1] }!
        let perDecade = Double(n - 1) / (logRates[n - 1] - logRates[0])
        let reach = max(1, Int((perDecade / 4).rounded(.up)))
        let slopes = (0...lowest).map { i in
            let a = max(0, i - reach), b = min(n - 1, i + reach)
            return (losses[b] - losses[a]) / (logRates[b] - logRates[a])
        }
        steepest = sweep.learningRates[slopes.indices.min { slopes[$0] < slopes[$1] }!]
        minimum = sweep.learningRates[lowest]
        minimumLoss = sweep.losses[lowest]
    }
}
