/// Joining tensors along an axis.
extension Tensor {
    /// The tensors one after another along `axis` (`torch.cat`); all other axes must
    /// match. Backward: each input gets its slice of the gradient (a view).
    public static func concat(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        guard let first = tensors.first else { fatalError("concat: no tensors") }
        let axis = first.normalize(axis: axis, "concat")
        for t in tensors.dropFirst() {
            first.checkSameBackend(t, "concat")
            guard t.rank == first.rank,
                  t.shape.indices.allSatisfy({ $0 == axis || t.shape[$0] == first.shape[$0] }) else {
                fatalError("concat: \(first.shape) and \(t.shape) along axis \(axis)")
            }
        }
        var shape = first.shape
        shape[axis] = tensors.map { $0.shape[axis] }.reduce(0, +)
        let backend = first.backend
        let storage = backend.allocate(shape.reduce(1, *))
        let whole = Layout(contiguous: shape)
        var start = 0
        for t in tensors {
            backend.copy(t.storage, t.layout, to: storage, whole.sliced(axis: axis, start..<start + t.shape[axis]))
            start += t.shape[axis]
        }
        return result(storage, shape: shape, "concat", tensors) { g, inputs, _ in
            var start = 0
            return inputs.map { input in
                defer { start += input.shape[axis] }
                return input.requiresGrad ? g.sliced(axis: axis, start..<start + input.shape[axis]) : nil
            }
        }
    }

    /// The tensors, all of one shape, along a new axis `axis` (`torch.stack`).
    public static func stack(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        guard let first = tensors.first else { fatalError("stack: no tensors") }
        for t in tensors where t.shape != first.shape {
            fatalError("stack: \(first.shape) and \(t.shape)")
        }
        let axis = first.normalize(axis: axis, "stack", rank: first.rank + 1)
        return concat(tensors.map { $0.unsqueezed(axis: axis) }, axis: axis)
    }
}
