#!/usr/bin/env bash
# The CUDA backend's check for a machine with an NVIDIA GPU and no Swift toolchain:
# every primitive against the CPU backend, a training step, and kernel timings, written
# as JSON and a markdown table (see Docs/CUDA.md).
#
# Build the binary where Swift is (the Swift runtime linked in, so that it runs there),
# and shrink it for the trip (73 MB; stripped 58 MB; gzipped 22 MB):
#     swift build -c release --static-swift-stdlib --product lesson6-bench
#     mkdir -p .gpu && strip -o .gpu/lesson6-bench .build/release/lesson6-bench && gzip -9f .gpu/lesson6-bench
# then, on the GPU machine, from the repository root with .gpu/ carried:
#     Benchmarks/gpu-check.sh [BINARY[.gz]] [OUTPUT_FOLDER]
# BINARY defaults to .gpu/lesson6-bench.gz, else .build/release/lesson6-bench;
# OUTPUT_FOLDER to $OUT if set, else gpu-check/. The libraries are found as the
# backend finds them (CUDA_DRIVER_LIBRARY, NVRTC_LIBRARY, /usr/local/cuda, python3's
# nvidia wheels, /usr/local/nvidia/lib64, the system linker).
#
# Exit status: 0 every comparison passed; 1 a comparison failed or CUDA is unavailable
# (the reason is printed and written to the report); 2 no binary; 124 over the time limit.
set -uo pipefail
cd "$(dirname "$0")/.."
binary=${1:-}
if [[ -z "$binary" ]]; then
    binary=.build/release/lesson6-bench
    [[ -f .gpu/lesson6-bench.gz ]] && binary=.gpu/lesson6-bench.gz
fi
output=${2:-${OUT:-gpu-check}}
limit_seconds=${GPU_CHECK_SECONDS:-450}

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

timeout "$limit_seconds" "$binary" cuda-check --json "$output/cuda-check.json" --markdown "$output/cuda-check.md" \
    2>&1 | tee "$output/cuda-check.log"
status=${PIPESTATUS[0]}

if grep -q '"available" : false' "$output/cuda-check.json" 2>/dev/null; then
    echo "gpu-check: no GPU: CUDA is unavailable on this machine (reason above and in $output/cuda-check.md)"
elif [[ $status -eq 0 ]]; then
    echo "gpu-check: all comparisons passed; report in $output/cuda-check.md and $output/cuda-check.json"
elif [[ $status -eq 124 ]]; then
    echo "gpu-check: stopped after $limit_seconds s"
else
    echo "gpu-check: failed (exit $status); report in $output/cuda-check.md"
fi
exit "$status"
