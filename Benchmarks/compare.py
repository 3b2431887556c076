#!/usr/bin/env python3
"""The whole CPU comparison with PyTorch in one command: each lesson's training timed by
`lesson6-bench` and by the PyTorch script beside it, alternating, for `--rounds` rounds.

Workloads (each side times the same recipe on the same data; see each script):
  chars    CharRnn on Nietzsche, one epoch          best epoch, seconds
  gru      the sequel's stateful GRU, one epoch     best epoch, seconds
  lstm     the sequel's 2-layer LSTM, one epoch     best epoch, seconds (minutes a side: see --chars-limit)
  collab   EmbeddingDotBias on MovieLens, 3 epochs  best epoch, seconds (PyTorch flushes subnormals)
  tabular  MixedInputModel on bike-sharing, 3 ep.   best epoch, seconds
  sgd      the SGD lesson's full-batch step         microseconds a step

On a shared virtual machine the speed of the same code drifts by ±20% from one minute
to the next, so the two sides alternate (PyTorch first in odd rounds, ours first in
even ones) and the table gives the median over rounds of each side and of the ratio
ours / PyTorch measured in the same round, beside the issue's goal, with each process's
peak resident memory. It needs the release build and PyTorch:

    swift build -c release --product lesson6-bench
    python3 Benchmarks/compare.py --data DIR --rounds 2 --json compare.json --markdown compare.md

`matmul_rounds.py` does the same for the matrix products alone.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# name: (our command, PyTorch's command, what is timed, the goal for ours / PyTorch)
WORKLOADS = {
    "chars": (["chars"], ["chars.py"], "s / epoch", 0.8),
    "gru": (["chars", "--model", "gru"], ["chars.py", "--model", "gru"], "s / epoch", 1.0),
    "lstm": (["chars", "--model", "lstm"], ["chars.py", "--model", "lstm"], "s / epoch", 1.0),
    "collab": (["collab"], ["collab.py", "--flush-denormal"], "s / epoch", 0.5),
    "tabular": (["tabular", "--epochs", "3"], ["tabular.py", "--epochs", "3"], "s / epoch", 0.8),
    "sgd": (["sgd"], ["sgd.py"], "µs / step", 0.1),
}


def measure(report):
    """The timed quantity of a report: the best epoch's seconds, or µs per step."""
    if "microseconds_per_step" in report:
        return report["microseconds_per_step"]
    return min(epoch["seconds"] for epoch in report["history"])


def run(command, path):
    """Runs a benchmark that writes its JSON report to `path`; returns the report."""
    result = subprocess.run(command + ["--json", path], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        sys.exit(f"compare: {' '.join(command)} failed:\n{result.stderr}")
    with open(path) as file:
        return json.load(file)


def cpu_name():
    try:
        with open("/proc/cpuinfo") as file:
            for line in file:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def write_atomically(path, text):
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w") as file:
        file.write(text)
    os.replace(temporary, path)


def markdown(summary):
    lines = [f"CPU comparison, {summary['rounds']} alternating rounds, medians: {summary['cpu']}, "
             f"{summary['cores']} cores; ours {summary['ours']}, {summary['pytorch']}", "",
             "| workload | unit | ours | PyTorch | ours / PyTorch | goal | met | peak MiB ours | peak MiB PyTorch |",
             "|---|---|---|---|---|---|---|---|---|"]
    for row in summary["workloads"]:
        peaks = [f"{peak:.0f}" if peak is not None else "–" for peak in (row["peak_mb_ours"], row["peak_mb_pytorch"])]
        lines.append(f"| {row['name']} | {row['unit']} | {row['ours']:.3g} | {row['pytorch']:.3g} "
                     f"| {row['ratio']:.2f} | ≤ {row['goal']} | {'yes' if row['ratio'] <= row['goal'] else 'no'} "
                     f"| {peaks[0]} | {peaks[1]} |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--data", default=os.environ.get("LESSON6_DATA", "data"))
    parser.add_argument("--only", help="comma-separated workloads (default: all of " + ", ".join(WORKLOADS) + ")")
    parser.add_argument("--chars-limit", type=int, help="train the character models on the first CHARS characters")
    parser.add_argument("--bench", default=os.path.join(HERE, "..", ".build", "release", "lesson6-bench"))
    parser.add_argument("--json", help="write every round and the medians to this file")
    parser.add_argument("--markdown", help="write the table of medians to this file")
    args = parser.parse_args()
    names = args.only.split(",") if args.only else list(WORKLOADS)
    unknown = [name for name in names if name not in WORKLOADS]
    if unknown or args.rounds < 1:
        sys.exit(f"compare: unknown workloads {unknown} (choose from {', '.join(WORKLOADS)}) or rounds < 1")
    if not os.access(args.bench, os.X_OK):
        sys.exit(f"compare: no {args.bench}; build it with: swift build -c release --product lesson6-bench")
    # PyTorch is imported by the scripts only: a child's peak memory must not start from ours.
    if subprocess.run([sys.executable, "-c", "import torch"], capture_output=True).returncode != 0:
        sys.exit("compare: PyTorch is not installed; install it with: python3 -m pip install torch")
    threads = os.cpu_count()

    rounds = {name: [] for name in names}
    with tempfile.TemporaryDirectory() as folder:
        for round_ in range(args.rounds):
            for name in names:
                ours_words, theirs_words, _, _ = WORKLOADS[name]
                data = [] if name == "sgd" else ["--data", args.data]
                if args.chars_limit and ours_words[0] == "chars":
                    data += ["--limit", str(args.chars_limit)]
                sides = [("pytorch", [sys.executable, os.path.join(HERE, "pytorch", theirs_words[0])]
                          + theirs_words[1:] + data + ["--threads", str(threads)]),
                         ("ours", [args.bench] + ours_words + data)]
                reports = {}
                for side, command in (sides if round_ % 2 == 0 else sides[::-1]):
                    reports[side] = run(command, os.path.join(folder, f"{name}-{side}-{round_}.json"))
                rounds[name].append(reports)
                ours, theirs = measure(reports["ours"]), measure(reports["pytorch"])
                print(f"round {round_ + 1}/{args.rounds} {name}: ours {ours:.4g}, PyTorch {theirs:.4g}, "
                      f"ratio {ours / theirs:.2f}", file=sys.stderr)

        kernel = run([args.bench, "matmul", "--only", "128³", "--threads", "1", "--repeats", "1"],
                     os.path.join(folder, "kernel.json"))["kernel"]

    first = rounds[names[0]][0]
    summary = {"cpu": cpu_name(), "cores": threads, "ours": f"lesson6 ({kernel} kernel)",
               "pytorch": first["pytorch"]["framework"], "rounds": args.rounds, "workloads": []}
    for name in names:
        _, _, unit, goal = WORKLOADS[name]
        ours = [measure(r["ours"]) for r in rounds[name]]
        theirs = [measure(r["pytorch"]) for r in rounds[name]]
        peaks = {side: [r[side].get("peak_rss_mb") for r in rounds[name]] for side in ("ours", "pytorch")}
        summary["workloads"].append({
            "name": name, "unit": unit, "goal": goal,
            "ours": statistics.median(ours), "pytorch": statistics.median(theirs),
            "ratio": statistics.median(a / b for a, b in zip(ours, theirs)),
            "peak_mb_ours": max((p for p in peaks["ours"] if p is not None), default=None),
            "peak_mb_pytorch": max((p for p in peaks["pytorch"] if p is not None), default=None),
            "rounds": [{"ours": a, "pytorch": b} for a, b in zip(ours, theirs)],
        })
    table = markdown(summary)
    print(table, end="")
    if args.json:
        write_atomically(args.json, json.dumps(summary, indent=1, ensure_ascii=False) + "\n")
    if args.markdown:
        write_atomically(args.markdown, table)


if __name__ == "__main__":
    main()
