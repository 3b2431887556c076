import Tensor

/// One of the lesson's character models: it reads characters and gives
/// log-probabilities of the character that comes next.
public protocol CharModel: Module {
    /// Log-probabilities over the vocabulary.
    ///
    /// - Parameter characters: indices [steps, batch], time first (`torch.stack(cs)`).
    /// - Returns: for a model that predicts after the last step only, [batch,
    ///   vocabulary]; for a sequence model, a prediction after every step,
    ///   [steps·batch, vocabulary], step by step.
    func callAsFunction(_ characters: IndexTensor) -> Tensor

    /// How many characters the model reads at a time (3 for `Char3Model`, 8 for the
    /// loops), or nil for a stateful model, which remembers what it has read.
    var window: Int? { get }

    /// Whether the model reads whole windows only (`Char3Model`'s three inputs); the
    /// loops read however many characters they are given.
    var needsWholeWindow: Bool { get }
}

extension CharModel {
    public var needsWholeWindow: Bool { false }
}

/// A model that carries its hidden state from one call to the next (the sequel's
/// `CharSeqStatefulRnn`): batch after batch of contiguous streams (`CharStreams`),
/// the state detached between batches — truncated backpropagation through time.
public protocol StatefulCharModel: CharModel {
    /// Forgets the state: the next call starts from zeros (fastai's `reset()`, at the
    /// start of each epoch and of validation).
    func reset()
}
