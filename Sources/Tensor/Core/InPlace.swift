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
}
