import Tensor

/// Some rows of a `TensorDataset`, each column gathered into one tensor whose first
/// axis is the row: what a `DataLoader` yields and a model's forward pass reads
/// (fastai 0.7's `(*x, y)` tuples, with names instead of positions).
public struct Batch {
    /// The number of rows.
    public let count: Int
    /// The gathered columns, in the data set's order.
    public let columns: [(name: String, column: TensorDataset.Column)]

    /// The float column `name`, of shape `[count] + row shape`.
    public func tensor(_ name: String) -> Tensor {
        guard case .floats(let tensor) = column(name) else {
            fatalError("Batch: column '\(name)' holds indices; read it with indices(\"\(name)\")")
        }
        return tensor
    }

    /// The index column `name`, of shape `[count] + row shape`.
    public func indices(_ name: String) -> IndexTensor {
        guard case .indices(let indices) = column(name) else {
            fatalError("Batch: column '\(name)' holds floats; read it with tensor(\"\(name)\")")
        }
        return indices
    }

    private func column(_ name: String) -> TensorDataset.Column {
        guard let found = columns.first(where: { $0.name == name }) else {
            fatalError("Batch: no column '\(name)'; the columns are \(columns.map(\.name))")
        }
        return found.column
    }
}
