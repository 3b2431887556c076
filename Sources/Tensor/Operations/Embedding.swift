/// Row lookup: the embedding of lecture 6 (`nn.Embedding`, `weight[indices]`).
extension Tensor {
    /// Rows `indices` of this matrix, shaped `indices.shape + [columns]`: a batch of
    /// user ids picks the users' factor vectors. Backward adds each row of the
    /// gradient into the row it came from (scatter-add), so a user appearing twice in
    /// a batch gets both contributions.
    public subscript(indices: IndexTensor) -> Tensor {
        guard rank == 2 else { fatalError("embedding lookup: table of shape \(shape) is not a matrix") }
        let rows = shape[0], columns = shape[1]
        if let bad = indices.scalars.first(where: { !(0..<Int32(clamping: rows)).contains($0) }) {
            fatalError("embedding lookup: index \(bad) out of range for a table of shape \(shape)")
        }
        let storage = backend.gatherRows(self.storage, layout, indices: indices.scalars)
        return Tensor.result(storage, shape: indices.shape + [columns], "embedding", [self]) { g, inputs, _ in
            let dense = g.isContiguous && g.layout.offset == 0 ? g : g.contiguousCopy()
            let table = Tensor.zeros(inputs[0].shape, on: g.backend)
            g.backend.scatterAddRows(dense.storage, indices: indices.scalars, into: table.storage, columns: columns)
            return [table]
        }
    }
}
