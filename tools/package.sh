#!/usr/bin/env bash
# Builds the release build and the Debian package: build/release/drop-in-kiosk_<version>_<arch>.deb
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/release -j"${JOBS:-2}" --target kiosk kiosk_changelog
(cd build/release && cpack -G DEB >/dev/null)
ls build/release/drop-in-kiosk_*.deb
