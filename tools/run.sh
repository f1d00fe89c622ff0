#!/usr/bin/env bash
# Installs what is missing, builds, and runs the kiosk on the demo content. With no arguments it opens a 1280x800
# window (a fullscreen kiosk ignores close requests; stop it with Ctrl+C). Arguments go to the kiosk instead:
#   tools/run.sh                      a window on your desktop
#   tools/run.sh --size 800x480 --windowed --lang es
#   tools/run.sh --state /tmp/k       fullscreen, as on a kiosk
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/release -j"${JOBS:-2}"

if (($# == 0)); then
  set -- --windowed --size 1280x800
fi
exec build/release/kiosk "$@"
