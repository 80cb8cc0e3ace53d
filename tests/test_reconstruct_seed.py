"""Reconstruction on the seed thread (threads/russian-trolls-study.txt) with real MiniLM vectors.

The expected parents are facts about the text, read by hand (docs/reconstruction.md
gives the reading comment by comment): links a careful reader is sure of must come
out right and confident; links a careful reader finds ambiguous may go to any of
the listed readings and should carry lower confidence on average.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

import argmap
from argmap.model import ArgumentMap
from argmap.resources import encode
from argmap.steps.reconstruct import reconstruct

SEED = Path(__file__).resolve().parent.parent / "threads" / "russian-trolls-study.txt"

# comment number -> the parent a careful reader gives it (0 = the article)
CLEAR = {1: 0, 2: 0, 3: 0, 4: 0, 6: 4, 7: 4, 8: 0, 9: 8, 10: 9, 11: 9, 12: 11, 15: 14,
         16: 10, 20: 17, 21: 19, 23: 20, 24: 13, 25: 24}
# comment number -> the readings a careful reader would accept
AMBIGUOUS = {5: {0, 4}, 13: {8, 11}, 14: {13, 12}, 17: {14, 11, 8}, 18: {15, 13},
             19: {15, 16, 13}, 22: {10, 16}}
# clear links the heuristics miss today (kept visible, not hidden): see the docs
KNOWN_MISSES = {
    6: "chetdude quotes the article ('no Russian influence') while answering Greeley's "
       "'Mueller Report'; the article quote and similarity outweigh the echo of #4",
}


@pytest.fixture(scope="module")
def seed_tree(encoder) -> ArgumentMap:
    thread = argmap.read_thread(SEED)
    vecs = encode(encoder, [c.text for c in thread.comments])
    vecs[[c.empty for c in thread.comments]] = 0.0
    return reconstruct(ArgumentMap(thread=thread, vectors={"comments": vecs}))


def _parent_number(amap: ArgumentMap, k: int) -> int:
    return amap.thread.get(amap.thread.comments[k].parent_id).index


def test_reconstruct_seed_has_25_inferred_links(seed_tree):
    comments = seed_tree.thread.comments
    assert len(comments) == 26
    assert all(c.parent.source == "inferred" and c.parent.why for c in comments[1:])


@pytest.mark.parametrize("k", [
    pytest.param(k, marks=pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[k])) if k in KNOWN_MISSES
    else k for k in sorted(CLEAR)])
def test_reconstruct_seed_clear_links_are_right_and_confident(seed_tree, k):
    c = seed_tree.thread.comments[k]
    assert _parent_number(seed_tree, k) == CLEAR[k], c.parent.why
    assert c.parent.confidence >= 0.6, c.parent.why


@pytest.mark.parametrize("k", sorted(AMBIGUOUS))
def test_reconstruct_seed_ambiguous_links_take_a_defensible_reading(seed_tree, k):
    assert _parent_number(seed_tree, k) in AMBIGUOUS[k], seed_tree.thread.comments[k].parent.why


def test_reconstruct_seed_ambiguous_links_are_less_confident(seed_tree):
    conf = {c.index: c.parent.confidence for c in seed_tree.thread.comments[1:]}
    clear = [conf[k] for k in CLEAR if k not in KNOWN_MISSES]
    assert np.mean([conf[k] for k in AMBIGUOUS]) < np.mean(clear)


def test_reconstruct_seed_quotes_point_at_the_parent_wording(seed_tree):
    by_id = {c.id: c for c in seed_tree.thread.comments}
    quotes = [(c, q) for c in seed_tree.thread.comments for q in c.quotes if q.source_id]
    assert quotes, "the seed thread has verbatim echoes (#7 of #4, #21 of #19)"
    for c, q in quotes:
        quoted = c.text[q.start:q.end].lower().split()
        assert len(quoted) >= 4 and " ".join(quoted[:2]) in by_id[q.source_id].text.lower()


def test_reconstruct_seed_without_vectors_still_finds_the_named_links(seed_tree):
    thread = seed_tree.thread
    flat = replace(thread, comments=tuple(
        replace(c, parent_id=thread.root.id, parent=argmap.model.ParentLink("inferred", 0.05, "page"))
        if k else c for k, c in enumerate(thread.comments)))
    out = reconstruct(ArgumentMap(thread=flat))
    for k in (10, 11, 15, 20, 21, 23, 25):                  # names, echoes, answers
        assert _parent_number(out, k) == CLEAR[k], out.thread.comments[k].parent.why
