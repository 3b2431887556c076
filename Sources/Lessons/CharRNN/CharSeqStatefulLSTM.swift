import Random
import Tensor

/// A stateful multi-layer LSTM character model (the sequel, lesson 7, "Putting it all
/// together: LSTM"), the best of the series:
///
/// ```python
/// class CharSeqStatefulLSTM(nn.Module):
///     def __init__(self, vocab_size, n_fac, bs, nl):
///         super().__init__()
///         self.vocab_size,self.nl = vocab_size,nl
///         self.e = nn.Embedding(vocab_size, n_fac)
///         self.rnn = nn.LSTM(n_fac, n_hidden, nl, dropout=0.5)
///         self.l_out = nn.Linear(n_hidden, vocab_size)
///         self.init_hidden(bs)
///
///     def forward(self, cs):
///         bs = cs[0].size(0)
///         if self.h[0].size(1) != bs: self.init_hidden(bs)
///         outp,h = self.rnn(self.e(cs), self.h)
///         self.h = repackage_var(h)
///         return F.log_softmax(self.l_out(outp), dim=-1).view(-1, self.vocab_size)
///
///     def init_hidden(self, bs):
///         self.h = (V(torch.zeros(self.nl, bs, n_hidden)),
///                   V(torch.zeros(self.nl, bs, n_hidden)))
/// ```
///
/// `CharSeqStateful` with an `LSTM`: its state, h and c of every layer, lives on from
/// batch to batch, detached in between; dropout between the layers regularises the
/// larger model.
public final class CharSeqStatefulLSTM: CharSeqStateful<LSTM> {
    public init(vocabularySize: Int, factors: Int, hidden: Int, layers: Int, dropout: Float,
                generator: inout MT19937) {
        super.init(vocabularySize: vocabularySize, factors: factors, hidden: hidden, generator: &generator) {
            LSTM(inputs: factors, hidden: hidden, layers: layers, dropout: dropout, generator: &$0)
        }
    }
}
