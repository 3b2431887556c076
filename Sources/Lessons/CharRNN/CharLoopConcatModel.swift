import Random
import Tensor

/// `CharLoopModel` with the hidden state and the input side by side instead of added
/// (lecture 6): adding mixes two different kinds of information into the same numbers;
/// concatenating lets the input layer learn how to combine them.
///
/// ```python
/// class CharLoopConcatModel(nn.Module):
///     def __init__(self, vocab_size, n_fac):
///         super().__init__()
///         self.e = nn.Embedding(vocab_size, n_fac)
///         self.l_in = nn.Linear(n_fac+n_hidden, n_hidden)
///         self.l_hidden = nn.Linear(n_hidden, n_hidden)
///         self.l_out = nn.Linear(n_hidden, vocab_size)
///
///     def forward(self, *cs):
///         bs = cs[0].size(0)
///         h = V(torch.zeros(bs, n_hidden).cuda())
///         for c in cs:
///             inp = torch.cat((h, self.e(c)), 1)
///             inp = F.relu(self.l_in(inp))
///             h = F.tanh(self.l_hidden(inp))
///         return F.log_softmax(self.l_out(h), dim=-1)
/// ```
public final class CharLoopConcatModel: CharLoopModel {
    /// The loop model's layers, its input layer reading the embedding and h side by side.
    public init(vocabularySize: Int, factors: Int, hidden: Int, window: Int = 8, generator: inout MT19937) {
        super.init(vocabularySize: vocabularySize, factors: factors, inputWidth: factors + hidden, hidden: hidden,
                   window: window, generator: &generator)
    }

    /// [steps, batch] → [batch, vocabulary].
    public override func callAsFunction(_ characters: IndexTensor) -> Tensor {
        let embedded = e(characters)
        var h = Tensor.zeros([characters.shape[1], lHidden.outputs], on: embedded.backend)
        for step in 0..<characters.shape[0] {
            let inp = relu(lIn(Tensor.concat([h, embedded[step]], axis: 1)))
            h = tanh(lHidden(inp))
        }
        return lOut(h).logSoftmax(axis: -1)
    }
}
