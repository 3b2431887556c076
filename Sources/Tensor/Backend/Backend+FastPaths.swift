/// The fast paths written in the primitives: what a backend without kernels of its own
/// for them runs. Each is the definition its fused kernels are checked against, and each
/// costs a few passes and temporaries where a fused kernel reads every float once.
extension Backend {
    /// Nothing prepared: the operand as it is.
    public func prepareMatmulOperand(_ b: MatrixOperand, k: Int, n: Int) -> PreparedMatmulOperand {
        PreparedMatmulOperand(b, k: k, n: n)
    }

    /// The ordinary product.
    public func matmul(_ a: MatrixOperand, prepared b: PreparedMatmulOperand, m: Int) -> Storage {
        matmul(a, b.operand, m: m, n: b.n, k: b.k, batch: 1)
    }

    /// The product, the addend added to it, the epilogue as an op of its own, and the
    /// result copied into place: three passes and two temporaries more than a kernel's.
    public func matmul(_ a: MatrixOperand, prepared b: PreparedMatmulOperand, m: Int, adding addend: Storage,
                       _ addendLayout: Layout, then epilogue: MatmulEpilogue, into destination: Storage, offset: Int) {
        matmulThenEpilogue(a, prepared: b, m: m, adding: addend, addendLayout, then: epilogue, into: destination,
                           offset: offset)
    }

    /// The default's steps, also for a backend whose kernel leaves a case to them.
    func matmulThenEpilogue(_ a: MatrixOperand, prepared b: PreparedMatmulOperand, m: Int, adding addend: Storage,
                            _ addendLayout: Layout, then epilogue: MatmulEpilogue, into destination: Storage,
                            offset: Int) {
        let whole = Layout(contiguous: [m, b.n])
        let sum = binary(.add, addend, addendLayout, matmul(a, prepared: b, m: m), whole)
        let result = switch epilogue {
        case .unary(let op): unary(op, sum, whole)
        case .activationBackward(let activation, let saved, let savedLayout):
            activationBackward(activation, gradient: sum, whole, saved: saved, savedLayout)
        }
        copy(result, whole, to: destination, Layout(contiguous: [m, b.n], offset: offset))
    }

    /// The GRU step's gates as tensor ops on the views, one op a pass: the cell as
    /// `Tensor.gruRecurrence` wrote it before it had this fast path.
    public func gruCell(input p: Storage, _ pLayout: Layout, hidden q: Storage, _ qLayout: Layout,
                        state h: Storage, _ hLayout: Layout) -> (state: Storage, gates: Storage) {
        gruCellInOps(input: p, pLayout, hidden: q, qLayout, state: h, hLayout)
    }

    /// The GRU step's backward as tensor ops, one op a pass.
    public func gruCellBackward(_ g: Storage, _ gLayout: Layout, gates: Storage, hidden qn: Storage,
                                _ qnLayout: Layout, state h: Storage,
                                _ hLayout: Layout) -> (input: Storage, hidden: Storage, state: Storage) {
        gruCellBackwardInOps(g, gLayout, gates: gates, hidden: qn, qnLayout, state: h, hLayout)
    }

    /// The default `gruCell`, also for a backend whose kernel leaves a case to it.
    func gruCellInOps(input p: Storage, _ pLayout: Layout, hidden q: Storage, _ qLayout: Layout,
                      state h: Storage, _ hLayout: Layout) -> (state: Storage, gates: Storage) {
        let hidden = hLayout.shape[1]
        let p = Tensor(storage: p, layout: pLayout), q = Tensor(storage: q, layout: qLayout)
        let rz = (p.sliced(axis: 1, 0..<2 * hidden) + q.sliced(axis: 1, 0..<2 * hidden)).sigmoid()
        let r = rz.sliced(axis: 1, 0..<hidden), z = rz.sliced(axis: 1, hidden..<2 * hidden)
        let n = (p.sliced(axis: 1, 2 * hidden..<3 * hidden) + r * q.sliced(axis: 1, 2 * hidden..<3 * hidden)).tanh()
        let state = n + z * (Tensor(storage: h, layout: hLayout) - n)
        return (state.storage, Tensor.concat([rz, n], axis: 1).storage)
    }

    /// The default `gruCellBackward`, also for a backend whose kernel leaves a case to it.
    func gruCellBackwardInOps(_ g: Storage, _ gLayout: Layout, gates: Storage, hidden qn: Storage,
                              _ qnLayout: Layout, state h: Storage,
                              _ hLayout: Layout) -> (input: Storage, hidden: Storage, state: Storage) {
        let hidden = hLayout.shape[1]
        let g = Tensor(storage: g, layout: gLayout), qn = Tensor(storage: qn, layout: qnLayout)
        let gates = Tensor(storage: gates, layout: Layout(contiguous: [hLayout.shape[0], 3 * hidden]))
        let r = gates.sliced(axis: 1, 0..<hidden), z = gates.sliced(axis: 1, hidden..<2 * hidden)
        let n = gates.sliced(axis: 1, 2 * hidden..<3 * hidden)
        let gz = g * z
        let dn = (g - gz).activationBackward(.tanh, n, "gruCellBackward")
        let dr = (dn * qn).activationBackward(.sigmoid, r, "gruCellBackward")
        let dz = (g * (Tensor(storage: h, layout: hLayout) - n)).activationBackward(.sigmoid, z, "gruCellBackward")
        return (Tensor.concat([dr, dz, dn], axis: 1).storage, Tensor.concat([dr, dz, dn * r], axis: 1).storage,
                gz.storage)
    }

    /// The LSTM step's gates as tensor ops on the views, one op a pass: the cell as
    /// `Tensor.lstmRecurrence` wrote it before it had this fast path.
    public func lstmCell(input p: Storage, _ pLayout: Layout, hidden q: Storage, _ qLayout: Layout,
                         cell c: Storage, _ cLayout: Layout) -> (output: Storage, gates: Storage) {
        lstmCellInOps(input: p, pLayout, hidden: q, qLayout, cell: c, cLayout)
    }

    /// The LSTM step's backward as tensor ops, one op a pass.
    public func lstmCellBackward(state dh: Storage, _ dhLayout: Layout, cell dc: Storage, _ dcLayout: Layout,
                                 gates: Storage, previousCell c: Storage,
                                 _ cLayout: Layout) -> (gates: Storage, cell: Storage) {
        lstmCellBackwardInOps(state: dh, dhLayout, cell: dc, dcLayout, gates: gates, previousCell: c, cLayout)
    }

    /// The default `lstmCell`, also for a backend whose kernel leaves a case to it.
    func lstmCellInOps(input p: Storage, _ pLayout: Layout, hidden q: Storage, _ qLayout: Layout,
                       cell c: Storage, _ cLayout: Layout) -> (output: Storage, gates: Storage) {
        let hidden = cLayout.shape[1]
        let a = Tensor(storage: p, layout: pLayout) + Tensor(storage: q, layout: qLayout)
        let activated = Tensor.concat([a.sliced(axis: 1, 0..<2 * hidden).sigmoid(),
                                       a.sliced(axis: 1, 2 * hidden..<3 * hidden).tanh(),
                                       a.sliced(axis: 1, 3 * hidden..<4 * hidden).sigmoid()], axis: 1)
        let (i, f, g, o) = Tensor.lstmGates(activated, hidden)
        let cell = f * Tensor(storage: c, layout: cLayout) + i * g
        let cellTanh = cell.tanh()
        return (Tensor.concat([o * cellTanh, cell], axis: 1).storage,
                Tensor.concat([activated, cellTanh], axis: 1).storage)
    }

    /// The default `lstmCellBackward`, also for a backend whose kernel leaves a case to it.
    func lstmCellBackwardInOps(state dh: Storage, _ dhLayout: Layout, cell dc: Storage, _ dcLayout: Layout,
                               gates: Storage, previousCell c: Storage,
                               _ cLayout: Layout) -> (gates: Storage, cell: Storage) {
        let hidden = cLayout.shape[1]
        let dh = Tensor(storage: dh, layout: dhLayout)
        let gates = Tensor(storage: gates, layout: Layout(contiguous: [cLayout.shape[0], 5 * hidden]))
        let (i, f, g, o) = Tensor.lstmGates(gates, hidden)
        let cellTanh = gates.sliced(axis: 1, 4 * hidden..<5 * hidden)
        let dcFromState = (dh * o).activationBackward(.tanh, cellTanh, "lstmCellBackward")
        let total = Tensor(storage: dc, layout: dcLayout) + dcFromState
        let da = Tensor.concat([(total * g).activationBackward(.sigmoid, i, "lstmCellBackward"),
                                (total * Tensor(storage: c, layout: cLayout))
                                    .activationBackward(.sigmoid, f, "lstmCellBackward"),
                                (total * i).activationBackward(.tanh, g, "lstmCellBackward"),
                                (dh * cellTanh).activationBackward(.sigmoid, o, "lstmCellBackward")], axis: 1)
        return (da.storage, (total * f).storage)
    }

    /// The products, then their sum.
    public func dot(_ a: Storage, _ aLayout: Layout, _ b: Storage, _ bLayout: Layout) -> Storage {
        reduce(.sum, binary(.multiply, a, aLayout, b, bLayout), Layout(contiguous: [aLayout.count]), axis: 0)
    }

    /// One uploaded float, copied through a view that repeats it (stride 0).
    public func fill(_ storage: Storage, with value: Float) {
        copy(upload([value]), Layout(shape: [storage.count], strides: [0], offset: 0),
             to: storage, Layout(contiguous: [storage.count]))
    }

    /// y + αx into a new storage, then copied over y.
    public func axpy(_ alpha: Float, _ x: Storage, _ xLayout: Layout, _ y: Storage, _ yLayout: Layout) {
        let result = Layout(contiguous: xLayout.shape)
        let sum = binary(.add, y, yLayout, unary(.affine(scale: alpha, shift: 0), x, xLayout), result)
        copy(sum, result, to: y, yLayout)
    }

    /// The view, made contiguous and downloaded, searched on the host.
    public func argmax(_ x: Storage, _ layout: Layout, axis: Int) -> [Int32] {
        let contiguous = allocate(layout.count)
        copy(x, layout, to: contiguous, Layout(contiguous: layout.shape))
        let values = download(contiguous, offset: 0, count: layout.count)
        return values.withUnsafeBufferPointer { argmaxOnHost($0, shape: layout.shape, axis: axis) }
    }

    /// Four passes: the row maxima, x − max, its exponentials, their row sums; then
    /// (x − max) − log Σ or exp(x − max) / Σ.
    public func softmax(_ x: Storage, _ layout: Layout, log: Bool) -> Storage {
        let (rowLayout, perRow) = rowValues(layout.shape)
        let whole = Layout(contiguous: layout.shape), axis = layout.shape.count - 1
        let shifted = binary(.subtract, x, layout, reduce(.max, x, layout, axis: axis), perRow)
        let exponentials = unary(.exp, shifted, whole)
        let total = reduce(.sum, exponentials, whole, axis: axis)
        return log ? binary(.subtract, shifted, whole, unary(.log, total, rowLayout), perRow)
            : binary(.divide, exponentials, whole, total, perRow)
    }

    /// `y·(g − Σ g·y)`, or `g − exp(y)·Σ g`, with each row's Σ from `reduce`. The default
    /// reads the rows from the gradient's shape; `rows` and `columns` serve kernels.
    public func softmaxBackward(output: Storage, _ gradient: Storage, _ gradientLayout: Layout,
                                rows: Int, columns: Int, log: Bool) -> Storage {
        let (_, perRow) = rowValues(gradientLayout.shape)
        let y = Layout(contiguous: gradientLayout.shape), axis = y.shape.count - 1
        if log {
            let total = reduce(.sum, gradient, gradientLayout, axis: axis)
            let scaled = binary(.multiply, unary(.exp, output, y), y, total, perRow)
            return binary(.subtract, gradient, gradientLayout, scaled, y)
        }
        let dot = reduce(.sum, binary(.multiply, gradient, gradientLayout, output, y), y, axis: axis)
        return binary(.multiply, output, y, binary(.subtract, gradient, gradientLayout, dot, perRow), y)
    }

    /// The rule of each `ActivationOp` as elementwise ops; a mask is 1 where the gradient
    /// passes and 0 where it stops, so a non-finite g under a 0 becomes NaN here where a
    /// fused kernel writes 0.
    public func activationBackward(_ activation: ActivationOp, gradient: Storage, _ gradientLayout: Layout,
                                   saved: Storage, _ savedLayout: Layout) -> Storage {
        let result = Layout(contiguous: gradientLayout.shape)
        func gradientTimes(_ factor: Storage) -> Storage {
            binary(.multiply, gradient, gradientLayout, factor, result)
        }
        switch activation {
        case .tanh:
            // g·(1 − y²)
            return gradientTimes(unary(.affine(scale: -1, shift: 1), unary(.pow(2), saved, savedLayout), result))
        case .sigmoid:
            // (g·y)·(1 − y), in the fused kernels' order
            let gy = binary(.multiply, gradient, gradientLayout, saved, savedLayout)
            return binary(.multiply, gy, result, unary(.affine(scale: -1, shift: 1), saved, savedLayout), result)
        case .relu:
            // g·(0 < x)
            let zero = Layout(contiguous: []).broadcast(to: result.shape)!
            return gradientTimes(binary(.less, upload([0]), zero, saved, savedLayout))
        case .clamp(let low, let high):
            // g·(clamp(x) == x): the mask is 1 exactly where low ≤ x ≤ high
            let clamped = unary(.clamp(min: low, max: high), saved, savedLayout)
            return gradientTimes(binary(.equal, clamped, result, saved, savedLayout))
        case .square:
            // (g·x)·2
            let gx = binary(.multiply, gradient, gradientLayout, saved, savedLayout)
            return unary(.affine(scale: 2, shift: 0), gx, result)
        }
    }

    /// For values kept one per row of the last axis of `shape` (a row's max or sum): their
    /// contiguous layout, and the same seen across each row (stride 0 along the last axis).
    private func rowValues(_ shape: [Int]) -> (layout: Layout, perRow: Layout) {
        var rowShape = shape
        rowShape[rowShape.count - 1] = 1
        let layout = Layout(contiguous: rowShape)
        return (layout, layout.broadcast(to: shape)!)
    }
}

/// The argmax of every backend whose tensor can be read on the host: along `axis` of a
/// contiguous tensor of `shape`, the first largest element, NaN counting as largest.
func argmaxOnHost(_ x: UnsafeBufferPointer<Float>, shape: [Int], axis: Int) -> [Int32] {
    let outer = shape[..<axis].reduce(1, *), count = shape[axis], inner = shape[(axis + 1)...].reduce(1, *)
    var result = [Int32](repeating: 0, count: outer * inner)
    for o in 0..<outer {
        for j in 0..<inner {
            var best = -Float.infinity, bestIndex = 0
            for c in 0..<count {
                let value = x[(o * count + c) * inner + j]
                if value > best || (value.isNaN && !best.isNaN) {
                    best = value
                    bestIndex = c
                }
            }
            result[o * inner + j] = Int32(bestIndex)
        }
    }
    return result
}
