"""The markdown tables of the PyTorch runs `Benchmarks/gpu-check.sh` makes on a GPU
machine (step 4): torch.mm's GFLOP/s with TF32 off and on, and seconds per epoch of the
three models and the 2-layer LSTM, read from the pytorch-*.json reports in FOLDER. A report that is missing
(a run that failed or was skipped) shows as a dash.

    python3 Benchmarks/pytorch/summary.py FOLDER > FOLDER/pytorch.md
"""
import json
import os
import sys

folder = sys.argv[1]


def report(name):
    path = os.path.join(folder, f"pytorch-{name}.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


sgemm, tf32 = report("sgemm"), report("sgemm-tf32")
known = next((r for r in (sgemm, tf32, report("chars")) if r), None)
print("# PyTorch on the same machine")
print()
if known:
    print(f"Device: {known.get('device_name', known.get('device'))}; "
          f"{known.get('framework')} {known.get('version', '')}".rstrip())
    print()
print("## torch.mm, float32 n×n (cuBLAS)")
print()
print("Best of the samples, synchronised; TF32 off is the same arithmetic as our SGEMM.")
print()
print("| n | TF32 off ms | TF32 off GFLOP/s | TF32 on ms | TF32 on GFLOP/s |")
print("| ---: | ---: | ---: | ---: | ---: |")
rows = {}
for which, r in (("off", sgemm), ("on", tf32)):
    for row in (r or {}).get("rows", []):
        rows.setdefault(row["n"], {})[which] = row


def cells(row):
    return [f"{row['best_ms']:.3f}", f"{row['gflops']:.1f}"] if row else ["—", "—"]


for n in sorted(rows):
    print("| " + " | ".join([str(n)] + cells(rows[n].get("off")) + cells(rows[n].get("on"))) + " |")
print()
print("## Seconds per epoch")
print()
print("The training batches, then the validation loss, as `lesson6-bench epochs` times ours; "
      "the best epoch counts (each script warms CUDA up first, untimed).")
print()
print("| model | script | epochs | s / epoch, best | each epoch | batches timed |")
print("| --- | --- | ---: | ---: | --- | --- |")
for model, name in (("CharRnn", "chars"), ("EmbeddingDotBias", "collab"), ("MixedInputModel", "tabular"),
                    ("CharSeqStatefulLSTM", "chars-lstm")):
    r = report(name)
    if not r:
        print(f"| {model} | {name.split('-')[0]}.py | — | — | — | — |")
        continue
    seconds = [h.get("seconds_extrapolated", h["seconds"]) for h in r["history"]]
    timed = f"{r['train_batches_timed']} of {r['train_batches_per_epoch']}"
    print(f"| {model} | {name.split('-')[0]}.py | {len(seconds)} | {min(seconds):.2f} | "
          f"{', '.join(f'{s:.2f}' for s in seconds)} | {timed} |")
