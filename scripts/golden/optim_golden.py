#!/usr/bin/env python3
"""Golden values for Tests/TensorTests/OptimizerTests.swift and ScheduleTests.swift.

Optimizers: three steps of torch.optim.Adam (L2 weight decay), AdamW and SGD (momentum,
weight decay; plain and Nesterov), CPU float32, single-tensor implementation
(foreach=False). Initial parameters and every step's gradients are written to the
fixture, so the Swift test replays exactly what PyTorch saw. Parameter "c" has no
gradient at step 2: PyTorch skips it (no decay, no moment update, no step count).
Parameter "a" has 21 elements, one full 16-lane vector and a partial one.

Schedules: the per-batch learning rates of fastai 0.7's CosAnneal (SGDR) and
CircularLR_beta (one-cycle), from a transcription of their calc_lr methods driven as
fastai's fit drives them: once at on_train_begin, then after every batch.

Usage: python3 scripts/golden/optim_golden.py > Tests/TensorTests/Fixtures/optim_golden.json
"""
import json

import numpy as np
import torch

torch.set_default_dtype(torch.float32)
rng = np.random.RandomState(2017)

SHAPES = {"a": [3, 7], "b": [5], "c": [2, 2]}
STEPS = 3


def floats(t):
    return [float(x) for x in t.detach().reshape(-1).tolist()]


def optimizer_case(make_optimizer, hyperparameters, state_names):
    params = {name: torch.tensor(rng.uniform(-1, 1, shape).astype(np.float32), requires_grad=True)
              for name, shape in SHAPES.items()}
    initial = {name: floats(p) for name, p in params.items()}
    optimizer = make_optimizer(list(params.values()))
    gradients, steps = [], []
    for step in range(STEPS):
        grads = {}
        for name, p in params.items():
            if name == "c" and step == 1:
                p.grad = None
                grads[name] = None
            else:
                g = torch.tensor(rng.uniform(-1, 1, SHAPES[name]).astype(np.float32))
                p.grad = g.clone()
                grads[name] = floats(g)
        optimizer.step()
        after = {}
        for name, p in params.items():
            state = optimizer.state[p]
            after[name] = {"param": floats(p),
                           "state": {key: floats(state[key]) for key in state_names if key in state}}
        gradients.append(grads)
        steps.append(after)
    return {"hyperparameters": hyperparameters, "shapes": SHAPES, "initial": initial,
            "gradients": gradients, "steps": steps}


cases = {}
adam = dict(lr=1e-2, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.1)
cases["adam"] = optimizer_case(
    lambda ps: torch.optim.Adam(ps, lr=adam["lr"], betas=(adam["beta1"], adam["beta2"]), eps=adam["eps"],
                                weight_decay=adam["weight_decay"], foreach=False),
    adam, ["exp_avg", "exp_avg_sq", "step"])
adamw = dict(lr=1e-2, beta1=0.8, beta2=0.99, eps=1e-6, weight_decay=0.5)
cases["adamw"] = optimizer_case(
    lambda ps: torch.optim.AdamW(ps, lr=adamw["lr"], betas=(adamw["beta1"], adamw["beta2"]), eps=adamw["eps"],
                                 weight_decay=adamw["weight_decay"], foreach=False),
    adamw, ["exp_avg", "exp_avg_sq", "step"])
for name, nesterov in [("sgd", False), ("sgdNesterov", True)]:
    sgd = dict(lr=0.1, momentum=0.9, weight_decay=0.1, nesterov=nesterov)
    cases[name] = optimizer_case(
        lambda ps: torch.optim.SGD(ps, lr=sgd["lr"], momentum=sgd["momentum"], weight_decay=sgd["weight_decay"],
                                   nesterov=sgd["nesterov"], foreach=False),
        sgd, ["momentum_buffer"])


class LR_Updater:
    """fastai 0.7 sgdr.LR_Updater, the parts that drive calc_lr: once when training
    begins, then after every batch; each call returns the rate of the next batch."""

    def on_train_begin(self):
        self.iteration = 0
        return self.calc_lr(self.init_lrs)

    def on_batch_end(self):
        self.iteration += 1
        return self.calc_lr(self.init_lrs)


class CosAnneal(LR_Updater):
    """fastai 0.7 sgdr.CosAnneal, the parts that compute the rate."""

    def __init__(self, lr, nb, cycle_mult=1):
        self.init_lrs, self.nb, self.cycle_mult = np.array([lr]), nb, cycle_mult

    def on_train_begin(self):
        self.cycle_iter, self.cycle_count = 0, 0
        return super().on_train_begin()

    def calc_lr(self, init_lrs):
        if self.iteration < self.nb / 20:
            self.cycle_iter += 1
            return init_lrs / 100.

        cos_out = np.cos(np.pi * (self.cycle_iter) / self.nb) + 1
        self.cycle_iter += 1
        if self.cycle_iter == self.nb:
            self.cycle_iter = 0
            self.nb *= self.cycle_mult
            self.cycle_count += 1
        return init_lrs / 2 * cos_out


class CircularLR_beta(LR_Updater):
    """fastai 0.7 sgdr.CircularLR_beta, the parts that compute the rate."""

    def __init__(self, lr, nb, div=10, pct=10):
        self.init_lrs, self.nb, self.div, self.pct = np.array([lr]), nb, div, pct
        self.cycle_nb = int(nb * (1 - pct / 100) / 2)

    def on_train_begin(self):
        self.cycle_iter, self.cycle_count = 0, 0
        return super().on_train_begin()

    def calc_lr(self, init_lrs):
        if self.cycle_iter > 2 * self.cycle_nb:
            pct = (self.cycle_iter - 2 * self.cycle_nb) / (self.nb - 2 * self.cycle_nb)
            res = init_lrs * (1 + (pct * (1 - 100) / 100)) / self.div
        elif self.cycle_iter > self.cycle_nb:
            pct = 1 - (self.cycle_iter - self.cycle_nb) / self.cycle_nb
            res = init_lrs * (1 + pct * (self.div - 1)) / self.div
        else:
            pct = self.cycle_iter / self.cycle_nb
            res = init_lrs * (1 + pct * (self.div - 1)) / self.div
        self.cycle_iter += 1
        if self.cycle_iter == self.nb:
            self.cycle_iter = 0
            self.cycle_count += 1
        return res


def sum_geom(a, r, n):
    return a * n if r == 1 else int(a * (1 - r ** n) / (1 - r))


def run(scheduler, batches):
    """The rate of each batch, as fastai's fit loop sets them."""
    rates = [float(scheduler.on_train_begin()[0])]
    for _ in range(batches - 1):
        rates.append(float(scheduler.on_batch_end()[0]))
    return rates


sgdr = []
for lr, cycles, cycle_len, cycle_mult, per_epoch in [(1e-2, 2, 1, 2, 25), (1e-2, 2, 1, 2, 7),
                                                      (5e-3, 3, 2, 1, 11), (1e-2, 3, 1, 2, 50)]:
    epochs = sum_geom(cycle_len, cycle_mult, cycles)
    sgdr.append(dict(lr=lr, cycles=cycles, cycle_len=cycle_len, cycle_mult=cycle_mult,
                     batches_per_epoch=per_epoch, epochs=epochs,
                     rates=run(CosAnneal(lr, per_epoch * cycle_len, cycle_mult), epochs * per_epoch)))
one_cycle = []
for lr, epochs, div, pct, per_epoch in [(1e-2, 2, 10, 10, 25), (3e-3, 3, 20, 13.68, 7)]:
    one_cycle.append(dict(lr=lr, epochs=epochs, div=div, pct=pct, batches_per_epoch=per_epoch,
                          rates=run(CircularLR_beta(lr, epochs * per_epoch, div, pct), epochs * per_epoch)))
cases["schedules"] = {"sgdr": sgdr, "oneCycle": one_cycle}

print(json.dumps(cases, indent=1))
