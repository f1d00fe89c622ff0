#!/usr/bin/env python3
"""Calendars by URL, served on 127.0.0.1: a calendar with a weekly RRULE puts an event on the agenda every week; when
the calendar then breaks (or the server goes), the last good events stay, and status names the failure."""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

kiosk, root = sys.argv[1], pathlib.Path(sys.argv[2])
EVENT = "peer-meeting-20261104-golden-drop-in-kiosk-invalid"  # The UID of tests/data/screens/calendars/weekly.ics.


def kiosk_run(*args, check=True):
    return subprocess.run([kiosk, *args], capture_output=True, text=True, check=check)


def on_agenda(state, day):
    """True when the agenda has the weekly event on `day` (its screen opens)."""
    shot = kiosk_run("screenshot", "--state", state, "--now", "2026-12-02T09:00", "--open",
                     f"events/{EVENT}@{day}", "--out", str(pathlib.Path(state) / "shot.png"), check=False)
    return shot.returncode == 0


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    www = tmp / "www"
    www.mkdir()
    shutil.copy(root / "tests" / "data" / "screens" / "calendars" / "weekly.ics", www / "weekly.ics")
    state = str(tmp / "state")
    kiosk_run("import", str(root / "data" / "demo"), "--state", state)
    assert not on_agenda(state, "2026-12-09"), "the weekly event is there before its calendar was fetched"

    server = subprocess.Popen([sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1"], cwd=www,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = int(server.stdout.readline().split(" port ")[1].split()[0])
        url = f"http://127.0.0.1:{port}/weekly.ics"
        config = tmp / "kiosk.toml"
        config.write_text(f'usb_roots = ["{tmp / "none"}"]\ncalendar_urls = ["{url}"]\n')

        first = kiosk_run("sync", "--once", "--config", str(config), "--state", state)
        assert f"calendar:{url}: imported" in first.stdout, first.stdout
        for day in ("2026-12-02", "2026-12-09", "2026-12-16"):
            assert on_agenda(state, day), f"the weekly event is missing on {day}"

        # The calendar breaks: nothing is lost.
        (www / "weekly.ics").write_text("this is not a calendar\n")
        later = time.time() + 10  # http.server's Last-Modified has whole seconds: make the change visible.
        os.utime(www / "weekly.ics", (later, later))
        broken = kiosk_run("sync", "--once", "--config", str(config), "--state", state, check=False)
        assert broken.returncode == 1, broken.stdout
        assert f"calendar:{url}: refused" in broken.stdout and "BEGIN:VCALENDAR" in broken.stdout, broken.stdout
        assert on_agenda(state, "2026-12-16"), "a broken calendar lost the events fetched before"
    finally:
        server.terminate()
        server.wait()

    # The server is gone: still nothing lost, and status says what failed.
    gone = kiosk_run("sync", "--once", "--config", str(config), "--state", state, check=False)
    assert gone.returncode == 1 and "cannot be reached" in gone.stdout, gone.stdout
    assert on_agenda(state, "2026-12-09")
    status = json.loads(kiosk_run("status", "--json", "--state", state).stdout)
    calendar = next(s for s in status["sources"] if s["source"] == f"calendar:{url}")
    assert calendar["last_success"]["result"] == "imported", calendar
    assert "cannot be reached" in calendar["last_failure"]["message"], calendar
    print("a weekly calendar by URL is on the agenda every week, and stays when it breaks or its server goes")
