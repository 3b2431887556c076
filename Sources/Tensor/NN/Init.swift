import Random

/// How parameters start (PyTorch's `torch.nn.init`). Every draw comes from the
/// `MT19937` passed in, in row-major order, so one seed gives one model; each result
/// is a leaf that requires grad.
public enum Init {
    /// Uniform in [low, high) (`nn.init.uniform_`); the lecture starts embeddings in
    /// [0, 0.05).
    public static func uniform(_ shape: [Int], low: Float, high: Float, generator: inout MT19937) -> Tensor {
        Tensor.uniform(shape, low: low, high: high, requiresGrad: true, generator: &generator)
    }

    /// Normal with standard deviation √2/√fan_in (`nn.init.kaiming_normal_`, He et al.
    /// 2015), which keeps the variance of activations steady through ReLU layers.
    /// fan_in is the number of inputs each output sees: `shape[1]` for a
    /// [outputs, inputs] weight, times the sizes of any further axes.
    public static func kaimingNormal(_ shape: [Int], generator: inout MT19937) -> Tensor {
        guard shape.count >= 2, shape[0] > 0 else {
            fatalError("Init.kaimingNormal: fan-in undefined for shape \(shape)")
        }
        let fanIn = shape.dropFirst().reduce(1, *)
        return Tensor.normal(shape, std: Float(2.0.squareRoot() / Double(fanIn).squareRoot()), requiresGrad: true,
                             generator: &generator)
    }

    /// Uniform in ±1/√fanIn: PyTorch's default for the weight and bias of `nn.Linear`
    /// (fanIn = inputs) and for every weight and bias of `nn.RNN` (fanIn = hidden size).
    public static func pytorchDefault(_ shape: [Int], fanIn: Int, generator: inout MT19937) -> Tensor {
        guard fanIn > 0 else { fatalError("Init.pytorchDefault: fan-in \(fanIn) for shape \(shape)") }
        let bound = Float(1 / Double(fanIn).squareRoot())
        return uniform(shape, low: -bound, high: bound, generator: &generator)
    }
}
