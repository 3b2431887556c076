#!/usr/bin/env python3
"""`lesson6-bench matmul` against numpy, in alternating rounds, best of all rounds.

On a shared virtual machine the speed of the same code drifts by ±20% from one minute
to the next, more than the difference being measured. One run of each, a minute
apart, then compares the drift as much as the code. This script alternates the two
(numpy, ours, numpy, ours, …) and keeps each one's best GFLOP/s per shape and thread
count over all rounds, so both get the same chances at the machine's quiet moments:

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 Benchmarks/matmul_rounds.py --rounds 3

It needs the release build (`swift build -c release --product lesson6-bench`) and
numpy_matmul.py's requirements (numpy, threadpoolctl).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def best(reports):
    """{(shape, threads): best GFLOP/s} over the reports."""
    rates = {}
    for report in reports:
        for result in report["results"]:
            key = (result["shape"], result["threads"])
            rates[key] = max(rates.get(key, 0.0), result["gflops"])
    return rates


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--bench", default=os.path.join(HERE, "..", ".build", "release", "lesson6-bench"))
    parser.add_argument("--json", help="write both sides' best rates as JSON to this file")
    args = parser.parse_args()
    if not os.access(args.bench, os.X_OK):
        sys.exit(f"matmul_rounds: no {args.bench}; build it with: swift build -c release --product lesson6-bench")

    numpy_reports, our_reports = [], []
    with tempfile.TemporaryDirectory() as folder:
        for round_ in range(args.rounds):
            for name, command, reports in [
                ("numpy", [sys.executable, os.path.join(HERE, "numpy_matmul.py"), "--bench", args.bench],
                 numpy_reports),
                ("ours", [args.bench, "matmul"], our_reports),
            ]:
                path = os.path.join(folder, f"{name}-{round_}.json")
                subprocess.run(command + ["--threads", args.threads, "--json", path], check=True,
                               stdout=subprocess.DEVNULL)
                with open(path) as file:
                    reports.append(json.load(file))
                print(f"round {round_ + 1}/{args.rounds}: {name} done", file=sys.stderr)

    ours, theirs = best(our_reports), best(numpy_reports)
    print(f"matmul GFLOP/s by wall clock, best of {args.rounds} alternating rounds (each the best of 7 samples): "
          f"lesson6 Gemm.multiply [{our_reports[0]['kernel']}] vs {numpy_reports[0]['implementation']} "
          f"[{numpy_reports[0]['kernel']}]")
    width = max(len(shape) for shape, _ in ours) + 2
    print(f"{'shape':<{width}}{'threads':>7}{'ours':>10}{'numpy':>10}{'ratio':>8}")
    for key in ours:
        shape, threads = key
        print(f"{shape:<{width}}{threads:>7}{ours[key]:>10.1f}{theirs[key]:>10.1f}{ours[key] / theirs[key]:>8.2f}")
    if args.json:
        rows = [{"shape": s, "threads": t, "ours": ours[(s, t)], "numpy": theirs[(s, t)]} for s, t in ours]
        with open(args.json + ".tmp", "w") as file:
            json.dump({"rounds": args.rounds, "results": rows}, file, indent=1)
        os.replace(args.json + ".tmp", args.json)


if __name__ == "__main__":
    main()
