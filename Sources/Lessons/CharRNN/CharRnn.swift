import Random
import Tensor

/// The loop of `CharLoopModel` as the library's recurrent layer (lecture 6, "RNN with
/// pytorch"):
///
/// ```python
/// class CharRnn(nn.Module):
///     def __init__(self, vocab_size, n_fac):
///         super().__init__()
///         self.e = nn.Embedding(vocab_size, n_fac)
///         self.rnn = nn.RNN(n_fac, n_hidden)
///         self.l_out = nn.Linear(n_hidden, vocab_size)
///
///     def forward(self, *cs):
///         bs = cs[0].size(0)
///         h = V(torch.zeros(1, bs, n_hidden))
///         inp = self.e(torch.stack(cs))
///         outp,h = self.rnn(inp, h)
///         return F.log_softmax(self.l_out(outp[-1]), dim=-1)
/// ```
///
/// `RNN` computes h = tanh(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh): the loop model's
/// tanh(l_hidden(h + relu(l_in(x)))) without the relu layer in between.
public class CharRnn: CharModel {
    public let e: Embedding
    public let rnn: RNN
    public let lOut: Linear
    /// How many characters it reads at a time: the windows it was trained on (8).
    public let window: Int?
    public var isTraining = true

    public init(vocabularySize: Int, factors: Int, hidden: Int, window: Int = 8, generator: inout MT19937) {
        self.window = window
        e = Embedding(count: vocabularySize, dimensions: factors, generator: &generator)
        rnn = RNN(inputs: factors, hidden: hidden, generator: &generator)
        lOut = Linear(inputs: hidden, outputs: vocabularySize, generator: &generator)
    }

    public var children: [(name: String, module: any Module)] {
        [("e", e), ("rnn", rnn), ("l_out", lOut)]
    }

    /// [steps, batch] → [batch, vocabulary].
    public func callAsFunction(_ characters: IndexTensor) -> Tensor {
        let (output, _) = rnn(e(characters))
        return lOut(output[characters.shape[0] - 1]).logSoftmax(axis: -1)
    }
}
