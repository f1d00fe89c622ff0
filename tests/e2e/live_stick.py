#!/usr/bin/env python3
"""A running kiosk (headless, real time) notices sticks without being told: a signed bundle copied into a folder under
its usb_roots, and (when this test may mount, as root) a signed bundle mounted onto a folder that was already there,
which changes nothing inotify sees, only the mount table. Each must be showing long before the sync thread's safety
look (once a minute) would have found it."""
import json
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import time

kiosk, root = sys.argv[1], pathlib.Path(sys.argv[2])
WAIT_S = 20  # Far more than the second or two it takes; far less than the minute of the safety look.


def run(*args, check=True):
    return subprocess.run([kiosk, *args], capture_output=True, text=True, check=check)


def packed(folder, key, after=None):
    """A signed copy of the demo in `folder` (with other content and a higher version than `after`'s). Its version."""
    shutil.copytree(root / "data" / "demo", folder)
    if after:
        with open(folder / "pages" / "about.md", "a") as f:
            f.write("\nNew this week: coffee on Fridays.\n")
        shutil.copy(after / "MANIFEST", folder / "MANIFEST")  # So pack gives a higher version, even within a second.
    run("pack", str(folder), "--key", str(key))
    manifest = (folder / "MANIFEST").read_text()
    return next(line.split()[1] for line in manifest.splitlines() if line.startswith("version "))


def showing(state, version, what):
    started = time.time()
    while time.time() < started + WAIT_S:
        if json.loads(run("status", "--json", "--state", str(state)).stdout)["version"] == version:
            print("%s: showing after %.1f s" % (what, time.time() - started))
            return True
        time.sleep(0.2)
    return False


failures = []
with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    state, media, work = tmp / "state", tmp / "media", tmp / "work"
    media.mkdir()
    work.mkdir()
    (media / "MOUNTPOINT").mkdir()  # Where a stick is mounted later, as systemd-mount does onto an existing folder.
    run("keygen", "--out", str(tmp / "staff"))
    first = packed(work / "first", tmp / "staff.key")
    second = packed(work / "second", tmp / "staff.key", after=work / "first")
    config = tmp / "kiosk.toml"
    config.write_text('usb_roots = ["%s"]\ntrusted_keys = ["%s"]\n' % (media, tmp / "staff.pub"))
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_RENDER_DRIVER="software", SDL_FRAMEBUFFER_ACCELERATION="0")
    proc = subprocess.Popen([kiosk, "--windowed", "--size", "800x480", "--state", str(state), "--config", str(config)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    mounted = False
    try:
        for line in proc.stderr:
            if "first frame" in line:
                break
        time.sleep(1.0)  # The sync thread's first look has found nothing.

        # A stick copied in by hand: folders and files appear one by one.
        shutil.copytree(work / "first", media / "STICK")
        if not showing(state, first, "copied stick"):
            failures.append("a bundle copied under usb_roots was not imported within %d s" % WAIT_S)

        # A stick mounted onto a folder that was already there.
        mount = subprocess.run(["mount", "--bind", "-o", "ro", str(work / "second"), str(media / "MOUNTPOINT")],
                               capture_output=True, text=True)
        if mount.returncode != 0:
            print("skipped the mounted stick (mount: %s)" % mount.stderr.strip())
        else:
            mounted = True
            if not showing(state, second, "mounted stick"):
                failures.append("a bundle mounted onto an existing folder was not imported within %d s" % WAIT_S)
    finally:
        proc.send_signal(signal.SIGTERM)
        log = proc.communicate(timeout=10)[1]
        if mounted:
            subprocess.run(["umount", str(media / "MOUNTPOINT")])
    if proc.returncode != 0:
        failures.append("the kiosk exited with status %d" % proc.returncode)

for failure in failures:
    print("FAILED: " + failure)
if failures:
    print(log)
    sys.exit(1)
print("ok: sticks noticed by the running kiosk")
