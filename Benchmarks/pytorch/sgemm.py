"""PyTorch's float32 product of n×n matrices (torch.mm; cuBLAS's SGEMM on a GPU), the
reference beside `lesson6-bench gpu-matmul`, timed as that times ours.

TF32 is off (torch.backends.cuda.matmul.allow_tf32 and torch.backends.cudnn.allow_tf32
False, float32 matmul precision "highest"), so that every product is rounded as a true
float32 product, as ours is; `--tf32` measures with TF32 on instead, and the table and
the report say which.

Operands: A and B uniform in [-1, 1] (torch.manual_seed(0) for each size, drawn on the
CPU, so the same on every device), C allocated once and written by
torch.mm(a, b, out=c), so that the product alone is timed. One untimed product first
(the start of cuBLAS, the kernel's loading), then the number of products that lasts at
least `--sample-seconds` is found by doubling; each sample runs that many, waits for
the device (torch.cuda.synchronize) and reads the clock. Time per product: the best
and the median of `--repeats` samples; GFLOP/s = 2n³ / the best time.

    python3 Benchmarks/pytorch/sgemm.py [--device cuda|cpu] [--sizes 512,1024,2048,4096,8192] [--repeats 5]
                                        [--sample-seconds 0.05] [--tf32] [--threads 2] [--json FILE]
"""
import argparse
import json

import torch

import devices

parser = argparse.ArgumentParser()
devices.add_option(parser, default="cuda")
parser.add_argument("--sizes", default="512,1024,2048,4096,8192", help="comma-separated matrix sizes n")
parser.add_argument("--repeats", type=int, default=5, help="timed samples per size")
parser.add_argument("--sample-seconds", type=float, default=0.05, help="least duration of one sample")
parser.add_argument("--tf32", action="store_true", help="allow TF32 (10-bit mantissa) products")
parser.add_argument("--threads", type=int, default=2, help="CPU threads")
parser.add_argument("--json")
args = parser.parse_args()
device = devices.require(args.device)
if args.tf32 and device.type != "cuda":
    parser.error("--tf32 is a CUDA setting (on the CPU it selects a much slower oneDNN path)")
sizes = [int(word) for word in args.sizes.split(",")]
torch.set_num_threads(args.threads)
torch.set_float32_matmul_precision("high" if args.tf32 else "highest")
torch.backends.cuda.matmul.allow_tf32 = args.tf32
torch.backends.cudnn.allow_tf32 = args.tf32


def timing(n):
    """The best and the median seconds per product of n×n matrices on `device`."""
    torch.manual_seed(0)
    a, b = (torch.empty(n, n).uniform_(-1, 1).to(device) for _ in range(2))
    c = torch.empty(n, n, device=device)

    def sample(calls):
        start = devices.clock(device)
        for _ in range(calls):
            torch.mm(a, b, out=c)
        return devices.clock(device) - start

    sample(1)  # untimed: the start of cuBLAS, the loading of its kernel
    calls = 1
    while sample(calls) < args.sample_seconds:
        calls *= 2
    samples = sorted(sample(calls) / calls for _ in range(args.repeats))
    return samples[0], samples[len(samples) // 2]


device_name = torch.cuda.get_device_name(device) if device.type == "cuda" else f"cpu, {args.threads} threads"
print(f"pytorch {torch.__version__} torch.mm, float32, TF32 {'on' if args.tf32 else 'off'}, {device_name}: "
      f"best (median) of {args.repeats} samples of at least {args.sample_seconds} s")
print(f"{'n':>6}  {'ms':>10}  {'(median)':>10}  {'GFLOP/s':>9}")
rows = []
for n in sizes:
    best, median = timing(n)
    gflops = 2 * n**3 / best / 1e9
    rows.append({"n": n, "best_ms": best * 1e3, "median_ms": median * 1e3, "gflops": gflops})
    print(f"{n:6d}  {best * 1e3:10.3f}  {f'({median * 1e3:.3f})':>10}  {gflops:9.1f}")

result = {"framework": "pytorch", "version": torch.__version__, "device": device.type, "device_name": device_name,
          "tf32": args.tf32, "repeats": args.repeats, "sample_seconds": args.sample_seconds, "rows": rows}
if args.json:
    with open(args.json, "w") as f:
        json.dump(result, f, indent=2)
