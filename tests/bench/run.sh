#!/usr/bin/env bash
# The benchmark, one command: builds the release kiosk and prints a table of start-up time, memory, idle CPU, check
# and import of a large bundle, and frame times while flinging through long lists (a few minutes).
#   tests/bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
tools/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/release -j"${JOBS:-2}" --target kiosk >/dev/null
exec python3 tests/bench/bench.py build/release/kiosk "$@"
