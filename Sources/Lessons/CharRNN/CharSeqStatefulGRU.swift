import Random
import Tensor

/// A stateful GRU character model (the sequel, lesson 7, "GRU"): `CharSeqRnn` with a
/// `GRU` for the recurrent layer, and a hidden state that lives on from one batch to
/// the next.
///
/// ```python
/// class CharSeqStatefulGRU(nn.Module):
///     def __init__(self, vocab_size, n_fac, bs):
///         self.vocab_size = vocab_size
///         super().__init__()
///         self.e = nn.Embedding(vocab_size, n_fac)
///         self.rnn = nn.GRU(n_fac, n_hidden)
///         self.l_out = nn.Linear(n_hidden, vocab_size)
///         self.init_hidden(bs)
///
///     def forward(self, cs):
///         bs = cs[0].size(0)
///         if self.h.size(1) != bs: self.init_hidden(bs)
///         outp,h = self.rnn(self.e(cs), self.h)
///         self.h = repackage_var(h)
///         return F.log_softmax(self.l_out(outp), dim=-1).view(-1, self.vocab_size)
///
///     def init_hidden(self, bs): self.h = V(torch.zeros(1, bs, n_hidden))
/// ```
///
/// `CharSeqStateful` with a `GRU`: everything else is the stateful model's.
public final class CharSeqStatefulGRU: CharSeqStateful<GRU> {
    public init(vocabularySize: Int, factors: Int, hidden: Int, generator: inout MT19937) {
        super.init(vocabularySize: vocabularySize, factors: factors, hidden: hidden, generator: &generator) {
            GRU(inputs: factors, hidden: hidden, generator: &$0)
        }
    }
}
