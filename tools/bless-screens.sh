#!/usr/bin/env bash
# Re-blesses the golden screenshots: builds the release build, runs the golden tests with KIOSK_BLESS=1 so that each
# writes its shot over tests/screens/golden/<name>-<WxH>.png, then lists the pictures that changed. Look at them
# before you commit them.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/release -j"${JOBS:-2}" --target kiosk kiosk_e2e_tests

KIOSK_BLESS=1 ctest --test-dir build/release -R golden --output-on-failure

echo "== golden images that changed (git status --short tests/screens/golden)"
changed=$(git status --short --untracked-files=all tests/screens/golden)
echo "${changed:-none}"
