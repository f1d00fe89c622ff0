#!/usr/bin/env python3
"""A crash cannot loop (issue 15). Content that kills the kiosk as it starts, before its first frame, is set aside
after two such starts: the previous version shows, the set-aside one is refused from a stick until it changes, and
status says so. A calendar by URL that does the same is dropped, refused while it serves the same bytes, and taken
again once it changes. A display that cannot open is not the content's fault and sets nothing aside.

The crash is the kiosk's test hook KIOSK_TEST_CRASH_ON: content whose name or an event's title holds that text aborts
the kiosk right before its first frame, where content Dear ImGui aborted on did."""
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
CRASH = "Crash Test"
HEADLESS = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_RENDER_DRIVER="software", SDL_FRAMEBUFFER_ACCELERATION="0",
                KIOSK_TEST_CRASH_ON=CRASH)


def kiosk_run(*args, check=True):
    result = subprocess.run([kiosk, *args], capture_output=True, text=True, timeout=120)
    if check and result.returncode != 0:
        raise AssertionError(f"kiosk {' '.join(args)} exited {result.returncode}: {result.stdout}{result.stderr}")
    return result


def start(state, config, env=HEADLESS):
    """One start of the running kiosk: returns (status, stderr). A kiosk still up after 3 s is stopped with SIGTERM
    and reported as None."""
    process = subprocess.Popen([kiosk, "--windowed", "--size", "800x480", "--state", state, "--config", str(config)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        process.wait(timeout=3)
        status = process.returncode
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        status = None
    return status, process.stderr.read()


def status(state):
    return json.loads(kiosk_run("status", "--json", "--state", state).stdout)


def set_aside_entry(state):
    for source in status(state)["sources"]:
        if source["source"] == "kiosk start":
            return source["last_failure"]
    return None


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    config = tmp / "kiosk.toml"
    sticks = tmp / "media"
    sticks.mkdir()
    config.write_text(f'usb_roots = ["{sticks}"]\n')

    # Two versions: the demo, then the same with a name that crashes the kiosk.
    state = str(tmp / "state")
    kiosk_run("import", str(root / "data" / "demo"), "--state", state)
    good = status(state)["version"]
    crashing = tmp / "crashing"
    shutil.copytree(root / "data" / "demo", crashing)
    toml = crashing / "bundle.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('en = "Eastside Drop-in"', f'en = "{CRASH} Drop-in"'),
                    encoding="utf-8")
    kiosk_run("import", str(crashing), "--state", state)
    bad = status(state)["version"]
    assert bad != good

    # A display that cannot open fails the start, but is not the content's fault.
    no_display = dict(HEADLESS, SDL_VIDEODRIVER="no-such-driver")
    for _ in range(3):
        code, err = start(state, config, no_display)
        assert code not in (0, None), f"the kiosk started without a display: {err}"
    assert status(state)["version"] == bad, "a missing display set the content aside"
    assert set_aside_entry(state) is None

    # Two starts crash before the first frame; the third sets the content aside and shows the version before.
    for attempt in (1, 2):
        code, err = start(state, config)
        assert code == -signal.SIGABRT, f"start {attempt} did not crash ({code}): {err}"
        assert status(state)["version"] == bad
    code, err = start(state, config)
    assert code is None, f"the kiosk did not stay up after setting the content aside ({code}): {err}"
    assert "first frame" in err and "set aside content version " + bad in err, err
    assert status(state)["version"] == good, status(state)
    entry = set_aside_entry(state)
    assert entry and entry["result"] == "set aside" and bad in entry["message"], entry
    text = kiosk_run("status", "--state", state).stdout
    assert "kiosk start" in text and "set aside" in text, text
    code, err = start(state, config)
    assert code is None and "set aside" not in err, f"a good start set something aside: {err}"

    # The same bundle on a stick is refused until it changes.
    shutil.copytree(crashing, sticks / "stick" / "bundle")
    sync = kiosk_run("sync", "--once", "--config", str(config), "--state", state, check=False)
    assert "refused" in sync.stdout and "not tried again until it changes" in sync.stdout, sync.stdout
    assert status(state)["version"] == good
    shutil.rmtree(sticks / "stick")

    # A calendar by URL whose event crashes the kiosk, on a kiosk with one version: the calendar is set aside.
    state = str(tmp / "state2")
    kiosk_run("import", str(root / "data" / "demo"), "--state", state)
    www = tmp / "www"
    www.mkdir()

    def calendar(title, stamp):
        (www / "c.ics").write_text(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//drop-in-kiosk tests//EN\r\nBEGIN:VEVENT\r\n"
            "UID:crash@crash-loop.drop-in-kiosk.invalid\r\nDTSTAMP:20261201T000000Z\r\n"
            f"DTSTART:20261202T180000Z\r\nSUMMARY:{title}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", newline="")
        os.utime(www / "c.ics", (stamp, stamp))

    calendar(f"{CRASH} meeting", time.time() - 100)
    server = subprocess.Popen([sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1"], cwd=www,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = int(server.stdout.readline().split(" port ")[1].split()[0])
        url = f"http://127.0.0.1:{port}/c.ics"
        config.write_text(f'usb_roots = ["{sticks}"]\ncalendar_urls = ["{url}"]\n')
        sync = kiosk_run("sync", "--once", "--config", str(config), "--state", state, check=False)
        assert f"calendar:{url}: imported" in sync.stdout, sync.stdout
        offline = tmp / "offline.toml"  # The kiosk's own sync thread stays away from the server meanwhile.
        offline.write_text(f'usb_roots = ["{sticks}"]\n')
        for attempt in (1, 2):
            code, err = start(state, offline)
            assert code == -signal.SIGABRT, f"start {attempt} did not crash ({code}): {err}"
        code, err = start(state, offline)
        assert code is None and f"the calendar from {url}" in err, err
        entry = set_aside_entry(state)
        assert entry and url in entry["message"], entry

        again = kiosk_run("sync", "--once", "--config", str(config), "--state", state, check=False)
        assert f"calendar:{url}: refused" in again.stdout and "set aside" in again.stdout, again.stdout
        calendar("Peer meeting", time.time() + 100)  # Changed: taken again.
        changed = kiosk_run("sync", "--once", "--config", str(config), "--state", state, check=False)
        assert f"calendar:{url}: imported" in changed.stdout, changed.stdout
    finally:
        server.terminate()
        server.wait()

print("content that crashes the kiosk as it starts is set aside after two starts, and stays refused until it changes")
