#!/usr/bin/env python3
"""numpy's float32 matmul timed exactly like `lesson6-bench matmul`, for comparison.

Same shapes (it asks `lesson6-bench matmul --list-shapes`, so build that first: the
square products and every product the lessons train with, transposed operands read in
place as BLAS reads them), same operands (NumPy's legacy MT19937, seed 0, uniform in
[-1, 1), a transposed operand stored transposed), same timing (one warm-up call and one
untimed sample, then the best and the median of `--repeats` samples, each at least
`--sample-seconds` long), the same JSON shape. BLAS threads are set with threadpoolctl
(`pip install threadpoolctl`).

OpenBLAS picks its kernel from the CPU unless OPENBLAS_CORETYPE says otherwise, and
OPENBLAS_L2_SIZE changes its blocking; for a fair comparison run with both unset:

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 Benchmarks/numpy_matmul.py --json numpy.json
    .build/release/lesson6-bench matmul --compare numpy.json
"""
import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

HERE = os.path.dirname(os.path.abspath(__file__))


def shapes(bench):
    """lesson6-bench's products: dicts of label, m, k, n, transpose_a, transpose_b."""
    if not os.access(bench, os.X_OK):
        sys.exit(f"numpy_matmul: no {bench}; build it with: swift build -c release --product lesson6-bench")
    listing = subprocess.run([bench, "matmul", "--list-shapes"], check=True, capture_output=True, text=True)
    return json.loads(listing.stdout)


def timing(operation, repeats, sample_seconds, clock):
    now = time.perf_counter if clock == "wall" else time.process_time

    def seconds(calls):
        start = now()
        for _ in range(calls):
            operation()
        return now() - start

    once = seconds(1)
    calls = max(1, int(sample_seconds / max(once, 1e-9)))
    seconds(calls)
    samples = sorted(seconds(calls) / calls for _ in range(repeats))
    return samples[0], samples[len(samples) // 2]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts (default: 1,2)")
    parser.add_argument("--repeats", type=int, default=7, help="timed samples per shape (default: 7)")
    parser.add_argument("--sample-seconds", type=float, default=0.05, help="least duration of one sample")
    parser.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                        help="wall time, or process CPU time (for a crowded machine)")
    parser.add_argument("--only", help="measure only the shapes whose label contains this")
    parser.add_argument("--json", help="write the results as JSON to this file")
    parser.add_argument("--bench", default=os.path.join(HERE, "..", ".build", "release", "lesson6-bench"),
                        help="the lesson6-bench whose shapes to time")
    options = parser.parse_args()
    threads = [int(word) for word in options.threads.split(",")]

    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        if name in os.environ:
            print(f"note: {name}={os.environ[name]} is set; unset it for OpenBLAS's own choice", file=sys.stderr)
    blas = next((info for info in threadpool_info() if info["user_api"] == "blas"), {})
    kernel = f"{blas.get('internal_api', '?')} {blas.get('version', '?')} {blas.get('architecture', '?')}"
    implementation = f"numpy {np.__version__} matmul"

    results = []
    for shape in shapes(options.bench):
        label, m, k, n = shape["label"], shape["m"], shape["k"], shape["n"]
        if options.only and options.only not in label:
            continue
        random = np.random.RandomState(0)
        a = random.uniform(-1, 1, m * k).astype(np.float32)
        b = random.uniform(-1, 1, k * n).astype(np.float32)
        a = a.reshape(k, m).T if shape["transpose_a"] else a.reshape(m, k)
        b = b.reshape(n, k).T if shape["transpose_b"] else b.reshape(k, n)
        c = np.zeros((m, n), dtype=np.float32)
        for count in threads:
            with threadpool_limits(limits=count, user_api="blas"):
                best, median = timing(lambda: np.matmul(a, b, out=c), options.repeats, options.sample_seconds,
                                      options.clock)
            operations = 2.0 * m * n * k
            results.append({
                "shape": label, "m": m, "n": n, "k": k, "threads": count,
                "best_seconds": best, "median_seconds": median,
                "gflops": operations / best / 1e9, "median_gflops": operations / median / 1e9,
            })

    print(f"matmul GFLOP/s by {options.clock} clock, best of {options.repeats} (median), {implementation} [{kernel}]")
    width = max((len(result["shape"]) for result in results), default=0) + 2
    print(f"{'shape':<{width}}threads       numpy")
    for result in results:
        print(f"{result['shape']:<{width}}{result['threads']:7d}  {result['gflops']:7.1f} "
              f"({result['median_gflops']:5.1f})")
    if options.json:
        report = {"implementation": implementation, "kernel": kernel, "clock": options.clock, "results": results}
        temporary = f"{options.json}.{os.getpid()}.tmp"
        with open(temporary, "w") as file:
            json.dump(report, file, indent=2, sort_keys=True, ensure_ascii=False)
        os.replace(temporary, options.json)


if __name__ == "__main__":
    main()
