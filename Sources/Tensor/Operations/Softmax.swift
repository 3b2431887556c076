/// Softmax and log-softmax along an axis, numerically stable (the row maximum is
/// subtracted before exponentiating) and fused into one backend kernel each way.
extension Tensor {
    /// `exp(x) / Σ exp(x)` along `axis`; backward: y·(g − Σ g·y).
    public func softmax(axis: Int = -1) -> Tensor {
        softmax(axis: axis, log: false)
    }

    /// `x − log Σ exp(x)` along `axis`, the log-probabilities a cross-entropy loss
    /// reads; backward: g − softmax·Σ g.
    public func logSoftmax(axis: Int = -1) -> Tensor {
        softmax(axis: axis, log: true)
    }

    private func softmax(axis: Int, log: Bool) -> Tensor {
        let axis = normalize(axis: axis, log ? "logSoftmax" : "softmax")
        if axis != rank - 1 {
            // Move the axis last (a view), apply, move it back.
            return transposed(axis, rank - 1).softmax(axis: rank - 1, log: log).transposed(axis, rank - 1)
        }
        let storage = backend.softmax(self.storage, layout, log: log)
        let columns = shape.last ?? 1
        return Tensor.result(storage, shape: shape, log ? "logSoftmax" : "softmax", [self]) { g, _, output in
            let rows = columns == 0 ? 0 : output.count / columns
            let gradient = g.backend.softmaxBackward(output: output.storage, g.storage, g.layout,
                                                     rows: rows, columns: columns, log: log)
            return [Tensor(storage: gradient, layout: Layout(contiguous: output.shape))]
        }
    }
}
