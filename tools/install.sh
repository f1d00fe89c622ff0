#!/usr/bin/env bash
# Turns a stock Debian 12 / Raspberry Pi OS box into a kiosk: installs the package (and cage), sets the staff PIN,
# and says what to set next. Usage: sudo tools/install.sh drop-in-kiosk_<version>_<arch>.deb
set -euo pipefail
deb=${1:?usage: sudo tools/install.sh drop-in-kiosk_<version>_<arch>.deb}
if [[ $(id -u) -ne 0 ]]; then
  echo "Run it with sudo." >&2
  exit 2
fi
apt-get update
apt-get install -y "$(realpath "$deb")" cage systemd-timesyncd
echo
echo "Choose the staff PIN (4 to 12 digits), for the staff screen behind the 3-second press:"
sudo -u kiosk /usr/bin/kiosk set-pin --state /var/lib/kiosk
echo
echo "Installed. Next: edit /etc/kiosk/kiosk.toml (keys, feed, screen hours: /usr/share/doc/drop-in-kiosk/install.md),"
echo "then reboot: the box starts straight into the visitor screen."
