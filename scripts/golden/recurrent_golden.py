#!/usr/bin/env python3
"""Golden values for Tests/TensorTests/GoldenTests+Recurrent.swift: `nn.GRU` and `nn.LSTM`
forward and backward, computed by PyTorch (CPU, float32). (`nn.RNN` is in nn_golden.py.)

Every input and parameter is written to the fixture, so the Swift test builds its layers
from these numbers. Each case multiplies the outputs and the final states by fixed random
weights `w…` and sums, so that backward sends a different gradient to every element,
through the outputs and through the last states alike.

Usage: python3 scripts/golden/recurrent_golden.py > Tests/TensorTests/Fixtures/recurrent_golden.json
"""
import json

import numpy as np
import torch

torch.set_default_dtype(torch.float32)
rng = np.random.RandomState(1997)


def make(*shape, grad=True):
    return torch.tensor(rng.uniform(-1, 1, shape).astype(np.float32), requires_grad=grad)


def entry(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(x) for x in t.reshape(-1).tolist()]}


def layer_case(module, layers, x, states, outputs, finals):
    """Parameters, inputs, outputs and every gradient, named as PyTorch names them."""
    weights = [make(*shape, grad=False) for shape in (o.shape for o in outputs + finals)]
    loss = sum((o * w).sum() for o, w in zip(outputs + finals, weights))
    loss.backward()
    case = {name: entry(p) for name, p in module.named_parameters()}
    case.update({"grad_" + name: entry(p.grad) for name, p in module.named_parameters()})
    case["x"], case["grad_x"] = entry(x), entry(x.grad)
    for name, s in states.items():
        case[name], case["grad_" + name] = entry(s), entry(s.grad)
    for name, t in zip(["out"] + [f"final{i}" for i in range(len(finals))], outputs + finals):
        case[name] = entry(t)
    for i, w in enumerate(weights):
        case[f"w{i}"] = entry(w)
    return case


def randomise(module):
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(make(*p.shape, grad=False))


cases = {}
steps, batch, inputs, hidden = 5, 2, 3, 4
for layers in (1, 2):
    gru = torch.nn.GRU(inputs, hidden, layers)
    randomise(gru)
    x, h0 = make(steps, batch, inputs), make(layers, batch, hidden)
    out, hn = gru(x, h0)
    cases[f"gru{layers}"] = layer_case(gru, layers, x, {"h0": h0}, [out], [hn])

    lstm = torch.nn.LSTM(inputs, hidden, layers)
    randomise(lstm)
    x, h0, c0 = make(steps, batch, inputs), make(layers, batch, hidden), make(layers, batch, hidden)
    out, (hn, cn) = lstm(x, (h0, c0))
    cases[f"lstm{layers}"] = layer_case(lstm, layers, x, {"h0": h0, "c0": c0}, [out], [hn, cn])

print(json.dumps(cases))
