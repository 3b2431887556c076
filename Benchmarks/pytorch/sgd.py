"""PyTorch side of `lesson6-bench sgd`: microseconds per full-batch gradient step of
the lecture's line fit (10,000 points, float32, autograd, lr 1e-3).

    python3 Benchmarks/pytorch/sgd.py [--threads 2] [--steps 2000] [--json FILE]
"""
import argparse
import json
import time

import numpy as np
import torch

parser = argparse.ArgumentParser()
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--steps", type=int, default=2000)
parser.add_argument("--points", type=int, default=10000)
parser.add_argument("--json")
args = parser.parse_args()
torch.set_num_threads(args.threads)

np.random.seed(42)
x_np = np.random.uniform(0, 1, args.points)
y_np = 3 * x_np + 8 + 0.1 * np.random.normal(0, 3, args.points)
x = torch.tensor(x_np, dtype=torch.float32)
y = torch.tensor(y_np, dtype=torch.float32)
a = torch.tensor([np.random.randn()], dtype=torch.float32, requires_grad=True)
b = torch.tensor([np.random.randn()], dtype=torch.float32, requires_grad=True)


def step():
    loss = ((a * x + b - y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        a.sub_(1e-3 * a.grad)
        b.sub_(1e-3 * b.grad)
    a.grad.zero_()
    b.grad.zero_()
    return loss


for _ in range(200):
    step()
best = float("inf")
for _ in range(5):
    start = time.perf_counter()
    for _ in range(args.steps):
        step()
    best = min(best, (time.perf_counter() - start) / args.steps)
result = {"framework": f"pytorch {torch.__version__}", "threads": args.threads,
          "points": args.points, "microseconds_per_step": best * 1e6}
print(f"pytorch {torch.__version__}: {best * 1e6:.1f} µs per step "
      f"({args.points} points, {args.threads} threads)")
if args.json:
    with open(args.json, "w") as f:
        json.dump(result, f, indent=2)
