"""Golden values for the SGD lesson (Tests/LessonsTests/Fixtures/sgd_golden.json).

The lecture's recipe, in PyTorch float32: y = 3x + 8 + 0.1·N(0, 3) on 10,000 points,
random a and b, 10,000 full-batch gradient steps at lr 1e-3, loss every 1000 steps.
The data and the starting (a, b) come from np.random.seed(SEED) exactly as the Swift
lesson draws them from MT19937, so both start from the same numbers.

Run once: python3 scripts/golden/sgd_golden.py
"""
import json
import pathlib

import numpy as np
import torch

SEED = 42


def gen_fake_data(n, a, b):
    x = np.random.uniform(0, 1, n)
    y = a * x + b + 0.1 * np.random.normal(0, 3, n)
    return x, y


np.random.seed(SEED)
x_np, y_np = gen_fake_data(10000, 3.0, 8.0)
a0, b0 = np.random.randn(), np.random.randn()

x = torch.tensor(x_np, dtype=torch.float32)
y = torch.tensor(y_np, dtype=torch.float32)
a = torch.tensor([a0], dtype=torch.float32, requires_grad=True)
b = torch.tensor([b0], dtype=torch.float32, requires_grad=True)
losses = []
for t in range(10000):
    loss = ((a * x + b - y) ** 2).mean()
    if t % 1000 == 0:
        losses.append(loss.item())
    loss.backward()
    with torch.no_grad():
        a -= 1e-3 * a.grad
        b -= 1e-3 * b.grad
    a.grad.zero_()
    b.grad.zero_()

fixture = {
    "seed": SEED,
    "x_first": x_np[:3].tolist(),
    "y_first": y_np[:3].tolist(),
    "a0": float(a0),
    "b0": float(b0),
    "losses_every_1000": losses,
    "final_loss": ((a * x + b - y) ** 2).mean().item(),
    "final_a": a.item(),
    "final_b": b.item(),
}
path = pathlib.Path(__file__).resolve().parents[2] / "Tests/LessonsTests/Fixtures/sgd_golden.json"
path.write_text(json.dumps(fixture, indent=2) + "\n")
print(f"wrote {path}")
print(json.dumps(fixture, indent=2))
