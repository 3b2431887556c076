import Tensor
import Toolkit

/// A text cut into `batchSize` contiguous streams, read `bptt` characters at a time:
/// the sequel's stateful training data (fastai 0.7's `LanguageModelLoader`, torchtext's
/// `batchify`):
///
/// ```python
/// nb = len(data) // bs
/// data = data[:nb*bs].view(bs, -1).t()      # [nb, bs]: column b is stream b
/// x, y = data[i:i+bptt], data[i+1:i+1+bptt] # batch after batch, i += bptt
/// ```
///
/// Row b of every batch continues row b of the batch before, so the hidden state a
/// stateful model ends one batch with is the right state to start the next one from.
/// (fastai varies bptt a little from batch to batch, and keeps a shorter last batch;
/// these batches are all `bptt` long, and the few characters after the last whole
/// one are left out.)
public struct CharStreams: Sendable {
    /// [length, batchSize]: stream b is column b.
    public let streams: IndexTensor
    public let bptt: Int

    public init(_ idx: [Int32], batchSize: Int, bptt: Int) {
        guard batchSize >= 1, bptt >= 1, idx.count / batchSize > bptt else {
            fatalError("CharStreams: \(idx.count) characters cannot make \(batchSize) streams of more than "
                       + "\(bptt) characters")
        }
        let length = idx.count / batchSize
        var scalars = [Int32](repeating: 0, count: length * batchSize)
        for b in 0..<batchSize {
            for t in 0..<length { scalars[t * batchSize + b] = idx[b * length + t] }
        }
        streams = IndexTensor(scalars, shape: [length, batchSize])
        self.bptt = bptt
    }

    public var batchSize: Int { streams.shape[1] }

    /// The number of batches in one pass over the streams.
    public var count: Int { (streams.shape[0] - 1) / bptt }

    /// Batch `index`: inputs [bptt, batchSize] and the next character of each, the
    /// same shape.
    public func batch(_ index: Int) -> (inputs: IndexTensor, targets: IndexTensor) {
        guard (0..<count).contains(index) else { fatalError("CharStreams: batch \(index) of \(count)") }
        func rows(_ first: Int) -> IndexTensor {
            IndexTensor(Array(streams.scalars[first * batchSize..<(first + bptt) * batchSize]),
                        shape: [bptt, batchSize])
        }
        return (rows(index * bptt), rows(index * bptt + 1))
    }

    /// Every batch as one row of a data set, in order: `x` and `y` [count, bptt,
    /// batchSize], and `position`, the batch's index, from which a model knows when a
    /// pass starts again.
    public var blocks: TensorDataset {
        let batches = (0..<count).map(batch)
        return TensorDataset([
            "x": .indices(IndexTensor(batches.flatMap(\.inputs.scalars), shape: [count, bptt, batchSize])),
            "y": .indices(IndexTensor(batches.flatMap(\.targets.scalars), shape: [count, bptt, batchSize])),
            "position": .indices(IndexTensor(Array(0..<count))),
        ])
    }
}
