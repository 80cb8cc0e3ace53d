"""Unit kinds: rules, cue features, the trained head, quote re-check."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from argmap.heads import load_head
from argmap.model import UNIT_KINDS, ArgumentMap, Comment, Quote, Thread, Unit, Vectors
from argmap.quoting import mark_quoted
from argmap.steps.classify import FEATURE_NAMES, HEAD_NAME, classify, cue_features, rule_kind


def _map(text: str, spans: list[tuple[int, int]], quotes=()) -> ArgumentMap:
    comments = (Comment("root", "", "Root.", None, 0),
                Comment("c1", "ann", text, "root", 1, quotes=tuple(quotes)))
    units = tuple(Unit(Unit.make_id("c1", a), "c1", a, b, text[a:b], "other", 0.0, "seg") for a, b in spans)
    units = mark_quoted(units, comments)  # as segment marks the reader's quotes
    return ArgumentMap(thread=Thread("t", "T", "generic", comments), units=units,
                       vectors=Vectors(units=np.zeros((len(units), 384), dtype=np.float32)))


def test_classify_rules_greeting_question_reason():
    assert rule_kind("Thank you")[0] == "other"
    assert rule_kind("Who to believe Kevin?")[:2] == ("question", 0.9)
    rhetorical = rule_kind("Why aren't the Dems impeaching Trump over Russiagate if it is true?")
    assert rhetorical[0] == "question" and rhetorical[1] < 0.9 and "rhetorical" in rhetorical[2]
    assert rule_kind("because Clinton was an elitist, corrupt candidate.")[0] == "premise"
    assert rule_kind("Taxes should be lower for everyone.") is None


def test_classify_cue_features_shape_and_signals():
    f = dict(zip(FEATURE_NAMES, cue_features("According to the report, I paid 45% more in 2019."), strict=True))
    assert len(cue_features("x")) == len(FEATURE_NAMES)
    assert f["money_or_percent"] == 1.0 and f["attribution"] == 1.0 and f["year"] == 1.0
    assert f["first_person_past"] == 1.0


def test_classify_head_matches_features():
    head = load_head(HEAD_NAME)
    assert set(head.classes) == {"claim", "premise", "evidence"}
    assert len(head.features) == 384 + len(FEATURE_NAMES)
    assert list(head.features[384:]) == list(FEATURE_NAMES)


def test_classify_claim_before_reason_and_valid_outputs():
    text = "Trump was elected because Clinton was a corrupt candidate. Thanks!"
    amap = classify(_map(text, [(0, 17), (18, 58), (59, 66)]))
    kinds = [u.kind for u in amap.units]
    assert kinds == ["claim", "premise", "other"]
    for u in amap.units:
        assert u.kind in UNIT_KINDS and 0.0 <= u.confidence <= 1.0 and u.why


def test_quoting_marks_units_inside_new_quote_spans_once():
    """Quotes found after segmentation (reconstruction's copies) mark their units; classify
    keeps the marks as they are."""
    text = "You said taxes are theft. That is wrong."
    amap = _map(text, [(0, 25), (26, 40)])
    with_quote = (amap.thread.comments[0], replace(amap.thread.comments[1], quotes=(Quote(9, 24, "root", "echo"),)))
    units = mark_quoted(amap.units, with_quote)
    assert units[0].quoted and units[0].quoted_from == "root"
    assert not units[1].quoted
    classified = classify(replace(amap, units=units))
    assert [u.quoted for u in classified.units] == [True, False]


def test_classify_requires_vectors():
    amap = _map("A claim here.", [(0, 13)])
    with pytest.raises(ValueError):
        classify(ArgumentMap(thread=amap.thread, units=amap.units))


@pytest.mark.slow
def test_classify_cdcp_claim_vs_evidence_floor(corpora, nlp, encoder):
    """Held-out cdcp documents (never trained on): claim-vs-evidence macro-F1 >= 0.70."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.quality_units import score_cdcp

    result = score_cdcp(nlp, encoder)
    assert result["spans"] > 500
    assert result["macro_f1"] >= 0.70, result


def test_classify_passage_quoted_from_a_source_is_evidence():
    text = "As the Mueller indictment said:\n\nThey charged 25 dollars per post."
    amap = _map(text, [(0, 31), (33, len(text))])
    out = classify(ArgumentMap(thread=amap.thread, vectors=amap.vectors, units=(
        amap.units[0], Unit("c1:33", "c1", 33, len(text), text[33:], "other", 0.0, "seg",
                            quoted=True, quoted_from="Mueller indictment"))))
    assert out.units[1].kind == "evidence" and out.units[1].quoted
    assert "Mueller indictment" in out.units[1].why


def test_classify_cheers_are_other_not_claims():
    from argmap.steps.classify import rule_kind
    assert rule_kind("Go Bernie and Elizabeth!")[0] == "other"
    assert rule_kind("Long live the Republic!")[0] == "other"
    assert rule_kind("Go read the report!") is None  # an instruction, left to the head


def test_classify_a_long_statement_opening_with_a_wh_clause_is_no_question():
    from argmap.steps.classify import rule_kind
    text = ("What is described and denounced as such was instead a commercial marketing scheme "
            "which ran click-bait websites.")
    assert rule_kind(text) is None or rule_kind(text)[0] != "question"
    assert rule_kind("Why is nobody asking who paid for it")[0] == "question"


def test_classify_quote_of_unknown_origin_is_no_named_source():
    # A Reddit '>' line that matches no comment of the export: the head decides, not "a source".
    text = "> Women are objectified for men.\n\nNo, that is backwards."
    amap = _map(text, [(2, 32), (34, len(text))], quotes=[Quote(0, 32, None, "'>' quote")])
    out = classify(amap)
    quoted = out.units[0]
    assert quoted.quoted and quoted.quoted_from == "quoted text"
    assert "quotation from a source" not in quoted.why
    assert "from a text not in the thread" in quoted.why


def test_classify_removed_placeholders_are_other():
    for body in ("[deleted]", "[removed]", "This comment was deleted.", "This comment has been overwritten by a script."):
        kind, conf, why = rule_kind(body)
        assert kind == "other" and "deleted or removed" in why, body
    assert rule_kind("They deleted the report.") is None


def test_classify_advertising_is_other():
    assert rule_kind("Cheap pills here!!!")[:2] == ("other", 0.8)
    assert rule_kind("The shop on Main St closed when the rent went up.") is None


def test_classify_picture_captions_are_other():
    assert rule_kind("Above: From Down With Hillary on Twitter.")[:2] == ("other", 0.85)
    assert rule_kind("Photo credit: Reuters")[0] == "other"
    assert rule_kind("Above all, the council should listen.") is None


def test_classify_bylines_are_other():
    assert rule_kind("Posted by the parish newsletter team")[0] == "other"
    assert rule_kind("By Jane Smith")[0] == "other"
    assert (rule_kind("Posted by the council, the plan was approved without debate.") or ("",))[0] != "other"
    assert rule_kind("By any measure the plan failed.") is None
