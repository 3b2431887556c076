#!/usr/bin/env bash
# The CUDA backend's check and benchmarks, for a machine with an NVIDIA GPU and no Swift
# toolchain (see Docs/CUDA.md), step by step, each under its own time limit:
#
#   1. lesson6-bench cuda-check   every primitive against the CPU backend, a training step,
#                                 kernel timings                      (cuda-check.{json,md})
#   2. lesson6-bench gpu-matmul   our SGEMM kernels beside cuBLAS's, n = 512…8192, checked
#                                 against it                           (gpu-matmul.{json,md})
#   3. lesson6-bench epochs       seconds per epoch of CharRnn, EmbeddingDotBias and
#                                 MixedInputModel on the CPU and the GPU (epochs.{json,md})
#   4. PyTorch on the same GPU    torch.mm with TF32 off and on, the three models' epochs and
#                                 the 2-layer LSTM's (Benchmarks/pytorch/*.py --device cuda;
#                                 pytorch-*.json, pytorch.md), when python3 has PyTorch with CUDA
#   5. lesson6 chars --model lstm the whole 2-layer LSTM recipe on the GPU (lstm.{log,json}),
#                                 when LSTM_SECONDS is set and a lesson6 binary is there
#
# and gpu-check.md (the tables) and gpu-check.json (the reports and each step's exit
# status) in OUTPUT_FOLDER, with each step's log.
#
# Build the binaries where Swift is (the Swift runtime linked in, so that they run there),
# shrink them for the trip (73 MB each; stripped 58 MB; gzipped 22 MB), and put the data
# sets beside them (3 MB):
#     swift build -c release --static-swift-stdlib --product lesson6-bench
#     swift build -c release --static-swift-stdlib --product lesson6        # for step 5
#     mkdir -p .gpu && for p in lesson6-bench lesson6; do strip -o .gpu/$p .build/release/$p && gzip -9f .gpu/$p; done
#     mkdir -p .gpu/data && cp -r "${LESSON6_DATA:-data}"/{nietzsche,ml-latest-small,bike-sharing} .gpu/data/
# then, on the GPU machine, from the repository root with .gpu/ carried:
#     Benchmarks/gpu-check.sh [BINARY[.gz]] [OUTPUT_FOLDER]
# BINARY defaults to .gpu/lesson6-bench.gz, else .build/release/lesson6-bench (lesson6
# beside it); OUTPUT_FOLDER to gpu-check/. The data: $LESSON6_DATA,
# else .gpu/data, else ./data; without it steps 3 to 5 skip what needs it, said so. The
# libraries are found as the backend finds them (CUDA_DRIVER_LIBRARY, NVRTC_LIBRARY,
# CUBLAS_LIBRARY, /usr/local/cuda, python3's nvidia wheels, /usr/local/nvidia/lib64, the
# system linker); without cuBLAS, step 2 times ours alone and says where it looked.
#
# STEPS: the steps to run, comma-separated (default check,matmul,epochs,pytorch,lstm); a
# later call into the same OUTPUT_FOLDER, say STEPS=lstm, adds its step to the reports.
# Time limits in seconds: CHECK_SECONDS (90), MATMUL_SECONDS (90), EPOCHS_SECONDS (120),
# PYTORCH_RUN_SECONDS (35, each of the six PyTorch runs), LSTM_SECONDS (0: step 5 off);
# at most 8.5 minutes with the defaults. EPOCH_BATCHES (default 100000, so every batch)
# training and validation batches of each model timed on each device in step 3.
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
output=${2:-gpu-check}
epoch_batches=${EPOCH_BATCHES:-100000}
data=${LESSON6_DATA:-}
if [[ -z "$data" ]]; then
    data=./data
    [[ -d .gpu/data ]] && data=.gpu/data
fi

# unpacked PATH: PATH itself, or where its gunzipped copy is when it ends in .gz.
unpacked() {
    if [[ "$1" == *.gz && -f "$1" ]]; then
        local copy
        copy=$(mktemp -d)/$(basename "$1" .gz)
        gunzip -c "$1" >"$copy" && chmod +x "$copy" && echo "$copy"
    else
        echo "$1"
    fi
}
lesson6=$(dirname "$binary")/lesson6  # step 5's, unpacked there
[[ "$binary" == *.gz ]] && lesson6+=.gz
binary=$(unpacked "$binary")
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

# run_step NAME SECONDS COMMAND…: runs COMMAND under `timeout SECONDS`, its output shown
# and kept in NAME.log; sets step_status and writes it to NAME.status.
run_step() {
    local name=$1 seconds=$2
    shift 2
    echo "gpu-check: $name (at most $seconds s)"
    timeout "$seconds" "$@" 2>&1 | tee "$output/$name.log"
    step_status=${PIPESTATUS[0]}
    echo "$step_status" >"$output/$name.status"
    [[ $step_status -eq 124 ]] && echo "gpu-check: $name stopped after $seconds s"
}

# summarize: gpu-check.md, the tables of the steps that ran (in this call or an earlier one
# into the same folder), and gpu-check.json, their reports and exit statuses (null for a
# step that never ran).
summarize() {
    local name
    : >"$output/gpu-check.md"
    for name in cuda-check gpu-matmul epochs pytorch lstm; do
        [[ -f "$output/$name.md" ]] && { cat "$output/$name.md"; echo; } >>"$output/gpu-check.md"
    done
    report() { if [[ -s "$output/$1.json" ]]; then cat "$output/$1.json"; else echo null; fi; }
    {
        echo "{\"status\": {\"cuda_check\": $(status_of cuda-check), \"gpu_matmul\": $(status_of gpu-matmul),"
        echo "  \"epochs\": $(status_of epochs), \"pytorch\": $(status_of pytorch), \"lstm\": $(status_of lstm)},"
        echo "\"cuda_check\": $(report cuda-check),"
        echo "\"gpu_matmul\": $(report gpu-matmul),"
        echo "\"epochs\": $(report epochs),"
        for name in sgemm sgemm-tf32 chars collab tabular chars-lstm; do
            echo "\"pytorch_${name//-/_}\": $(report "pytorch-$name"),"
        done
        echo "\"lstm\": $(report lstm)}"
    } >"$output/gpu-check.json"
}

# status_of STEP: its exit status, as run_step recorded it, or null.
status_of() { if [[ -f "$output/$1.status" ]]; then cat "$output/$1.status"; else echo null; fi; }

# wants STEP: whether STEPS (comma-separated, default all five) names it.
steps=",${STEPS:-check,matmul,epochs,pytorch,lstm},"
wants() { [[ $steps == *",$1,"* ]]; }

rm -f "$output"/gpu-check.{json,md}
if wants check; then
    rm -f "$output"/cuda-check.{json,md,status}
    run_step cuda-check "${CHECK_SECONDS:-90}" "$binary" cuda-check \
        --json "$output/cuda-check.json" --markdown "$output/cuda-check.md"
    if grep -q '"available" : false' "$output/cuda-check.json" 2>/dev/null; then
        echo "gpu-check: no GPU: CUDA is unavailable on this machine (reason above and in $output/cuda-check.md)"
        summarize
        exit "$step_status"
    fi
fi

if wants matmul; then
    rm -f "$output"/gpu-matmul.{json,md,status}
    run_step gpu-matmul "${MATMUL_SECONDS:-90}" "$binary" gpu-matmul \
        --json "$output/gpu-matmul.json" --markdown "$output/gpu-matmul.md"
fi

have_data=false
[[ -f "$data/nietzsche/nietzsche.txt" && -f "$data/ml-latest-small/ratings.csv" && -f "$data/bike-sharing/hour.csv" ]] \
    && have_data=true
if wants epochs; then
    rm -f "$output"/epochs.{json,md,status}
    if $have_data; then
        run_step epochs "${EPOCHS_SECONDS:-120}" "$binary" epochs --devices cpu,cuda --batches "$epoch_batches" \
            --data "$data" --json "$output/epochs.json" --markdown "$output/epochs.md"
    else
        echo "gpu-check: epochs skipped: no nietzsche/nietzsche.txt, ml-latest-small/ratings.csv and bike-sharing/hour.csv in $data" \
            | tee "$output/epochs.log"
        echo "# Seconds per epoch: skipped (no data in $data)" >"$output/epochs.md"
        echo 0 >"$output/epochs.status"
    fi
fi

# Step 4: PyTorch's side on the same GPU, each run under PYTORCH_RUN_SECONDS.
if wants pytorch && python3 -c 'import sys, torch; sys.exit(0 if torch.cuda.is_available() else 1)' 2>/dev/null; then
    rm -f "$output"/pytorch.{md,status} "$output"/pytorch-*.{json,status}
    share=${PYTORCH_RUN_SECONDS:-35}
    pytorch_status=0
    pytorch() {
        local name=$1
        shift
        run_step "pytorch-$name" "$share" python3 "Benchmarks/pytorch/$@" --json "$output/pytorch-$name.json"
        [[ $step_status -eq 124 || ($step_status -ne 0 && $pytorch_status -eq 0) ]] && pytorch_status=$step_status
    }
    pytorch sgemm sgemm.py --device cuda
    pytorch sgemm-tf32 sgemm.py --device cuda --tf32
    if $have_data; then
        pytorch chars chars.py --device cuda --data "$data" --epochs 2
        pytorch collab collab.py --device cuda --data "$data" --epochs-limit 2
        pytorch tabular tabular.py --device cuda --data "$data" --epochs 2
        pytorch chars-lstm chars.py --device cuda --data "$data" --model lstm --epochs 1
    fi
    python3 Benchmarks/pytorch/summary.py "$output" >"$output/pytorch.md" || pytorch_status=1
    echo "$pytorch_status" >"$output/pytorch.status"
elif wants pytorch; then
    echo "gpu-check: PyTorch steps skipped: python3 has no PyTorch with CUDA" | tee "$output/pytorch.log"
fi

# Step 5: the whole LSTM recipe (17 epochs) on the GPU, when asked for.
if wants lstm && [[ ${LSTM_SECONDS:-0} -gt 0 ]]; then
    rm -f "$output"/lstm.{json,md,status}
    lesson6=$(unpacked "$lesson6")
    if [[ -x "$lesson6" ]] && $have_data; then
        run_step lstm "$LSTM_SECONDS" "$lesson6" chars --model lstm --device cuda --data "$data" \
            --metrics-json "$output/lstm.json"
        { echo "# The 2-layer LSTM recipe on the GPU (\`lesson6 chars --model lstm --device cuda\`)"; echo
          echo '```'; tail -n 30 "$output/lstm.log"; echo '```'; } >"$output/lstm.md"
    else
        echo "gpu-check: lstm skipped: no $lesson6 or no data in $data" | tee "$output/lstm.log"
    fi
fi

summarize

status=0
for name in cuda-check gpu-matmul epochs pytorch lstm; do
    s=$(status_of "$name")
    [[ $s == null ]] && continue
    if [[ $s -eq 124 ]]; then status=124; elif [[ $s -ne 0 && $status -eq 0 ]]; then status=1; fi
done
if [[ $status -eq 0 ]]; then
    echo "gpu-check: all comparisons passed; report in $output/gpu-check.md and $output/gpu-check.json"
else
    echo "gpu-check: failed (cuda-check $(status_of cuda-check), gpu-matmul $(status_of gpu-matmul)," \
        "epochs $(status_of epochs), pytorch $(status_of pytorch), lstm $(status_of lstm));" \
        "report in $output/gpu-check.md"
fi
exit "$status"
