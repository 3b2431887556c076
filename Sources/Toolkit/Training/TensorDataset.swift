import Tensor

/// Rows of data held as named columns, every column with one entry per row along its
/// first axis: PyTorch's `TensorDataset`, with names so that a model's forward pass can
/// say which column it reads (`batch.indices("user")`).
///
/// Lecture 6's data sets are all of this form: MovieLens as user ids, movie ids and
/// ratings; the character model as windows of character ids and the next character;
/// the tabular model as category ids and continuous values. Index columns (`IndexTensor`)
/// feed embedding lookups and class targets; float columns (`Tensor`) feed arithmetic
/// and regression targets.
///
/// The columns are kept on the host, as fastai keeps its NumPy arrays, and each batch is
/// gathered there and made into tensors on `Device.current`: a batch of 64 rows costs a
/// few microseconds whatever the size of the data set.
public struct TensorDataset: Sendable {
    /// One column: floats, or integer ids.
    public enum Column {
        case floats(Tensor)
        case indices(IndexTensor)

        /// The column's shape: rows first, then the shape of one row.
        public var shape: [Int] {
            switch self {
            case .floats(let tensor): tensor.shape
            case .indices(let indices): indices.shape
            }
        }
    }

    /// A column's elements in row-major order, on the host.
    private enum Elements: Sendable {
        case floats([Float])
        case indices([Int32])
    }

    /// The column names, in the order given.
    public let names: [String]
    /// The number of rows.
    public let count: Int
    private let elements: [Elements]
    /// The shape of one row of each column (`[]` for one number a row).
    private let rowShapes: [[Int]]

    /// A data set of `columns`, which must all have the same number of rows (their
    /// first axis) and distinct names.
    ///
    ///     TensorDataset(["user": .indices(users), "movie": .indices(movies), "rating": .floats(ratings)])
    public init(_ columns: KeyValuePairs<String, Column>) {
        self.init(columns.map { (name: $0.key, column: $0.value) })
    }

    public init(_ columns: [(name: String, column: Column)]) {
        guard let first = columns.first else { fatalError("TensorDataset: no columns") }
        let shapes = columns.map { "\($0.name) \($0.column.shape)" }.joined(separator: ", ")
        guard columns.allSatisfy({ !$0.column.shape.isEmpty }),
              columns.allSatisfy({ $0.column.shape[0] == first.column.shape[0] }) else {
            fatalError("TensorDataset: columns need the same number of rows along their first axis: \(shapes)")
        }
        guard Set(columns.map(\.name)).count == columns.count else {
            fatalError("TensorDataset: column names repeat: \(columns.map(\.name))")
        }
        self.init(names: columns.map(\.name), count: first.column.shape[0],
                  elements: columns.map {
                      switch $0.column {
                      case .floats(let tensor): .floats(tensor.scalars)
                      case .indices(let indices): .indices(indices.scalars)
                      }
                  },
                  rowShapes: columns.map { Array($0.column.shape.dropFirst()) })
    }

    private init(names: [String], count: Int, elements: [Elements], rowShapes: [[Int]]) {
        self.names = names
        self.count = count
        self.elements = elements
        self.rowShapes = rowShapes
    }

    /// The rows at `positions`, in that order, as one batch: each column gathered into a
    /// new tensor of shape `[positions.count] + row shape`.
    public func rows(_ positions: [Int]) -> Batch {
        rows(positions[...])
    }

    public func rows(_ positions: ArraySlice<Int>) -> Batch {
        let gathered = gatherRows(positions)
        let columns = zip(names, zip(gathered, rowShapes)).map { name, column in
            let (elements, rowShape) = column
            let shape = [positions.count] + rowShape
            return switch elements {
            case .floats(let values): (name, Column.floats(Tensor(values, shape: shape)))
            case .indices(let values): (name, Column.indices(IndexTensor(values, shape: shape)))
            }
        }
        return Batch(count: positions.count, columns: columns)
    }

    /// The rows at `positions` as a data set of its own (a copy).
    public func subset(_ positions: [Int]) -> TensorDataset {
        TensorDataset(names: names, count: positions.count, elements: gatherRows(positions[...]), rowShapes: rowShapes)
    }

    /// Splits the rows in two as fastai 0.7's `split_by_idx`: the rows at `validation`
    /// (from `validationIndices`) and the rest, each in the data set's own row order.
    public func split(validation: [Int]) -> (train: TensorDataset, valid: TensorDataset) {
        var isValidation = [Bool](repeating: false, count: count)
        for row in validation {
            guard (0..<count).contains(row), !isValidation[row] else {
                fatalError("TensorDataset.split: validation row \(row) is out of range for \(count) rows or repeated")
            }
            isValidation[row] = true
        }
        let rows = 0..<count
        return (subset(rows.filter { !isValidation[$0] }), subset(rows.filter { isValidation[$0] }))
    }

    /// Every column's rows at `positions`, row-major.
    private func gatherRows(_ positions: ArraySlice<Int>) -> [Elements] {
        if let bad = positions.first(where: { !(0..<count).contains($0) }) {
            fatalError("TensorDataset: row \(bad) out of range for \(count) rows")
        }
        return zip(elements, rowShapes).map { elements, rowShape in
            let width = rowShape.reduce(1, *)
            return switch elements {
            case .floats(let table): .floats(gather(table, width: width, positions))
            case .indices(let table): .indices(gather(table, width: width, positions))
            }
        }
    }
}

/// Rows `positions` of a row-major table `width` elements wide.
private func gather<Element>(_ table: [Element], width: Int, _ positions: ArraySlice<Int>) -> [Element] {
    [Element](unsafeUninitializedCapacity: positions.count * width) { buffer, initialized in
        table.withUnsafeBufferPointer { table in
            guard let source = table.baseAddress, let destination = buffer.baseAddress else { return }
            if width == 1 {
                for (i, row) in positions.enumerated() { (destination + i).initialize(to: source[row]) }
            } else {
                for (i, row) in positions.enumerated() {
                    (destination + i * width).initialize(from: source + row * width, count: width)
                }
            }
        }
        initialized = positions.count * width
    }
}
