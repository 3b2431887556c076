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
/// As `CharSeqStatefulGRU`, the state (here h and c of every layer) lives on from
/// batch to batch, detached in between; dropout between the layers regularises the
/// larger model.
public final class CharSeqStatefulLSTM: StatefulCharModel {
    public let e: Embedding
    public let rnn: LSTM
    public let lOut: Linear
    public var isTraining = true
    /// The state after the last call, detached; nil after `reset()`.
    public private(set) var h: LSTM.State?

    public init(vocabularySize: Int, factors: Int, hidden: Int, layers: Int, dropout: Float,
                generator: inout MT19937) {
        e = Embedding(count: vocabularySize, dimensions: factors, generator: &generator)
        rnn = LSTM(inputs: factors, hidden: hidden, layers: layers, dropout: dropout, generator: &generator)
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
        let state = h.flatMap { $0.hidden.shape[1] == characters.shape[1] ? $0 : nil }
        let (output, last) = rnn(e(characters), initialState: state)
        h = last.detached()
        return lOut(output).logSoftmax(axis: -1).reshaped([-1, lOut.outputs])
    }
}
