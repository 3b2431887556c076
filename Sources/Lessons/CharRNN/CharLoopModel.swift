import Random
import Tensor

/// `Char3Model` as a loop over any number of characters (lecture 6, "Our first RNN!"):
///
/// ```python
/// class CharLoopModel(nn.Module):
///     # This is an RNN!
///     def __init__(self, vocab_size, n_fac):
///         super().__init__()
///         self.e = nn.Embedding(vocab_size, n_fac)
///         self.l_in = nn.Linear(n_fac, n_hidden)
///         self.l_hidden = nn.Linear(n_hidden, n_hidden)
///         self.l_out = nn.Linear(n_hidden, vocab_size)
///
///     def forward(self, *cs):
///         bs = cs[0].size(0)
///         h = V(torch.zeros(bs, n_hidden).cuda())
///         for c in cs:
///             inp = F.relu(self.l_in(self.e(c)))
///             h = F.tanh(self.l_hidden(h+inp))
///         return F.log_softmax(self.l_out(h), dim=-1)
/// ```
///
/// The input layer does not depend on h, so it runs for every step at once (one
/// matmul over [steps·batch, factors]) before the loop; the loop is what is truly
/// sequential.
///
/// `Char3Model` (three steps written out) and `CharLoopConcatModel` (h and the input
/// concatenated) are this model with another forward pass.
public class CharLoopModel: CharModel {
    public let e: Embedding
    public let lIn: Linear
    public let lHidden: Linear
    public let lOut: Linear
    /// How many characters it reads at a time: the windows it was trained on (8).
    public let window: Int?
    /// The loop reads any number of characters (`Char3Model` says otherwise).
    public var needsWholeWindow: Bool { false }
    public var isTraining = true

    public convenience init(vocabularySize: Int, factors: Int, hidden: Int, window: Int = 8,
                            generator: inout MT19937) {
        self.init(vocabularySize: vocabularySize, factors: factors, inputWidth: factors, hidden: hidden,
                  window: window, generator: &generator)
    }

    /// The four layers, the input layer reading `inputWidth` numbers a step.
    init(vocabularySize: Int, factors: Int, inputWidth: Int, hidden: Int, window: Int, generator: inout MT19937) {
        self.window = window
        e = Embedding(count: vocabularySize, dimensions: factors, generator: &generator)
        lIn = Linear(inputs: inputWidth, outputs: hidden, generator: &generator)
        lHidden = Linear(inputs: hidden, outputs: hidden, generator: &generator)
        lOut = Linear(inputs: hidden, outputs: vocabularySize, generator: &generator)
    }

    public var children: [(name: String, module: any Module)] {
        [("e", e), ("l_in", lIn), ("l_hidden", lHidden), ("l_out", lOut)]
    }

    /// [steps, batch] → [batch, vocabulary].
    public func callAsFunction(_ characters: IndexTensor) -> Tensor {
        let inputs = relu(lIn(e(characters)))
        var h = Tensor.zeros([characters.shape[1], lHidden.outputs], on: inputs.backend)
        for step in 0..<characters.shape[0] {
            h = tanh(lHidden(h + inputs[step]))
        }
        return lOut(h).logSoftmax(axis: -1)
    }
}
