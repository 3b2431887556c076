"""PyTorch side of `lesson6-bench chars`: a character model on Nietzsche, timed per
epoch (the identical recipe to `lesson6 chars --model rnn|gru|lstm`).

rnn (lesson6-rnn notebook): vocabulary = sorted distinct characters with "\\0"
inserted at index 0; every window of 8 characters predicts the next one; validation
rows = np.random.seed(42); permutation(len(idx) - 8 - 1)[:20%] (fastai 0.7's
get_cv_idxs); n_fac 42, n_hidden 256, batch 512; Embedding → nn.RNN (tanh) →
Linear → log_softmax of the last step; NLL loss; Adam 1e-3.

gru, lstm (the sequel, lesson 7): the text lowercased, its first 80% and last 20% each
cut into 64 contiguous streams read 8 characters at a time, the hidden state carried
from batch to batch and detached (reset at the start of each pass); Embedding(42) →
nn.GRU(256) or nn.LSTM(512, 2 layers, dropout 0.5) → Linear → log_softmax of every
step; NLL loss; Adam at the first stage's rate (1e-3; the LSTM's 1e-2 with weight
decay 1e-5).

An epoch is timed as `lesson6-bench chars` times it: the training batches (each
gathered from the shuffled order when it is reached), then the validation loss.
`--max-batches N` times only the first N training and N validation batches of each
epoch; `seconds_per_epoch_extrapolated` scales each part's time to the whole epoch.

`--device cuda` keeps the model, the whole data set and every batch on the GPU (the
shuffle is still drawn on the CPU, so the order is the CPU run's), warms CUDA up on a
copy of the model before the first epoch, and synchronizes before reading the clock
(see devices.py). The report adds `device`, and on cuda `device_name` and `peak_cuda_mb`.

    python3 Benchmarks/pytorch/chars.py [--model rnn|gru|lstm] [--data DIR] [--device cpu|cuda] [--threads 2]
                                        [--epochs 1] [--limit CHARS] [--max-batches N] [--json FILE]
"""
import argparse
import itertools
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

import devices
import peak_memory
from char_models import CharSeqStateful

parser = argparse.ArgumentParser()
parser.add_argument("--model", choices=["rnn", "gru", "lstm"], default="rnn")
parser.add_argument("--data", default=os.environ.get("LESSON6_DATA", "data"))
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--epochs", type=int, default=1)
parser.add_argument("--limit", type=int, default=0, help="use only the first CHARS characters (0: all)")
parser.add_argument("--max-batches", type=int, default=0,
                    help="time only the first N training and validation batches of each epoch (0: all)")
devices.add_option(parser)
parser.add_argument("--json")
args = parser.parse_args()
device = devices.require(args.device)
torch.set_num_threads(args.threads)
torch.manual_seed(0)

stateful = args.model != "rnn"
text = open(os.path.join(args.data, "nietzsche", "nietzsche.txt"), encoding="utf-8").read()
if args.limit:
    text = text[:args.limit]
if stateful:
    text = text.lower()
chars = sorted(set(text))
chars.insert(0, "\0")
index = {c: i for i, c in enumerate(chars)}
idx = np.array([index[c] for c in text], dtype=np.int64)
n_fac, bptt = 42, 8


class CharRnn(nn.Module):
    def __init__(self, vocab_size, n_hidden):
        super().__init__()
        self.e = nn.Embedding(vocab_size, n_fac)
        self.rnn = nn.RNN(n_fac, n_hidden)
        self.l_out = nn.Linear(n_hidden, vocab_size)
        self.n_hidden = n_hidden

    def forward(self, cs):
        h = torch.zeros(1, cs.size(0), self.n_hidden, device=cs.device)
        outp, h = self.rnn(self.e(cs.t()), h)
        return F.log_softmax(self.l_out(outp[-1]), dim=-1)


def streams(part, bs=64):
    """[length, bs]: column b is stream b (torchtext's batchify)."""
    length = len(part) // bs
    return torch.from_numpy(part[:length * bs].reshape(bs, length).T.copy())


if stateful:
    split = int(0.8 * len(idx))
    trn_streams, val_streams = streams(idx[:split]).to(device), streams(idx[split:]).to(device)
    if args.model == "gru":
        model = CharSeqStateful(len(chars), n_fac, nn.GRU(n_fac, 256), 256).to(device)
        opt = torch.optim.Adam(model.parameters(), 1e-3)
    else:
        model = CharSeqStateful(len(chars), n_fac, nn.LSTM(n_fac, 512, 2, dropout=0.5), 512).to(device)
        opt = torch.optim.Adam(model.parameters(), 1e-2, weight_decay=1e-5)

    def batches(data):
        count = (data.size(0) - 1) // bptt
        return [(data[i * bptt:(i + 1) * bptt], data[i * bptt + 1:(i + 1) * bptt + 1]) for i in range(count)]

    train_batches, valid_batches = batches(trn_streams), batches(val_streams)
    train_batches_per_epoch = len(train_batches)
else:
    windows = len(idx) - bptt
    xs = np.stack([idx[j:j + windows] for j in range(bptt)], axis=1)
    y = idx[bptt:bptt + windows]
    np.random.seed(42)
    val = np.random.permutation(len(idx) - bptt - 1)[: int(0.2 * (len(idx) - bptt - 1))]
    trn = np.setdiff1d(np.arange(windows), val)
    x_trn, y_trn = torch.from_numpy(xs[trn]).to(device), torch.from_numpy(y[trn]).to(device)
    x_val, y_val = torch.from_numpy(xs[val]).to(device), torch.from_numpy(y[val]).to(device)
    model = CharRnn(len(chars), 256).to(device)
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    bs = 512
    valid_batches = [(x_val[k:k + bs], y_val[k:k + bs]) for k in range(0, len(val), bs)]
    train_batches_per_epoch = math.ceil(len(trn) / bs)


def training_batches():
    """This epoch's training batches, each gathered when it is reached."""
    if stateful:
        model.h = None
        return train_batches
    order = torch.randperm(len(trn)).to(device)
    return ((x_trn[order[b:b + bs]], y_trn[order[b:b + bs]]) for b in range(0, len(trn), bs))


def batch_loss(model, batch):
    """The mean negative log-likelihood of (characters, the characters that follow)."""
    x, y = batch
    return F.nll_loss(model(x), y.reshape(-1))


train_batches_timed = min(args.max_batches or train_batches_per_epoch, train_batches_per_epoch)
timed_valid_batches = valid_batches[:args.max_batches or len(valid_batches)]
valid_rows = sum(y.numel() for _, y in timed_valid_batches)
# Any batch of the training batches' shape will do: the copy that steps on it is dropped.
devices.warm_up(device, model, opt, batch_loss, valid_batches[0], valid_batches[0])
history = []
for epoch in range(args.epochs):
    start, cpu_start = devices.clock(device), time.process_time()
    model.train()
    for batch in itertools.islice(training_batches(), train_batches_timed):
        loss = batch_loss(model, batch)
        opt.zero_grad()
        loss.backward()
        opt.step()
    train_seconds = devices.clock(device) - start
    model.eval()
    if stateful:
        model.h = None
    with torch.no_grad():
        losses = [F.nll_loss(model(x), y.reshape(-1), reduction="sum").item() for x, y in timed_valid_batches]
    valid = sum(losses) / valid_rows
    seconds, cpu_seconds = devices.clock(device) - start, time.process_time() - cpu_start
    extrapolated = (train_seconds / train_batches_timed * train_batches_per_epoch
                    + (seconds - train_seconds) / len(timed_valid_batches) * len(valid_batches))
    history.append({"epoch": epoch, "batches": train_batches_timed, "train_seconds": train_seconds,
                    "seconds": seconds, "cpu_seconds": cpu_seconds, "valid_loss": valid,
                    "seconds_extrapolated": extrapolated})
    print(f"epoch {epoch}  {train_batches_timed} batches  valid loss {valid:.4f}  "
          f"train {train_seconds:.2f} s  total {seconds:.2f} s  cpu {cpu_seconds:.2f} s"
          + (f"  (epoch {extrapolated:.2f} s extrapolated)" if train_batches_timed < train_batches_per_epoch else ""))

peak_rss_mb = peak_memory.peak_rss_mb()
print(f"peak resident memory {peak_rss_mb:.0f} MiB")
result = {"framework": f"pytorch {torch.__version__}", "threads": args.threads, "model": args.model,
          "history": history, "peak_rss_mb": peak_rss_mb,
          "train_batches_timed": train_batches_timed, "train_batches_per_epoch": train_batches_per_epoch,
          "valid_batches_timed": len(timed_valid_batches), "valid_batches_per_epoch": len(valid_batches),
          "seconds_per_epoch_extrapolated": sum(h["seconds_extrapolated"] for h in history) / len(history),
          **devices.report(device)}
if args.json:
    with open(args.json, "w") as f:
        json.dump(result, f, indent=2)
