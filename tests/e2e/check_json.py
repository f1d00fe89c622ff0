#!/usr/bin/env python3
"""Runs `kiosk check --json` on the demo and every corpus bundle and parses the output with Python's json module."""
import json
import pathlib
import subprocess
import sys

kiosk, root = sys.argv[1], pathlib.Path(sys.argv[2])
bundles = [root / "data" / "demo"] + sorted(p for p in (root / "tests" / "bundles").iterdir() if p.is_dir())
for bundle in bundles:
    out = subprocess.run([kiosk, "check", str(bundle), "--json"], capture_output=True, text=True)
    data = json.loads(out.stdout)
    assert set(data) == {"ok", "importable", "counts", "diagnostics"}, (bundle, data.keys())
    assert set(data["counts"]) == {"pages", "cards", "events", "occurrences", "images"}, bundle
    assert (out.returncode == 0) == data["ok"], (bundle, out.returncode)
    for d in data["diagnostics"]:
        assert set(d) >= {"file", "line", "severity", "message"}, (bundle, d)
        assert d["severity"] in ("error", "warning"), d
print(f"{len(bundles)} bundles: valid JSON")
