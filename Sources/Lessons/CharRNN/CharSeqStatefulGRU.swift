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
/// Trained on `CharStreams`: row b of a batch continues row b of the batch before, so
/// the state it ends with is where the next batch starts. `repackage_var` is
/// `detached()`: gradients flow through the `bptt` steps of a batch only (truncated
/// backpropagation through time), while the state carries what came before.
public final class CharSeqStatefulGRU: StatefulCharModel {
    public let e: Embedding
    public let rnn: GRU
    public let lOut: Linear
    public var isTraining = true
    /// The hidden state after the last call, detached; nil after `reset()`.
    public private(set) var h: Tensor?

    public init(vocabularySize: Int, factors: Int, hidden: Int, generator: inout MT19937) {
        e = Embedding(count: vocabularySize, dimensions: factors, generator: &generator)
        rnn = GRU(inputs: factors, hidden: hidden, generator: &generator)
        lOut = Linear(inputs: hidden, outputs: vocabularySize, generator: &generator)
    }

    public var children: [(name: String, module: any Module)] {
        [("e", e), ("rnn", rnn), ("l_out", lOut)]
    }

    public var window: Int? { nil }

    public func reset() {
        h = nil
    }

    /// [steps, batch] → [steps·batch, vocabulary], continuing from the state the last
    /// call ended with (zeros after `reset()` or when the batch size changes).
    public func callAsFunction(_ characters: IndexTensor) -> Tensor {
        let state = h.flatMap { $0.shape[1] == characters.shape[1] ? $0 : nil }
        let (output, last) = rnn(e(characters), initialState: state)
        h = last.detached()
        return lOut(output).logSoftmax(axis: -1).reshaped([-1, lOut.outputs])
    }
}
