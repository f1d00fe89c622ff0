#!/usr/bin/env python3
"""The QR view of every demo card with a link, and of every link in the demo pages, rendered headless at 800x480
and 1920x1080, decodes with zbarimg (zbar-tools, not our code) to exactly that link."""
import csv
import pathlib
import re
import subprocess
import sys
import tempfile
import tomllib

kiosk, root = sys.argv[1], pathlib.Path(sys.argv[2])
bundle = root / "data" / "demo"
info = tomllib.loads((bundle / "bundle.toml").read_text(encoding="utf-8"))

# (path, link) for every card with a link and every link in a page, in the order the page gives them.
views = []
for section in info["sections"]:
    if section["kind"] == "cards":
        with open(bundle / section["source"], newline="", encoding="utf-8-sig") as f:
            views += [(f"{section['id']}/{row['id']}", row["url"]) for row in csv.DictReader(f) if row.get("url")]
pages = [(s["id"], s["page"]) for s in info["sections"] if s["kind"] == "page"] + [("urgent", info["urgent"]["page"])]
for path, page in pages:
    text = (bundle / "pages" / f"{page}.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(((?:https?://|mailto:|tel:)[^)\s]+)\)", text)
    views += [(f"{path}/link-{n}", url) for n, url in enumerate(links, 1)]

checked = 0
with tempfile.TemporaryDirectory() as tmp:
    state = pathlib.Path(tmp) / "state"
    for path, url in views:
        for size in ("800x480", "1920x1080"):
            png = pathlib.Path(tmp) / f"{path.replace('/', '-')}-{size}.png"
            subprocess.run([kiosk, "screenshot", "--state", str(state), "--size", size, "--open", path, "--out",
                            str(png)], check=True)
            decoded = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True,
                                     text=True).stdout.strip()
            assert decoded == url, f"{path} at {size}: {decoded!r} != {url!r}"
            checked += 1
assert checked >= 40, checked
print(f"{checked} QR views decoded to their links")
