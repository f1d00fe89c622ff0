#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: a release build with warnings as errors and clang-tidy on the
# files a change touched, a debug build under AddressSanitizer and UndefinedBehaviorSanitizer, the fuzz targets for
# about a minute, the Debian package's checks, the package booted in a VM and the arm64 build and tests under
# emulation, after the layout check. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/install-deps.sh

# First, as it takes seconds and the rest half an hour.
echo "== layout (clang-format)"
git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run --Werror

export SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0
jobs=${JOBS:-2}

echo "== release build and tests"
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKIOSK_WERROR=ON >/dev/null
cmake --build build/release -j"$jobs"
echo "== clang-tidy on the files this change touched (tools/tidy.sh; tools/tidy.sh --all for every file)"
tools/tidy.sh
ctest --test-dir build/release -j"$jobs" --output-on-failure

echo "== sanitizer build and tests (ASan, UBSan)"
cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DKIOSK_SANITIZE=ON -DKIOSK_WERROR=ON >/dev/null
cmake --build build/asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS=suppressions="$PWD/tests/lsan.supp" \
  ctest --test-dir build/asan -j"$jobs" --output-on-failure

echo "== fuzzing: the seed corpus, then fixed seeds and run counts (tools/fuzz.sh)"
tools/fuzz.sh

echo "== the Debian package: contents, lintian, the unit, install and removal (tools/package-test.sh)"
tools/package-test.sh

# Both make root file systems (mounts, chroot, binfmt_misc): as root, with sudo when run by someone else.
as_root=()
if ((EUID != 0)); then as_root=(sudo --preserve-env=JOBS); fi

echo "== the package booted: a minimal Debian 12 with the package, in QEMU (tools/boot-test.sh)"
"${as_root[@]}" tools/boot-test.sh

echo "== arm64: cross-built, tested under qemu-user, packaged (tools/arm64-test.sh)"
"${as_root[@]}" tools/arm64-test.sh


echo "All tests passed."
