"""The sequel's stateful character model (lesson 7's CharSeqStatefulGRU and
CharSeqStatefulLSTM), shared by chars.py, which times it, and
scripts/golden/char_golden.py, which computes golden values with it."""
import torch.nn as nn
import torch.nn.functional as F


class CharSeqStateful(nn.Module):
    """Embedding → a recurrent layer whose state lives on from batch to batch, detached →
    Linear → log_softmax of every step."""

    def __init__(self, vocab_size, n_fac, rnn, n_hidden):
        super().__init__()
        self.e = nn.Embedding(vocab_size, n_fac)
        self.rnn = rnn
        self.l_out = nn.Linear(n_hidden, vocab_size)
        self.h = None

    def forward(self, cs):
        outp, h = self.rnn(self.e(cs), self.h)
        self.h = tuple(v.detach() for v in h) if isinstance(h, tuple) else h.detach()
        return F.log_softmax(self.l_out(outp), dim=-1).view(-1, self.l_out.out_features)
