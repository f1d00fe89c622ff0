#!/usr/bin/env python3
"""Hostile text cannot break the screen (issue 15). A calendar by URL with one letter and 17,000 combining accents in
an event's title, then zero-width and bidi floods, aborted the kiosk at every start; a Markdown page with the same
did too, and `kiosk check` said "no problems". Here both are fetched or imported, `kiosk check` warns at their lines,
the screens that show them draw, and a kiosk left running on them for a few seconds is still alive and ends cleanly
on SIGTERM."""
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import tempfile
import time

kiosk, root = sys.argv[1], pathlib.Path(sys.argv[2])
ACUTE = "\u0301"
FLOOD = "e" + ACUTE * 17000 + "\u200b" * 20000 + "\u202e" * 5000 + "\u2066" * 5000
NOW = "2026-12-02T09:00"


def kiosk_run(*args, check=True, timeout=120):
    result = subprocess.run([kiosk, *args], capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"kiosk {' '.join(args)} exited {result.returncode}: {result.stdout}{result.stderr}")
    return result


def shows(state, path, out):
    """The screen at `path` draws headless (exit 0) and is written as a PNG."""
    kiosk_run("screenshot", "--state", state, "--now", NOW, "--open", path, "--out", str(out))
    assert out.stat().st_size > 1000, f"{out} is empty"


def stays_up(state, config, seconds=4):
    """A real-time kiosk on this state runs `seconds` without dying, then ends cleanly on SIGTERM."""
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_RENDER_DRIVER="software", SDL_FRAMEBUFFER_ACCELERATION="0")
    process = subprocess.Popen([kiosk, "--windowed", "--size", "800x480", "--state", state, "--config", str(config),
                                "--now", NOW], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(seconds)
    alive = process.poll() is None
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=30)
    assert alive, f"the kiosk died on its own (status {process.returncode}): {err}"
    assert process.returncode == 0, f"the kiosk exited {process.returncode} on SIGTERM: {err}"


with tempfile.TemporaryDirectory() as tmp:
    keep = os.environ.get("KEEP_SHOTS")
    tmp = pathlib.Path(tmp)

    # A page with the flood and a title with a TOML escape of the same, checked and imported.
    bundle = tmp / "bundle"
    shutil.copytree(root / "data" / "demo", bundle)
    about = bundle / "pages" / "about.md"
    lines = about.read_text(encoding="utf-8").split("\n")
    lines.insert(2, f"Flood: {FLOOD} and on.")
    about.write_text("\n".join(lines), encoding="utf-8")
    toml = bundle / "bundle.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        'title = { en = "A short history"', 'title = { en = "A short history' + "\\u0301" * 3000 + '"'),
        encoding="utf-8")
    check = kiosk_run("check", str(bundle), check=False)
    assert check.returncode == 0, f"check refused the bundle: {check.stdout}"
    assert "pages/about.md:3:" in check.stdout and "left out" in check.stdout, check.stdout
    assert "bundle.toml:" in check.stdout and "accents piled on single letters" in check.stdout, check.stdout
    state = str(tmp / "state")
    kiosk_run("import", str(bundle), "--state", state)
    shows(state, "about", tmp / "about.png")
    shows(state, "home", tmp / "home.png")

    # A calendar by URL with the flood in an event's title, description and place.
    www = tmp / "www"
    www.mkdir()
    (www / "flood.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//drop-in-kiosk tests//EN\r\nBEGIN:VEVENT\r\n"
        "UID:flood@hostile.drop-in-kiosk.invalid\r\nDTSTAMP:20261201T000000Z\r\n"
        "DTSTART;TZID=America/New_York:20261202T180000\r\nDURATION:PT1H\r\n"
        f"SUMMARY:{FLOOD}\r\nDESCRIPTION:{FLOOD}\r\nLOCATION:{FLOOD}\r\nURL:https://example.org/\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8", newline="")
    server = subprocess.Popen([sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1"], cwd=www,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = int(server.stdout.readline().split(" port ")[1].split()[0])
        url = f"http://127.0.0.1:{port}/flood.ics"
        config = tmp / "kiosk.toml"
        config.write_text(f'usb_roots = ["{tmp / "none"}"]\ncalendar_urls = ["{url}"]\n')
        sync = kiosk_run("sync", "--once", "--config", str(config), "--state", state, check=False)
        assert f"calendar:{url}: imported" in sync.stdout, sync.stdout
    finally:
        server.terminate()
        server.wait()
    shows(state, "events", tmp / "events.png")
    shows(state, "events/flood-hostile-drop-in-kiosk-invalid@2026-12-02", tmp / "event.png")
    shows(state, "home", tmp / "home-with-event.png")
    stays_up(state, config)
    if keep:  # KEEP_SHOTS=DIR: the screenshots, for a person to look at.
        for png in tmp.glob("*.png"):
            shutil.copy(png, keep)

print("floods of accents, zero-width and bidi characters in a page, a title and a calendar by URL are warned about "
      "and drawn; the kiosk stays up on them")
