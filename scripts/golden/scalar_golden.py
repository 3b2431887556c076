"""Golden values for the scalar engine's tests (Tests/ScalarTests/Fixtures/scalar_golden.json).

Run once with PyTorch installed: python3 scripts/golden/scalar_golden.py
The expressions mirror Tests/ScalarTests/GoldenTests.swift line by line, in float64.
"""
import json
import pathlib

import torch

torch.set_default_dtype(torch.float64)


def micrograd_expression():
    """micrograd's sanity check: every op, nodes reused many times."""
    a = torch.tensor(-4.0, requires_grad=True)
    b = torch.tensor(2.0, requires_grad=True)
    c = a + b
    d = a * b + b**3
    c = c + c + 1
    c = c + 1 + c + (-a)
    d = d + d * 2 + (b + a).relu()
    d = d + 3 * d + (b - a).relu()
    e = c - d
    f = e**2
    g = f / 2.0
    g = g + 10.0 / f
    g.backward()
    return {"a": -4.0, "b": 2.0, "g": g.item(), "a_grad": a.grad.item(), "b_grad": b.grad.item()}


def transcendental_expression():
    """exp, log, tanh, sigmoid and division, with x and y each used several times."""
    x = torch.tensor(0.7, requires_grad=True)
    y = torch.tensor(-1.3, requires_grad=True)
    u = (x * y).tanh() + torch.exp(x / 2)
    v = torch.log(x * x + y * y) * torch.sigmoid(y - x)
    w = u * v - (u / (1 + v * v)) ** 3 + 2 * x
    w.backward()
    return {"x": 0.7, "y": -1.3, "w": w.item(), "x_grad": x.grad.item(), "y_grad": y.grad.item()}


fixture = {"micrograd": micrograd_expression(), "transcendental": transcendental_expression()}
path = pathlib.Path(__file__).resolve().parents[2] / "Tests/ScalarTests/Fixtures/scalar_golden.json"
path.write_text(json.dumps(fixture, indent=2) + "\n")
print(f"wrote {path}")
