#!/usr/bin/env python3
"""The QR view of every demo card with a link, rendered headless at 800x480 and 1920x1080, decodes with zbarimg
(zbar-tools, not our code) to exactly that link."""
import csv
import pathlib
import subprocess
import sys
import tempfile

kiosk, root = sys.argv[1], pathlib.Path(sys.argv[2])
bundle = root / "data" / "demo"
sections = {"unions": "unions.csv", "resources": "resources.csv"}
checked = 0
with tempfile.TemporaryDirectory() as tmp:
    state = pathlib.Path(tmp) / "state"
    for section, source in sections.items():
        with open(bundle / source, newline="", encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                if not row.get("url"):
                    continue
                for size in ("800x480", "1920x1080"):
                    png = pathlib.Path(tmp) / f"{section}-{row['id']}-{size}.png"
                    subprocess.run([kiosk, "screenshot", "--state", str(state), "--size", size, "--open",
                                    f"{section}/{row['id']}", "--out", str(png)], check=True)
                    decoded = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True,
                                             text=True).stdout.strip()
                    assert decoded == row["url"], f"{section}/{row['id']} at {size}: {decoded!r} != {row['url']!r}"
                    checked += 1
assert checked >= 30, checked
print(f"{checked} QR views decoded to their links")
