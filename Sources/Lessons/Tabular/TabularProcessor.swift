import Foundation
import Toolkit

/// Turns a table's named columns into a model's inputs, with statistics from the
/// training rows only: fastai 0.7's `proc_df` with `train_cats`/`apply_cats`, as the
/// lecture's Rossmann notebook prepares its data frame.
///
/// ```python
/// for v in cat_vars: joined[v] = joined[v].astype('category').cat.as_ordered()
/// df, y, nas, mapper = proc_df(joined, 'Sales', do_scale=True)
/// yl = np.log(y)
/// ```
///
/// ```swift
/// let processor = try TabularProcessor(fitting: table, categorical: ["season", "hr"],
///                                      continuous: ["temp", "hum"], target: "cnt", trainingRows: rows)
/// let dataset = try processor.dataset(table)    // the same processing for any table
/// ```
///
/// Categorical columns become indices (see `CategoricalColumn`: 0 for a missing or
/// unseen value); continuous columns become standardised numbers, missing values
/// filled with the training median and flagged in `<name>_na` columns (see
/// `ContinuousColumn`); the target is read as numbers, and its natural logarithm taken
/// when `logTarget` (the lecture trains on log(sales), so that the loss weighs relative
/// errors).
public struct TabularProcessor: Sendable, Equatable, Codable {
    public let categorical: [CategoricalColumn]
    public let continuous: [ContinuousColumn]
    public let target: String
    public let logTarget: Bool

    /// Learns the categories and statistics of `table`'s columns from `trainingRows`.
    ///
    /// - Throws: `CSVError` for a column not in the table or a field that is not a
    ///   number (naming the line); `TabularError` for columns named twice, none at all,
    ///   or a continuous column without training values.
    public init(fitting table: CSVTable, categorical: [String], continuous: [String], target: String,
                logTarget: Bool = true, trainingRows: [Int]) throws {
        guard !(categorical.isEmpty && continuous.isEmpty) else { throw TabularError.noInputColumns }
        var seen = Set<String>()
        for name in categorical + continuous + [target] where !seen.insert(name).inserted {
            throw TabularError.repeatedColumn(name)
        }
        self.categorical = try categorical.map { name in
            let values = try table.column(name, as: String?.self)
            return CategoricalColumn(name: name, trainingValues: trainingRows.lazy.map { values[$0] })
        }
        self.continuous = try continuous.map { name in
            guard let column = ContinuousColumn(name: name, values: try table.column(name, as: Float?.self),
                                                trainingRows: trainingRows) else {
                throw TabularError.noTrainingValues(file: table.file, column: name)
            }
            return column
        }
        self.target = target
        self.logTarget = logTarget
        _ = try targets(table)
    }

    /// The names of the continuous inputs, indicator columns included, in input order.
    public var continuousInputNames: [String] { continuous.flatMap(\.inputNames) }

    /// The embedding of each categorical column: rows (categories + 1) and width.
    public var embeddingSizes: [(count: Int, dimensions: Int)] {
        categorical.map { ($0.cardinality, $0.embeddingDimensions) }
    }

    /// Every row of `table` processed: the same categories and statistics whatever the
    /// table, so a validation or test file is processed as the training rows were.
    public func dataset(_ table: CSVTable) throws -> ColumnarDataset {
        let (categories, continuous) = try inputs(table)
        return ColumnarDataset(categories: categories, continuous: continuous, targets: try targets(table),
                               categoricalCount: categorical.count, continuousCount: continuousInputNames.count)
    }

    /// The model's inputs for every row of `table`, row-major: the category indices and
    /// the continuous inputs. The target column need not be there (a table to predict).
    public func inputs(_ table: CSVTable) throws -> (categories: [Int32], continuous: [Float]) {
        let rows = table.rowCount
        let categoryColumns = try categorical.map { column in
            try table.column(column.name, as: String?.self).map { Int32(column.index(of: $0)) }
        }
        let continuousColumns = try continuous.map { column in
            try table.column(column.name, as: Float?.self).map(column.inputs)
        }
        return ((0..<rows).flatMap { row in categoryColumns.map { $0[row] } },
                (0..<rows).flatMap { row in continuousColumns.flatMap { $0[row] } })
    }

    /// The target column, its logarithm when `logTarget`.
    public func targets(_ table: CSVTable) throws -> [Float] {
        let values = try table.column(target, as: Float.self)
        guard logTarget else { return values }
        return try values.enumerated().map { row, value in
            guard value > 0 else {
                throw TabularError.logOfNonPositive(file: table.file, line: table.line(ofRow: row), column: target,
                                                    value: value)
            }
            return log(value)
        }
    }
}
