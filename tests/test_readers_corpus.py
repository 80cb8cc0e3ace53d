"""The Reddit reader on all 1,292 real r/changemyview chains of ../shared/corpora/cmv-adhominem:
every explicit parent comes through unchanged, nothing is dropped."""

from __future__ import annotations

import json
import re

from readers_invariants import check_thread

from argmap.readers import read_thread

QUOTE_MARKS = re.compile(r"(?m)^ {0,3}(?:>(?!!) ?)+")  # Markdown '>' markers; '>!' is a spoiler


def test_readers_corpus_cmv_adhominem_parents_unchanged(corpora):
    files = sorted((corpora / "cmv-adhominem" / "threads").glob("*.json"))
    assert len(files) == 1292
    explicit = orphans = 0
    for path in files:
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        t = read_thread(path)
        check_thread(t)
        assert t.source_format == "reddit-jsonl", path.name
        has_submission = records[0]["name"].startswith("t3_")
        assert len(t.comments) == len(records) + (not has_submission), path.name
        for r in records[has_submission:]:
            c = t.get(r["name"])
            assert c.author == r["author_name"] and c.text == QUOTE_MARKS.sub("", r["body"]), path.name
            if r["parent_id"] in t:  # the parent is in the file, or is the submission (the root)
                assert c.parent_id == r["parent_id"] and c.parent.source == "explicit", path.name
                explicit += 1
            else:
                assert (c.parent_id, c.parent.source) == (t.root.id, "orphan"), path.name
                assert c.meta["declared_parent_id"] == r["parent_id"]
                assert any(r["parent_id"] in w for w in t.warnings)
                orphans += 1
    # every one of the 4,522 lines is kept: 37 submissions (roots) + 3,498 + 987
    assert (explicit, orphans) == (3498, 987)
