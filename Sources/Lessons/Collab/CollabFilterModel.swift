import Tensor

/// A model that predicts the rating a batch of users would give a batch of items:
/// what `EmbeddingDotBias` and `EmbeddingNet` have in common, and what a
/// `CollabFilterLearner` trains.
public protocol CollabFilterModel: Module {
    /// The predicted ratings, [batch], of `users[k]` for `items[k]` (both [batch],
    /// indices from a `CollabFilterDataset`).
    func callAsFunction(users: IndexTensor, items: IndexTensor) -> Tensor
    /// The item factors, [items, factors]: the embedding the lecture interprets.
    var itemFactors: Embedding { get }
}
