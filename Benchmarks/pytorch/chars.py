"""PyTorch side of `lesson6-bench chars`: the lecture's CharRnn on Nietzsche, timed
per epoch (the identical recipe to `lesson6 chars --model rnn`).

Recipe (lesson6-rnn notebook): vocabulary = sorted distinct characters with "\\0"
inserted at index 0; every window of 8 characters predicts the next one; validation
rows = np.random.seed(42); permutation(len(idx) - 8 - 1)[:20%] (fastai 0.7's
get_cv_idxs); n_fac 42, n_hidden 256, batch 512; Embedding → nn.RNN (tanh) →
Linear → log_softmax of the last step; NLL loss; Adam 1e-3.

    python3 Benchmarks/pytorch/chars.py [--data DIR] [--threads 2] [--epochs 1]
                                        [--max-batches N] [--json FILE]
"""
import argparse
import json
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

import peak_memory

parser = argparse.ArgumentParser()
parser.add_argument("--data", default=os.environ.get("LESSON6_DATA", "data"))
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--epochs", type=int, default=1)
parser.add_argument("--max-batches", type=int, default=0, help="stop each epoch after N batches (0: all)")
parser.add_argument("--json")
args = parser.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(0)

text = open(os.path.join(args.data, "nietzsche", "nietzsche.txt"), encoding="utf-8").read()
chars = sorted(set(text))
chars.insert(0, "\0")
index = {c: i for i, c in enumerate(chars)}
idx = np.array([index[c] for c in text], dtype=np.int64)
cs, n_fac, n_hidden, bs = 8, 42, 256, 512
windows = len(idx) - cs
xs = np.stack([idx[j:j + windows] for j in range(cs)], axis=1)
y = idx[cs:cs + windows]
np.random.seed(42)
val = np.random.permutation(len(idx) - cs - 1)[: int(0.2 * (len(idx) - cs - 1))]
trn = np.setdiff1d(np.arange(windows), val)
x_trn, y_trn = torch.from_numpy(xs[trn]), torch.from_numpy(y[trn])
x_val, y_val = torch.from_numpy(xs[val]), torch.from_numpy(y[val])


class CharRnn(nn.Module):
    def __init__(self, vocab_size, n_fac):
        super().__init__()
        self.e = nn.Embedding(vocab_size, n_fac)
        self.rnn = nn.RNN(n_fac, n_hidden)
        self.l_out = nn.Linear(n_hidden, vocab_size)

    def forward(self, cs):
        h = torch.zeros(1, cs.size(0), n_hidden)
        outp, h = self.rnn(self.e(cs.t()), h)
        return F.log_softmax(self.l_out(outp[-1]), dim=-1)


model = CharRnn(len(chars), n_fac)
opt = torch.optim.Adam(model.parameters(), 1e-3)
history = []
for epoch in range(args.epochs):
    start, cpu_start = time.perf_counter(), time.process_time()
    order = torch.randperm(len(trn))
    batches = (len(trn) + bs - 1) // bs
    if args.max_batches:
        batches = min(batches, args.max_batches)
    model.train()
    for b in range(batches):
        i = order[b * bs:(b + 1) * bs]
        loss = F.nll_loss(model(x_trn[i]), y_trn[i])
        opt.zero_grad()
        loss.backward()
        opt.step()
    train_seconds = time.perf_counter() - start
    model.eval()
    with torch.no_grad():
        losses = [F.nll_loss(model(x_val[k:k + bs]), y_val[k:k + bs], reduction="sum").item()
                  for k in range(0, len(val), bs)]
    valid = sum(losses) / len(val)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    history.append({"epoch": epoch, "batches": batches, "train_seconds": train_seconds,
                    "seconds": seconds, "cpu_seconds": cpu_seconds, "valid_loss": valid})
    print(f"epoch {epoch}  {batches} batches  valid loss {valid:.4f}  "
          f"train {train_seconds:.2f} s  total {seconds:.2f} s  cpu {cpu_seconds:.2f} s")

peak_rss_mb = peak_memory.peak_rss_mb()
print(f"peak resident memory {peak_rss_mb:.0f} MiB")
result = {"framework": f"pytorch {torch.__version__}", "threads": args.threads, "history": history,
          "peak_rss_mb": peak_rss_mb}
if args.json:
    with open(args.json, "w") as f:
        json.dump(result, f, indent=2)
