#!/usr/bin/env bash
# Turns a stock Debian 12 / Raspberry Pi OS box into a kiosk: installs the package with what it needs (cage, seatd,
# the display drivers), sets the staff PIN, and says what to set next. Run it as root (a minimal Debian has no sudo):
#   tools/install.sh drop-in-kiosk_<version>_<arch>.deb          (or: sudo tools/install.sh ...)
set -euo pipefail
deb=${1:?usage (as root): tools/install.sh drop-in-kiosk_<version>_<arch>.deb}
if [[ $(id -u) -ne 0 ]]; then
  echo "Run it as root: su -c 'tools/install.sh $deb' (or with sudo, where the box has it)." >&2
  exit 2
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y "$(realpath "$deb")" systemd-timesyncd
echo
echo "Choose the staff PIN (4 to 12 digits), for the staff screen behind the 3-second press:"
runuser -u kiosk -- /usr/bin/kiosk set-pin --state /var/lib/kiosk
echo
echo "Installed. Next: edit /etc/kiosk/kiosk.toml (keys, feed, screen hours: /usr/share/doc/drop-in-kiosk/install.md),"
echo "then reboot: the box starts straight into the visitor screen."
