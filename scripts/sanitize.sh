#!/usr/bin/env bash
# The test suite under a sanitizer:
#
#   scripts/sanitize.sh address [FILTER]   AddressSanitizer: out-of-bounds reads and
#                                          writes, use after free, leaks
#   scripts/sanitize.sh thread [FILTER]    ThreadSanitizer: data races between the
#                                          threads of concurrentPerform and the tests'
#
# FILTER is swift test's --filter (a regular expression over Module.Suite/test names);
# without it the whole suite runs. Each sanitizer builds into its own folder
# (.build/sanitize-address, .build/sanitize-thread), so the everyday build is left alone.
# Expect the first build to take several minutes and the tests to run several times
# slower than usual. Exits with the tests' status; prints how long the run took.
set -euo pipefail
cd "$(dirname "$0")/.."

sanitizer="${1:-}"
case "$sanitizer" in
    address | thread) ;;
    *)
        echo "usage: scripts/sanitize.sh address|thread [FILTER]" >&2
        exit 2
        ;;
esac
filter=(${2:+--filter "$2"})
scratch=".build/sanitize-$sanitizer"

# Leak checking is part of AddressSanitizer on Linux; a sanitizer's first report stops the
# run. scripts/lsan-suppressions.txt says which reports are not the project's leaks, and why.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/scripts/lsan-suppressions.txt:print_suppressions=0}"
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}"
export LESSON6_DATA="${LESSON6_DATA:-../shared/data}"

# ThreadSanitizer's instrumentation breaks the call of LLVM's prefetch intrinsic
# (Sources/Tensor/Matmul/Prefetch.swift), which this leaves out.
flags=()
if [[ "$sanitizer" == thread ]]; then flags=(-Xswiftc -DLESSON6_NO_PREFETCH); fi

echo "building with -sanitize=$sanitizer into $scratch"
swift build --build-tests --sanitize "$sanitizer" --scratch-path "$scratch" "${flags[@]}"
start=$SECONDS
status=0
swift test --skip-build --sanitize "$sanitizer" --scratch-path "$scratch" "${flags[@]}" "${filter[@]}" || status=$?
echo "sanitize.sh $sanitizer${2:+ --filter $2}: tests exited $status after $((SECONDS - start)) s"
exit "$status"
