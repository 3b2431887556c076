import Random
import Tensor

/// `CharRnn` predicting after every character, not only the last (lecture 6,
/// "Multi-output model"): trained on non-overlapping windows whose targets are the
/// same windows shifted by one (`CharWindows.nonOverlapping`), so each character is
/// read once per epoch and every step's output is used.
///
/// ```python
/// class CharSeqRnn(nn.Module):
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
///         return F.log_softmax(self.l_out(outp))
/// ```
///
/// The notes' `F.log_softmax(x)` has no `dim`; PyTorch 0.3 then picked dim 0 for a
/// 3-dimensional x — the sequence axis — so their losses are not per-character
/// losses. Here the softmax is over the vocabulary, as the sequel writes it
/// (`dim=-1`); Docs/Lesson6-RNN.md shows the difference.
///
/// The layers are `CharRnn`'s; only the forward pass differs.
public final class CharSeqRnn: CharRnn {
    /// [steps, batch] → [steps·batch, vocabulary] (the notes' `nll_loss_seq` flattens
    /// the same way).
    public override func callAsFunction(_ characters: IndexTensor) -> Tensor {
        let (output, _) = rnn(e(characters))
        return lOut(output).logSoftmax(axis: -1).reshaped([-1, lOut.outputs])
    }
}
