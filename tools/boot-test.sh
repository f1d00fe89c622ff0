#!/usr/bin/env bash
# The boot test: the package turns a fresh, minimal Debian 12 into the visitor screen, proven by booting it.
#
#   1. builds the .deb (tools/package.sh);
#   2. makes a minimal Debian 12 root with mmdebstrap (variant "important", as the installer's box without "standard
#      system utilities", plus a kernel), cached in $KIOSK_CI_CACHE (default /var/cache/drop-in-kiosk-ci);
#   3. installs the package in it exactly as docs/install.md says: `tools/install.sh <deb>` as root, the PIN typed in;
#   4. adds test plumbing only, each piece named as such in /etc/drop-in-kiosk-boot-test: a probe on a second
#      serial port, ttyS1 (what the checks below read; ttyS0 is the console, whose getty hangs up other writers),
#      WLR_RENDERER=pixman (virtio-gpu has no 3D) and a fixed clock (--now) for the screendump, through a drop-in;
#   5. boots it in qemu-system-x86_64 (TCG with a Nehalem CPU, virtio-gpu at 800x480 as a 7-inch panel, a virtio
#      tablet for touch, an Intel HD Audio card whose output QEMU writes to a WAV file, 1 GiB of memory as a Raspberry
#      Pi 4 has, no display, no network) and checks:
#      - the kiosk's first frame appears in the journal; power-on to first frame is printed;
#      - a QMP screendump, once the screen has settled, has the layout of the kiosk's own headless screenshot (8x8
#        blocks compared; GL and software edges differ);
#      - the guest has a sound card, and the kiosk started at boot offers read aloud (the journal has no "read aloud
#        is not offered");
#      - NRestarts stays 0 for 120 s, with no watchdog kill;
#      - no getty runs on tty2 to tty6;
#      - "Stop for maintenance", done as staff do it (a 3-second press in the corner, the PIN, the button, through
#        the virtual touch screen), leaves the service stopped;
#      - `systemctl start kiosk`, then `systemctl restart kiosk` (run by the probe 30 s after that stop), stop the
#        kiosk cleanly and bring it back;
#      - on the kiosk so restarted, a tap on the Read aloud control makes sound on the sound card (the WAV file QEMU
#        writes), and a tap on Stop silences it; the time from the tap to the first sound is reported;
#      - the memory of the kiosk, cage and Xwayland (PSS), and systemd-analyze's blame of the boot are reported.
#   It leaves the screendump, the console log, the probe's log, what read aloud played (read-aloud.wav) and a summary
#   in build/boot-test/ for a person to look at.
#
# Usage: tools/boot-test.sh [--keep] (--keep: leave the VM's disk image and all the sound it played, audio.wav, in
# build/boot-test)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

cache=${KIOSK_CI_CACHE:-/var/cache/drop-in-kiosk-ci}
out=$repo/build/boot-test
keep=0
[[ ${1:-} == --keep ]] && keep=1
pin=2468
size=800x480
now=2026-12-01T10:00
watch_seconds=${BOOT_TEST_WATCH_SECONDS:-120}

need=(mmdebstrap qemu-system-x86_64 mkfs.ext4 /usr/bin/python3)
for tool in "${need[@]}"; do
  command -v "$tool" >/dev/null ||
    { echo "boot test: $tool is missing (tools/install-deps.sh installs it)" >&2; exit 1; }
done
/usr/bin/python3 -c 'import PIL' 2>/dev/null || { echo "boot test: python3-pil is missing" >&2; exit 1; }

say() { printf '== boot test: %s\n' "$*"; }
started=$(date +%s)
rm -rf "$out"
mkdir -p "$out" "$cache"

say "the package"
deb=$(tools/package.sh | tail -n 1)
deb=$(realpath "$deb")

# The minimal root, made once: the debootstrap "important" set and a kernel. Keyed on what makes it.
base_args=(--variant=important --include=linux-image-amd64 --components=main bookworm)
key=$(printf '%s\n' "${base_args[@]}" v1 | sha256sum | cut -c1-16)
base=$cache/boot-base-$key.tar
if [[ ! -s $base ]]; then
  say "making the minimal Debian 12 root (cached as $base)"
  mmdebstrap --quiet --format=tar "${base_args[@]}" "$base.new" http://deb.debian.org/debian
  mv "$base.new" "$base"
else
  say "the minimal Debian 12 root from the cache ($base)"
fi

root=$out/root
mounts=()
qemu_pid=
cleanup() {
  [[ -n $qemu_pid ]] && kill "$qemu_pid" 2>/dev/null || true
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount -l "${mounts[i]}" 2>/dev/null || true; done
  if ((keep == 0)); then rm -rf "$root" "$out/disk.img"; fi
}
trap cleanup EXIT

say "installing the package as docs/install.md says"
mkdir -p "$root"
tar -C "$root" -xf "$base"
mkdir -p "$cache/apt-archives/partial"
for m in proc sys dev dev/pts; do
  mount --bind "/$m" "$root/$m"
  mounts+=("$root/$m")
done
mount --bind "$cache/apt-archives" "$root/var/cache/apt/archives"
mounts+=("$root/var/cache/apt/archives")
cp /etc/resolv.conf "$root/etc/resolv.conf"
cat >"$root/etc/apt/sources.list" <<'EOF'
deb http://deb.debian.org/debian bookworm main
deb http://deb.debian.org/debian bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
mkdir -p "$root/root/install"
cp "$deb" tools/install.sh "$root/root/install/"
# The docs' command, with the staff PIN typed twice at its prompt. apt keeps downloads in the cache between runs.
printf '%s\n%s\n' "$pin" "$pin" |
  chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    bash -c "cd /root/install && bash install.sh ./$(basename "$deb")" >"$out/install.log" 2>&1 ||
  { tail -n 30 "$out/install.log"; echo "boot test: the install failed (build/boot-test/install.log)" >&2; exit 1; }
grep -E "newly installed|upgraded," "$out/install.log" | tail -n 1 || true
# The package's Depends, resolved by apt as a volunteer's box would: the section icons' font among them.
[[ -f $root/usr/share/fonts/truetype/material-design-icons-iconfont/MaterialIcons-Regular.ttf ]] ||
  { echo "boot test: the install did not bring the section icons' font (fonts-material-design-icons-iconfont)" >&2; exit 1; }
rm -rf "$root/root/install"
for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do umount "${mounts[i]}"; done
mounts=()

say "test plumbing (each piece under /etc/drop-in-kiosk-boot-test)"
plumbing=$root/etc/drop-in-kiosk-boot-test
mkdir -p "$plumbing" "$root/etc/systemd/system/kiosk.service.d" "$root/etc/systemd/system/multi-user.target.wants"
cat >"$plumbing/README" <<'EOF'
Test plumbing added by tools/boot-test.sh, not part of the package: the probe (boot-test-probe.service) that reports
on the second serial port (ttyS1), kiosk.service.d/boot-test.conf (pixman rendering for a GPU without 3D, a fixed
clock, read aloud's times to its first sound in /run/kiosk/speech-times.txt), and in /etc/kiosk/kiosk.toml: screen
hours that go dark for a minute with the backlight commands on, and the screen's size (QEMU's EDID claims 9.3 inches
for 800x480; the headless reference takes 7).
EOF
cat >"$plumbing/probe" <<'EOF'
#!/bin/sh
# Boot-test plumbing: reports on ttyS1 what tools/boot-test.sh checks.
pss() { [ -n "$1" ] && awk '/^Pss:/ {print $2}' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
# Every line about the kiosk: systemd's on its units, and the session's own (cage, the kiosk, kiosk-session).
journalctl -b -f -o short-monotonic --no-hostname | grep --line-buffered -E 'kiosk|cage|Xwayland' |
  sed -u 's/^/JOURNAL /' &
reported=0
restarted=0
stopped_at=
while :; do
  echo "STATUS uptime=$(cut -d' ' -f1 /proc/uptime) $(systemctl show kiosk.service -p ActiveState -p SubState \
    -p NRestarts -p Result -p ExecMainStatus -p MemoryCurrent | tr '\n' ' ')"
  echo "GETTY $(pgrep -a getty | tr '\n' ';')"
  first() { pgrep -x "$1" | head -n 1; }
  echo "PSS kiosk=$(pss "$(first kiosk)") cage=$(pss "$(first cage)") xwayland=$(pss "$(first Xwayland)")"
  # Read aloud's sound card: the playback stream's state (closed, PREPARED, RUNNING...), how many of its devices the
  # kiosk holds open, the kiosk's own times from a say() to its first samples reaching SDL (KIOSK_SPEECH_TIMES, in
  # microseconds), when udev set the card up (microseconds since boot, as the journal's times), and the first card's
  # name (empty: no sound card).
  kiosk_pid=$(first kiosk)
  pcm=$(sed -n -e 's/^state: //p' -e 's/^closed$/closed/p' /proc/asound/card0/pcm0p/sub0/status 2>/dev/null)
  held=$(ls -l "/proc/${kiosk_pid:-0}/fd" 2>/dev/null | grep -c ' /dev/snd/pcm')
  times=$(paste -s -d, /run/kiosk/speech-times.txt 2>/dev/null)
  card_at=$(udevadm info -q property /sys/class/sound/card0 2>/dev/null | sed -n 's/^USEC_INITIALIZED=//p')
  echo "SOUND pcm=${pcm:-none} open=$held first_sample_us=$times card_at_us=$card_at" \
    "card=$(sed -n '1s/^.*\]: //p' /proc/asound/cards)"
  if [ "$reported" = 0 ] && [ "$(systemctl is-system-running)" != starting ]; then
    reported=1
    systemd-analyze time | sed 's/^/ANALYZE /'
    systemd-analyze blame --no-pager | head -n 15 | sed 's/^/BLAME /'
    systemd-analyze critical-chain --no-pager kiosk.service | sed 's/^/CHAIN /'
    systemd-analyze security --no-pager kiosk.service | tail -n 1 | sed 's/^/SECURITY /'
  fi
  # Once staff have stopped it for maintenance (and the host has looked, 30 s): start it as docs/install.md says,
  # then restart it as a settings change does, and report how the restart ended (cage used to abort on a stop).
  if [ "$restarted" = 0 ] && [ "$(systemctl show kiosk.service -p ActiveState --value)" = inactive ] &&
    [ "$(systemctl show kiosk.service -p ExecMainStatus --value)" = 10 ]; then
    [ -n "$stopped_at" ] || stopped_at=$(cut -d. -f1 /proc/uptime)
  fi
  if [ "$restarted" = 0 ] && [ -n "$stopped_at" ] && [ $(($(cut -d. -f1 /proc/uptime) - stopped_at)) -ge 30 ]; then
    restarted=1
    systemctl start kiosk.service
    sleep 1
    since=@$(date +%s)
    systemctl restart kiosk.service
    sleep 2
    log=$(journalctl --since "$since" -u kiosk.service -o cat)
    echo "RESTART active=$(systemctl is-active kiosk.service) result=$(systemctl show kiosk.service -p Result --value)" \
      "clean=$(echo "$log" | grep -c 'Deactivated successfully')" \
      "failed=$(echo "$log" | grep -c -E 'Failed with result|Assertion|core dump|dumped core|Aborted')"
  fi
  sleep 5
done
EOF
chmod 0755 "$plumbing/probe"
cat >"$plumbing/boot-test-probe.service" <<'EOF'
[Unit]
Description=Boot-test plumbing: reports on ttyS1
DefaultDependencies=no
After=systemd-journald.service
[Service]
ExecStart=/etc/drop-in-kiosk-boot-test/probe
StandardOutput=file:/dev/ttyS1
StandardError=file:/dev/ttyS1
[Install]
WantedBy=multi-user.target
EOF
ln -sf /etc/drop-in-kiosk-boot-test/boot-test-probe.service "$root/etc/systemd/system/boot-test-probe.service"
ln -sf /etc/drop-in-kiosk-boot-test/boot-test-probe.service \
  "$root/etc/systemd/system/multi-user.target.wants/boot-test-probe.service"
cat >"$plumbing/boot-test.conf" <<EOF
# Boot-test plumbing: virtio-gpu has no 3D, so cage draws with pixman; a fixed clock makes the screen comparable; the
# kiosk writes how long each thing it says takes to reach the sound card where the probe reads it.
[Service]
Environment=WLR_RENDERER=pixman
Environment=KIOSK_SPEECH_TIMES=/run/kiosk/speech-times.txt
ExecStart=
ExecStart=/usr/lib/drop-in-kiosk/kiosk-session --now $now
EOF
ln -sf /etc/drop-in-kiosk-boot-test/boot-test.conf "$root/etc/systemd/system/kiosk.service.d/boot-test.conf"
# Screen hours that go dark at 10:01 and light again at 10:02 (on the fixed clock), so the VM shows the backlight
# commands working from inside the kiosk's sandbox.
sed -i -e 's|^screen_on = .*|screen_on = ["Tue 06:00-10:01", "Tue 10:02-23:00"]  # boot-test plumbing|' \
  -e 's|^# display_off_command = |display_off_command = |' -e 's|^# display_on_command = |display_on_command = |' \
  "$root/etc/kiosk/kiosk.toml"
# QEMU's made-up EDID gives its 800x480 screen a 9.3-inch size; the reference screenshot, like a 7-inch panel's
# kiosk, takes 7.
echo 'screen_diagonal_inches = 7  # boot-test plumbing' >>"$root/etc/kiosk/kiosk.toml"
grep -q '^display_off_command = "/usr/lib/drop-in-kiosk/kiosk-display off"' "$root/etc/kiosk/kiosk.toml" ||
  { echo "boot test: the default kiosk.toml has no kiosk-display commands to turn on" >&2; exit 1; }
echo "drop-in-kiosk-vm" >"$root/etc/hostname"

say "the disk image"
kernel=$(ls "$root"/boot/vmlinuz-* | sort -V | tail -n 1)
initrd=$(ls "$root"/boot/initrd.img-* | sort -V | tail -n 1)
cp "$kernel" "$out/vmlinuz"
cp "$initrd" "$out/initrd.img"
size_mb=$(($(du -sm "$root" | cut -f1) + 600))
mkfs.ext4 -q -F -L kiosk-root -d "$root" "$out/disk.img" "${size_mb}M"
if ((keep == 0)); then rm -rf "$root"; fi
du -sh "$out/disk.img" | sed 's/^/disk image: /'

say "booting (TCG, virtio-gpu $size, HD Audio, 1 GiB)"
xres=${size%x*}
yres=${size#*x}
rm -f "$out/qmp.sock" "$out/serial.log" "$out/probe.log" "$out/audio.wav"
boot_started=$(date +%s.%N)
# -cpu Nehalem, a CPU without AVX: with -cpu max, llvmpipe's AVX code under QEMU 7.2's TCG drew the screen without
# its outlines, icons and some text (on the same build, on real CPUs and with SSE4.2 only, it draws all of them).
qemu-system-x86_64 -machine q35 -accel tcg,thread=multi -cpu Nehalem -smp 2 -m 1024 \
  -kernel "$out/vmlinuz" -initrd "$out/initrd.img" \
  -append "root=/dev/vda rw console=ttyS0 quiet systemd.show_status=false" \
  -drive "file=$out/disk.img,format=raw,if=virtio" \
  -vga none -device "virtio-gpu-pci,xres=$xres,yres=$yres" -device virtio-tablet-pci -device virtio-keyboard-pci \
  -audiodev "wav,id=snd0,path=$out/audio.wav" -device ich9-intel-hda -device hda-output,audiodev=snd0 \
  -nic none -display none -serial "file:$out/serial.log" -serial "file:$out/probe.log" -monitor none \
  -qmp "unix:$out/qmp.sock,server=on,wait=off" &
qemu_pid=$!

status=0
/usr/bin/python3 tools/boot_test_vm.py --serial "$out/probe.log" --qmp "$out/qmp.sock" --out "$out" --size "$size" \
  --pin "$pin" --watch "$watch_seconds" --kiosk build/release/kiosk --now "$now" --started "$boot_started" \
  --audio "$out/audio.wav" || status=$?
kill "$qemu_pid" 2>/dev/null || true
wait "$qemu_pid" 2>/dev/null || true
qemu_pid=
# The whole session's sound can be large (QEMU writes 172 KiB a second while the guest's stream runs); what read aloud
# played is in read-aloud.wav.
if ((keep == 0)); then rm -f "$out/audio.wav"; fi
say "done in $(($(date +%s) - started)) s; look at build/boot-test/screendump.png, serial.log and probe.log"
exit $status
