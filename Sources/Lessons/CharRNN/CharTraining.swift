import Random
import Tensor
import Toolkit

/// A character model with its data and optimizer, ready to train: the notebook's
///
/// ```python
/// m = CharRnn(vocab_size, n_fac)
/// opt = optim.Adam(m.parameters(), 1e-3)
/// fit(m, md, 4, opt, F.nll_loss)
/// set_lrs(opt, 1e-4)
/// fit(m, md, 2, opt, F.nll_loss)
/// ```
///
/// through a `Learner`: `learner.fit(stages)` runs one `fit` per `TrainingStage`.
public final class CharTraining {
    public let corpus: CharCorpus
    public let configuration: CharModelConfiguration
    public let model: any CharModel
    public let task: CharTask
    public let learner: Learner

    /// - Parameters:
    ///   - seed: initialises the model and shuffles the training rows (the validation
    ///     split is the lecture's, `get_cv_idxs` with seed 42, whatever this is).
    ///   - weightDecay: Adam's L2 weight decay (the sequel's LSTM uses 1e-5).
    public init(corpus: CharCorpus, configuration: CharModelConfiguration, batchSize: Int, seed: UInt32,
                weightDecay: Float = 0, output: TrainingOutput = .standard) throws(CorpusError) {
        self.corpus = corpus
        self.configuration = configuration
        var generator = MT19937(seed: seed)
        model = configuration.makeModel(generator: &generator)
        task = try CharTask(kind: configuration.kind, corpus: corpus, model: model, batchSize: batchSize,
                            bptt: configuration.bptt, seed: seed)
        learner = Learner(model: model, data: task.data,
                          optimizer: Adam(model.parameters, weightDecay: weightDecay), output: output,
                          forward: task.forward, loss: task.loss)
    }

    /// `saveCharModel` of the model as trained so far, with the optimizer's state.
    public func save(to path: String) throws {
        try saveCharModel(model, configuration: configuration, vocabulary: corpus.vocabulary,
                          optimizer: learner.optimizer, epochs: learner.epochsTrained, to: path)
    }
}
