#!/usr/bin/env python3
"""Golden values for Tests/LessonsTests/MixedInputModelTests.swift, computed by PyTorch (CPU, float32).

fastai 0.7's MixedInputModel, written out as in Benchmarks/pytorch/tabular.py, small: two
categorical columns (embeddings 4 x 2 and 3 x 2), three continuous inputs, hidden layers
[5, 4] with batch norm after each ReLU (use_bn=True), y_range (0, 3), dropout 0 so that
training mode is deterministic. Training mode, so every batch norm uses the batch's
statistics. Every parameter is written under its state_dict() name; the case records the
predictions of one batch of 6 rows, their MSE against the targets, and the gradient of
that loss for every parameter (repeated categories included).

Usage: python3 scripts/golden/tabular_golden.py > Tests/LessonsTests/Fixtures/tabular_golden.json
"""
import json

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(8)
emb_szs, n_cont, szs, y_range = [(4, 2), (3, 2)], 3, [5, 4], (0.0, 3.0)


class MixedInputModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.embs = nn.ModuleList([nn.Embedding(c, s) for c, s in emb_szs])
        sizes = [sum(s for _, s in emb_szs) + n_cont] + szs
        self.lins = nn.ModuleList([nn.Linear(sizes[i], sizes[i + 1]) for i in range(len(szs))])
        self.bns = nn.ModuleList([nn.BatchNorm1d(sz) for sz in szs])
        self.outp = nn.Linear(sizes[-1], 1)
        self.bn = nn.BatchNorm1d(n_cont)
        with torch.no_grad():
            for p in self.parameters():
                p.uniform_(-1, 1)

    def forward(self, x_cat, x_cont):
        x = torch.cat([e(x_cat[:, i]) for i, e in enumerate(self.embs)], 1)
        x = torch.cat([x, self.bn(x_cont)], 1)
        for l, b in zip(self.lins, self.bns):
            x = b(F.relu(l(x)))
        return torch.sigmoid(self.outp(x)) * (y_range[1] - y_range[0]) + y_range[0]


def entry(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(x) for x in t.reshape(-1).tolist()]}


model = MixedInputModel().train()
x_cat = torch.tensor([[1, 0], [3, 2], [1, 1], [0, 2], [2, 2], [3, 0]])
x_cont = torch.randn(6, n_cont)
y = torch.rand(6, 1) * 3
parameters = {name: entry(p) for name, p in model.named_parameters()}
output = model(x_cat, x_cont)
loss = F.mse_loss(output, y)
loss.backward()
print(json.dumps({
    "categories": x_cat.reshape(-1).tolist(), "continuous": entry(x_cont), "targets": entry(y),
    "parameters": parameters, "output": entry(output), "loss": loss.item(),
    "gradients": {name: entry(p.grad) for name, p in model.named_parameters()},
}))
