"""Corrections on the real seed thread re-derive everything downstream of them.

For each kind of correction: every derived field agrees with the corrected value after
:func:`argmap.corrections.apply` (a relation's label follows the reply's stance, statuses
follow the relations, a re-parented reply is judged against its new parent), a corrected
value is never overwritten, re-applying is idempotent, and the incremental re-derivation
equals a fresh analysis in which the corrected values were held fixed from the start.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import SEED

import argmap
from argmap.corrections import Correction, apply
from argmap.model import ArgumentMap
from argmap.pipeline import build_steps, run_steps
from argmap.settings import DEFAULT
from argmap.steps.status import status

WHEN = "2026-12-07T10:00:00Z"
OPPOSITE = {"support": "attack", "attack": "support", "neutral": "attack"}


def fix(kind: str, target: str, value: str) -> Correction:
    return Correction(kind, target, value, "mod", "checked", WHEN)


def _side(amap: ArgumentMap, comment_id: str) -> set[str]:
    """A comment's id and its units' ids."""
    return {comment_id, *(u.id for u in amap.units_of(comment_id))}


def reply_relations(amap: ArgumentMap, comment_id: str) -> list:
    """Relations from a reply (or its units) to its parent (or the parent's units)."""
    parent = amap.thread.get(comment_id).parent_id
    src, dst = _side(amap, comment_id), _side(amap, parent)
    return [r for r in amap.relations if r.source in src and r.target in dst]


def assert_consistent(amap: ArgumentMap) -> None:
    """Statuses are those the status step derives from the map's relations, and every
    reply's relations to its parent carry its stance's label."""
    assert amap.statuses == status(amap).statuses
    for c in amap.thread.comments[1:]:
        labels = amap.labels_for(c.id)
        if labels is None or labels.stance is None:
            continue
        found = {r.label for r in reply_relations(amap, c.id)
                 if (("relation", f"{r.source}->{r.target}") not in amap.pins)}
        want = {labels.stance.label} if labels.stance.label != "neutral" else set()
        assert found <= want, (c.id, labels.stance, found)


@pytest.fixture(scope="module")
def fresh(nlp, encoder):
    """A fresh analysis of the seed with pins held fixed from the start."""
    def run(corrections: list[Correction]) -> ArgumentMap:
        thread = argmap.read_thread(SEED)
        pins = {(c.kind, c.target): c.pin for c in corrections}
        meta = {"settings": DEFAULT.as_dict()}
        return run_steps(ArgumentMap(thread=thread, meta=meta, pins=pins),
                         build_steps(nlp=nlp, encoder=encoder))
    return run


def test_corrections_seed_stance_flips_the_relation_and_statuses(seed_map):
    before = seed_map.labels_for("c10").stance.label
    fixed, problems = apply(seed_map, [fix("stance", "c10", OPPOSITE[before])])
    assert problems == []
    st = fixed.labels_for("c10").stance
    assert st.label == OPPOSITE[before] and st.confidence == 1.0 and st.why.startswith("corrected by mod")
    rels = reply_relations(fixed, "c10")
    assert rels and {r.label for r in rels} == {st.label}
    assert all("corrected by mod" in r.why for r in rels)
    assert_consistent(fixed)
    assert fixed.meta["rederived"] == ["stance", "relations", "status", "positions"]


def test_corrections_seed_stance_reaches_the_thesis_and_replies(seed_map):
    # c3 answers the article: its stance to the article is its stance to the thesis
    before = seed_map.labels_for("c3").stance.label
    fixed, _ = apply(seed_map, [fix("stance", "c3", OPPOSITE[before])])
    assert fixed.labels_for("c3").stance_to_root.label == OPPOSITE[before]
    assert_consistent(fixed)


def test_corrections_seed_stance_to_root_propagates_to_replies(seed_map):
    # c9 has replies (c10, c11): they inherit its corrected side
    fixed, _ = apply(seed_map, [fix("stance-to-root", "c9", "support")])
    assert fixed.labels_for("c9").stance_to_root.label == "support"
    for child in fixed.thread.replies("c9"):
        labels = fixed.labels_for(child.id)
        if labels.stance.label != "neutral":
            assert "who backs the article's thesis" in labels.stance_to_root.why
    assert_consistent(fixed)


def test_corrections_seed_parent_rejudges_against_the_new_parent(seed_map):
    old_parent = seed_map.thread.get("c10").parent_id
    fixed, problems = apply(seed_map, [fix("parent", "c10", "c8")])
    assert problems == [] and old_parent != "c8"
    assert fixed.thread.get("c10").parent_id == "c8"
    st = fixed.labels_for("c10").stance
    assert st.target in _side(fixed, "c8")  # the stance now answers c8
    src, old = _side(fixed, "c10"), _side(fixed, old_parent)
    assert not [r for r in fixed.relations if r.source in src and r.target in old]
    assert_consistent(fixed)


def test_corrections_seed_unit_kind_rederives_statuses(seed_map):
    claim = next(s.unit_id for s in seed_map.statuses if seed_map.unit(s.unit_id).kind == "claim")
    fixed, problems = apply(seed_map, [fix("unit-kind", claim, "question")])
    assert problems == [] and fixed.unit(claim).kind == "question"
    assert fixed.status_of(claim) is None  # a question is no argued point
    assert_consistent(fixed)


def test_corrections_seed_relation_none_removes_it_and_statuses_follow(seed_map):
    rel = next(r for r in seed_map.relations
               if r.label == "attack" and r.target in {s.unit_id for s in seed_map.statuses})
    fixed, _ = apply(seed_map, [fix("relation", f"{rel.source}->{rel.target}", "none")])
    assert not [r for r in fixed.relations if (r.source, r.target) == (rel.source, rel.target)]
    assert_consistent(fixed)


def test_corrections_seed_unreliable_source_unsources_its_claims(seed_map):
    sourced = [s for s in seed_map.statuses if s.status == "sourced"]
    ev_ids = {e.id: e for e in seed_map.evidence}
    chain_ev = next(ev_ids[i] for s in sourced for i in s.chain if i in ev_ids)
    name = chain_ev.source or chain_ev.text
    fixed, problems = apply(seed_map, [fix("source", name, "unreliable")])
    assert problems == []
    from argmap.graph import source_key
    bad = {e.id for e in fixed.evidence if source_key(e.source or e.text) == source_key(name)}
    assert all(not (set(s.chain) & bad) for s in fixed.statuses)
    assert_consistent(fixed)


def test_corrections_seed_dismissed_attack_leaves_relations(seed_map):
    flagged = next(cl.comment_id for cl in seed_map.comment_labels
                   if cl.personal_attack and cl.personal_attack.label == "personal-attack"
                   and reply_relations(seed_map, cl.comment_id))
    fixed, _ = apply(seed_map, [fix("personal-attack", flagged, "dismiss")])
    assert fixed.labels_for(flagged).personal_attack.label == "none"
    assert not any("personal attack" in r.why for r in reply_relations(fixed, flagged))
    assert_consistent(fixed)


def test_corrections_seed_all_kinds_idempotent_and_equal_a_fresh_analysis(seed_map, fresh):
    rel = next(r for r in seed_map.relations if r.source.startswith("c2") and r.label == "attack")
    claim = next(s.unit_id for s in seed_map.statuses if seed_map.unit(s.unit_id).kind == "claim")
    corrections = [fix("parent", "c16", "c9"), fix("stance", "c24", "attack"),
                   fix("stance-to-root", "c12", "attack"), fix("personal-attack", "c12", "dismiss"),
                   fix("unit-kind", claim, "premise"), fix("relation", f"{rel.source}->{rel.target}", "support")]
    fixed, problems = apply(seed_map, corrections)
    assert problems == []
    again, _ = apply(fixed, corrections)
    assert again == fixed  # idempotent
    full = fresh(corrections)
    strip = {"meta": {}}
    assert replace(fixed, **strip) == replace(full, **strip)
    assert_consistent(fixed)


def test_corrections_seed_without_vectors_reencodes(seed_map):
    """A map loaded from JSON (the review store's) has no vectors: stance re-runs anyway."""
    loaded = ArgumentMap.from_json(seed_map.to_json())
    fixed, _ = apply(loaded, [fix("stance", "c25", "attack")])
    direct, _ = apply(seed_map, [fix("stance", "c25", "attack")])
    assert fixed.comment_labels == direct.comment_labels and fixed.relations == direct.relations


def test_corrections_seed_store_keeps_vectors_so_nothing_is_reencoded(seed_map, tmp_path):
    from argmap.store import Store

    key = Store(tmp_path / "r.db").save_analysis(SEED.read_bytes(), seed_map)
    loaded = Store(tmp_path / "r.db").latest(key)
    assert loaded.vectors.aligned("units", len(loaded.units)) is not None

    class NoEncoder:  # any attempt to re-encode would fail
        def encode(self, *a, **k):
            raise AssertionError("re-encoded")

    fixed, _ = apply(loaded, [fix("stance", "c25", "attack")], encoder=NoEncoder())
    direct, _ = apply(seed_map, [fix("stance", "c25", "attack")])
    assert fixed == direct
