#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan and UBSan) and runs each one: first over the committed seed corpus in
# tests/fuzz/corpus, then fuzzing with a fixed seed and a fixed number of runs, so the result does not depend on luck.
#   tools/fuzz.sh                 about a minute in all (what CI runs)
#   FUZZ_RUNS=2000000 tools/fuzz.sh   longer, by hand; new inputs it finds go to build/fuzz/found/
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${FUZZ_RUNS:-}
cmake -S . -B build/fuzz -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DKIOSK_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/fuzz -j"${JOBS:-2}" --target fuzzers

# Runs per target, tuned for about ten seconds each here; the bundle fuzzer writes files, so it runs fewer.
declare -A default_runs=([csv]=200000 [toml]=30000 [markdown]=200000 [ics]=8000 [bundle]=2000 [manifest]=200000
  [report]=200000 [pronounce]=15000)
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
for target in csv toml markdown ics bundle manifest report pronounce; do
  found=build/fuzz/found/$target
  log=build/fuzz/fuzz_$target.log
  mkdir -p "$found"
  echo "== fuzz_$target"
  status=0
  build/fuzz/tests/fuzz/fuzz_$target -seed=1 -runs="${runs:-${default_runs[$target]}}" -max_len=65536 \
    -rss_limit_mb=2048 -timeout=20 "$found" "tests/fuzz/corpus/$target" >"$log" 2>&1 || status=$?
  grep -E "^#[0-9]+[[:space:]]+(INITED|DONE)|^Done |runtime error|ERROR|SUMMARY|Test unit written" "$log" || true
  if ((status != 0)); then
    echo "fuzz_$target failed (exit $status): the input is in the file named above; see $log"
    exit 1
  fi
done
echo "Fuzzing found nothing."
