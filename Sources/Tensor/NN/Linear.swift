import Random

/// y = x·Wᵀ + b (`nn.Linear`): every output a weighted sum of every input.
///
/// The weight is stored [outputs, inputs] as PyTorch stores it, so checkpoints carry
/// over; the product reads its transpose in place.
public final class Linear: Layer {
    /// [outputs, inputs].
    public let weight: Tensor
    /// [outputs], or nil for a layer without bias.
    public let bias: Tensor?
    public var isTraining = true

    /// A layer initialised as PyTorch's: weight and bias uniform in ±1/√inputs.
    public init(inputs: Int, outputs: Int, bias: Bool = true, generator: inout MT19937) {
        weight = Init.pytorchDefault([outputs, inputs], fanIn: inputs, generator: &generator)
        self.bias = bias ? Init.pytorchDefault([outputs], fanIn: inputs, generator: &generator) : nil
    }

    /// A layer with the given parameters: `weight` [outputs, inputs], `bias` [outputs].
    public init(weight: Tensor, bias: Tensor?) {
        guard weight.rank == 2, bias.map({ $0.shape == [weight.shape[0]] }) ?? true else {
            fatalError("Linear: weight \(weight.shape) and bias \(bias.map { "\($0.shape)" } ?? "nil")"
                       + " are not [outputs, inputs] and [outputs]")
        }
        self.weight = weight
        self.bias = bias
    }

    public var inputs: Int { weight.shape[1] }
    public var outputs: Int { weight.shape[0] }

    public var localParameters: [(name: String, tensor: Tensor)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    /// `input` [..., inputs] to [..., outputs]: the leading axes are a batch.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        guard input.rank >= 1, input.shape.last == inputs else {
            fatalError("Linear: input \(input.shape) for a layer of \(inputs) inputs")
        }
        let rows = input.reshaped([-1, inputs])
        let product = rows.matmul(weight.transposed())
        let output = bias.map { product + $0 } ?? product
        return output.reshaped(input.shape.dropLast() + [outputs])
    }
}
