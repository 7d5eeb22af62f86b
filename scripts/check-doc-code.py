#!/usr/bin/env python3
"""Checks that every ```java and ```xml block in the docs that walk through the examples is the examples' real code:
each block must appear, line for line (indentation aside), in a file under examples/. Run by .ci/run."""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parent.parent
docs = [root / "docs" / "library.md", root / "docs" / "writing-a-plugin.md"]
sources = [p for p in (root / "examples").rglob("*") if p.suffix in (".java", ".xml") and "target" not in p.parts]
texts = {p: [l.strip() for l in p.read_text(encoding="utf-8").splitlines()] for p in sources}


def found(block):
    n = len(block)
    return any(lines[i:i + n] == block for lines in texts.values() for i in range(len(lines) - n + 1))


bad = 0
for doc in docs:
    for m in re.finditer(r"```(java|xml)\n(.*?)```", doc.read_text(encoding="utf-8"), re.S):
        block = [l.strip() for l in m.group(2).rstrip("\n").splitlines()]
        if not found(block):
            line = doc.read_text(encoding="utf-8")[:m.start()].count("\n") + 1
            print(f"{doc.relative_to(root)}:{line}: this {m.group(1)} block is not in examples/ (first line: {block[0]!r})")
            bad += 1
if bad:
    sys.exit(1)
print(f"doc code: every java/xml block of {len(docs)} docs is in examples/")
