#!/usr/bin/env bash
# Fuzzes the three file readers with libFuzzer, each for SECONDS, one after another:
#
#   csv           CSVTable(contentsOfFile:) and every column conversion   Fuzz/CSV.swift
#   safetensors   SafeTensors(serialized:), and a write-and-read round trip Fuzz/SafeTensors.swift
#   checkpoint    Learner.load(_:from:), what `lesson6 collab --load` runs  Fuzz/Checkpoint.swift
#
# usage: scripts/fuzz.sh SECONDS [TARGET]     (no TARGET: all three in turn)
#
# Builds Random, Scalar, Tensor and Toolkit with SwiftPM in release mode, instrumented with
# `-sanitize=fuzzer,address`, into .build/fuzz (never the default .build, so a fuzz build
# and `swift build` do not wait on each other), then links each target in Fuzz/ against
# them with swiftc. Each target starts from its seed corpus, Fuzz/corpus/TARGET (read
# only), and keeps what it finds in .build/fuzz/corpus/TARGET, so later runs go on from
# there. One process, one thread: libFuzzer's default, so one core is busy at a time.
#
# Exits non-zero when any target finds a crash (a trap, a memory error), a hang (an input
# that takes over 10 s: -timeout=10), a leak (-detect_leaks=1, LeakSanitizer) or an input
# that needs over 2 GB (-rss_limit_mb=2048). The input is saved in .build/fuzz/artifacts/
# TARGET/, and the script prints the command that runs it again.
set -euo pipefail

readonly all_targets="csv safetensors checkpoint"

usage() {
    echo "usage: scripts/fuzz.sh SECONDS [TARGET]   (TARGET: one of $all_targets; default: all)" >&2
    exit 2
}

[[ $# -ge 1 && $# -le 2 && $1 =~ ^[1-9][0-9]*$ ]] || usage
readonly seconds=$1
targets=${2:-$all_targets}
[[ " $all_targets " == *" $targets "* || $# -eq 1 ]] || usage

cd "$(dirname "$0")/.."
# A Swift runtime error (a trap) must reach libFuzzer as the plain signal it catches;
# Swift's own backtracer would take it first, and trips over AddressSanitizer doing so.
export SWIFT_BACKTRACE=enable=no
# Leak reports that are not the readers' own (Foundation's, say): each entry in the file says why.
export LSAN_OPTIONS=suppressions=$PWD/scripts/lsan-suppressions.txt
readonly scratch=.build/fuzz
readonly sanitize=-sanitize=fuzzer,address

source_of() {
    case $1 in
    csv) echo Fuzz/CSV.swift ;;
    safetensors) echo Fuzz/SafeTensors.swift ;;
    checkpoint) echo Fuzz/Checkpoint.swift ;;
    esac
}

run() {
    echo "+ $*"
    "$@"
}

run swift build --scratch-path "$scratch" -c release --target Toolkit -Xswiftc "$sanitize"
mkdir -p "$scratch/fuzzers"
# Linked with lld: the default gold warns about every AddressSanitizer helper symbol.
objects=("$scratch"/release/{Random,Scalar,TensorAVX512,Tensor,Toolkit}.build/*.o)
for target in $targets; do
    link=(swiftc -O "$sanitize" -use-ld=lld -parse-as-library -module-name "Fuzz_$target" -I "$scratch/release/Modules"
        "$(source_of "$target")")
    echo "+ ${link[*]} $scratch/release/{Random,Scalar,TensorAVX512,Tensor,Toolkit}.build/*.o -o $scratch/fuzzers/$target"
    "${link[@]}" "${objects[@]}" -o "$scratch/fuzzers/$target"
done

failed=""
for target in $targets; do
    corpus=$scratch/corpus/$target artifacts=$scratch/artifacts/$target/ log=$scratch/logs/$target.log
    mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
    echo
    echo "== $target: $seconds s from Fuzz/corpus/$target (log: $log)"
    command=("$scratch/fuzzers/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048
        -detect_leaks=1 -print_final_stats=1 -artifact_prefix="$artifacts" "$corpus" "Fuzz/corpus/$target")
    echo "+ ${command[*]}"
    status=0
    "${command[@]}" 2>&1 | tee "$log" || status=${PIPESTATUS[0]}
    if [[ $status -ne 0 ]]; then
        failed+=" $target"
        echo "!! $target failed (exit $status)"
        grep -o 'Test unit written to .*' "$log" | while read -r _ _ _ _ input; do
            echo "   run it again: SWIFT_BACKTRACE=enable=no LSAN_OPTIONS=$LSAN_OPTIONS $scratch/fuzzers/$target $input"
        done
    fi
done

echo
for target in $targets; do
    runs=$(grep -m1 -Eo 'number_of_executed_units: [0-9]+' "$scratch/logs/$target.log" | grep -Eo '[0-9]+' || echo '?')
    echo "$target: $runs executions, corpus $(find "$scratch/corpus/$target" -type f | wc -l) files"
done
if [[ -n $failed ]]; then
    echo "findings in:$failed"
    exit 1
fi
echo "no findings"
