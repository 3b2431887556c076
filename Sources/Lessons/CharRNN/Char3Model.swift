import Random
import Tensor

/// Three characters in, the fourth out (lecture 6, "Three char model"):
///
/// ```python
/// class Char3Model(nn.Module):
///     def __init__(self, vocab_size, n_fac):
///         super().__init__()
///         self.e = nn.Embedding(vocab_size, n_fac)
///         self.l_in = nn.Linear(n_fac, n_hidden)
///         self.l_hidden = nn.Linear(n_hidden, n_hidden)
///         self.l_out = nn.Linear(n_hidden, vocab_size)
///
///     def forward(self, c1, c2, c3):
///         in1 = F.relu(self.l_in(self.e(c1)))
///         in2 = F.relu(self.l_in(self.e(c2)))
///         in3 = F.relu(self.l_in(self.e(c3)))
///         h = V(torch.zeros(in1.size()).cuda())
///         h = F.tanh(self.l_hidden(h+in1))
///         h = F.tanh(self.l_hidden(h+in2))
///         h = F.tanh(self.l_hidden(h+in3))
///         return F.log_softmax(self.l_out(h))
/// ```
///
/// One input layer, one hidden layer and one output layer, each shared by every step:
/// the network of the lecture's diagram, where the same arrow means the same weights.
///
/// Its layers are `CharLoopModel`'s, the lecture's next step, which runs this same
/// computation as a loop over any number of characters.
public final class Char3Model: CharLoopModel {
    public init(vocabularySize: Int, factors: Int, hidden: Int, generator: inout MT19937) {
        super.init(vocabularySize: vocabularySize, factors: factors, inputWidth: factors, hidden: hidden, window: 3,
                   generator: &generator)
    }

    /// The lecture's `forward(c1, c2, c3)`: each of [batch] indices.
    public func callAsFunction(_ c1: IndexTensor, _ c2: IndexTensor, _ c3: IndexTensor) -> Tensor {
        let in1 = relu(lIn(e(c1)))
        let in2 = relu(lIn(e(c2)))
        let in3 = relu(lIn(e(c3)))
        var h = Tensor.zeros(in1.shape, on: in1.backend)
        h = tanh(lHidden(h + in1))
        h = tanh(lHidden(h + in2))
        h = tanh(lHidden(h + in3))
        return lOut(h).logSoftmax(axis: -1)
    }

    /// Its three inputs are three arguments: it reads whole windows only.
    public override var needsWholeWindow: Bool { true }

    /// [3, batch] → [batch, vocabulary].
    public override func callAsFunction(_ characters: IndexTensor) -> Tensor {
        guard characters.shape.count == 2, characters.shape[0] == 3 else {
            fatalError("Char3Model: characters \(characters.shape) are not [3, batch]")
        }
        let batch = characters.shape[1]
        func step(_ t: Int) -> IndexTensor { IndexTensor(Array(characters.scalars[t * batch..<(t + 1) * batch])) }
        return self(step(0), step(1), step(2))
    }
}
