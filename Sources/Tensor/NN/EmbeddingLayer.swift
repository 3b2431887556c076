import Random

/// A table of `count` learned vectors of `dimensions` numbers, looked up by index
/// (`nn.Embedding`): lecture 6's user and movie factors, and the RNN's characters.
///
/// A lookup is the same as multiplying a one-hot vector by the table, without
/// building the one-hot vector; backward adds each gradient row into the row it came
/// from (see `Tensor.subscript(_: IndexTensor)`).
public final class Embedding: Module {
    /// [count, dimensions].
    public let weight: Tensor
    public var isTraining = true

    /// A table initialised as PyTorch's: standard normal.
    public init(count: Int, dimensions: Int, generator: inout MT19937) {
        weight = Tensor.normal([count, dimensions], requiresGrad: true, generator: &generator)
    }

    /// A table with the given rows (`nn.Embedding.from_pretrained`, or a custom
    /// initialisation such as `Init.uniform([count, dimensions], low: 0, high: 0.05, …)`).
    public init(weight: Tensor) {
        guard weight.rank == 2 else { fatalError("Embedding: weight \(weight.shape) is not [count, dimensions]") }
        self.weight = weight
    }

    public var count: Int { weight.shape[0] }
    public var dimensions: Int { weight.shape[1] }

    public var localParameters: [(name: String, tensor: Tensor)] { [("weight", weight)] }

    /// The rows `indices`, shaped `indices.shape + [dimensions]`.
    public func callAsFunction(_ indices: IndexTensor) -> Tensor {
        weight[indices]
    }
}
