import Random
import Tensor

/// The sequel's stateful character model (lesson 7), whatever its recurrent layer:
/// `CharSeqRnn` whose hidden state lives on from one batch to the next. The notebook
/// writes it out for `nn.RNN`, then again with `nn.GRU` and with `nn.LSTM` in its place;
/// here `CharSeqStatefulGRU` and `CharSeqStatefulLSTM` are this class with that layer.
///
/// Trained on `CharStreams`: row b of a batch continues row b of the batch before, so
/// the state it ends with is where the next batch starts. `repackage_var` is
/// `detached`: gradients flow through the `bptt` steps of a batch only (truncated
/// backpropagation through time), while the state carries what came before.
public class CharSeqStateful<Recurrent: StatefulRecurrentLayer>: StatefulCharModel {
    public let e: Embedding
    public let rnn: Recurrent
    public let lOut: Linear
    public var isTraining = true
    /// The state after the last call, detached; nil after `reset()`.
    public private(set) var h: Recurrent.State?

    /// The embedding, the recurrent layer that `recurrent` makes, and the output layer,
    /// drawn from `generator` in that order (the notebook's `__init__`).
    init(vocabularySize: Int, factors: Int, hidden: Int, generator: inout MT19937,
         recurrent: (inout MT19937) -> Recurrent) {
        e = Embedding(count: vocabularySize, dimensions: factors, generator: &generator)
        rnn = recurrent(&generator)
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
        let state = h.flatMap { Recurrent.batchSize(of: $0) == characters.shape[1] ? $0 : nil }
        let (output, last) = rnn.run(e(characters), from: state)
        h = Recurrent.detached(last)
        return lOut(output).logSoftmax(axis: -1).reshaped([-1, lOut.outputs])
    }
}
