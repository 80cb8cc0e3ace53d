"""Corrections on hand-built maps: each kind applies with a visible marker, a missing
target is reported (never dropped), a later correction wins, statuses follow."""

from __future__ import annotations

import pytest
from handmade import maps, small_map
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.corrections import KINDS, Correction, CorrectionError, apply, current_value, validate
from argmap.exporters.schemas import validate as validate_schema
from argmap.model import ArgumentMap

WHEN = "2025-03-04T05:06:07Z"


def fix(kind, target, value, note="", author="mod"):
    return Correction(kind, target, value, author, note, WHEN)


def test_corrections_marker_names_who_when_and_why():
    assert fix("stance", "c1", "support", "sarcasm").marker == "corrected by mod on 2025-03-04: sarcasm"
    assert fix("stance", "c1", "support").marker == "corrected by mod on 2025-03-04"


def test_corrections_reparent_a_comment():
    amap, problems = apply(small_map(), [fix("parent", "c3", "c2", "replies to bob")])
    c3 = amap.thread.get("c3")
    assert problems == []
    assert c3.parent_id == "c2" and c3.parent.confidence == 1.0
    assert c3.parent.why == "corrected by mod on 2025-03-04: replies to bob"
    assert [c.id for c in amap.thread.replies("c2")] == ["c3"]
    assert amap.thread.depth("c3") == 3


@pytest.mark.parametrize("target,value,reason", [
    ("c1", "c3", "does not come before"),      # would put a parent after its reply
    ("c1", "c1", "does not come before"),      # a comment cannot reply to itself
    ("root", "c1", "root has no parent"),
    ("c9", "c1", "'c9' is not in the thread"),
    ("c1", "c9", "'c9' is not in the thread"),
])
def test_corrections_reparent_problems_are_reported(target, value, reason):
    amap, problems = apply(small_map(), [fix("parent", target, value)])
    assert len(problems) == 1 and reason in problems[0].reason
    assert amap.thread == small_map().thread
    assert amap.meta["correction_problems"] == [str(problems[0])]
    assert amap.meta["corrections"] == []


def test_corrections_change_a_unit_kind():
    amap, problems = apply(small_map(), [fix("unit-kind", "c4:0", "claim")])
    unit = next(u for u in amap.units if u.id == "c4:0")
    assert problems == [] and unit.kind == "claim" and unit.confidence == 1.0
    assert unit.why.startswith("corrected by mod")
    assert unit in amap.claims()


def test_corrections_unit_kind_recomputes_statuses():
    amap, _ = apply(small_map(), [fix("unit-kind", "c4:0", "claim")])
    assert "c4:0" in {s.unit_id for s in amap.statuses}  # the status step ran again
    amap, _ = apply(small_map(), [fix("unit-kind", "root:0", "question")])  # questions get no status
    assert "root:0" not in {s.unit_id for s in amap.statuses}


def test_corrections_statuses_untouched_when_the_status_step_never_ran():
    bare = ArgumentMap(thread=small_map().thread, units=small_map().units)
    amap, _ = apply(bare, [fix("unit-kind", "c4:0", "claim")])
    assert amap.statuses == ()


@pytest.mark.parametrize("kind,field", [("stance", "stance"), ("stance-to-root", "stance_to_root")])
def test_corrections_change_a_stance(kind, field):
    amap, problems = apply(small_map(), [fix(kind, "c2", "support", "irony")])
    j = getattr(amap.labels_for("c2"), field)
    assert problems == [] and j.label == "support" and j.confidence == 1.0 and "irony" in j.why
    if kind == "stance":
        assert j.target == "c1:0"  # keeps what the stance was about


def test_corrections_stance_on_an_unlabelled_comment_keeps_page_order():
    amap, _ = apply(small_map(), [fix("stance", "c4", "attack")])
    assert [cl.comment_id for cl in amap.comment_labels] == ["c1", "c2", "c3", "c4"]
    assert amap.labels_for("c4").stance.target == "root"
    assert ArgumentMap.from_dict(amap.to_dict()) == amap  # still round-trips


def test_corrections_relation_label_change_add_and_remove():
    amap, problems = apply(small_map(), [
        fix("relation", "c2:0->c1:0", "support"),   # change
        fix("relation", "c4:0->root:0", "attack"),  # add a missed one
        fix("relation", "c3:0->c2:0", "none"),      # remove a wrong one
    ])
    rels = {f"{r.source}->{r.target}": r for r in amap.relations}
    assert problems == []
    assert rels["c2:0->c1:0"].label == "support" and rels["c2:0->c1:0"].confidence == 1.0
    assert rels["c4:0->root:0"].label == "attack"
    assert "c3:0->c2:0" not in rels
    assert len(amap.relations) == len(small_map().relations)


def test_corrections_relation_with_a_missing_end_is_a_problem():
    _, problems = apply(small_map(), [fix("relation", "c9:0->c1:0", "attack")])
    assert "not a unit or comment" in problems[0].reason


def test_corrections_source_verdict_and_unreliable_sources_stop_sourcing():
    before = {s.unit_id: s.status for s in small_map().statuses}
    amap, problems = apply(small_map(), [fix("source", "New York Times", "unreliable", "retracted")])
    review = amap.meta["source_reviews"]["New York Times"]
    assert problems == [] and review["verdict"] == "unreliable" and review["note"] == "retracted"
    assert review["why"] == "corrected by mod on 2025-03-04: retracted"
    after = {s.unit_id: s.status for s in amap.statuses}
    assert before["c2:0"] in ("sourced", "sourced-and-contested") or before != after
    assert after["c2:0"] not in ("sourced", "sourced-and-contested")
    assert amap.evidence == small_map().evidence  # the evidence itself is kept


def test_corrections_source_names_match_as_the_graph_does():
    amap, problems = apply(small_map(), [fix("source", "the new york  times", "unreliable"),
                                         fix("source", "The New York Times", "verified")])
    assert problems == []
    assert list(amap.meta["source_reviews"]) == ["The New York Times"]  # one review per source
    assert current_value(amap, "source", "New York Times") == "verified"


def test_corrections_source_verified_and_unknown_source():
    amap, problems = apply(small_map(), [fix("source", "New York Times", "verified"),
                                         fix("source", "Pravda", "verified")])
    assert amap.meta["source_reviews"]["New York Times"]["verdict"] == "verified"
    assert len(problems) == 1 and "Pravda" in str(problems[0])


@pytest.mark.parametrize("value,label", [("confirm", "personal-attack"), ("dismiss", "none")])
def test_corrections_personal_attack_confirm_or_dismiss(value, label):
    amap, problems = apply(small_map(), [fix("personal-attack", "c2", value)])
    j = amap.labels_for("c2").personal_attack
    assert problems == [] and j.label == label and j.confidence == 1.0
    assert amap.labels_for("c2").stance == small_map().labels_for("c2").stance


def test_corrections_later_correction_wins_and_meta_lists_them():
    cs = [fix("stance", "c1", "support"), fix("stance", "c1", "neutral", author="lead")]
    amap, _ = apply(small_map(), cs)
    assert amap.labels_for("c1").stance.label == "neutral"
    assert [c["author"] for c in amap.meta["corrections"]] == ["mod", "lead"]


def test_corrections_missing_unit_is_reported_not_dropped():
    cs = [fix("unit-kind", "c1:999", "claim"), fix("stance", "c1", "support")]
    amap, problems = apply(small_map(), cs)
    assert [p.correction for p in problems] == [cs[0]]
    assert "segmented differently" in problems[0].reason
    assert amap.labels_for("c1").stance.label == "support"
    assert len(amap.meta["corrections"]) == 1 and len(amap.meta["correction_problems"]) == 1


def test_corrections_validate_rejects_bad_shapes():
    for args in [("colour", "c1", "red"), ("stance", "c1", "angry"), ("relation", "c1", "support"),
                 ("unit-kind", "", "claim"), ("parent", "c1", " ")]:
        with pytest.raises(CorrectionError):
            validate(*args)
    for kind, (_, values) in KINDS.items():
        target = "a->b" if kind == "relation" else "x"
        validate(kind, target, values[0] if values else "c1")


def test_corrections_current_value_reads_each_kind():
    m = small_map()
    assert current_value(m, "parent", "c2") == "c1"
    assert current_value(m, "unit-kind", "c4:0") == "question"
    assert current_value(m, "stance", "c3") == "support"
    assert current_value(m, "stance", "c4") is None
    assert current_value(m, "relation", "c1:10->c1:0") == "support"
    assert current_value(m, "relation", "c4:0->root:0") == "none"
    assert current_value(m, "source", "New York Times") is None
    assert current_value(m, "personal-attack", "c2") == "personal-attack"


def test_corrections_round_trip_as_dicts():
    c = Correction("stance", "c1", "attack", "mod", "n", WHEN, id=3, uid="u", before="support")
    assert Correction.from_dict(c.to_dict() | {"extra": 1}) == c


@st.composite
def map_and_corrections(draw):
    amap = draw(maps())
    ids = [c.id for c in amap.thread.comments] + [u.id for u in amap.units] + ["gone", "gone:0"]
    names = [e.source for e in amap.evidence] + ["Nowhere"]
    out = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(sorted(KINDS)))
        if kind == "relation":
            target = f"{draw(st.sampled_from(ids))}->{draw(st.sampled_from(ids))}"
        elif kind == "source":
            target = draw(st.sampled_from(names))
        else:
            target = draw(st.sampled_from(ids))
        values = KINDS[kind][1] or tuple(c.id for c in amap.thread.comments)
        out.append(Correction(kind, target, draw(st.sampled_from(values)), draw(st.text(min_size=1, max_size=5)),
                              draw(st.text(max_size=10)), WHEN))
    return amap, out


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(map_and_corrections())
def test_corrections_any_corrections_apply_or_are_reported(case):
    amap, cs = case
    fixed, problems = apply(amap, cs)
    assert len(fixed.meta["corrections"]) + len(problems) == len(cs)
    assert ArgumentMap.from_dict(fixed.to_dict()) == fixed          # still a valid, lossless map
    validate_schema(fixed.to_dict(), "argmap-1")
    assert [c.id for c in fixed.thread.comments] == [c.id for c in amap.thread.comments]
    for c in fixed.thread.comments[1:]:                             # still a tree, parents first
        assert fixed.thread.get(c.parent_id).index < c.index
