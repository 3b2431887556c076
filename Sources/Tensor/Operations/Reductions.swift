/// Sums, means and maxima over axes, with or without keeping the reduced axes
/// (as size 1), and over all axes (a shape-[] result).
extension Tensor {
    /// The sorted, distinct, non-negative form of `axes`.
    private func normalize(axes: [Int], _ operation: String) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(axes.count)
        for axis in axes {
            let axis = normalize(axis: axis, operation)
            let place = result.firstIndex { $0 >= axis } ?? result.count
            if place == result.count || result[place] != axis { result.insert(axis, at: place) }
        }
        return result
    }

    /// The shape after reducing `axes` (sorted): size 1 there, or those axes removed.
    private func reducedShape(_ axes: [Int], keepDims: Bool) -> [Int] {
        if axes.count == rank { return keepDims ? [Int](repeating: 1, count: rank) : [] }
        var result: [Int] = []
        result.reserveCapacity(rank)
        for axis in shape.indices {
            if !axes.contains(axis) {
                result.append(shape[axis])
            } else if keepDims {
                result.append(1)
            }
        }
        return result
    }

    /// The backend reduction over `axes`, as a contiguous storage in the keep-dims
    /// shape. Neighbouring axes that are both reduced (or both kept) are merged first,
    /// so summing a [64, 50] gradient to [50] is one pass over 64 rows, and reducing
    /// every axis is one pass over all the elements.
    private func reduceKernel(_ op: ReduceOp, _ axes: [Int]) -> Storage {
        let source = isContiguous ? self : contiguousCopy()
        if axes.isEmpty {
            // Nothing to reduce: still hand back a storage of its own.
            return source === self ? contiguousCopy().storage : source.storage
        }
        if axes.count == rank {
            return backend.reduce(op, source.storage, Layout(contiguous: [count], offset: source.layout.offset),
                                  axis: 0)
        }
        var merged: [Int] = [], reduced: [Bool] = []
        merged.reserveCapacity(rank)
        reduced.reserveCapacity(rank)
        for axis in shape.indices {
            let isReduced = axes.contains(axis)
            if let last = merged.indices.last, reduced[last] == isReduced {
                merged[last] *= shape[axis]
            } else {
                merged.append(shape[axis])
                reduced.append(isReduced)
            }
        }
        var storage = source.storage, layout = Layout(contiguous: merged, offset: source.layout.offset)
        for axis in merged.indices.reversed() where reduced[axis] {
            storage = backend.reduce(op, storage, layout, axis: axis)
            merged[axis] = 1
            layout = Layout(contiguous: merged)
        }
        return storage
    }

    /// Σ over `axes` (`torch.sum(dim=axes, keepdim=)`); backward: the gradient
    /// repeated along the summed axes (an expanded view, no copy).
    public func sum(axes: [Int], keepDims: Bool = false) -> Tensor {
        let axes = normalize(axes: axes, "sum")
        let kept = reducedShape(axes, keepDims: true), inputShape = shape
        return Tensor.result(reduceKernel(.sum, axes), shape: reducedShape(axes, keepDims: keepDims), "sum",
                             [self]) { g, _, _ in
            [g.reshaped(kept).expanded(to: inputShape)]
        }
    }

    public func sum(axis: Int, keepDims: Bool = false) -> Tensor { sum(axes: [axis], keepDims: keepDims) }

    /// Σ of all elements, shape [].
    public func sum() -> Tensor { sum(axes: Array(0..<rank)) }

    /// The mean over `axes`: the sum times 1/n.
    public func mean(axes: [Int], keepDims: Bool = false) -> Tensor {
        let n = normalize(axes: axes, "mean").map { shape[$0] }.reduce(1, *)
        return sum(axes: axes, keepDims: keepDims) * (1 / Float(n))
    }

    public func mean(axis: Int, keepDims: Bool = false) -> Tensor { mean(axes: [axis], keepDims: keepDims) }

    /// The mean of all elements, shape [].
    public func mean() -> Tensor { mean(axes: Array(0..<rank)) }

    /// The maximum over `axes` (`torch.amax`); backward: the gradient goes to the
    /// elements equal to the maximum, shared equally between ties.
    public func max(axes: [Int], keepDims: Bool = false) -> Tensor {
        let axes = normalize(axes: axes, "max")
        guard axes.allSatisfy({ shape[$0] > 0 }) else { fatalError("max: empty axis in shape \(shape)") }
        let kept = reducedShape(axes, keepDims: true)
        return Tensor.result(reduceKernel(.max, axes), shape: reducedShape(axes, keepDims: keepDims), "max",
                             [self]) { g, inputs, output in
            let x = inputs[0]
            let isMax = x.elementwise(.equal, output.reshaped(kept), "max")
            let ties = isMax.sum(axes: axes, keepDims: true)
            return [g.reshaped(kept) * isMax / ties]
        }
    }

    public func max(axis: Int, keepDims: Bool = false) -> Tensor { max(axes: [axis], keepDims: keepDims) }

    /// The largest element, shape [].
    public func max() -> Tensor { max(axes: Array(0..<rank)) }

    /// The position of the largest element along `axis` (the first on ties): for
    /// accuracy, `logits.argmax(axis: 1)` is each row's predicted class.
    public func argmax(axis: Int) -> IndexTensor {
        let axis = normalize(axis: axis, "argmax")
        guard shape[axis] > 0 else { fatalError("argmax: empty axis \(axis) in shape \(shape)") }
        var resultShape = shape
        resultShape.remove(at: axis)
        return IndexTensor(backend.argmax(storage, layout, axis: axis), shape: resultShape)
    }

    /// This tensor summed down to `target`, a shape it broadcasts to: the backward
    /// of broadcasting (leading axes and axes where `target` has size 1 are summed).
    public func sum(toShape target: [Int]) -> Tensor {
        if shape == target { return self }
        guard Layout.broadcastShape(target, shape) == shape else {
            fatalError("sum(toShape:): \(shape) does not broadcast from \(target)")
        }
        let lead = rank - target.count
        let axes = shape.indices.filter { $0 < lead || (target[$0 - lead] == 1 && shape[$0] != 1) }
        return sum(axes: axes, keepDims: true).reshaped(target)
    }
}
