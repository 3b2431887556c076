#!/usr/bin/env python3
"""Golden values for Tests/LessonsTests/CollabModelTests.swift, computed by PyTorch (CPU, float32).

The lecture's two collaborative-filtering models, EmbeddingDotBias (fastai 0.7's) and
EmbeddingNet (the notebook's, in eval mode so dropout passes through), on a tiny data set
of 4 users and 5 items with 3 factors. Every parameter is written to the fixture under its
state_dict() name, so the Swift test loads the same numbers into its model. Each case
records the predictions of one batch, the MSE loss against the ratings and the gradient
of that loss for every parameter (repeated users and items included, to check that the
embedding's backward adds up the rows).

Usage: python3 scripts/golden/collab_golden.py > Tests/LessonsTests/Fixtures/collab_golden.json
"""
import json

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

rng = np.random.RandomState(6)
n_users, n_items, n_factors, lo, hi = 4, 5, 3, 0.5, 5.0
users = torch.tensor([0, 1, 3, 1, 2, 0], dtype=torch.int64)
items = torch.tensor([4, 0, 2, 4, 1, 3], dtype=torch.int64)
ratings = torch.tensor([3.5, 4.0, 1.0, 5.0, 2.5, 0.5])


class EmbeddingDotBias(nn.Module):
    def __init__(self):
        super().__init__()
        self.u, self.i = nn.Embedding(n_users, n_factors), nn.Embedding(n_items, n_factors)
        self.ub, self.ib = nn.Embedding(n_users, 1), nn.Embedding(n_items, 1)

    def forward(self, users, items):
        um = (self.u(users) * self.i(items)).sum(1)
        res = um + self.ub(users).squeeze(1) + self.ib(items).squeeze(1)
        return torch.sigmoid(res) * (hi - lo) + lo


class EmbeddingNet(nn.Module):
    def __init__(self, nh=2):
        super().__init__()
        self.u, self.m = nn.Embedding(n_users, n_factors), nn.Embedding(n_items, n_factors)
        self.lin1, self.lin2 = nn.Linear(n_factors * 2, nh), nn.Linear(nh, 1)
        self.drop1, self.drop2 = nn.Dropout(0.05), nn.Dropout(0.5)

    def forward(self, users, items):
        x = self.drop1(torch.cat([self.u(users), self.m(items)], dim=1))
        x = self.drop2(F.relu(self.lin1(x)))
        return (torch.sigmoid(self.lin2(x)) * (hi - lo + 1) + lo - 0.5).squeeze(1)


def entry(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(x) for x in t.reshape(-1).tolist()]}


cases = {}
for name, model in [("dotbias", EmbeddingDotBias()), ("net", EmbeddingNet())]:
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.tensor(rng.uniform(-1, 1, p.shape).astype(np.float32)))
    model.eval()
    prediction = model(users, items)
    loss = F.mse_loss(prediction, ratings)
    loss.backward()
    cases[name] = {
        "parameters": {k: entry(v) for k, v in model.named_parameters()},
        "gradients": {k: entry(v.grad) for k, v in model.named_parameters()},
        "prediction": entry(prediction),
        "loss": loss.item(),
    }

print(json.dumps({"users": users.tolist(), "items": items.tolist(), "ratings": ratings.tolist(),
                  "range": [lo, hi], "factors": n_factors, "userCount": n_users, "itemCount": n_items,
                  "hidden": 2, "cases": cases}, indent=1))
