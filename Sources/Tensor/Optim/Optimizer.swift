/// Something that updates parameters from their gradients: PyTorch's `torch.optim.Optimizer`.
///
/// The training loop of the lecture, in PyTorch's words:
///
///     let optimizer = Adam(model.parameters, learningRate: 1e-3, weightDecay: 1e-5)
///     for batch in batches {
///         let loss = lossFunction(model(batch.input), batch.target)
///         loss.backward()
///         optimizer.step()
///         optimizer.zeroGrad()
///     }
///
/// An optimizer holds a list of parameter tensors, not a model (as `torch.optim.Adam(params)`),
/// and changes their storages in place under `withoutGrad`, so every layer holding them
/// sees the new values. Parameters whose `grad` is nil at a step are skipped, as PyTorch
/// skips them: no decay, no moment update, no step count.
public protocol Optimizer: AnyObject {
    /// The tensors this optimizer updates; state names refer to their positions here.
    var parameters: [Tensor] { get }
    /// The step size of the next `step()`. Schedules set it before every batch (fastai's
    /// `set_lrs`), and a new `fit` may start from another value.
    var learningRate: Float { get set }
    /// Updates every parameter that has a gradient, in place.
    func step()
    /// Forgets the gradients of the parameters (`optimizer.zero_grad()`, which sets them
    /// to None): the next `backward()` starts from zero.
    func zeroGrad()
    /// A copy of the state the optimizer has built up, as named tensors in PyTorch's
    /// `state_dict()["state"]` spelling, for checkpoints: `"exp_avg.3"` is Adam's first
    /// moment of parameter 3, `"step.3"` its step count. Parameters not yet stepped have
    /// no entries. Hyperparameters (learning rate, betas, decay) are not state.
    func stateDict() -> [String: Tensor]
    /// Replaces the whole state with `state` (as made by `stateDict()`), copying its
    /// tensors onto the parameters' backend; an empty dictionary resets the optimizer to
    /// its first step. Throws `OptimizerStateError`, changing nothing, when a name,
    /// shape or step count does not fit these parameters.
    func loadStateDict(_ state: [String: Tensor]) throws
}

extension Optimizer {
    public func zeroGrad() {
        for parameter in parameters { parameter.zeroGrad() }
    }
}

extension Tensor {
    /// This parameter's gradient as a contiguous storage of its size, for a fused step
    /// kernel; nil when there is none (the parameter took no part in the loss).
    func gradientStorageForStep(_ optimizer: String, index: Int) -> Storage? {
        guard let grad else { return nil }
        guard grad.shape == shape else {
            fatalError("\(optimizer): gradient of shape \(grad.shape) for parameter \(index) of shape \(shape)")
        }
        checkSameBackend(grad, optimizer)
        let whole = grad.layout.offset == 0 && grad.isContiguous && grad.storage.count == count
        return whole ? grad.storage : grad.contiguousCopy().storage
    }
}
