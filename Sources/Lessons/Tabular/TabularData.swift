import Toolkit

/// A CSV file ready for a tabular model: its rows split into training and validation,
/// processed with the training rows' statistics (see `TabularProcessor`), and the range
/// the model's predictions are squashed into. fastai 0.7's
///
/// ```python
/// val_idx = get_cv_idxs(n)
/// md = ColumnarModelData.from_data_frame(PATH, val_idx, df, yl, cat_flds=cat_vars, bs=128)
/// max_log_y = np.max(yl); y_range = (0, max_log_y*1.2)
/// ```
///
/// ```swift
/// let data = try TabularData(contentsOfFile: "bike-sharing/hour.csv",
///                            categorical: ["season", "yr", "mnth", "hr"], continuous: ["temp", "hum"],
///                            target: "cnt")
/// data.processor.embeddingSizes    // [(5, 3), (3, 2), (13, 7), (25, 13)]
/// ```
public struct TabularData: Sendable {
    /// The file as the caller named it.
    public let file: String
    public let processor: TabularProcessor
    /// Every row of the file, processed.
    public let dataset: ColumnarDataset
    /// The rows held out for validation (`validationIndices`).
    public let validation: [Int]
    /// The rows not held out, in file order.
    public let trainingRows: [Int]
    /// The range of the model's output: (0, 1.2 · the largest target), as the lecture's
    /// `y_range`, reaching 1.2 · the smallest target instead of 0 when some are below 0.
    public let yRange: ClosedRange<Float>

    /// Reads `path` and processes it (`--valid-fraction`, `--valid-seed`: the split).
    public init(contentsOfFile path: String, categorical: [String], continuous: [String], target: String,
                logTarget: Bool = true, validFraction: Double = 0.2, validSeed: UInt32 = 42) throws {
        try self.init(table: CSVTable(contentsOfFile: path), categorical: categorical, continuous: continuous,
                      target: target, logTarget: logTarget, validFraction: validFraction, validSeed: validSeed)
    }

    public init(table: CSVTable, categorical: [String], continuous: [String], target: String,
                logTarget: Bool = true, validFraction: Double = 0.2, validSeed: UInt32 = 42) throws {
        let validation = validationIndices(count: table.rowCount, fraction: validFraction, seed: validSeed)
        guard !validation.isEmpty, validation.count < table.rowCount else {
            throw TabularError.tooFewRows(file: table.file, rows: table.rowCount, validation: validation.count)
        }
        let held = Set(validation)
        trainingRows = (0..<table.rowCount).filter { !held.contains($0) }
        file = table.file
        processor = try TabularProcessor(fitting: table, categorical: categorical, continuous: continuous,
                                         target: target, logTarget: logTarget, trainingRows: trainingRows)
        dataset = try processor.dataset(table)
        self.validation = validation
        let targets = dataset.targets
        yRange = min(0, 1.2 * targets.min()!)...max(0, 1.2 * targets.max()!)
    }

    /// The training and validation loaders: training rows shuffled with `seed` in
    /// batches of `batchSize`, validation rows in order.
    public func modelData(batchSize: Int, seed: UInt32) -> ModelData {
        ModelData(dataset.tensorDataset, validation: validation, batchSize: batchSize, seed: seed)
    }
}
