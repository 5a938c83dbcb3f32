#!/usr/bin/env python3
"""Build the DOCX/EPUB/HTML fixtures of tests/formats.rs from a document's `extract` JSON.

The text, headings and footnotes of a real document (a corpus sample, read by Pangzhu from its
text file) are written as pandoc Markdown and converted by pandoc (Debian 12: pandoc 2.17) to
DOCX, EPUB 3 and HTML, so the importers meet real Word/EPUB/HTML structure written by a tool
we did not write. Run: python3 make.py EXTRACT.json NAME  (writes NAME.md/.docx/.epub/.html).
"""
import json
import re
import subprocess
import sys


def escape(text):
    text = re.sub(r"([\\`*_\[\]<>#|~^$])", r"\\\1", text)
    return re.sub(r"^(\d+)\.", r"\1\\.", text)


def main(src, name):
    d = json.load(open(src, encoding="utf-8"))
    markers = d["footnotes"]["markers"]
    notes = d["footnotes"]["notes"]
    by_block = {}
    for m in sorted(markers, key=lambda m: m["span"]["start"]):
        if m.get("note") is not None:
            by_block.setdefault(m["block"], []).append(m)
    note_blocks = {n["block"] for n in notes}
    out = [f"---\ntitle: \"{d['title']}\"\nlang: zh-CN\n---\n"]
    for b in d["blocks"]:
        if b["id"] in note_blocks or b["kind"] in ("title", "note"):
            continue
        text = b["text"]
        pieces, at = [], 0
        for m in by_block.get(b["id"], []):
            i = text.find(m["marker"], at)
            if i < 0:
                continue
            pieces.append(escape(text[at:i]) + f"[^n{m['note']}]")
            at = i + len(m["marker"])
        pieces.append(escape(text[at:]))
        line = "".join(pieces).replace("\n", " ")
        if b["kind"] == "heading":
            line = "#" * (b.get("level") or 2) + " " + line
        out.append(line + "\n")
    for i, n in enumerate(notes):
        out.append(f"[^n{i}]: {escape(n['clean_text'])}\n")
    md = f"{name}.md"
    open(md, "w", encoding="utf-8").write("\n".join(out))
    for ext in ("docx", "epub", "html"):
        args = ["pandoc", "-f", "markdown-smart", md, "-o", f"{name}.{ext}"]
        if ext == "html":
            args.insert(1, "--standalone")
        subprocess.run(args, check=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
