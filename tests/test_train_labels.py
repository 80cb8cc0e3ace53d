"""The project's own stance labels (train/labels): well-formed, unique, and clean of the
measured corpora (no corpus text copied, no pair on the measured corpus's topic)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

LABELS = Path(__file__).resolve().parent.parent / "train" / "labels"
VALID = {"support", "attack", "neutral"}
MEASURED_TOPIC = re.compile(r"\b(?:masks?|covid|vaccin\w*|pandemic|lockdowns?)\b", re.I)


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


WRITTEN = sorted(LABELS.glob("written_*.jsonl")) + sorted(LABELS.glob("experimental/written_*.jsonl"))


@pytest.mark.parametrize("path", WRITTEN, ids=lambda p: p.name)
def test_written_pairs_are_well_formed_and_off_the_measured_topic(path):
    rows = _rows(path)
    assert rows
    assert len({r["id"] for r in rows}) == len(rows), "duplicate ids"
    for r in rows:
        assert set(r) == {"id", "parent", "reply", "label"}, r["id"]
        assert r["label"] in VALID and r["parent"].strip() and r["reply"].strip(), r["id"]
    if "experimental" in path.parts:
        assert not [r["id"] for r in rows if MEASURED_TOPIC.search(r["parent"] + " " + r["reply"])]


@pytest.mark.parametrize("name", ["cmv_stance_pairs.jsonl", "experimental/cmv_segment_labels.jsonl"])
def test_corpus_labels_name_comments_and_copy_no_text(name):
    rows = _rows(LABELS / name)
    keys = [tuple(v for k, v in sorted(r.items()) if k != "label") for r in rows]
    assert len(set(keys)) == len(rows), "a pair is labelled twice"
    for r in rows:
        assert r["label"] in VALID
        assert set(r) - {"label"} <= {"file", "parent_id", "reply_id", "seg"}, "corpus text copied"
        assert re.fullmatch(r"\d+_(?:ah|delta)_t1_\w+\.json", r["file"])


def test_cmv_segments_pair_each_quote_with_the_words_below_it():
    import sys
    sys.path.insert(0, str(LABELS.parent))
    from cmv_segments import segments
    body = ("> Taxes never pay for roads.\n\nThey do, gas taxes fund most of them.\n"
            "&gt; and nobody drives anyway\nok\n> Last quote with no answer")
    assert segments(body) == [("Taxes never pay for roads.", "They do, gas taxes fund most of them.")]
    assert segments("no quotes here at all") == []
