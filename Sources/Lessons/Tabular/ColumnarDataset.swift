import Tensor
import Toolkit

/// The rows of a processed table: each row's category indices, continuous inputs and
/// target (fastai 0.7's `ColumnarDataset`, whose items are `(cats, conts, y)`).
public struct ColumnarDataset: Sendable, Equatable {
    /// Row-major, `categoricalCount` indices a row (0: missing or unseen).
    public let categories: [Int32]
    /// Row-major, `continuousCount` standardised inputs a row.
    public let continuous: [Float]
    public let targets: [Float]
    public let categoricalCount: Int
    public let continuousCount: Int

    public init(categories: [Int32], continuous: [Float], targets: [Float], categoricalCount: Int,
                continuousCount: Int) {
        guard categories.count == targets.count * categoricalCount,
              continuous.count == targets.count * continuousCount else {
            fatalError("ColumnarDataset: \(categories.count) indices and \(continuous.count) continuous values "
                       + "for \(targets.count) rows of \(categoricalCount) and \(continuousCount)")
        }
        self.categories = categories
        self.continuous = continuous
        self.targets = targets
        self.categoricalCount = categoricalCount
        self.continuousCount = continuousCount
    }

    /// The number of rows.
    public var count: Int { targets.count }

    /// The rows at `rows`, in that order.
    public func subset(_ rows: [Int]) -> ColumnarDataset {
        ColumnarDataset(
            categories: rows.flatMap { categories[($0 * categoricalCount)..<(($0 + 1) * categoricalCount)] },
            continuous: rows.flatMap { continuous[($0 * continuousCount)..<(($0 + 1) * continuousCount)] },
            targets: rows.map { targets[$0] }, categoricalCount: categoricalCount, continuousCount: continuousCount)
    }

    /// Columns `categories` [rows, categoricalCount] (indices), `continuous`
    /// [rows, continuousCount] and `target` [rows, 1], for a `DataLoader`.
    public var tensorDataset: TensorDataset {
        TensorDataset(["categories": .indices(IndexTensor(categories, shape: [count, categoricalCount])),
                       "continuous": .floats(Tensor(continuous, shape: [count, continuousCount])),
                       "target": .floats(Tensor(targets, shape: [count, 1]))])
    }
}
