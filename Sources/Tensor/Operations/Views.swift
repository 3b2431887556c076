/// Views: new shapes over the same storage, no copying. Each records a backward
/// rule that maps the gradient back to the input's shape.
extension Tensor {
    private func view(_ layout: Layout, _ operation: String, _ rule: @escaping BackwardRule) -> Tensor {
        Tensor.result(storage, layout, operation, [self], rule)
    }

    /// Axes `a` and `b` swapped (negative axes count from the end).
    public func transposed(_ a: Int, _ b: Int) -> Tensor {
        let a = normalize(axis: a, "transposed"), b = normalize(axis: b, "transposed")
        return view(layout.transposed(a, b), "transpose") { g, _, _ in [g.transposed(a, b)] }
    }

    /// The last two axes swapped: the matrix transpose (PyTorch's `.mT`; `.T` for 2-D).
    public func transposed() -> Tensor {
        guard rank >= 2 else { fatalError("transposed: needs at least 2 axes, got shape \(shape)") }
        return transposed(rank - 2, rank - 1)
    }

    /// Axis `i` of the result is axis `order[i]` of this tensor (`torch.permute`).
    public func permuted(_ order: [Int]) -> Tensor {
        let order = order.map { normalize(axis: $0, "permuted") }
        guard order.sorted() == Array(0..<rank) else {
            fatalError("permuted: \(order) is not a permutation of the axes of shape \(shape)")
        }
        var inverse = order
        for (i, axis) in order.enumerated() { inverse[axis] = i }
        return view(layout.permuted(order), "permute") { g, _, _ in [g.permuted(inverse)] }
    }

    /// The same elements in row-major order with a new shape; one size may be -1
    /// (inferred). A view of contiguous data, a copy otherwise (`torch.reshape`).
    public func reshaped(_ newShape: [Int]) -> Tensor {
        if newShape == shape { return self }
        var newShape = newShape
        let known = newShape.filter { $0 != -1 }.reduce(1, *)
        let inferred = newShape.indices.filter { newShape[$0] == -1 }
        if inferred.count == 1, known > 0, count % known == 0 {
            newShape[inferred[0]] = count / known
        }
        guard inferred.count <= 1, newShape.allSatisfy({ $0 >= 0 }), newShape.reduce(1, *) == count else {
            fatalError("reshaped: cannot reshape \(shape) to \(newShape)")
        }
        if newShape == shape { return self }
        let source = contiguous()
        let oldShape = shape
        return source.view(Layout(contiguous: newShape, offset: source.layout.offset), "reshape") { g, _, _ in
            [g.reshaped(oldShape)]
        }
    }

    /// All elements in one axis.
    public func flattened() -> Tensor { reshaped([-1]) }

    /// A view repeating axes of size 1 (and new leading axes) to `shape`, with stride 0
    /// (`torch.expand`). Backward sums the gradient over the repeated axes.
    public func expanded(to newShape: [Int]) -> Tensor {
        guard let expanded = layout.broadcast(to: newShape) else {
            fatalError("expanded: cannot expand \(shape) to \(newShape)")
        }
        let oldShape = shape
        return view(expanded, "expand") { g, _, _ in [g.sum(toShape: oldShape)] }
    }

    /// A new axis of size 1 at `axis` (0...rank; negative counts from the end).
    public func unsqueezed(axis: Int) -> Tensor {
        let axis = normalize(axis: axis, "unsqueezed", rank: rank + 1)
        return view(layout.unsqueezed(axis), "unsqueeze") { g, _, _ in [g.squeezed(axis: axis)] }
    }

    /// Axis `axis`, which must have size 1, removed.
    public func squeezed(axis: Int) -> Tensor {
        let axis = normalize(axis: axis, "squeezed")
        guard shape[axis] == 1 else { fatalError("squeezed: axis \(axis) of shape \(shape) is not of size 1") }
        return view(layout.squeezed(axis), "squeeze") { g, _, _ in [g.unsqueezed(axis: axis)] }
    }

    /// Elements `range` along `axis` (`torch.narrow`). Backward writes the gradient
    /// into zeros of the input's shape.
    public func sliced(axis: Int, _ range: Range<Int>) -> Tensor {
        let axis = normalize(axis: axis, "sliced")
        guard range.lowerBound >= 0, range.upperBound <= shape[axis] else {
            fatalError("sliced: range \(range) out of bounds for axis \(axis) of shape \(shape)")
        }
        return view(layout.sliced(axis: axis, range), "slice") { g, inputs, _ in
            [g.placed(in: inputs[0].shape) { $0.sliced(axis: axis, range) }]
        }
    }

    /// Index `index` along `axis`, which disappears (`torch.select`).
    public func selected(axis: Int, _ index: Int) -> Tensor {
        let axis = normalize(axis: axis, "selected")
        guard (0..<shape[axis]).contains(index) else {
            fatalError("selected: index \(index) out of bounds for axis \(axis) of shape \(shape)")
        }
        return view(layout.selected(axis: axis, index), "select") { g, inputs, _ in
            [g.placed(in: inputs[0].shape) { $0.selected(axis: axis, index) }]
        }
    }

    /// `x[i]`: index `i` of the first axis.
    public subscript(index: Int) -> Tensor { selected(axis: 0, index) }

    /// `x[a..<b]`: a slice of the first axis.
    public subscript(range: Range<Int>) -> Tensor { sliced(axis: 0, range) }

    /// This tensor if its layout is contiguous, else a contiguous copy.
    public func contiguous() -> Tensor {
        if isContiguous { return self }
        let copy = contiguousCopy()
        return Tensor.result(copy.storage, copy.layout, "contiguous", [self]) { g, _, _ in [g] }
    }

    /// Zeros of `shape` with this tensor written into the view `region` of them: the
    /// backward of slicing and selecting.
    func placed(in shape: [Int], _ region: (Layout) -> Layout) -> Tensor {
        let result = Tensor.zeros(shape, on: backend)
        backend.copy(storage, layout, to: result.storage, region(result.layout))
        return result
    }
}
