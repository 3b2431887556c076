#!/usr/bin/env python3
"""Golden values for Tests/LessonsTests/CharModelGoldenTests.swift, computed by PyTorch (CPU, float32).

The lecture's CharRnn and the sequel's stateful GRU and two-layer LSTM character models,
written as the notebooks write them, on a vocabulary of 7 characters with 3 factors and
5 hidden units. Every parameter is written to the fixture under its state_dict() name,
so the Swift test loads the same numbers into its model. Each case runs two batches in a
row, as training does: the NLL loss of each, and the gradient of every parameter after
each backward (zeroed in between). The stateful models carry their state, detached, from
the first batch into the second, so the second batch's numbers check that as well. The
LSTM's dropout between layers is 0 here: PyTorch's masks cannot be reproduced.

Usage: python3 scripts/golden/char_golden.py > Tests/LessonsTests/Fixtures/char_golden.json
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../Benchmarks/pytorch"))
from char_models import CharSeqStateful  # noqa: E402

torch.set_default_dtype(torch.float32)
rng = np.random.RandomState(1917)
vocab_size, n_fac, n_hidden, bptt, bs = 7, 3, 5, 4, 3


class CharRnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.e = nn.Embedding(vocab_size, n_fac)
        self.rnn = nn.RNN(n_fac, n_hidden)
        self.l_out = nn.Linear(n_hidden, vocab_size)

    def forward(self, cs):
        h = torch.zeros(1, cs.size(1), n_hidden)
        outp, h = self.rnn(self.e(cs), h)
        return F.log_softmax(self.l_out(outp[-1]), dim=-1)


def entry(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(x) for x in t.reshape(-1).tolist()]}


def characters(*shape):
    return torch.tensor(rng.randint(0, vocab_size, shape), dtype=torch.int64)


cases = {}
models = [("rnn", CharRnn()), ("gru", CharSeqStateful(vocab_size, n_fac, nn.GRU(n_fac, n_hidden), n_hidden)),
          ("lstm", CharSeqStateful(vocab_size, n_fac, nn.LSTM(n_fac, n_hidden, 2, dropout=0), n_hidden))]
for name, model in models:
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.tensor(rng.uniform(-1, 1, p.shape).astype(np.float32)))
    parameters = {k: entry(v) for k, v in model.named_parameters()}
    batches = []
    for _ in range(2):
        inputs = characters(bptt, bs)
        # CharRnn predicts the character after the window; the sequence models every next one.
        targets = characters(bs) if name == "rnn" else characters(bptt * bs)
        model.zero_grad()
        loss = F.nll_loss(model(inputs), targets)
        loss.backward()
        batches.append({"inputs": inputs.reshape(-1).tolist(), "targets": targets.tolist(), "loss": loss.item(),
                        "gradients": {k: entry(v.grad) for k, v in model.named_parameters()}})
    cases[name] = {"parameters": parameters, "batches": batches}

print(json.dumps({"vocabularySize": vocab_size, "factors": n_fac, "hidden": n_hidden, "bptt": bptt,
                  "batchSize": bs, "cases": cases}, indent=1))
