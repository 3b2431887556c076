/// A tabular data set or recipe that cannot be trained as asked, said so that the user
/// can fix it. Problems of the file itself (a column that is not there, text in a
/// number column) are `CSVError`s, which name the file, line and column.
public enum TabularError: Error, CustomStringConvertible, Equatable {
    /// Neither categorical nor continuous columns were named.
    case noInputColumns
    /// A column named twice among the categorical, continuous and target columns.
    case repeatedColumn(String)
    /// Too few rows to hold out a validation set and still train.
    case tooFewRows(file: String, rows: Int, validation: Int)
    /// A continuous column whose every training value is missing: no median to fill
    /// gaps with, no mean or spread to normalise by.
    case noTrainingValues(file: String, column: String)
    /// The logarithm of the target is asked for, but a value is not positive.
    case logOfNonPositive(file: String, line: Int, column: String, value: Float)
    /// The training rows leave a last batch of one row, which batch normalisation
    /// cannot train on (its variance over one row is 0/0).
    case lastBatchOfOne(trainingRows: Int, batchSize: Int)

    public var description: String {
        switch self {
        case .noInputColumns:
            "no input columns: name at least one categorical or continuous column"
        case .repeatedColumn(let name):
            "column '\(name)' is named more than once among the categorical, continuous and target columns"
        case .tooFewRows(let file, let rows, let validation):
            "\(file): \(rows) rows leave \(validation) for validation and \(rows - validation) for training; "
                + "both need some"
        case .noTrainingValues(let file, let column):
            "\(file): continuous column '\(column)' has no value in the training rows (all missing)"
        case .logOfNonPositive(let file, let line, let column, let value):
            "\(file):\(line): column '\(column)': \(value) has no logarithm (the target's log needs values > 0; "
                + "pass --no-log-target to train on the values as they are)"
        case .lastBatchOfOne(let rows, let batchSize):
            "\(rows) training rows in batches of \(batchSize) leave a last batch of one row, which batch "
                + "normalisation cannot train on; choose another --batch-size"
        }
    }
}
