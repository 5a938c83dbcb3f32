#!/usr/bin/env python3
"""Engine-independent candidates for the footnote gold: every line that starts with a note
label (a 1-3 digit number, a note symbol or a Latin-1 stand-in glyph, followed by text) and
stands within 8 text lines of the end of its page (pdftotext ends each page with a form feed).

Usage: candidates.py FILE...   (prints `file line text` for every candidate)
"""
import re
import sys

LABEL = re.compile(r"^(\d{1,3}|[∗†‡§¶*¬­®¯°±²³])\s*[^\d\s.．,、)）&]")

for path in sys.argv[1:]:
    lines = open(path, encoding="utf-8").read().split("\n")
    feeds = [i for i, l in enumerate(lines) if l.startswith("\f")]
    for i, line in enumerate(lines):
        s = line.strip("\f").strip()
        if not (LABEL.match(s) and len(s) > 4):
            continue
        after = [j for j in feeds if j > i]
        if after and sum(1 for k in range(i + 1, after[0]) if lines[k].strip()) <= 8:
            print(f"{path.rsplit('/', 1)[-1]} {i + 1} {s[:70]}")
