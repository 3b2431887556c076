/// Adam with decoupled weight decay (Loshchilov & Hutter, "Decoupled Weight Decay
/// Regularization", 2019), as `torch.optim.AdamW`: before each Adam step the weights
/// shrink by the factor 1 − lr·λ, instead of λ·p joining the gradient. With L2 in Adam
/// a weight with large gradients is decayed less (its step is divided by √v); here every
/// weight decays at the same rate. PyTorch's default λ is 0.01.
public final class AdamW: Adam {
    /// `torch.optim.AdamW(parameters, lr, betas=(beta1, beta2), eps, weight_decay)`.
    public init(_ parameters: [Tensor], learningRate: Float = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Float = 1e-8, weightDecay: Float = 1e-2) {
        super.init(name: "AdamW", parameters, learningRate: learningRate, beta1: beta1, beta2: beta2,
                   epsilon: epsilon, weightDecay: weightDecay, decoupledWeightDecay: true)
    }
}
