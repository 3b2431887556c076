#!/usr/bin/env python3
"""numpy's float32 matmul timed exactly like `lesson6-bench matmul`, for comparison.

Same shapes, same operands (NumPy's legacy MT19937, seed 0, uniform in [-1, 1)), same
timing (one warm-up call and one untimed sample, then the best and the median of
`--repeats` samples, each at least `--sample-seconds` long), the same JSON shape. BLAS
threads are set with threadpoolctl (`pip install threadpoolctl`).

OpenBLAS picks its kernel from the CPU unless OPENBLAS_CORETYPE says otherwise, and
OPENBLAS_L2_SIZE changes its blocking; for a fair comparison run with both unset:

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 Benchmarks/numpy_matmul.py --json numpy.json
    .build/release/lesson6-bench matmul --compare numpy.json
"""
import argparse
import json
import os
import sys
import time

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

SQUARE = [128, 256, 512, 1024, 2048]
LESSON = [(512, 42, 256), (512, 256, 256), (512, 256, 85)]  # (m, k, n): C[m×n] = A[m×k]·B[k×n]


def shapes():
    for n in SQUARE:
        yield f"{n}³", n, n, n
    for m, k, n in LESSON:
        yield f"{m}×{k}·{k}×{n}", m, k, n


def timing(operation, repeats, sample_seconds):
    def seconds(calls):
        start = time.perf_counter()
        for _ in range(calls):
            operation()
        return time.perf_counter() - start

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
    parser.add_argument("--only", help="measure only the shapes whose label contains this")
    parser.add_argument("--json", help="write the results as JSON to this file")
    options = parser.parse_args()
    threads = [int(word) for word in options.threads.split(",")]

    for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
        if name in os.environ:
            print(f"note: {name}={os.environ[name]} is set; unset it for OpenBLAS's own choice", file=sys.stderr)
    blas = next((info for info in threadpool_info() if info["user_api"] == "blas"), {})
    kernel = f"{blas.get('internal_api', '?')} {blas.get('version', '?')} {blas.get('architecture', '?')}"
    implementation = f"numpy {np.__version__} matmul"

    results = []
    for label, m, k, n in shapes():
        if options.only and options.only not in label:
            continue
        random = np.random.RandomState(0)
        a = random.uniform(-1, 1, m * k).astype(np.float32).reshape(m, k)
        b = random.uniform(-1, 1, k * n).astype(np.float32).reshape(k, n)
        c = np.zeros((m, n), dtype=np.float32)
        for count in threads:
            with threadpool_limits(limits=count, user_api="blas"):
                best, median = timing(lambda: np.matmul(a, b, out=c), options.repeats, options.sample_seconds)
            operations = 2.0 * m * n * k
            results.append({
                "shape": label, "m": m, "n": n, "k": k, "threads": count,
                "best_seconds": best, "median_seconds": median,
                "gflops": operations / best / 1e9, "median_gflops": operations / median / 1e9,
            })

    print(f"matmul GFLOP/s, best of {options.repeats} (median), {implementation} [{kernel}]")
    print(f"{'shape':<18}threads       numpy")
    for result in results:
        print(f"{result['shape']:<18}{result['threads']:7d}  {result['gflops']:7.1f} ({result['median_gflops']:5.1f})")
    if options.json:
        report = {"implementation": implementation, "kernel": kernel, "results": results}
        temporary = f"{options.json}.{os.getpid()}.tmp"
        with open(temporary, "w") as file:
            json.dump(report, file, indent=2, sort_keys=True, ensure_ascii=False)
        os.replace(temporary, options.json)


if __name__ == "__main__":
    main()
