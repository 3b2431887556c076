"""PyTorch side of `lesson6-bench tabular`: the lecture's Rossmann recipe (fastai 0.7's
MixedInputModel) on bike-sharing hours, timed per epoch, in plain PyTorch (fastai 0.7's
code paths written out, since fastai 0.7 no longer installs). The data processing,
split, model, initialisation, optimizer and epochs are those of `lesson6 tabular`:

- validation rows: np.random.seed(42); np.random.permutation(n)[:int(0.2 n)];
- categorical columns: categories numbered from 1 in order of first appearance in the
  training rows, 0 for a missing or unseen value; embedding c x min(50, (c+1)//2) for
  c = categories + 1, uniform in +-2/(width+1);
- continuous columns: missing values filled with the training median (plus a
  <name>_na indicator when the column has gaps), standardised with the training mean
  and population standard deviation;
- target log(cnt), y_range (0, 1.2 max log(cnt));
- MixedInputModel(emb_drop=0.04, szs=[1000, 500], drops=[0.001, 0.01], use_bn=False),
  Kaiming-normal linear weights, PyTorch's default biases;
- MSE, Adam 1e-3, batch 128, 15 epochs; validation RMSE = sqrt(MSE over every row).

An epoch is timed as `lesson6-bench tabular` times it: the training batches (each
reading its loss, for the smoothed training loss), then the validation MSE in batches
of 256. `--max-batches N` times only the first N training and N validation batches of
each epoch; `seconds_per_epoch_extrapolated` scales each part's time to the whole epoch.

`--device cuda` keeps the model, the whole data set and every batch on the GPU (the
shuffle is still drawn on the CPU; the dropout masks are drawn on the GPU, so from the
second epoch on the order differs from the CPU run's), warms CUDA up on a copy of the
model before the first epoch, and synchronizes before reading the clock (see
devices.py). The report adds `device`, and on cuda `device_name` and `peak_cuda_mb`.

    python3 Benchmarks/pytorch/tabular.py [--data DIR] [--device cpu|cuda] [--threads 2] [--seed 0] [--epochs 15]
                                          [--max-batches N] [--json FILE]
"""
import argparse
import csv
import json
import math
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

import devices
import peak_memory

CATEGORICAL = ["season", "yr", "mnth", "hr", "holiday", "weekday", "workingday", "weathersit"]
CONTINUOUS = ["temp", "atemp", "hum", "windspeed"]

parser = argparse.ArgumentParser()
parser.add_argument("--data", default=os.environ.get("LESSON6_DATA", "data"))
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--seed", type=int, default=0)
parser.add_argument("--epochs", type=int, default=15)
parser.add_argument("--max-batches", type=int, default=0,
                    help="time only the first N training and validation batches of each epoch (0: all)")
devices.add_option(parser)
parser.add_argument("--json")
args = parser.parse_args()
device = devices.require(args.device)
torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)

with open(os.path.join(args.data, "bike-sharing", "hour.csv"), newline="") as f:
    rows = list(csv.DictReader(f))
n = len(rows)
np.random.seed(42)
val = np.random.permutation(n)[: int(0.2 * n)]
trn = np.setdiff1d(np.arange(n), val)

cats = []
for name in CATEGORICAL:
    codes = {}
    for i in trn:
        value = rows[i][name].strip()
        if value:
            codes.setdefault(value, len(codes) + 1)
    cats.append((name, codes))
x_cat = np.array([[codes.get(r[name].strip(), 0) for name, codes in cats] for r in rows], dtype=np.int64)

conts = []
for name in CONTINUOUS:
    raw = [r[name].strip() for r in rows]
    values = np.array([float(v) if v else np.nan for v in raw], dtype=np.float32)
    missing = np.isnan(values)
    median = np.float32(np.median(values[trn][~missing[trn]]))
    filled = np.where(missing, median, values)
    mean, std = filled[trn].astype(np.float64).mean(), filled[trn].astype(np.float64).std()
    conts.append(((filled - np.float32(mean)) / np.float32(std if std > 0 else 1)).astype(np.float32))
    if missing.any():
        conts.append(missing.astype(np.float32))
x_cont = np.stack(conts, axis=1)
y = np.log(np.array([float(r["cnt"]) for r in rows], dtype=np.float32))[:, None]
y_range = (min(0.0, 1.2 * float(y.min())), max(0.0, 1.2 * float(y.max())))
emb_szs = [(len(codes) + 1, min(50, (len(codes) + 2) // 2)) for _, codes in cats]


def emb_init(x):
    sc = 2 / (x.weight.data.size(1) + 1)
    x.weight.data.uniform_(-sc, sc)


class MixedInputModel(nn.Module):
    """fastai 0.7's MixedInputModel."""

    def __init__(self, emb_szs, n_cont, emb_drop, out_sz, szs, drops, y_range=None, use_bn=False):
        super().__init__()
        self.embs = nn.ModuleList([nn.Embedding(c, s) for c, s in emb_szs])
        for emb in self.embs:
            emb_init(emb)
        n_emb = sum(e.embedding_dim for e in self.embs)
        self.n_emb, self.n_cont = n_emb, n_cont
        szs = [n_emb + n_cont] + szs
        self.lins = nn.ModuleList([nn.Linear(szs[i], szs[i + 1]) for i in range(len(szs) - 1)])
        self.bns = nn.ModuleList([nn.BatchNorm1d(sz) for sz in szs[1:]])
        for o in self.lins:
            nn.init.kaiming_normal_(o.weight.data)
        self.outp = nn.Linear(szs[-1], out_sz)
        nn.init.kaiming_normal_(self.outp.weight.data)
        self.emb_drop = nn.Dropout(emb_drop)
        self.drops = nn.ModuleList([nn.Dropout(drop) for drop in drops])
        self.bn = nn.BatchNorm1d(n_cont)
        self.use_bn, self.y_range = use_bn, y_range

    def forward(self, x_cat, x_cont):
        x = torch.cat([e(x_cat[:, i]) for i, e in enumerate(self.embs)], 1)
        x = self.emb_drop(x)
        x = torch.cat([x, self.bn(x_cont)], 1)
        for l, d, b in zip(self.lins, self.drops, self.bns):
            x = F.relu(l(x))
            if self.use_bn:
                x = b(x)
            x = d(x)
        x = self.outp(x)
        if self.y_range:
            x = torch.sigmoid(x) * (self.y_range[1] - self.y_range[0]) + self.y_range[0]
        return x


def batch_loss(model, batch):
    """The mean squared error of (categories, continuous columns, targets)."""
    x_cat, x_cont, y = batch
    return F.mse_loss(model(x_cat, x_cont), y)


model = MixedInputModel(emb_szs, x_cont.shape[1], 0.04, 1, [1000, 500], [0.001, 0.01],
                        y_range=y_range).to(device)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
tc, tx, ty = (torch.from_numpy(a[trn]).to(device) for a in (x_cat, x_cont, y))
vc, vx, vy = (torch.from_numpy(a[val]).to(device) for a in (x_cat, x_cont, y))
bs = 128
batches, valid_batches = math.ceil(len(trn) / bs), math.ceil(len(val) / (2 * bs))
timed_batches = min(args.max_batches or batches, batches)
timed_valid_batches = min(args.max_batches or valid_batches, valid_batches)
valid_rows = min(len(val), timed_valid_batches * 2 * bs)

devices.warm_up(device, model, opt, batch_loss, (tc[:bs], tx[:bs], ty[:bs]), (vc[:2 * bs], vx[:2 * bs], vy[:2 * bs]))
history = []
for epoch in range(args.epochs):
    start = devices.clock(device)
    order = torch.randperm(len(trn)).to(device)
    model.train()
    smooth, count = 0.0, 0
    for b in range(timed_batches):
        idx = order[b * bs:(b + 1) * bs]
        loss = batch_loss(model, (tc[idx], tx[idx], ty[idx]))
        opt.zero_grad()
        loss.backward()
        opt.step()
        count += 1
        smooth = 0.98 * smooth + 0.02 * loss.item()
    train_seconds = devices.clock(device) - start
    model.eval()
    with torch.no_grad():
        mse = sum(F.mse_loss(model(vc[i:i + 2 * bs], vx[i:i + 2 * bs]), vy[i:i + 2 * bs], reduction="sum").item()
                  for i in range(0, valid_rows, 2 * bs)) / valid_rows
    seconds = devices.clock(device) - start
    extrapolated = (train_seconds / timed_batches * batches
                    + (seconds - train_seconds) / timed_valid_batches * valid_batches)
    debiased = smooth / (1 - 0.98**count)
    history.append({"epoch": epoch, "train_loss": debiased, "valid_mse": mse, "valid_rmse": math.sqrt(mse),
                    "seconds": seconds, "train_seconds": train_seconds, "seconds_extrapolated": extrapolated})
    print(f"epoch {epoch}  train {debiased:.5f}  valid MSE {mse:.5f}  RMSE {math.sqrt(mse):.4f}  {seconds:.2f} s"
          + (f"  ({timed_batches} of {batches} batches; epoch {extrapolated:.2f} s extrapolated)"
             if timed_batches < batches else ""))

peak_rss_mb = peak_memory.peak_rss_mb()
print(f"peak resident memory {peak_rss_mb:.0f} MiB")
result = {"framework": f"pytorch {torch.__version__}", "threads": args.threads, "seed": args.seed,
          "history": history, "seconds_per_epoch": sum(h["seconds"] for h in history) / len(history),
          "peak_rss_mb": peak_rss_mb,
          "train_batches_timed": timed_batches, "train_batches_per_epoch": batches,
          "valid_batches_timed": timed_valid_batches, "valid_batches_per_epoch": valid_batches,
          "seconds_per_epoch_extrapolated": sum(h["seconds_extrapolated"] for h in history) / len(history),
          **devices.report(device)}
if args.json:
    with open(args.json, "w") as f:
        json.dump(result, f, indent=2)
