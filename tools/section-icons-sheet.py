#!/usr/bin/python3
"""Draws docs/section-icons.png: every icon a section may name (bundle.toml `icon`), with its name, as the content
guide shows them. The list is read from kiosk/content/section_icons.cpp, the one place it is kept; the glyphs come from
the installed Material Icons font (fonts-material-design-icons-iconfont), in the kiosk's accent colour on a tile.

Needs python3-pil (tools/install-deps.sh). Usage: tools/section-icons-sheet.py [OUT.png]
Exits non-zero when an icon's character is missing from the font (the list and the font disagree).
"""
import pathlib
import re
import sys

from PIL import Image, ImageDraw, ImageFont

repo = pathlib.Path(__file__).resolve().parent.parent
icon_font = "/usr/share/fonts/truetype/material-design-icons-iconfont/MaterialIcons-Regular.ttf"
text_font = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"
background, surface, border, accent, text = "#F6F3EE", "#FFFFFF", "#8A857E", "#1F5F8B", "#1C1B1A"
columns, cell_w, cell_h, glyph_px, pad = 5, 150, 84, 40, 6

source = (repo / "kiosk/content/section_icons.cpp").read_text()
icons = re.findall(r'SectionIcon \{"([a-z0-9_]+)", 0x([0-9a-f]+),', source)
if not icons:
    sys.exit("section-icons-sheet: no icons found in kiosk/content/section_icons.cpp")

glyphs = ImageFont.truetype(icon_font, glyph_px)
label = ImageFont.truetype(text_font, 13)
rows = (len(icons) + columns - 1) // columns
sheet = Image.new("RGB", (columns * cell_w + pad, rows * cell_h + pad), background)
draw = ImageDraw.Draw(sheet)
missing = []
for i, (name, code) in enumerate(icons):
    x, y = pad + (i % columns) * cell_w, pad + (i // columns) * cell_h
    draw.rounded_rectangle((x, y, x + cell_w - pad - 1, y + cell_h - pad - 1), radius=8, fill=surface, outline=border)
    char = chr(int(code, 16))
    if glyphs.getbbox(char)[2] == 0:  # An empty box: the font has no such character.
        missing.append(name)
    # The glyph's em square centred in the cell's upper part, as the kiosk centres it on a tile.
    draw.text((x + (cell_w - pad - glyph_px) // 2, y + 6), char, font=glyphs, fill=accent)
    width = draw.textlength(name, font=label)
    draw.text((x + (cell_w - pad - width) / 2, y + cell_h - pad - 26), name, font=label, fill=text)

out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else repo / "docs/section-icons.png"
# Few colours: a palette keeps the picture small in the repository.
sheet.quantize(colors=32, method=Image.Quantize.MEDIANCUT).save(out, optimize=True)
print(f"{out}: {len(icons)} icons, {out.stat().st_size} bytes")
if missing:
    sys.exit("section-icons-sheet: the font has no character for: " + ", ".join(missing))
