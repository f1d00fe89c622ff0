#!/usr/bin/env bash
# Installs every Debian 12 package that building, running and testing the kiosk need; does nothing when all are present.
set -euo pipefail

packages=(
  # Build tools.
  build-essential cmake ninja-build pkg-config ccache clang libclang-rt-14-dev clang-format clang-tidy
  # Libraries (DESIGN.md, Dependencies).
  libsdl2-dev wayland-protocols libimgui-dev libstb-dev libsqlite3-dev libsqlitecpp-dev doctest-dev libqrcodegencpp-dev
  libmd4c-dev libmd4c-html0-dev libtoml11-dev libical-dev libcurl4-openssl-dev libsodium-dev libcli11-dev nlohmann-json3-dev
  libsystemd-dev libseccomp-dev libturbojpeg0-dev tzdata
  # Read aloud: espeak-ng's library and its voices.
  libespeak-ng-dev espeak-ng-data
  # Fonts the kiosk draws with: text, and the section icons (Material Icons).
  fonts-noto-core fonts-dejavu-core fonts-material-design-icons-iconfont
  # Tools the tests check results with, and the display the idle benchmark runs under.
  zbar-tools sqlite3 xvfb xauth xdotool python3 openssl
  # Hearing what read aloud says (tests/unit/test_speech.cpp): speech recognition with its English model.
  pocketsphinx pocketsphinx-en-us
  # The Debian package and its checks (tools/package-test.sh).
  dpkg-dev lintian passwd systemd
  # The boot test (tools/boot-test.sh): a minimal root, its disk image, the VM, and the screendump's comparison.
  mmdebstrap e2fsprogs qemu-system-x86 python3-pil
  # The arm64 build and tests (tools/arm64-test.sh): tests run under qemu-user.
  qemu-user-static
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

sudo=()
if ((EUID != 0)); then sudo=(sudo); fi
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
