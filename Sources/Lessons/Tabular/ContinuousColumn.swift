/// A continuous column's training statistics, and what they do to its values: fastai
/// 0.7's `fix_missing` then `scale_vars`, as `proc_df` applies them.
///
/// - A missing value is filled with the training median, and when the column has gaps
///   an indicator column `<name>_na` (1 where the value was missing, else 0) tells the
///   model which values were filled.
/// - Every value is then standardised, (x − mean) / standard deviation, with the
///   training rows' mean and population standard deviation (scikit-learn's
///   `StandardScaler`), so that validation and test rows are scaled as the training
///   rows were, never by their own statistics. A constant column is only centred.
public struct ContinuousColumn: Sendable, Equatable, Codable {
    public let name: String
    /// The training values' median, filled in where a value is missing.
    public let median: Float
    public let mean: Float
    public let standardDeviation: Float
    /// Whether the model gets a `<name>_na` indicator column: the column has missing
    /// values in the file.
    public let hasIndicator: Bool

    /// The statistics of `values` at `trainingRows` (after filling their gaps);
    /// `hasIndicator` when any of `values` is missing. Nil when every training value
    /// is missing.
    public init?(name: String, values: [Float?], trainingRows: [Int]) {
        let known = trainingRows.compactMap { values[$0] }.sorted()
        guard !known.isEmpty else { return nil }
        let middle = known.count / 2
        let median = known.count % 2 == 1 ? known[middle] : (known[middle - 1] + known[middle]) / 2
        let filled = trainingRows.map { Double(values[$0] ?? median) }
        let mean = filled.reduce(0, +) / Double(filled.count)
        let variance = filled.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(filled.count)
        self.init(name: name, median: median, mean: Float(mean), standardDeviation: Float(variance.squareRoot()),
                  hasIndicator: values.contains(nil))
    }

    public init(name: String, median: Float, mean: Float, standardDeviation: Float, hasIndicator: Bool) {
        self.name = name
        self.median = median
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.hasIndicator = hasIndicator
    }

    /// The names of the model inputs this column becomes: itself, then its indicator.
    public var inputNames: [String] { hasIndicator ? [name, name + "_na"] : [name] }

    /// `value` as the model's inputs: the standardised value (the median if missing),
    /// then the indicator when the column has one.
    public func inputs(_ value: Float?) -> [Float] {
        let scale = standardDeviation > 0 ? standardDeviation : 1
        let standardised = ((value ?? median) - mean) / scale
        return hasIndicator ? [standardised, value == nil ? 1 : 0] : [standardised]
    }
}
