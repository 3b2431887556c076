import Random
import Tensor

/// Matrix factorisation with biases, squashed into the ratings' range: fastai 0.7's
/// `EmbeddingDotBias`, the model `cf.get_learner` builds (lecture section
/// "Collaborative filtering"):
///
///     prediction = σ(u·i + b_u + b_i) · (max − min) + min
///
/// Each user and each item has a vector of `factors` numbers and one bias. The dot
/// product says how well a user's tastes match an item's traits; the user bias how
/// generous the user is; the item bias how good the item is regardless of taste. The
/// sigmoid keeps predictions within the ratings' range, so the model spends nothing on
/// learning the scale.
///
/// The children are named as fastai's (`u`, `i`, `ub`, `ib`), so a checkpoint's keys
/// are the PyTorch model's `state_dict()` keys.
public final class EmbeddingDotBias: CollabFilterModel {
    /// `u`: [users, factors].
    public let userFactors: Embedding
    /// `i`: [items, factors].
    public let itemFactors: Embedding
    /// `ub`: [users, 1].
    public let userBiases: Embedding
    /// `ib`: [items, 1].
    public let itemBiases: Embedding
    /// min...max of the ratings.
    public let ratingRange: ClosedRange<Float>
    public var isTraining = true

    /// A model whose factors and biases start uniform in ±`initRange` (fastai's
    /// `get_emb`: ±0.05), drawn in the order u, i, ub, ib.
    public init(users: Int, items: Int, factors: Int = 50, ratingRange: ClosedRange<Float>,
                initRange: Float = 0.05, generator: inout MT19937) {
        func embedding(_ count: Int, _ dimensions: Int) -> Embedding {
            Embedding(weight: Init.uniform([count, dimensions], low: -initRange, high: initRange,
                                           generator: &generator))
        }
        userFactors = embedding(users, factors)
        itemFactors = embedding(items, factors)
        userBiases = embedding(users, 1)
        itemBiases = embedding(items, 1)
        self.ratingRange = ratingRange
    }

    public var children: [(name: String, module: any Module)] {
        [("u", userFactors), ("i", itemFactors), ("ub", userBiases), ("ib", itemBiases)]
    }

    public func callAsFunction(users: IndexTensor, items: IndexTensor) -> Tensor {
        guard users.shape.count == 1, users.shape == items.shape else {
            fatalError("EmbeddingDotBias: users \(users.shape) and items \(items.shape) are not both [batch]")
        }
        let dot = (userFactors(users) * itemFactors(items)).sum(axis: 1)
        let score = dot + userBiases(users).squeezed(axis: 1) + itemBiases(items).squeezed(axis: 1)
        return score.sigmoid() * (ratingRange.upperBound - ratingRange.lowerBound) + ratingRange.lowerBound
    }
}
