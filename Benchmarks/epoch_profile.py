"""Where an epoch's time goes: a `perf record` profile grouped by kind of work.

    perf record -g -o chars.perf .build/release/lesson6-bench chars --data DIR
    python3 Benchmarks/epoch_profile.py chars.perf [--cpu-seconds S] [chars-before.perf ...]

Each symbol of `perf report --sort sym` goes to the first kind whose pattern it matches;
the table gives each kind's share of the samples (both threads' CPU time), and its CPU
seconds when `--cpu-seconds` gives the run's total (lesson6-bench prints it in
parentheses beside the epoch). With several profiles, one column each.
"""
import argparse
import re
import subprocess

KINDS = [
    ("matmul: micro-kernel", r"tile12x32|edgeTile|Kernel6x16|multiplyVector"),
    ("matmul: packing, edge tiles, loops", r"multiplyBlocked|packPanels|packTransposed|PackedMatrix"),
    ("elementwise (tanh, σ, +, ×, activation backward, product epilogues)",
     r"binaryLoop|unaryLoop|VectorMath|binaryRow|unaryRow|activationBackward|axpy|addThenApply|gruCell|"
     r"applyToSum|newGate|lstmCell"),
    ("softmax, loss, reductions", r"softmax|reduce|sumRow|maxRow|nll|argmax"),
    ("embedding lookups", r"gatherRows|scatterAdd"),
    ("optimizer step", r"stepLoop|adamStep|sgdStep"),
    ("copies (stack, concat, contiguous, fill)",
     r"memmove|memcpy|memset|CPUBackend\.copy|CPUBackend\.fill|StridedLoop"),
    ("dropout masks (MT19937)", r"MT19937|Dropout|bernoulli"),
    ("allocation (malloc, pool, page faults)",
     r"malloc|free|MemoryPool|swift_slowAlloc|swift_allocObject|clear_page|page_fault|_int_|alloc"),
    ("threading (Dispatch, futex, scheduler)",
     r"dispatch|futex|spin|schedule|task_switch|finish_task|syscall|softirq|pthread|__sched"),
    ("Swift runtime (retain/release, metadata)",
     r"swift_retain|swift_release|swift_|Metadata|RefCount|Hasher|_Contiguous"),
]


def shares(profile):
    """Percent of samples per kind (and 'other') in one perf.data file."""
    report = subprocess.run(["perf", "report", "-i", profile, "--no-children", "--sort", "sym", "--stdio",
                             "-g", "none"], capture_output=True, text=True, check=True).stdout
    symbols = subprocess.run(["swift", "demangle", "--simplified"], input=report, capture_output=True,
                             text=True, check=True).stdout
    totals = {name: 0.0 for name, _ in KINDS} | {"other": 0.0}
    for line in symbols.splitlines():
        match = re.match(r"\s*([\d.]+)%\s+\[[.k]\]\s+(.*)", line)
        if not match:
            continue
        percent, symbol = float(match.group(1)), match.group(2)
        kind = next((name for name, pattern in KINDS if re.search(pattern, symbol)), "other")
        totals[kind] += percent
    return totals


parser = argparse.ArgumentParser()
parser.add_argument("profiles", nargs="+")
parser.add_argument("--cpu-seconds", type=float, nargs="*", default=[],
                    help="each run's CPU seconds, in the order of the profiles")
args = parser.parse_args()
columns = [shares(p) for p in args.profiles]
print("| kind | " + " | ".join(args.profiles) + " |")
print("|---" * (len(columns) + 1) + "|")
for kind in [name for name, _ in KINDS] + ["other"]:
    cells = []
    for i, column in enumerate(columns):
        percent = column[kind]
        seconds = f"{args.cpu_seconds[i] * percent / 100:.1f} s, " if i < len(args.cpu_seconds) else ""
        cells.append(f"{seconds}{percent:.1f}%")
    print(f"| {kind} | " + " | ".join(cells) + " |")
