#!/usr/bin/env python3
"""Writes a large bundle for the benchmark: 10,000 events (9,000 in events.csv, 1,000 in a calendar, a tenth of those
weekly), 2,000 cards, 198 page files (99 pages in two languages) and 50 images.

    python3 tests/bench/gen_bundle.py OUT_DIR [--dense-agenda]

The sections' ids are "page-001" to "page-098", "cards" (the 2,000 cards) and "events" (the agenda). By default the
CSV events are spread over 2027, so the agenda's 90 days hold about 3,600 occurrences. With --dense-agenda they fall
in the 12 weeks from 2026-12-01, so the agenda from --now 2026-12-01 holds every event, about 11,000 occurrences (the
fling benchmark).
"""
import argparse
import datetime
import os
import struct
import zlib

parser = argparse.ArgumentParser(description="Writes the benchmark's large bundle.")
parser.add_argument("out")
parser.add_argument("--dense-agenda", action="store_true",
                    help="put the CSV events in the 12 weeks from 2026-12-01 instead of across 2027")
args = parser.parse_args()
out = args.out
for sub in ("pages", "images", "calendars"):
    os.makedirs(os.path.join(out, sub), exist_ok=True)


def png(width, height, seed):
    row = b"\x00" + bytes((x * 7 + seed) % 256 for x in range(width * 3))
    raw = row * height
    chunk = lambda kind, data: (struct.pack(">I", len(data)) + kind + data +
                                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


sections = []
for i in range(99):  # 98 page sections (page-000 is the urgent page), cards and events: 100 sections, the limit.
    name = f"page-{i:03d}"
    body = "\n\n".join(
        f"## Part {p}\n\nSome text about **item {i}**, with a [link](https://example.org/{i}/{p}) and *emphasis*.\n\n"
        f"- one\n- two\n  - nested\n" for p in range(8))
    with open(os.path.join(out, "pages", name + ".md"), "w") as f:
        f.write(f"# Page {i}\n\n{body}\n")
    with open(os.path.join(out, "pages", name + ".es.md"), "w") as f:
        f.write(f"# Página {i}\n\n{body}\n")
    if i > 0:
        sections.append(f'[[sections]]\nid = "{name}"\nkind = "page"\npage = "{name}"\ntitle = "Page {i}"\n')

for i in range(50):
    with open(os.path.join(out, "images", f"img-{i:02d}.png"), "wb") as f:
        f.write(png(320, 240, i))

with open(os.path.join(out, "cards.csv"), "w") as f:
    f.write("id,title,description,url,image,region,title.es\n")
    for i in range(2000):
        f.write(f'card-{i},Card {i},"A card, number {i}, with a description",https://example.org/c/{i},'
                f'images/img-{i % 50:02d}.png,Region {i % 7},Tarjeta {i}\n')
sections.append('[[sections]]\nid = "cards"\nkind = "cards"\nsource = "cards.csv"\nfilter_column = "region"\n'
                'title = "Cards"\n')

with open(os.path.join(out, "events.csv"), "w") as f:
    f.write("title,start,end,location,description\n")
    for i in range(9000):
        if args.dense_agenda:
            date = (datetime.date(2026, 12, 1) + datetime.timedelta(days=i % 84)).isoformat()
        else:
            date = f"2027-{1 + (i // 28) % 12:02d}-{1 + i % 28:02d}"
        f.write(f"Event {i},{date} {10 + i % 8}:00,{date} {11 + i % 8}:30,Room {i % 5},Description {i}\n")

lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Kiosk bench//EN"]
for i in range(1000):
    lines += ["BEGIN:VEVENT", f"UID:bench-{i}@example.org", "DTSTAMP:20261101T000000Z",
              f"DTSTART;TZID=America/New_York:202612{1 + i % 28:02d}T180000",
              f"DTEND;TZID=America/New_York:202612{1 + i % 28:02d}T190000", f"SUMMARY:Calendar event {i}"]
    if i % 10 == 0:
        lines.append("RRULE:FREQ=WEEKLY;BYDAY=" + ["MO", "TU", "WE", "TH", "FR"][i % 5])
    lines.append("END:VEVENT")
lines.append("END:VCALENDAR")
with open(os.path.join(out, "calendars", "bench.ics"), "w", newline="") as f:
    f.write("\r\n".join(lines) + "\r\n")
sections.append('[[sections]]\nid = "events"\nkind = "agenda"\ntitle = "Events"\n')

with open(os.path.join(out, "bundle.toml"), "w") as f:
    f.write('name = "Benchmark"\nlanguages = ["en", "es"]\ntime_zone = "America/New_York"\n\n'
            '[urgent]\ntitle = "Urgent"\npage = "page-000"\n\n' + "\n".join(sections))
