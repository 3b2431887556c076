/// Layers applied one after another (`nn.Sequential`): the output of each is the
/// input of the next. The children are named by position, `"0"`, `"1"`, …, so the
/// first layer's weight is `"0.weight"`, as in PyTorch.
public final class Sequential: Layer {
    public let layers: [any Layer]
    public var isTraining = true

    public init(_ layers: [any Layer]) {
        self.layers = layers
    }

    public convenience init(_ layers: any Layer...) {
        self.init(layers)
    }

    public var children: [(name: String, module: any Module)] {
        layers.enumerated().map { (name: String($0.offset), module: $0.element) }
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        layers.reduce(input) { x, layer in layer(x) }
    }
}
