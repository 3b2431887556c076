import Tensor
import Toolkit

/// What a character model trains on, and how a batch goes through it: the lecture's
/// `ColumnarModelData.from_arrays('.', val_idx, xs, y, bs=512)` for the windowed
/// models, the sequel's `LanguageModelData` for the stateful ones.
///
/// - `char3`: every third position (`CharWindows.everyThird`); the notes validate on
///   the single last row (`val_idx = [-1]`), this on 20% (`get_cv_idxs`).
/// - `loop`, `concat`, `rnn`: every overlapping window of 8, 20% held out with
///   `get_cv_idxs(len(idx)-cs-1)`, as the notes.
/// - `seq`: non-overlapping windows, `get_cv_idxs(len(xs)-cs-1)` as the notes, the
///   loss over every step's prediction.
/// - `gru`, `lstm`: the first 80% of the text as `batchSize` training streams, the
///   last 20% as validation streams, read `bptt` characters at a time in order (one
///   row of the data set is one [bptt, batch] block); the model's state is reset at
///   the start of each pass (block 0) and carried between blocks.
public struct CharTask {
    public let data: ModelData
    public let forward: (Batch) -> Tensor
    public let loss: (Tensor, Batch) -> Tensor
    /// One line about the rows: how many, of what, split how.
    public let summary: String

    public init(kind: CharModelKind, corpus: CharCorpus, model: any CharModel, batchSize: Int, bptt: Int,
                seed: UInt32) throws(CorpusError) {
        let idx = corpus.indices
        let windows: (inputs: IndexTensor, targets: IndexTensor)
        let validation: [Int]
        switch kind {
        case .char3:
            windows = CharWindows.everyThird(idx)
            validation = validationIndices(count: windows.targets.count)
        case .loop, .concat, .rnn:
            windows = CharWindows.overlapping(idx, steps: bptt)
            validation = validationIndices(count: max(0, idx.count - bptt - 1))
        case .seq:
            windows = CharWindows.nonOverlapping(idx, steps: bptt)
            validation = validationIndices(count: max(0, windows.inputs.shape[0] - bptt - 1))
        case .gru, .lstm:
            guard let stateful = model as? StatefulCharModel else {
                fatalError("CharTask: \(kind) trains a stateful model, not a \(type(of: model))")
            }
            self = try Self(streamsOf: corpus, model: stateful, batchSize: batchSize, bptt: bptt)
            return
        }
        let rows = windows.inputs.shape[0], steps = windows.inputs.shape[1]
        guard !validation.isEmpty, validation.count < rows else {
            throw CorpusError(path: "the corpus", problem: "has \(idx.count) characters: too few to hold out "
                              + "validation windows of \(steps) and train on the rest")
        }
        let kindOfWindows = kind == .seq ? "non-overlapping" : kind == .char3 ? "every-third" : "overlapping"
        self.init(data: ModelData(TensorDataset(["x": .indices(windows.inputs), "y": .indices(windows.targets)]),
                                  validation: validation, batchSize: batchSize, seed: seed),
                  forward: { model(CharWindows.timeMajor($0.indices("x"))) },
                  loss: kind == .seq
                      ? { output, batch in
                          nllLoss(output, IndexTensor(CharWindows.timeMajor(batch.indices("y")).scalars))
                      }
                      : { output, batch in nllLoss(output, batch.indices("y")) },
                  summary: "\(rows) \(kindOfWindows) windows of \(steps) characters: "
                      + "\(rows - validation.count) training, \(validation.count) validation (get_cv_idxs), "
                      + "batches of \(batchSize)")
    }

    private init(data: ModelData, forward: @escaping (Batch) -> Tensor, loss: @escaping (Tensor, Batch) -> Tensor,
                 summary: String) {
        (self.data, self.forward, self.loss, self.summary) = (data, forward, loss, summary)
    }

    private init(streamsOf corpus: CharCorpus, model: any StatefulCharModel, batchSize: Int,
                 bptt: Int) throws(CorpusError) {
        let split = Int(0.8 * Double(corpus.count))
        let parts = [Array(corpus.indices[..<split]), Array(corpus.indices[split...])]
        guard parts.allSatisfy({ $0.count / batchSize > bptt }) else {
            throw CorpusError(path: "the corpus", problem: "has \(corpus.count) characters: too few for "
                              + "\(batchSize) streams read \(bptt) at a time in both of its 80% and 20% parts")
        }
        let (train, valid) = (CharStreams(parts[0], batchSize: batchSize, bptt: bptt),
                              CharStreams(parts[1], batchSize: batchSize, bptt: bptt))
        self.init(data: ModelData(train: DataLoader(train.blocks, batchSize: 1),
                                  valid: DataLoader(valid.blocks, batchSize: 1)),
                  forward: { batch in
                      if batch.indices("position").scalars[0] == 0 { model.reset() }
                      return model(IndexTensor(batch.indices("x").scalars, shape: [bptt, batchSize]))
                  },
                  loss: { output, batch in nllLoss(output, IndexTensor(batch.indices("y").scalars)) },
                  summary: "\(batchSize) contiguous streams of the first 80% "
                      + "(\(train.count) blocks of \(bptt)×\(batchSize) a pass) and of the last 20% "
                      + "(\(valid.count) blocks) for validation")
    }
}
