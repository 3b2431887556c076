/// The training and validation loaders of a model (fastai 0.7's `ModelData`, with its
/// `trn_dl` and `val_dl`): what `fit` and a `Learner` train and validate on.
public struct ModelData: Sendable {
    public let train: DataLoader
    public let valid: DataLoader

    public init(train: DataLoader, valid: DataLoader) {
        self.train = train
        self.valid = valid
    }

    /// fastai's `from_arrays`/`from_data_frame`: `dataset` split by `validation` rows
    /// (see `validationIndices`), the training rows shuffled with `seed` in batches of
    /// `batchSize`, the validation rows in order, in batches twice as large (validation
    /// keeps no graph, so a larger batch fits in the same memory).
    public init(_ dataset: TensorDataset, validation: [Int], batchSize: Int, seed: UInt32) {
        let (train, valid) = dataset.split(validation: validation)
        self.init(train: DataLoader(train, batchSize: batchSize, shuffle: true, seed: seed),
                  valid: DataLoader(valid, batchSize: batchSize * 2))
    }
}
