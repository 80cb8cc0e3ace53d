"""Quote/response segments of the cmv-adhominem chains: the unit of the segment labels.

A Reddit reply often quotes a line of its parent (``>`` lines) and answers right below it.
Each (quoted block, the reply's own text up to the next quoted block) is one segment: a
(parent, reply) pair much like a forum reply to a quoted comment. Segments are numbered in
reply order, so a label file can name a segment by ``file``, ``reply_id`` and ``seg`` and
keep no corpus text (the texts are read from ``../shared/corpora/cmv-adhominem`` when
training).

Run ``python train/cmv_segments.py OUT.jsonl`` to write every usable segment with its text
(for labelling; the output stays outside the project).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.quality_stance import load_cmv, usable  # noqa: E402

QUOTE = re.compile(r"^[ \t]*(?:>|&gt;)[ \t]?")
MIN_WORDS = 3


def segments(body: str) -> list[tuple[str, str]]:
    """``(quoted text, response text)`` for each quoted block followed by the reply's own words."""
    out: list[tuple[str, str]] = []
    quote: list[str] = []
    resp: list[str] = []

    def flush() -> None:
        q, r = " ".join(quote).strip(), " ".join(resp).strip()
        if len(q.split()) >= MIN_WORDS and len(r.split()) >= MIN_WORDS:
            out.append((q, r))

    for line in body.splitlines():
        if QUOTE.match(line):
            if resp:
                flush()
                quote, resp = [], []
            quote.append(QUOTE.sub("", line).strip())
        elif line.strip() and quote:
            resp.append(line.strip())
    if quote:
        flush()
    return out


def all_segments() -> list[dict]:
    """Every usable segment of every chain: file, reply_id, seg, quote, response."""
    rows = []
    for file, chain in load_cmv().items():
        for c in chain:
            if not usable(c["body"]):
                continue
            for k, (q, r) in enumerate(segments(c["body"])):
                rows.append({"file": file, "reply_id": c["name"], "seg": k, "quote": q, "response": r})
    return rows


if __name__ == "__main__":
    segs = all_segments()
    with open(sys.argv[1], "w") as f:
        for s in segs:
            f.write(json.dumps(s) + "\n")
    print(len(segs), "segments")
