import Random

/// Serves a `TensorDataset` in batches, an epoch at a time (PyTorch's `DataLoader`, as
/// fastai 0.7 builds it: `shuffle` for the training set, in order for validation, and
/// the last, smaller batch kept).
///
/// Each epoch's order is a function of `seed` and the epoch number alone: epoch e is
/// shuffled by an `MT19937` seeded with the e-th draw of `MT19937(seed: seed)`. So the
/// same seed gives the same batches, every epoch gets a new order, and training resumed
/// from a checkpoint at epoch e sees the batches it would have seen without stopping.
///
///     let loader = DataLoader(train, batchSize: 64, shuffle: true, seed: 42)
///     for batch in loader.batches(epoch: 0) { ... }
public struct DataLoader: Sendable {
    public let dataset: TensorDataset
    public let batchSize: Int
    public let shuffle: Bool
    public let seed: UInt32

    public init(_ dataset: TensorDataset, batchSize: Int, shuffle: Bool = false, seed: UInt32 = 0) {
        guard batchSize > 0 else { fatalError("DataLoader: batchSize must be positive, not \(batchSize)") }
        self.dataset = dataset
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.seed = seed
    }

    /// Batches per epoch (`len(dl)`), the last one possibly smaller.
    public var batchCount: Int { (dataset.count + batchSize - 1) / batchSize }

    /// The rows of epoch `epoch` (from 0), in the order they are served.
    public func order(epoch: Int) -> [Int] {
        guard shuffle else { return Array(0..<dataset.count) }
        guard epoch >= 0 else { fatalError("DataLoader: epoch \(epoch) is negative") }
        var seeds = MT19937(seed: seed)
        for _ in 0..<epoch { _ = seeds.nextUInt32() }
        var generator = MT19937(seed: seeds.nextUInt32())
        return generator.permutation(dataset.count)
    }

    /// The batches of epoch `epoch`, gathered one at a time as they are iterated.
    public func batches(epoch: Int = 0) -> Batches {
        Batches(dataset: dataset, order: order(epoch: epoch), batchSize: batchSize)
    }

    /// One epoch of batches: a `Sequence` of `Batch`.
    public struct Batches: Sequence, IteratorProtocol, Sendable {
        let dataset: TensorDataset
        let order: [Int]
        let batchSize: Int
        var start = 0

        public mutating func next() -> Batch? {
            guard start < order.count else { return nil }
            let end = Swift.min(start + batchSize, order.count)
            defer { start = end }
            return dataset.rows(order[start..<end])
        }
    }
}
