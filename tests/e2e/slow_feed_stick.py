#!/usr/bin/env python3
"""A slow feed never keeps a stick waiting (issue 15): the feed and the sticks have threads of their own. A feed server
on loopback that accepts the kiosk's request and then says nothing holds the network thread for as long as the feed's
time limits allow (a minute); a signed stick copied in meanwhile must be showing within seconds."""
import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

kiosk, root = sys.argv[1], pathlib.Path(sys.argv[2])
WAIT_S = 20  # A stick takes a second or two; the silent feed holds its thread far longer.


def run(*args):
    return subprocess.run([kiosk, *args], capture_output=True, text=True, check=True)


def silent_server():
    """Accepts connections and never answers: the slowest feed there is. Returns its port."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held = []

    def serve():
        while True:
            try:
                connection, _ = server.accept()
            except OSError:
                return
            held.append(connection)  # Kept open, unanswered.

    threading.Thread(target=serve, daemon=True).start()
    return server.getsockname()[1]


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    state, media, work = tmp / "state", tmp / "media", tmp / "work"
    media.mkdir()
    work.mkdir()
    run("keygen", "--out", str(tmp / "staff"))
    shutil.copytree(root / "data" / "demo", work / "stick")
    run("pack", str(work / "stick"), "--key", str(tmp / "staff.key"))
    version = next(line.split()[1] for line in (work / "stick" / "MANIFEST").read_text().splitlines()
                   if line.startswith("version "))
    port = silent_server()
    config = tmp / "kiosk.toml"
    config.write_text('usb_roots = ["%s"]\ntrusted_keys = ["%s"]\nfeed_url = "http://127.0.0.1:%d/feed/"\n'
                      % (media, tmp / "staff.pub", port))
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_RENDER_DRIVER="software", SDL_FRAMEBUFFER_ACCELERATION="0")
    proc = subprocess.Popen([kiosk, "--windowed", "--size", "800x480", "--state", str(state), "--config", str(config)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        for line in proc.stderr:
            if "first frame" in line:
                break
        time.sleep(5)  # The feed is due 3 s after the start: its request now hangs on the silent server.
        shutil.copytree(work / "stick", media / "STICK")
        started = time.time()
        shown = False
        while time.time() < started + WAIT_S and not shown:
            status = json.loads(subprocess.run([kiosk, "status", "--json", "--state", str(state)],
                                               capture_output=True, text=True).stdout)
            shown = status["version"] == version
            time.sleep(0.2)
        if not shown:
            sys.exit("a stick waited behind a silent feed: not showing after %d s" % WAIT_S)
        print("with the feed silent, the stick was showing after %.1f s" % (time.time() - started))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
