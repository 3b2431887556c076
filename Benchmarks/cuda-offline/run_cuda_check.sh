#!/usr/bin/env bash
# Runs `lesson6-bench cuda-check --checks-only` with no GPU: the CUDA backend as it is, on an
# emulated driver and NVRTC (emulated_driver.cpp, emulated_nvrtc.cpp) that compile its
# kernels with the host's C++ compiler and run each GPU thread as a CPU thread. Every check
# of Sources/TensorCUDA/Checks runs, kernels against the CPU backend: index arithmetic,
# launch shapes, parameter layouts, barriers and shuffles (a missing __syncthreads shows as
# a race among a block's 256 threads), reads of memory nothing wrote (cuMemAlloc fills
# with NaNs). What it cannot tell: the GPU's own math (expf, tanhf… are the host's here),
# speed, races between blocks (they run one after another), __shared__ memory read before
# this block wrote it (it starts at zero, then holds the previous block's values), and
# memory ordering weaker than x86's.
#
#   Benchmarks/cuda-offline/run_cuda_check.sh [OUTPUT_FOLDER]    (default Benchmarks/cuda-offline/build)
#
# CXX picks the compiler (default c++, C++20); CUDA_EMULATOR_CXXFLAGS adds flags to the
# kernels' compilation; CUDA_EMULATOR_MULTIPROCESSORS sets the SMs reported (default 1).
# SANITIZE=1 compiles the kernels with -fsanitize=address,undefined (and preloads those
# runtimes): a kernel reading or writing outside its cuMemAlloc block, or a misaligned
# float4, stops the run with the kernel's line in lesson6.cu (the backend's module).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(mkdir -p "${1:-$here/build}" && cd "${1:-$here/build}" && pwd)
[ -e "$out/.gitignore" ] || echo '*' > "$out/.gitignore"
cxx=${CXX:-c++}

"$cxx" -std=c++20 -O2 -shared -fPIC -pthread -o "$out/libcuda-emulated.so" "$here/emulated_driver.cpp"
"$cxx" -std=c++20 -O2 -shared -fPIC -DDEVICE_HEADER="\"$here/cuda_device.h\"" -o "$out/libnvrtc-emulated.so" \
    "$here/emulated_nvrtc.cpp"
(cd "$root" && swift build -c release --product lesson6-bench)

sanitizer=()
if [ "${SANITIZE:-0}" = 1 ]; then
    export CUDA_EMULATOR_CXXFLAGS="${CUDA_EMULATOR_CXXFLAGS:-} -g -fsanitize=address,undefined -fno-sanitize-recover=all"
    # The Swift program is not instrumented: the runtimes must come first, and Swift's
    # objects that live to the exit are not leaks worth a report.
    sanitizer=(env LD_PRELOAD="$("$cxx" -print-file-name=libasan.so) $("$cxx" -print-file-name=libubsan.so)"
               ASAN_OPTIONS=detect_leaks=0)
fi

start=$(date +%s)
status=0
CUDA_DRIVER_LIBRARY="$out/libcuda-emulated.so" NVRTC_LIBRARY="$out/libnvrtc-emulated.so" CUDA_EMULATOR_CXX="$cxx" \
    "${sanitizer[@]}" "$root/.build/release/lesson6-bench" cuda-check --checks-only --json "$out/cuda-check.json" \
    --markdown "$out/cuda-check.md" || status=$?
echo "cuda-check on the emulator: exit status $status, $(($(date +%s) - start)) s"
cat "$out/cuda-check.md"
exit "$status"
