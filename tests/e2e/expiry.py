#!/usr/bin/env python3
"""A feed can say when its content goes stale (issue 15, TUF's indefinite freeze): `kiosk pack --expires-in DAYS`
writes "expires" into the signed MANIFEST; a kiosk still showing that content afterwards says so in status (and on
the staff screen) and shows visitors how long ago it was updated, which otherwise waits a week."""
import datetime
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

kiosk, root = sys.argv[1], pathlib.Path(sys.argv[2])


def run(*args):
    return subprocess.run([kiosk, *args], capture_output=True, text=True, check=True).stdout


def shot(state, now, out):
    run("screenshot", "--state", str(state), "--now", now, "--size", "800x480", "--out", str(out))
    return out.read_bytes()


with tempfile.TemporaryDirectory() as tmp:
    tmp = pathlib.Path(tmp)
    run("keygen", "--out", str(tmp / "staff"))
    config = tmp / "kiosk.toml"
    config.write_text('trusted_keys = ["%s"]\n' % (tmp / "staff.pub"))
    states = {}
    for name, extra in (("expiring", ["--expires-in", "2"]), ("lasting", [])):
        shutil.copytree(root / "data" / "demo", tmp / name)
        run("pack", str(tmp / name), "--key", str(tmp / "staff.key"), *extra)
        states[name] = tmp / ("state-" + name)
        run("import", str(tmp / name), "--state", str(states[name]), "--config", str(config))
    manifest = (tmp / "expiring" / "MANIFEST").read_text()
    expires = next(line.split()[1] for line in manifest.splitlines() if line.startswith("expires "))
    assert "expires " not in (tmp / "lasting" / "MANIFEST").read_text()
    status = json.loads(run("status", "--json", "--state", str(states["expiring"])))
    assert status["expires"] == expires, status
    assert json.loads(run("status", "--json", "--state", str(states["lasting"])))["expires"] is None

    # The kiosk's clock (--now) in its zone; the import was just now, so four days on is past the expiry.
    today = datetime.datetime.now()
    before = (today + datetime.timedelta(days=1)).strftime("%Y-%m-%dT10:00")
    after = (today + datetime.timedelta(days=4)).strftime("%Y-%m-%dT10:00")
    assert shot(states["expiring"], before, tmp / "a.png") == shot(states["lasting"], before, tmp / "b.png"), \
        "before its expiry, the expiring content looks different"
    assert shot(states["expiring"], after, tmp / "c.png") != shot(states["lasting"], after, tmp / "d.png"), \
        "after its expiry, home does not say how long ago it was updated"
    text = run("status", "--state", str(states["expiring"]))
    assert "expires:" in text, text
print("an expired feed's content is said to be out of date, and home shows its age")
