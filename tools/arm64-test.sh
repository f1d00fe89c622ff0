#!/usr/bin/env bash
# Builds and tests the kiosk for arm64 (a Raspberry Pi with a 64-bit OS) on an amd64 Debian 12 machine:
#   1. a Debian 12 build root: the amd64 cross compiler and tools, the :arm64 libraries of tools/install-deps.sh, and
#      what the tests call. mmdebstrap makes it once, into /var/cache/drop-in-kiosk-ci/ under a hash of its package
#      list; later runs reuse it. Each run works in a throwaway overlay on top of it, so the cache never changes;
#   2. a cross build with cmake/toolchain-arm64.cmake in build/arm64 (the repository is mounted in the root at its own
#      path, so build/arm64 is the same folder inside and out);
#   3. ctest under qemu-user: qemu-aarch64 is registered in binfmt_misc for the run only (the arm64 test programs start
#      the arm64 kiosk), and removed again on exit. Tests labelled `timing` (they assert on wall-clock time, which
#      emulation stretches several times over) are skipped; every other test runs;
#   4. the arm64 Debian package, build/arm64/drop-in-kiosk_<version>_arm64.deb, checked with dpkg-deb.
# It ends with the time each step took. Exits non-zero on any failure.
#
#   tools/arm64-test.sh                  all four steps (CI)
#   tools/arm64-test.sh --package-only   steps 1, 2 (the kiosk alone) and 4: the Raspberry Pi package, from a PC
#
# Needs root (mmdebstrap, chroot, mounts; it runs itself with sudo otherwise), and installs mmdebstrap and
# qemu-user-static when they are missing. Environment: JOBS (default 2), KIOSK_CI_CACHE (default
# /var/cache/drop-in-kiosk-ci).
set -euo pipefail

# The part that runs inside the root, in its own mount and PID namespaces (see run_in_root below): mounts the root's
# overlay, /proc, /dev, /sys, the repository and the shared test data, then runs the command in a clean environment.
# The mounts and every process started here end with the namespaces, even if the script is killed.
if [[ ${1:-} == --inside-root ]]; then
  shift
  base=$1 work=$2 repo=$3 ccache=$4 shared=$5
  shift 5
  merged=$work/merged
  mount -t overlay overlay -o "lowerdir=$base,upperdir=$work/upper,workdir=$work/overlay-work" "$merged"
  mount -t proc proc "$merged/proc"
  mount --rbind /dev "$merged/dev"
  mount --rbind /sys "$merged/sys"
  mkdir -p "$merged$repo" "$merged/var/cache/ccache"
  mount --bind "$repo" "$merged$repo"
  mount --bind "$ccache" "$merged/var/cache/ccache"
  if [[ -n $shared ]]; then # tests/CMakeLists.txt reads the shared calendars from <repository>/../shared/testdata.
    mkdir -p "$merged$shared"
    mount --bind -o ro "$shared" "$merged$shared"
  fi
  # What the amd64 tests get from tools/test.sh, and nothing of this machine's environment.
  exec chroot "$merged" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 TERM=dumb \
    SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software SDL_FRAMEBUFFER_ACCELERATION=0 \
    CCACHE_DIR=/var/cache/ccache CCACHE_BASEDIR="$repo" CCACHE_NOHASHDIR=1 CCACHE_MAXSIZE=2G \
    bash -euo pipefail -c "cd '$repo' && $1"
fi

# Step 4's check of the package, run inside the root (which has dpkg-deb and file): it is for arm64, it depends on
# the libraries the kiosk links (shlibdeps worked), and its /usr/bin/kiosk is an arm64 program.
if [[ ${1:-} == --check-deb ]]; then
  deb=$2
  dpkg-deb --info "$deb" | sed -n 's/^ //; /^\(Package\|Version\|Architecture\|Depends\|Installed-Size\):/p'
  [[ $(dpkg-deb -f "$deb" Architecture) == arm64 ]] || { echo "$deb is not for arm64" >&2; exit 1; }
  [[ $(dpkg-deb -f "$deb" Depends) == *libsdl2-2.0-0* ]] || { echo "$deb has no library dependencies" >&2; exit 1; }
  contents=$(dpkg-deb -c "$deb")
  grep -q ' ./usr/bin/kiosk$' <<<"$contents" || { echo "$deb lacks /usr/bin/kiosk" >&2; exit 1; }
  unpacked=$(mktemp -d)
  dpkg-deb -x "$deb" "$unpacked"
  kind=$(file -b "$unpacked/usr/bin/kiosk")
  rm -rf "$unpacked"
  echo "/usr/bin/kiosk: $kind"
  [[ $kind == *"ARM aarch64"* ]] || { echo "/usr/bin/kiosk in $deb is not an arm64 program" >&2; exit 1; }
  exit 0
fi

cd "$(dirname "$0")/.."
repo=$PWD

package_only=0
case ${1:-} in
  "") ;;
  --package-only) package_only=1 ;;
  -h | --help)
    sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "usage: tools/arm64-test.sh [--package-only]" >&2
    exit 2
    ;;
esac

if ((EUID != 0)); then
  exec sudo JOBS="${JOBS:-2}" KIOSK_CI_CACHE="${KIOSK_CI_CACHE:-}" "$0" "$@"
fi

jobs=${JOBS:-2}
cache=${KIOSK_CI_CACHE:-/var/cache/drop-in-kiosk-ci}
build=build/arm64

# Tools on this machine: mmdebstrap makes the root; qemu-user-static runs arm64 programs. Both Debian packages.
missing=()
command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
qemu=/usr/libexec/qemu-binfmt/aarch64-binfmt-P # Debian's name for qemu-aarch64-static that keeps argv[0] (flag P).
[[ -x $qemu ]] || missing+=(qemu-user-static)
if ((${#missing[@]} > 0)); then
  echo "Installing: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

now() { date +%s; }
took() { printf '%dm%02ds' $((($2 - $1) / 60)) $((($2 - $1) % 60)); }

# ---- 1. The build root --------------------------------------------------------------------------------------------

sources=(
  "deb http://deb.debian.org/debian bookworm main"
  "deb http://deb.debian.org/debian bookworm-updates main"
  "deb http://deb.debian.org/debian-security bookworm-security main"
)
packages=(
  # Build tools, amd64: the cross compiler, and what tools/package.sh uses (cpack's shlibdeps needs dpkg-dev and file).
  crossbuild-essential-arm64 cmake ninja-build pkg-config pkgconf:arm64 ccache dpkg-dev file
  # The libraries of tools/install-deps.sh, as arm64 (doctest, toml11, CLI11 and nlohmann-json are headers for any architecture).
  libsdl2-dev:arm64 libimgui-dev:arm64 libstb-dev:arm64 libsqlite3-dev:arm64 libsqlitecpp-dev:arm64
  libqrcodegencpp-dev:arm64 libmd4c-dev:arm64 libmd4c-html0-dev:arm64 libical-dev:arm64
  libcurl4-openssl-dev:arm64 libsodium-dev:arm64 libsystemd-dev:arm64 libseccomp-dev:arm64 libturbojpeg0-dev:arm64 libespeak-ng-dev:arm64 doctest-dev libtoml11-dev libcli11-dev nlohmann-json3-dev
  # Wayland's protocol XML and its code generator (wayland-scanner, amd64, from libwayland-dev:arm64's libwayland-bin).
  wayland-protocols libwayland-bin
  # What the kiosk reads at run time (time zones, fonts) and what the tests call (amd64: they run natively).
  tzdata fonts-noto-core fonts-dejavu-core fonts-material-design-icons-iconfont python3 zbar-tools sqlite3 openssl mount
)
# Change the recipe version when the way the root is made changes, so that the old cached root is not reused.
recipe="recipe 1; mmdebstrap --variant=apt --architectures=amd64,arm64 bookworm"
key=$(printf '%s\n' "$recipe" "${sources[@]}" "${packages[@]}" | sha256sum | cut -c1-16)
base=$cache/root-bookworm-arm64-$key

t0=$(now)
mkdir -p "$cache/ccache"
if [[ -d $base ]]; then
  root_how="cached"
else
  # One maker at a time; made beside its final name and renamed when complete, so a half-made root is never used.
  exec 9>"$cache/root.lock"
  flock 9
  if [[ -d $base ]]; then
    root_how="cached (made by a concurrent run)"
  else
    echo "== making the build root $base (once; later runs reuse it)"
    rm -rf "$base.new"
    mmdebstrap --variant=apt --architectures=amd64,arm64 --include="$(IFS=,; echo "${packages[*]}")" \
      --aptopt='Acquire::Retries "3"' bookworm "$base.new" "${sources[@]}"
    mv "$base.new" "$base"
    root_how="made"
  fi
  flock -u 9
fi
t_root=$(now)
echo "== build root: $root_how ($(took "$t0" "$t_root")): $base"

# The overlay's writable layer and mount point: thrown away at exit.
work=$(mktemp -d "$cache/run.XXXXXX")
mkdir -p "$work/upper" "$work/overlay-work" "$work/merged"
shared=""
if [[ -d $repo/../shared/testdata ]]; then shared=$(realpath "$repo/../shared/testdata"); fi

# run_in_root COMMAND: runs the bash COMMAND in the build root, in the repository, as root.
run_in_root() {
  unshare --mount --propagation private --pid --fork --kill-child -- \
    "$repo/tools/arm64-test.sh" --inside-root "$base" "$work" "$repo" "$cache/ccache" "$shared" "$1"
}

# ---- binfmt_misc: qemu-aarch64 for this run only ------------------------------------------------------------------

binfmt=/proc/sys/fs/binfmt_misc
binfmt_name=drop-in-kiosk-aarch64
binfmt_mounted=0 binfmt_enabled_by_us=0 binfmt_registered=0

# A new entry of our own name, so that any entry already there (say Debian's qemu-aarch64 without the F flag) is left
# as it was. The kernel tries the newest entry first. F: the kernel opens qemu now, so it works inside the chroot,
# where qemu is not installed. P: argv[0] is passed on as it was. The magic and mask match arm64 ELF executables and
# shared objects, as in Debian's /usr/lib/binfmt.d/qemu-aarch64.conf.
register_qemu() {
  if [[ ! -e $binfmt/register ]]; then
    mount -t binfmt_misc binfmt_misc "$binfmt"
    binfmt_mounted=1
  fi
  if [[ $(cat "$binfmt/status") != enabled ]]; then
    echo 1 >"$binfmt/status"
    binfmt_enabled_by_us=1
  fi
  if [[ -e $binfmt/$binfmt_name ]]; then echo -1 >"$binfmt/$binfmt_name"; fi # Left by a run that was killed -9.
  local magic='\x7f\x45\x4c\x46\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00'
  local mask='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
  printf ':%s:M::%s:%s:%s:OPF' "$binfmt_name" "$magic" "$mask" "$qemu" >"$binfmt/register"
  binfmt_registered=1
}

# On any exit: binfmt_misc as it was, and the overlay's files gone (its mounts ended with their namespace).
cleanup() {
  local status=$?
  if ((binfmt_registered)) && [[ -e $binfmt/$binfmt_name ]]; then echo -1 >"$binfmt/$binfmt_name" || status=1; fi
  if ((binfmt_enabled_by_us)); then echo 0 >"$binfmt/status" || status=1; fi
  if ((binfmt_mounted)); then umount "$binfmt" || status=1; fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ((!package_only)); then
  register_qemu
fi

# ---- 2. The cross build -------------------------------------------------------------------------------------------

echo "== cross build for arm64 in $build"
# Without the tests for --package-only: cpack builds every target first, and building a test program runs it (doctest
# lists its cases), which needs binfmt_misc.
with_tests=ON
if ((package_only)); then with_tests=OFF; fi
run_in_root "cmake -S . -B $build -G Ninja --toolchain cmake/toolchain-arm64.cmake -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DKIOSK_WERROR=ON -DKIOSK_TESTS=$with_tests >/dev/null && cmake --build $build -j$jobs"
t_build=$(now)

# ---- 3. The tests, under qemu-user ---------------------------------------------------------------------------------

tests_line="not run (--package-only)"
tests_status=0
if ((!package_only)); then
  echo "== tests under qemu-user (ctest -LE timing)"
  log=$build/ctest.log
  # KIOSK_EMULATED: a process's resident memory under qemu-user is the emulator's, with its growing translation cache;
  # the tests that compare memory say so and leave that check out.
  run_in_root "KIOSK_EMULATED=qemu-user ctest --test-dir $build -j$jobs -LE timing --timeout 900 --output-on-failure 2>&1" | tee "$log" ||
    tests_status=$?
  timing=$(run_in_root "ctest --test-dir $build -N -L timing" | sed -n 's/^ *Test *#[0-9]*: //p')
  result=$(grep -E '^[0-9]+% tests passed' "$log" | tail -n 1 || true)
  if [[ $result =~ ([0-9]+)\ tests\ failed\ out\ of\ ([0-9]+) ]]; then
    failed=${BASH_REMATCH[1]} total=${BASH_REMATCH[2]}
    tests_line="$((total - failed)) passed of $total"
  else
    tests_line="no result (see $log)"
    tests_status=1
  fi
  tests_line+="; skipped as timing: $(grep -c . <<<"$timing" || true)"
fi
t_tests=$(now)

# ---- 4. The Debian package ----------------------------------------------------------------------------------------

echo "== arm64 Debian package"
# DEB_HOST_ARCH=arm64 makes dpkg-shlibdeps read the kiosk with aarch64-linux-gnu-objdump and look for its libraries
# among the arm64 packages.
deb=$(run_in_root "rm -f $build/drop-in-kiosk_*.deb && (cd $build && DEB_HOST_ARCH=arm64 cpack -G DEB >/dev/null) && \
  ls $build/drop-in-kiosk_*_arm64.deb")
run_in_root "tools/arm64-test.sh --check-deb '$deb'"
t_package=$(now)

# Files made as root belong to whoever ran the script with sudo.
if [[ -n ${SUDO_UID:-} ]]; then chown -R "$SUDO_UID:${SUDO_GID:-$SUDO_UID}" "$build"; fi

# For the benchmark's table (tests/bench/bench.py reads it).
cat >"$build/summary.json" <<EOF
{"date": "$(date -u +%Y-%m-%d)", "build_root": "$(took "$t0" "$t_root") ($root_how)",
 "cross_build": "$(took "$t_root" "$t_build")", "tests": "$(took "$t_build" "$t_tests"), $tests_line",
 "package": "$(basename "$deb"), $(du -k "$deb" | cut -f1) KiB"}
EOF

echo
echo "== arm64 summary"
echo "build root:  $(took "$t0" "$t_root") ($root_how)"
echo "cross build: $(took "$t_root" "$t_build")"
if ((!package_only)); then
  echo "tests:       $(took "$t_build" "$t_tests"), $tests_line"
  while IFS= read -r name; do [[ -n $name ]] && echo "             skipped (timing): $name"; done <<<"$timing"
fi
echo "package:     $(took "$t_tests" "$t_package"), $deb"
echo "total:       $(took "$t0" "$t_package")"
if ((tests_status != 0)); then
  echo "arm64 tests failed (log: $build/ctest.log)" >&2
  exit 1
fi
