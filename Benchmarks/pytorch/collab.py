"""PyTorch side of `lesson6-bench collab`: the lecture's EmbeddingDotBias recipe on
MovieLens (ml-latest-small), timed per epoch, in plain PyTorch (fastai 0.7's code
paths written out, since fastai 0.7 no longer installs).

Recipe: ids -> indices in order of first appearance; validation = np.random.seed(42);
permutation(n)[:int(0.2 n)]; 50 factors; embeddings uniform in ±0.05; prediction
sigmoid(u·m + b_u + b_m)·(max − min) + min; MSE; Adam (L2 weight decay 2e-4), batch 64;
fit(1e-2, 2, cycle_len=1, cycle_mult=2) = 3 epochs of SGDR (fastai 0.7's CosAnneal).

An epoch is timed as `lesson6-bench collab` times it: the training batches (each
reading its loss, for the smoothed training loss), then the validation MSE in one
pass. `--max-batches N` times only the first N training batches of each epoch (the
validation pass is one batch, always whole); `seconds_per_epoch_extrapolated` scales
the training time to the whole epoch.

`--device cuda` keeps the model, the whole data set and every batch on the GPU (the
shuffle is still drawn on the CPU, so the order is the CPU run's), warms CUDA up on a
copy of the model before the first epoch, and synchronizes before reading the clock
(see devices.py). The report adds `device`, and on cuda `device_name` and `peak_cuda_mb`.

    python3 Benchmarks/pytorch/collab.py [--data DIR] [--device cpu|cuda] [--threads 2] [--flush-denormal]
                                         [--epochs-limit N] [--max-batches N] [--json FILE]
"""
import argparse
import csv
import json
import math
import os

import numpy as np
import torch
import torch.nn as nn

import devices
import peak_memory

parser = argparse.ArgumentParser()
parser.add_argument("--data", default=os.environ.get("LESSON6_DATA", "data"))
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--epochs-limit", type=int, default=0, help="stop after this many epochs (0: all)")
parser.add_argument("--flush-denormal", action="store_true",
                    help="flush subnormal floats to zero (Adam's weight decay drives rare rows there)")
parser.add_argument("--max-batches", type=int, default=0,
                    help="time only the first N training batches of each epoch (0: all)")
devices.add_option(parser)
parser.add_argument("--json")
args = parser.parse_args()
device = devices.require(args.device)
torch.set_num_threads(args.threads)
torch.set_flush_denormal(args.flush_denormal)
torch.manual_seed(0)

with open(os.path.join(args.data, "ml-latest-small", "ratings.csv"), newline="") as f:
    rows = list(csv.DictReader(f))
users, items = {}, {}
u = np.array([users.setdefault(r["userId"], len(users)) for r in rows], dtype=np.int64)
m = np.array([items.setdefault(r["movieId"], len(items)) for r in rows], dtype=np.int64)
y = np.array([float(r["rating"]) for r in rows], dtype=np.float32)
n = len(rows)
np.random.seed(42)
val = np.random.permutation(n)[: int(0.2 * n)]
trn = np.setdiff1d(np.arange(n), val)
lo, hi = float(y.min()), float(y.max())


class EmbeddingDotBias(nn.Module):
    def __init__(self, n_users, n_items, n_factors):
        super().__init__()
        self.u, self.i = nn.Embedding(n_users, n_factors), nn.Embedding(n_items, n_factors)
        self.ub, self.ib = nn.Embedding(n_users, 1), nn.Embedding(n_items, 1)
        for e in (self.u, self.i, self.ub, self.ib):
            e.weight.data.uniform_(-0.05, 0.05)

    def forward(self, users, items):
        dot = (self.u(users) * self.i(items)).sum(1)
        res = dot + self.ub(users).squeeze(1) + self.ib(items).squeeze(1)
        return torch.sigmoid(res) * (hi - lo) + lo


def batch_loss(model, batch):
    """The mean squared error of (users, items, ratings)."""
    users, items, ratings = batch
    return ((model(users, items) - ratings) ** 2).mean()


model = EmbeddingDotBias(len(users), len(items), 50).to(device)
opt = torch.optim.Adam(model.parameters(), lr=1e-2, weight_decay=2e-4)
tu, tm, ty = (torch.from_numpy(a[trn]).to(device) for a in (u, m, y))
vu, vm, vy = (torch.from_numpy(a[val]).to(device) for a in (u, m, y))
batches = math.ceil(len(trn) / 64)
timed_batches = min(args.max_batches or batches, batches)


def cos_anneal(lr, batches, cycle_len, cycle_mult, cycles):
    """fastai 0.7's CosAnneal: lr/100 for the first 5% of the first cycle, then
    lr/2·(cos(π·t/nb) + 1) restarting each cycle, nb growing by cycle_mult."""
    nb, t, it = batches * cycle_len, 0, 0
    for _ in range(cycles):
        for _ in range(nb):
            if it < nb / 20:
                yield lr / 100
            else:
                yield lr / 2 * (math.cos(math.pi * t / nb) + 1)
            t, it = t + 1, it + 1
        t, nb = 0, nb * cycle_mult


schedule = cos_anneal(1e-2, batches, 1, 2, 2)
epochs = 3 if args.epochs_limit == 0 else min(3, args.epochs_limit)
devices.warm_up(device, model, opt, batch_loss, (tu[:64], tm[:64], ty[:64]), (vu, vm, vy))
history = []
for epoch in range(epochs):
    start = devices.clock(device)
    order = torch.randperm(len(trn)).to(device)
    model.train()
    smooth, count = 0.0, 0
    for b in range(timed_batches):
        idx = order[b * 64:(b + 1) * 64]
        for g in opt.param_groups:
            g["lr"] = next(schedule)
        loss = batch_loss(model, (tu[idx], tm[idx], ty[idx]))
        opt.zero_grad()
        loss.backward()
        opt.step()
        count += 1
        smooth = 0.98 * smooth + 0.02 * loss.item()
    train_seconds = devices.clock(device) - start
    model.eval()
    with torch.no_grad():
        mse = batch_loss(model, (vu, vm, vy)).item()
    seconds = devices.clock(device) - start
    extrapolated = train_seconds / timed_batches * batches + (seconds - train_seconds)
    debiased = smooth / (1 - 0.98**count)
    history.append({"epoch": epoch, "train_loss": debiased, "valid_mse": mse, "seconds": seconds,
                    "train_seconds": train_seconds, "seconds_extrapolated": extrapolated})
    print(f"epoch {epoch}  train {debiased:.5f}  valid MSE {mse:.5f}  {seconds:.2f} s"
          + (f"  ({timed_batches} of {batches} batches; epoch {extrapolated:.2f} s extrapolated)"
             if timed_batches < batches else ""))

peak_rss_mb = peak_memory.peak_rss_mb()
print(f"peak resident memory {peak_rss_mb:.0f} MiB")
result = {"framework": f"pytorch {torch.__version__}", "threads": args.threads,
          "flush_denormal": args.flush_denormal, "history": history,
          "seconds_per_epoch": sum(h["seconds"] for h in history) / len(history), "peak_rss_mb": peak_rss_mb,
          "train_batches_timed": timed_batches, "train_batches_per_epoch": batches,
          "valid_batches_timed": 1, "valid_batches_per_epoch": 1,
          "seconds_per_epoch_extrapolated": sum(h["seconds_extrapolated"] for h in history) / len(history),
          **devices.report(device)}
if args.json:
    with open(args.json, "w") as f:
        json.dump(result, f, indent=2)
