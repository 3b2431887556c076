import Random
import Tensor

/// A small neural network on the user and item embeddings, instead of their dot
/// product: the lecture's `EmbeddingNet` (section "Mini net").
///
///     x = dropout₀.₀₅([u, m])               the two embeddings side by side, [batch, 2·factors]
///     x = dropout₀.₅(relu(lin1(x)))          [batch, hidden]
///     prediction = σ(lin2(x)) · (max − min + 1) + min − 0.5
///
/// The network can learn interactions a dot product cannot express; the output range is
/// half a star wider on each side than the ratings', so that the extremes are reachable
/// without an infinite score. The children are named as the lecture's (`u`, `m`,
/// `lin1`, `lin2`); dropout has no parameters.
public final class EmbeddingNet: CollabFilterModel {
    /// `u`: [users, factors].
    public let userFactors: Embedding
    /// `m`: [items, factors].
    public let itemFactors: Embedding
    /// `lin1`: 2·factors → hidden.
    public let hiddenLayer: Linear
    /// `lin2`: hidden → 1.
    public let outputLayer: Linear
    public let inputDropout: Dropout
    public let hiddenDropout: Dropout
    public let ratingRange: ClosedRange<Float>
    public var isTraining = true

    /// The lecture's model: embeddings uniform in ±`initRange` (the official notebook's `get_emb`, ±0.01;
    /// the library's, which the notes quote and `EmbeddingDotBias` keeps, is ±0.05),
    /// linear layers initialised as PyTorch's, dropout 0.05 on the embeddings and 0.5 on
    /// the hidden layer. Draws in the order u, m, lin1, lin2, then the dropout seeds.
    public init(users: Int, items: Int, factors: Int = 50, hidden: Int = 10, ratingRange: ClosedRange<Float>,
                inputDropout: Float = 0.05, hiddenDropout: Float = 0.5, initRange: Float = 0.01,
                generator: inout MT19937) {
        userFactors = Embedding(weight: Init.uniform([users, factors], low: -initRange, high: initRange,
                                                     generator: &generator))
        itemFactors = Embedding(weight: Init.uniform([items, factors], low: -initRange, high: initRange,
                                                     generator: &generator))
        hiddenLayer = Linear(inputs: 2 * factors, outputs: hidden, generator: &generator)
        outputLayer = Linear(inputs: hidden, outputs: 1, generator: &generator)
        self.inputDropout = Dropout(probability: inputDropout, generator: &generator)
        self.hiddenDropout = Dropout(probability: hiddenDropout, generator: &generator)
        self.ratingRange = ratingRange
    }

    public var children: [(name: String, module: any Module)] {
        [("u", userFactors), ("m", itemFactors), ("lin1", hiddenLayer), ("lin2", outputLayer),
         ("drop1", inputDropout), ("drop2", hiddenDropout)]
    }

    public func callAsFunction(users: IndexTensor, items: IndexTensor) -> Tensor {
        guard users.shape.count == 1, users.shape == items.shape else {
            fatalError("EmbeddingNet: users \(users.shape) and items \(items.shape) are not both [batch]")
        }
        let embeddings = inputDropout(Tensor.concat([userFactors(users), itemFactors(items)], axis: 1))
        let hidden = hiddenDropout(hiddenLayer(embeddings).relu())
        let (low, high) = (ratingRange.lowerBound, ratingRange.upperBound)
        return outputLayer(hidden).squeezed(axis: 1).sigmoid() * (high - low + 1) + (low - 0.5)
    }
}
