#!/usr/bin/env python3
"""Golden values for Tests/TensorTests/GoldenTests.swift, computed by PyTorch (CPU, float32).

Every input is written to the fixture explicitly, so the Swift test needs no random
generator to match PyTorch's; the one exception is the "random" case, which checks that
Tensor.uniform / Tensor.normal draw exactly what NumPy's legacy np.random draws.

Usage: python3 scripts/golden/tensor_golden.py > Tests/TensorTests/Fixtures/tensor_golden.json
"""
import json

import numpy as np
import torch

torch.set_default_dtype(torch.float32)
rng = np.random.RandomState(2017)


def make(*shape, scale=1.0, positive=False):
    values = rng.uniform(0.5, 2.0, shape) if positive else rng.uniform(-1, 1, shape) * scale
    return torch.tensor(values.astype(np.float32), requires_grad=True)


def entry(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(x) for x in t.reshape(-1).tolist()]}


def case(**tensors):
    return {name: entry(t) for name, t in tensors.items()}


cases = {}

# Broadcasting arithmetic: [3,1] with [1,4], [4] with [2,3,4], scalars on both sides.
a, b, c, d = make(3, 1), make(1, 4), make(4), make(2, 3, 4)
w = make(2, 3, 4).detach()
mixed = d * c - (a + b) / (1.5 + c * c) + 2 * a - 0.5
(mixed * w).sum().backward()
cases["broadcast"] = case(a=a, b=b, c=c, d=d, w=w, out=mixed,
                          gradA=a.grad, gradB=b.grad, gradC=c.grad, gradD=d.grad)

# Log-softmax along the last axis, one row with large logits (stability).
x = make(4, 5, scale=10)
with torch.no_grad():
    x[2] += 100
w = make(4, 5).detach()
out = torch.log_softmax(x, dim=-1)
(out * w).sum().backward()
cases["logSoftmax"] = case(x=x, w=w, out=out, gradX=x.grad)

# Batched matmul with every transpose combination read through views.
p, q, r, s = make(2, 3, 4), make(2, 5, 4), make(2, 4, 3), make(2, 4, 5)
w = make(2, 3, 5).detach()
nn = p @ s                                        # [2,3,4] @ [2,4,5]
nt = p @ q.transpose(1, 2)                        # [2,3,4] @ [2,4,5]ᵀ-view
tn = r.transpose(1, 2) @ s                        # [2,3,4]ᵀ-view @ [2,4,5]
tt = r.transpose(1, 2) @ q.transpose(1, 2)
((nn + 2 * nt + 3 * tn + 4 * tt) * w).sum().backward()
cases["batchedMatmul"] = case(p=p, q=q, r=r, s=s, w=w, nn=nn, nt=nt, tn=tn, tt=tt,
                              gradP=p.grad, gradQ=q.grad, gradR=r.grad, gradS=s.grad)

# A 2-layer MLP: tanh hidden layer, log-softmax, negative log-likelihood.
x = make(8, 5).detach()
w1, b1, w2, b2 = make(5, 16), make(16), make(16, 3), make(3)
targets = torch.tensor(rng.randint(0, 3, 8))
hidden = torch.tanh(x @ w1 + b1)
logits = hidden @ w2 + b2
loss = torch.nn.functional.nll_loss(torch.log_softmax(logits, dim=1), targets)
loss.backward()
cases["mlp"] = case(x=x, w1=w1, b1=b1, w2=w2, b2=b2, logits=logits, loss=loss,
                    gradW1=w1.grad, gradB1=b1.grad, gradW2=w2.grad, gradB2=b2.grad)
cases["mlp"]["targets"] = {"shape": [8], "data": [float(t) for t in targets.tolist()]}

# Seeded draws: np.random.seed(42); uniform(-1, 1, (2, 3)), then normal(0.5, 2, (3, 2)).
np.random.seed(42)
uniform = np.random.uniform(-1, 1, (2, 3)).astype(np.float32)
normal = np.random.normal(0.5, 2, (3, 2)).astype(np.float32)
cases["random"] = case(uniform=torch.tensor(uniform), normal=torch.tensor(normal))

# One tensor a line, so that a regenerated fixture diffs readably.
lines = []
for name, tensors in cases.items():
    body = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in tensors.items())
    lines.append(f" {json.dumps(name)}: {{\n{body}\n }}")
print("{\n" + ",\n".join(lines) + "\n}")
