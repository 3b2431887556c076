/// In-place updates, for optimizers and gradient bookkeeping: they write into a
/// tensor's storage and are never recorded. Like PyTorch, they refuse a tensor that
/// requires grad while grad mode is on — update parameters inside `withoutGrad { }`
/// — since changing a value backward will still read would give wrong gradients.
extension Tensor {
    private func checkWritable(_ operation: String) {
        if requiresGrad && GradMode.isEnabled {
            fatalError("\(operation): tensor of shape \(shape) requires grad; update it inside withoutGrad { }")
        }
    }

    /// `self += alpha · other` (`torch.Tensor.add_(other, alpha=)`); `other` broadcasts
    /// to this shape. SGD is `p.addInPlace(p.grad!, alpha: -learningRate)`.
    public func addInPlace(_ other: Tensor, alpha: Float = 1) {
        checkWritable("addInPlace")
        guard isContiguous else { fatalError("addInPlace: tensor of shape \(shape) is a non-contiguous view") }
        checkSameBackend(other, "addInPlace")
        guard let source = other.layout.broadcast(to: shape) else {
            fatalError("addInPlace: \(other.shape) does not broadcast to \(shape)")
        }
        backend.axpy(alpha, other.storage, source, storage, layout)
    }

    /// Every element set to `value` (`fill_`).
    public func fill(with value: Float) {
        checkWritable("fill")
        if layout.offset == 0 && count == storage.count {
            backend.fill(storage, with: value)
        } else {
            copy(from: Tensor(value, on: backend))
        }
    }

    /// The elements of `other` (which broadcasts to this shape) copied in (`copy_`).
    public func copy(from other: Tensor) {
        checkWritable("copy")
        checkSameBackend(other, "copy")
        guard let source = other.layout.broadcast(to: shape) else {
            fatalError("copy: \(other.shape) does not broadcast to \(shape)")
        }
        backend.copy(other.storage, source, to: storage, layout)
    }

    /// One Adam step on this parameter from `gradient`, updating the moment estimates
    /// in place too (one fused pass; see `Backend.adamStep`). All four tensors must
    /// have this shape and own their storages, as parameters, their gradients and
    /// moments made by `zerosLike()` do.
    public func adamStep(gradient: Tensor, firstMoment: Tensor, secondMoment: Tensor,
                         hyperparameters: AdamHyperparameters) {
        checkWritable("adamStep")
        for t in [gradient, firstMoment, secondMoment] {
            checkSameBackend(t, "adamStep")
            guard t.shape == shape, t.isContiguous, t.layout.offset == 0, t.storage.count == count else {
                fatalError("adamStep: parameter \(shape) with a tensor of shape \(t.shape) that is not a whole storage")
            }
        }
        guard layout.offset == 0, storage.count == count else {
            fatalError("adamStep: parameter of shape \(shape) is a view, not a whole storage")
        }
        backend.adamStep(storage, gradient: gradient.storage, firstMoment: firstMoment.storage,
                         secondMoment: secondMoment.storage, hyperparameters: hyperparameters)
    }
}
