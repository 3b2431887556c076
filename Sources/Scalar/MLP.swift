import Random

/// A tiny neural network made of `Value`s (micrograd's `nn.py`), trained by the
/// `lesson6 scalar` command: every weight is a scalar with its own gradient.

/// Anything with trainable scalars.
public protocol ScalarModule {
    var parameters: [Value] { get }
}

extension ScalarModule {
    /// Zeroes every parameter's gradient before the next backward pass.
    public func zeroGrad() {
        for p in parameters { p.grad = 0 }
    }
}

/// One unit: `activation(w·x + b)`.
public struct Neuron: ScalarModule {
    public let weights: [Value]
    public let bias: Value
    public let nonlinear: Bool

    /// Weights uniform in [-1, 1) from `generator`; the bias starts at zero.
    public init(inputs: Int, nonlinear: Bool = true, generator: inout MT19937) {
        weights = (0..<inputs).map { _ in Value(generator.uniform(-1, 1)) }
        bias = Value(0)
        self.nonlinear = nonlinear
    }

    public func callAsFunction(_ x: [Value]) -> Value {
        precondition(x.count == weights.count,
                     "Neuron: expected \(weights.count) inputs, got \(x.count)")
        let sum = zip(weights, x).reduce(bias) { $0 + $1.0 * $1.1 }
        return nonlinear ? sum.tanh() : sum
    }

    public var parameters: [Value] { weights + [bias] }
}

/// Several neurons reading the same inputs.
public struct Layer: ScalarModule {
    public let neurons: [Neuron]

    public init(inputs: Int, outputs: Int, nonlinear: Bool = true, generator: inout MT19937) {
        var made: [Neuron] = []
        for _ in 0..<outputs {
            made.append(Neuron(inputs: inputs, nonlinear: nonlinear, generator: &generator))
        }
        neurons = made
    }

    public func callAsFunction(_ x: [Value]) -> [Value] { neurons.map { $0(x) } }

    public var parameters: [Value] { neurons.flatMap(\.parameters) }
}

/// A multi-layer perceptron: tanh hidden layers and a linear output layer.
public struct MLP: ScalarModule {
    public let layers: [Layer]

    /// `MLP(inputs: 2, sizes: [16, 16, 1], ...)`: two inputs, two hidden layers of 16, one output.
    public init(inputs: Int, sizes: [Int], generator: inout MT19937) {
        let widths = [inputs] + sizes
        var made: [Layer] = []
        for i in sizes.indices {
            made.append(Layer(inputs: widths[i], outputs: widths[i + 1],
                              nonlinear: i != sizes.count - 1, generator: &generator))
        }
        layers = made
    }

    public func callAsFunction(_ x: [Value]) -> [Value] {
        layers.reduce(x) { $1($0) }
    }

    public var parameters: [Value] { layers.flatMap(\.parameters) }
}
