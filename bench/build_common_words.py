"""Rebuild ``argmap/data/common_words.tsv``: how common each word key is in everyday
online argument, so an echo of "the talk" counts for less than one of "factual backup".

Source: the r/changemyview comments of ``corpora/cmv-adhominem`` (Apache-2.0, may be
shipped). Each distinct comment body counts once; a key's document frequency is the
number of comments using it (keys as :func:`argmap.echo.words` makes them). Keys in
fewer than ``MIN_DF`` comments are left out (absent means rare).

Run: ``python bench/build_common_words.py [path/to/shared/corpora]``
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from argmap.echo import COMMON_WORDS_PATH, words

MIN_DF = 5


def comment_bodies(corpora: Path) -> list[str]:
    """Distinct, non-trivial comment bodies of cmv-adhominem."""
    seen: dict[str, None] = {}
    for f in sorted((corpora / "cmv-adhominem" / "threads").glob("*.json")):
        for line in f.read_text(encoding="utf-8").splitlines():
            body = json.loads(line).get("body", "") if line.strip() else ""
            if len(body) >= 20 and body not in ("[removed]", "[deleted]"):
                seen.setdefault(body, None)
    return list(seen)


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parent.parent
    corpora = Path(argv[1]) if len(argv) > 1 else root.parent / "shared" / "corpora"
    bodies = comment_bodies(corpora)
    df: Counter[str] = Counter()
    for b in bodies:
        df.update({t.key for t in words(b).tokens if any(ch.isalpha() for ch in t.key)})
    rows = sorted(((k, n) for k, n in df.items() if n >= MIN_DF), key=lambda r: (-r[1], r[0]))
    lines = [f"# docs\t{len(bodies)}", "# key\tdocument frequency in cmv-adhominem comments (Apache-2.0)"]
    COMMON_WORDS_PATH.write_text("\n".join(lines + [f"{k}\t{n}" for k, n in rows]) + "\n", encoding="utf-8")
    print(f"{len(rows)} keys from {len(bodies)} comments -> {COMMON_WORDS_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
