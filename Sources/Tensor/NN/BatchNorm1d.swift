/// Batch normalisation over a [batch, features] input (`nn.BatchNorm1d`, Ioffe &
/// Szegedy 2015): each feature is shifted and scaled to mean 0 and variance 1 over
/// the batch, then by a learned scale `weight` (γ) and shift `bias` (β).
///
/// Training normalises with the batch's own mean and biased variance (divided by n),
/// and moves the running statistics towards the batch's by `momentum`:
/// `running ← (1 − momentum)·running + momentum·batch`, where the running variance
/// takes the unbiased batch variance (divided by n − 1), all as PyTorch does.
/// Evaluation normalises with the running statistics instead, so one example's
/// output does not depend on the others in its batch.
public final class BatchNorm1d: Layer {
    /// γ, [features], starting at 1.
    public let weight: Tensor
    /// β, [features], starting at 0.
    public let bias: Tensor
    /// The running mean, [features], starting at 0 (a buffer).
    public let runningMean: Tensor
    /// The running variance, [features], starting at 1 (a buffer).
    public let runningVariance: Tensor
    public let momentum: Float
    /// Added to the variance before the square root, so that a constant feature
    /// does not divide by zero.
    public let epsilon: Float
    public var isTraining = true

    public init(features: Int, momentum: Float = 0.1, epsilon: Float = 1e-5, on backend: any Backend = Device.current) {
        weight = Tensor.ones([features], requiresGrad: true, on: backend)
        bias = Tensor.zeros([features], requiresGrad: true, on: backend)
        runningMean = Tensor.zeros([features], on: backend)
        runningVariance = Tensor.ones([features], on: backend)
        self.momentum = momentum
        self.epsilon = epsilon
    }

    public var features: Int { weight.shape[0] }

    public var localParameters: [(name: String, tensor: Tensor)] { [("weight", weight), ("bias", bias)] }

    /// PyTorch's names, so that checkpoints line up.
    public var localBuffers: [(name: String, tensor: Tensor)] {
        [("running_mean", runningMean), ("running_var", runningVariance)]
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        guard input.rank == 2, input.shape[1] == features else {
            fatalError("BatchNorm1d: input \(input.shape) is not [batch, \(features)]")
        }
        let centered: Tensor, variance: Tensor
        if isTraining {
            let batch = input.shape[0]
            guard batch > 1 else {
                fatalError("BatchNorm1d: a batch of \(input.shape) has one value per feature; training needs more")
            }
            let mean = input.mean(axis: 0)
            centered = input - mean
            variance = centered.pow(2).mean(axis: 0)
            // In place, so that the buffers stay the tensors that checkpoints refer to.
            withoutGrad {
                runningMean.addInPlace(mean - runningMean, alpha: momentum)
                runningVariance.addInPlace(variance * (Float(batch) / Float(batch - 1)) - runningVariance,
                                           alpha: momentum)
            }
        } else {
            centered = input - runningMean
            variance = runningVariance
        }
        return centered * (variance + epsilon).pow(-0.5) * weight + bias
    }
}
