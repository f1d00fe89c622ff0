#!/usr/bin/env bash
# Tests the Debian package (what .ci/run runs after the unit and end-to-end tests):
#   1. cpack -G DEB succeeds; dpkg-deb -c lists the binary, the unit, the udev rule, the settings and the demo bundle;
#   2. lintian reports no errors;
#   3. systemd-analyze verify --root accepts the unit in a staging root the package is unpacked into;
#   4. the package installs, removes and purges cleanly in a throwaway root (dpkg --root), creating the kiosk user
#      and keeping it after removal, as Debian policy expects.
set -euo pipefail
cd "$(dirname "$0")/.."

deb=$(tools/package.sh | tail -n 1)
echo "== package: $deb"
contents=$(dpkg-deb -c "$deb")
for path in ./usr/bin/kiosk ./usr/lib/systemd/system/kiosk.service ./usr/lib/udev/rules.d/90-drop-in-kiosk-usb.rules \
  ./etc/kiosk/kiosk.toml ./usr/share/kiosk/data/demo/bundle.toml ./usr/share/kiosk/assets/theme.toml; do
  if ! grep -q " $path\$" <<<"$contents"; then
    echo "the package lacks $path" >&2
    exit 1
  fi
done
dpkg-deb -f "$deb" Depends | grep -q libsdl2 || { echo "the package does not depend on libsdl2" >&2; exit 1; }
dpkg-deb -f "$deb" Depends | grep -q fonts-material-design-icons-iconfont ||
  { echo "the package does not depend on the section icons' font" >&2; exit 1; }
[[ $(dpkg-deb -I "$deb" conffiles) == "/etc/kiosk/kiosk.toml" ]] || { echo "kiosk.toml is not a conffile" >&2; exit 1; }
echo "contents, dependencies and conffiles: ok"

echo "== lintian"
lintian_out=$(lintian "$deb" 2>&1 | grep -v "running with root privileges" || true)
echo "${lintian_out:-no tags}"
if grep -q "^E:" <<<"$lintian_out"; then
  echo "lintian reports errors" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== systemd-analyze verify"
# A staging root with systemd's own units (as on any box the package goes to), and the package unpacked over it.
mkdir -p "$work/staging/usr/lib/systemd"
cp -a /usr/lib/systemd/system "$work/staging/usr/lib/systemd/"
dpkg-deb -x "$deb" "$work/staging"
systemd-analyze verify --root="$work/staging" /usr/lib/systemd/system/kiosk.service
echo "the unit verifies"

echo "== install, remove and purge in a throwaway root"
root="$work/root"
mkdir -p "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/info" "$root/etc" "$root/usr/sbin"
touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
# The accounts files useradd --prefix edits, as on a fresh system.
cp /etc/passwd /etc/group "$root/etc/"
grep -v '^kiosk:' /etc/passwd >"$root/etc/passwd" || true
grep -v '^kiosk:' /etc/group >"$root/etc/group" || true
: >"$root/etc/shadow"
: >"$root/etc/gshadow"
chmod 0640 "$root/etc/shadow" "$root/etc/gshadow"
dpkg_root=(dpkg --root="$root" --force-script-chrootless --force-depends --force-not-root --log=/dev/null)
"${dpkg_root[@]}" -i "$deb"
[[ -x $root/usr/bin/kiosk ]] || { echo "not installed" >&2; exit 1; }
grep -q '^kiosk:' "$root/etc/passwd" || { echo "the kiosk user was not created" >&2; exit 1; }
[[ -d $root/var/lib/kiosk ]] || { echo "/var/lib/kiosk was not created" >&2; exit 1; }
[[ -d $root/etc/kiosk/keys ]] || { echo "/etc/kiosk/keys (for trusted_keys, docs/updates.md) was not created" >&2; exit 1; }
"$root/usr/bin/kiosk" check "$root/usr/share/kiosk/data/demo" >/dev/null
"${dpkg_root[@]}" -r drop-in-kiosk
[[ ! -e $root/usr/bin/kiosk ]] || { echo "the binary stayed after removal" >&2; exit 1; }
[[ -f $root/etc/kiosk/kiosk.toml ]] || { echo "the conffile went with a plain removal" >&2; exit 1; }
grep -q '^kiosk:' "$root/etc/passwd" || { echo "the kiosk user went with the package" >&2; exit 1; }
"${dpkg_root[@]}" -P drop-in-kiosk
[[ ! -e $root/etc/kiosk/kiosk.toml && ! -e $root/var/lib/kiosk && ! -e $root/etc/kiosk/keys ]] ||
  { echo "purge left files" >&2; exit 1; }
grep -q '^kiosk:' "$root/etc/passwd" || { echo "the kiosk user went with the purge" >&2; exit 1; }
echo "installed, removed and purged cleanly; the kiosk user stays"
