#!/usr/bin/env python3
"""Golden values for Tests/TensorTests/GoldenTests+NN.swift, computed by PyTorch (CPU, float32).

Every input and every parameter is written to the fixture, so the Swift test builds its
layers from these numbers and needs no random generator to match PyTorch's. Each case
multiplies its outputs by fixed random weights `w…` and sums, so that backward sends a
different gradient to every output element.

Usage: python3 scripts/golden/nn_golden.py > Tests/TensorTests/Fixtures/nn_golden.json
"""
import json

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float32)
rng = np.random.RandomState(1917)


def make(*shape, scale=1.0, grad=True):
    return torch.tensor((rng.uniform(-1, 1, shape) * scale).astype(np.float32), requires_grad=grad)


def entry(t):
    t = t.detach()
    return {"shape": list(t.shape), "data": [float(x) for x in t.reshape(-1).tolist()]}


def case(**tensors):
    return {name: entry(t) for name, t in tensors.items()}


cases = {}

# Linear on a [2, 3, 4] input (leading axes are a batch).
linear = torch.nn.Linear(4, 5)
with torch.no_grad():
    linear.weight.copy_(make(5, 4, grad=False))
    linear.bias.copy_(make(5, grad=False))
x = make(2, 3, 4)
y = linear(x)
w = make(2, 3, 5, grad=False)
(y * w).sum().backward()
cases["linear"] = case(weight=linear.weight, bias=linear.bias, x=x, w=w, out=y,
                       gradX=x.grad, gradWeight=linear.weight.grad, gradBias=linear.bias.grad)

# RNN (tanh), 5 steps, batch 2, 3 inputs, 4 hidden, with a given initial state; then the
# same layer from a zero state.
rnn = torch.nn.RNN(3, 4)
with torch.no_grad():
    for name in ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"]:
        getattr(rnn, name).copy_(make(*getattr(rnn, name).shape, grad=False))
x, h0 = make(5, 2, 3), make(1, 2, 4)
out, hn = rnn(x, h0)
wOut, wHidden = make(5, 2, 4, grad=False), make(1, 2, 4, grad=False)
((out * wOut).sum() + (hn * wHidden).sum()).backward()
cases["rnn"] = case(weightIH=rnn.weight_ih_l0, weightHH=rnn.weight_hh_l0, biasIH=rnn.bias_ih_l0,
                    biasHH=rnn.bias_hh_l0, x=x, h0=h0, wOut=wOut, wHidden=wHidden, out=out, hidden=hn,
                    gradX=x.grad, gradH0=h0.grad, gradWeightIH=rnn.weight_ih_l0.grad,
                    gradWeightHH=rnn.weight_hh_l0.grad, gradBiasIH=rnn.bias_ih_l0.grad,
                    gradBiasHH=rnn.bias_hh_l0.grad)
rnn.zero_grad()
x = make(5, 2, 3)
out, hn = rnn(x)
(out * wOut).sum().backward()
cases["rnnZeroState"] = case(x=x, out=out, hidden=hn, gradX=x.grad, gradWeightHH=rnn.weight_hh_l0.grad)

# BatchNorm1d: two training batches (gradients of both summed), then evaluation.
bn = torch.nn.BatchNorm1d(3)
with torch.no_grad():
    bn.weight.copy_(make(3, grad=False) + 1)
    bn.bias.copy_(make(3, grad=False))
gamma, beta = bn.weight.detach().clone(), bn.bias.detach().clone()
x1, x2, x3 = make(4, 3, scale=2), make(6, 3, scale=3), make(5, 3)
w1, w2, w3 = make(4, 3, grad=False), make(6, 3, grad=False), make(5, 3, grad=False)
bn.train()
y1 = bn(x1)
mean1, var1 = bn.running_mean.clone(), bn.running_var.clone()
y2 = bn(x2)
mean2, var2 = bn.running_mean.clone(), bn.running_var.clone()
((y1 * w1).sum() + (y2 * w2).sum()).backward()
gradWeight, gradBias = bn.weight.grad.clone(), bn.bias.grad.clone()
bn.eval()
y3 = bn(x3)
(y3 * w3).sum().backward()
cases["batchNorm"] = case(weight=gamma, bias=beta, x1=x1, x2=x2, x3=x3, w1=w1, w2=w2, w3=w3,
                          out1=y1, out2=y2, out3=y3, runningMean1=mean1, runningVar1=var1,
                          runningMean2=mean2, runningVar2=var2, gradX1=x1.grad, gradX2=x2.grad,
                          gradX3=x3.grad, gradWeight=gradWeight, gradBias=gradBias)

# Losses, each with its gradient.
p, t = make(4, 3), make(4, 3, grad=False)
loss = F.mse_loss(p, t)
loss.backward()
cases["mse"] = case(input=p, target=t, loss=loss, grad=p.grad)

targets = torch.tensor(rng.randint(0, 5, 6))
logits = make(6, 5, scale=4)
loss = F.nll_loss(torch.log_softmax(logits, dim=1), targets)
loss.backward()
cases["nll"] = case(logits=logits, loss=loss, grad=logits.grad)
cases["nll"]["targets"] = entry(targets)

logits = make(6, 5, scale=4)
with torch.no_grad():
    logits[1] += 50
loss = F.cross_entropy(logits, targets)
loss.backward()
cases["crossEntropy"] = case(logits=logits, loss=loss, grad=logits.grad)
cases["crossEntropy"]["targets"] = entry(targets)

# Logits up to ±40: the naive formula would take log(0) or overflow exp.
logits = make(3, 4, scale=5)
with torch.no_grad():
    logits[0] *= 8
t = torch.tensor(rng.uniform(0, 1, (3, 4)).astype(np.float32))
t[1] = torch.tensor([0.0, 1.0, 1.0, 0.0])
loss = F.binary_cross_entropy_with_logits(logits, t)
loss.backward()
cases["bceWithLogits"] = case(logits=logits, target=t, loss=loss, grad=logits.grad)

# One tensor a line, so that a regenerated fixture diffs readably.
lines = []
for name, tensors in cases.items():
    body = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in tensors.items())
    lines.append(f" {json.dumps(name)}: {{\n{body}\n }}")
print("{\n" + ",\n".join(lines) + "\n}")
