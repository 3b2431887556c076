#!/usr/bin/env python3
"""Golden values for Tests/LessonsTests/MixedInputModelTests.swift, computed by PyTorch (CPU, float32).

fastai 0.7's MixedInputModel, written out as in Benchmarks/pytorch/tabular.py, small: two
categorical columns (embeddings 4 x 2 and 3 x 2), three continuous inputs, hidden layers
[5, 4], y_range (0, 3), dropout 0 so that training mode is deterministic. Every parameter
is written under its state_dict() name. Two cases:

- the top-level keys: batch norm after each ReLU (use_bn=True), training mode, so every
  batch norm uses the batch's statistics. The predictions of one batch of 6 rows, their
  MSE against the targets, and the gradient of that loss for every parameter (repeated
  categories included).
- "lecture": the lecture's configuration, use_bn=False (no bns, only the continuous
  inputs' bn). The same record for one training-mode batch of 6 rows, whose continuous
  inputs have mean 2 and standard deviation 3 so that it moves bn's running mean and
  variance well away from 0 and 1 (by momentum 0.1, the variance unbiased); those running
  statistics after it; then the predictions for another batch of 4 rows in evaluation
  mode (model.eval()), which bn normalises with the running statistics.

The lecture case draws after the first from its own seed, so adding it left the first
case's values as they were.

Usage: python3 scripts/golden/tabular_golden.py > Tests/LessonsTests/Fixtures/tabular_golden.json
"""
import json

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(8)
emb_szs, n_cont, szs, y_range = [(4, 2), (3, 2)], 3, [5, 4], (0.0, 3.0)


class MixedInputModel(nn.Module):
    def __init__(self, use_bn):
        super().__init__()
        self.embs = nn.ModuleList([nn.Embedding(c, s) for c, s in emb_szs])
        sizes = [sum(s for _, s in emb_szs) + n_cont] + szs
        self.lins = nn.ModuleList([nn.Linear(sizes[i], sizes[i + 1]) for i in range(len(szs))])
        self.bns = nn.ModuleList([nn.BatchNorm1d(sz) for sz in szs]) if use_bn else None
        self.outp = nn.Linear(sizes[-1], 1)
        self.bn = nn.BatchNorm1d(n_cont)
        with torch.no_grad():
            for p in self.parameters():
                p.uniform_(-1, 1)

    def forward(self, x_cat, x_cont):
        x = torch.cat([e(x_cat[:, i]) for i, e in enumerate(self.embs)], 1)
        x = torch.cat([x, self.bn(x_cont)], 1)
        for i, l in enumerate(self.lins):
            x = F.relu(l(x))
            if self.bns is not None:
                x = self.bns[i](x)
        return torch.sigmoid(self.outp(x)) * (y_range[1] - y_range[0]) + y_range[0]


def entry(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(x) for x in t.reshape(-1).tolist()]}


def training_case(use_bn, x_cat, cont_mean=0.0, cont_std=1.0):
    """A model in training mode, one batch through it, the MSE and its gradients."""
    model = MixedInputModel(use_bn).train()
    x_cont = torch.randn(len(x_cat), n_cont) * cont_std + cont_mean
    y = torch.rand(len(x_cat), 1) * 3
    parameters = {name: entry(p) for name, p in model.named_parameters()}
    output = model(x_cat, x_cont)
    loss = F.mse_loss(output, y)
    loss.backward()
    return model, {
        "categories": x_cat.reshape(-1).tolist(), "continuous": entry(x_cont), "targets": entry(y),
        "parameters": parameters, "output": entry(output), "loss": loss.item(),
        "gradients": {name: entry(p.grad) for name, p in model.named_parameters()},
    }


_, golden = training_case(True, torch.tensor([[1, 0], [3, 2], [1, 1], [0, 2], [2, 2], [3, 0]]))

torch.manual_seed(6)
model, lecture = training_case(False, torch.tensor([[2, 1], [0, 0], [3, 1], [2, 2], [1, 0], [0, 2]]),
                               cont_mean=2.0, cont_std=3.0)
lecture["running_mean"] = entry(model.bn.running_mean)
lecture["running_var"] = entry(model.bn.running_var)
model.eval()
eval_cat = torch.tensor([[3, 2], [0, 1], [1, 1], [2, 0]])
eval_cont = torch.randn(4, n_cont) * 2 + 0.5
with torch.no_grad():
    eval_output = model(eval_cat, eval_cont)
lecture["evaluation"] = {"categories": eval_cat.reshape(-1).tolist(), "continuous": entry(eval_cont),
                         "output": entry(eval_output)}
golden["lecture"] = lecture
print(json.dumps(golden))
