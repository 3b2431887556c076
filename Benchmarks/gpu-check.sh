#!/usr/bin/env bash
# The CUDA backend's check and benchmarks, for a machine with an NVIDIA GPU and no Swift
# toolchain (see Docs/CUDA.md), in three steps, each under its own time limit:
#
#   1. lesson6-bench cuda-check   every primitive against the CPU backend, a training step,
#                                 kernel timings                      (cuda-check.{json,md})
#   2. lesson6-bench gpu-matmul   our SGEMM beside cuBLAS's, n = 512…8192, checked against
#                                 it                                   (gpu-matmul.{json,md})
#   3. lesson6-bench epochs       seconds per epoch of CharRnn, EmbeddingDotBias and
#                                 MixedInputModel on the CPU and the GPU (epochs.{json,md})
#
# and gpu-check.md (the three tables) and gpu-check.json (the three reports and each
# step's exit status) in OUTPUT_FOLDER, with each step's log.
#
# Build the binary where Swift is (the Swift runtime linked in, so that it runs there),
# shrink it for the trip (73 MB; stripped 58 MB; gzipped 22 MB), and put the two data
# sets of step 3 beside it (3 MB):
#     swift build -c release --static-swift-stdlib --product lesson6-bench
#     mkdir -p .gpu && strip -o .gpu/lesson6-bench .build/release/lesson6-bench && gzip -9f .gpu/lesson6-bench
#     mkdir -p .gpu/data && cp -r "${LESSON6_DATA:-data}"/{nietzsche,ml-latest-small,bike-sharing} .gpu/data/
# then, on the GPU machine, from the repository root with .gpu/ carried:
#     Benchmarks/gpu-check.sh [BINARY[.gz]] [OUTPUT_FOLDER]
# BINARY defaults to .gpu/lesson6-bench.gz, else .build/release/lesson6-bench;
# OUTPUT_FOLDER to $OUT if set, else gpu-check/. The data: $LESSON6_DATA, else .gpu/data,
# else ./data; without it step 3 is skipped, said so. The libraries are found as the
# backend finds them (CUDA_DRIVER_LIBRARY, NVRTC_LIBRARY, CUBLAS_LIBRARY, /usr/local/cuda,
# python3's nvidia wheels, /usr/local/nvidia/lib64, the system linker); without cuBLAS,
# step 2 times ours alone and says where it looked.
#
# Time: GPU_CHECK_SECONDS (default 450, under the 8 minutes a lent machine allows)
# shared 4 : 5 : 6 among the steps (120, 150, 180 s); EPOCH_BATCHES (default 300)
# batches of each model timed on each device in step 3.
#
# Exit status: 0 every comparison passed; 1 a comparison failed, a step failed, or CUDA
# is unavailable (the reason is printed and written to the reports); 2 no binary; 124 a
# step ran over its time limit (the others still ran).
set -uo pipefail
cd "$(dirname "$0")/.."
binary=${1:-}
if [[ -z "$binary" ]]; then
    binary=.build/release/lesson6-bench
    [[ -f .gpu/lesson6-bench.gz ]] && binary=.gpu/lesson6-bench.gz
fi
output=${2:-${OUT:-gpu-check}}
limit_seconds=${GPU_CHECK_SECONDS:-450}
epoch_batches=${EPOCH_BATCHES:-300}
data=${LESSON6_DATA:-}
if [[ -z "$data" ]]; then
    data=./data
    [[ -d .gpu/data ]] && data=.gpu/data
fi

if [[ "$binary" == *.gz && -f "$binary" ]]; then
    unpacked=$(mktemp -d)/lesson6-bench
    gunzip -c "$binary" >"$unpacked" && chmod +x "$unpacked"
    binary=$unpacked
fi
if [[ ! -x "$binary" ]]; then
    echo "gpu-check: no $binary; build it with: swift build -c release --static-swift-stdlib --product lesson6-bench" >&2
    exit 2
fi
mkdir -p "$output"
if command -v nvidia-smi >/dev/null; then
    nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | sed 's/^/gpu-check: GPU /'
else
    echo "gpu-check: nvidia-smi not found"
fi

# step NAME SECONDS ARGUMENTS…: runs `lesson6-bench ARGUMENTS…` under `timeout SECONDS`,
# its output shown and kept in NAME.log; sets step_status.
step() {
    local name=$1 seconds=$2
    shift 2
    echo "gpu-check: $name (at most $seconds s)"
    timeout "$seconds" "$binary" "$@" 2>&1 | tee "$output/$name.log"
    step_status=${PIPESTATUS[0]}
    [[ $step_status -eq 124 ]] && echo "gpu-check: $name stopped after $seconds s"
}

# summarize: gpu-check.md, the tables of the steps that ran, and gpu-check.json, their
# reports and exit statuses (null for a step that did not run).
check_status=null matmul_status=null epochs_status=null
summarize() {
    local name
    : >"$output/gpu-check.md"
    for name in cuda-check gpu-matmul epochs; do
        [[ -f "$output/$name.md" ]] && { cat "$output/$name.md"; echo; } >>"$output/gpu-check.md"
    done
    report() { if [[ -s "$output/$1.json" ]]; then cat "$output/$1.json"; else echo null; fi; }
    {
        echo "{\"status\": {\"cuda_check\": $check_status, \"gpu_matmul\": $matmul_status, \"epochs\": $epochs_status},"
        echo "\"cuda_check\": $(report cuda-check),"
        echo "\"gpu_matmul\": $(report gpu-matmul),"
        echo "\"epochs\": $(report epochs)}"
    } >"$output/gpu-check.json"
}

rm -f "$output"/{cuda-check,gpu-matmul,epochs,gpu-check}.{json,md}
step cuda-check $((limit_seconds * 4 / 15)) cuda-check \
    --json "$output/cuda-check.json" --markdown "$output/cuda-check.md"
check_status=$step_status
if grep -q '"available" : false' "$output/cuda-check.json" 2>/dev/null; then
    echo "gpu-check: no GPU: CUDA is unavailable on this machine (reason above and in $output/cuda-check.md)"
    summarize
    exit "$check_status"
fi

step gpu-matmul $((limit_seconds * 5 / 15)) gpu-matmul \
    --json "$output/gpu-matmul.json" --markdown "$output/gpu-matmul.md"
matmul_status=$step_status

if [[ -f "$data/nietzsche/nietzsche.txt" && -f "$data/ml-latest-small/ratings.csv" && -f "$data/bike-sharing/hour.csv" ]]; then
    step epochs $((limit_seconds * 6 / 15)) epochs --devices cpu,cuda --batches "$epoch_batches" --data "$data" \
        --json "$output/epochs.json" --markdown "$output/epochs.md"
    epochs_status=$step_status
else
    echo "gpu-check: epochs skipped: no nietzsche/nietzsche.txt, ml-latest-small/ratings.csv and bike-sharing/hour.csv in $data" \
        | tee "$output/epochs.log"
    echo "# Seconds per epoch: skipped (no data in $data)" >"$output/epochs.md"
    epochs_status=0
fi

summarize

status=0
for s in $check_status $matmul_status $epochs_status; do
    if [[ $s -eq 124 ]]; then status=124; elif [[ $s -ne 0 && $status -eq 0 ]]; then status=1; fi
done
if [[ $status -eq 0 ]]; then
    echo "gpu-check: all comparisons passed; report in $output/gpu-check.md and $output/gpu-check.json"
else
    echo "gpu-check: failed (cuda-check $check_status, gpu-matmul $matmul_status, epochs $epochs_status);" \
        "report in $output/gpu-check.md"
fi
exit "$status"
