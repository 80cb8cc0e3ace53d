"""Personal-attack detection (argmap.attack): patterns, the shipped head, the judgement."""

from __future__ import annotations

import numpy as np
import pytest

from argmap import attack


@pytest.mark.parametrize("text", [
    "Moon is just a propagandist. Mostly it makes statements of opinion.",
    "who are you brother? Answer me this, r u a nut or a bozo?",
    "Pete Pete! remove that bow tie. It's blocking the flow of blood to your brain.",
    "It seems like you so want to believe it that you cannot understand pretty basic facts.",
    "You're an idiot.",
    "Learn to read before you reply.",
])
def test_attack_patterns_flag_person_attacks(text):
    hits = attack.find_patterns(text)
    assert hits and all(h.why for h in hits)


@pytest.mark.parametrize("text", [
    "He quoted the Mueller report and a published study as factual backup.",
    "No, most if not all US intelligence agencies have not, and they never did.",
    "Right, Tony. Anyone who lived there in the 1980s knew he was fake.",
    "This policy is dumb and it will fail.",
    "It is garbage science.",
    "You are wrong about the numbers: the IRA spent $100,000.",
])
def test_attack_patterns_leave_arguments_alone(text):
    assert attack.find_patterns(text) == []


def test_attack_pattern_features_shape():
    X = attack.pattern_features(["you idiot", "A calm remark."])
    assert X.shape == (2, len(attack.FEATURE_NAMES))
    assert X[0, 0] >= 1 and X[1].sum() == 0


def test_attack_judge_pattern_beats_low_head_probability():
    j = attack.judge("Moon is just a propagandist.", 0.1, threshold=0.5)
    assert j.label == "personal-attack" and 0.5 < j.confidence <= 1 and "Moon" in j.why


def test_attack_judge_head_needs_a_person_to_aim_at():
    aimed = attack.judge("You keep twisting everything anyone says here.", 0.9, threshold=0.5)
    unaimed = attack.judge("The statistics in the report are twisted.", 0.9, threshold=0.5)
    assert aimed.label == "personal-attack"
    assert unaimed.label == "none"


def test_attack_judge_none_is_confident_when_head_is_low():
    j = attack.judge("I think the study is flawed because of its sample.", 0.05, threshold=0.5)
    assert j.label == "none" and j.confidence > 0.8 and j.why


def test_attack_head_ships_and_reads_vectors():
    vecs = np.zeros((2, 384), dtype=np.float32)
    p = attack.head_probability(["you idiot", "a fine point"], vecs)
    assert p.shape == (2,) and np.all((p >= 0) & (p <= 1))
    assert 0 < attack.head_threshold() < 1


def test_attack_aim_second_person_third_party_and_named():
    assert attack.aimed_at(attack.find_patterns("r u a nut or a bozo?"), "voza0db")
    assert not attack.aimed_at(attack.find_patterns("People like that don't care, Margaret."), "Margaret Flowers")
    assert attack.aimed_at(attack.find_patterns("People like you never care."), "Margaret Flowers")
    assert attack.aimed_at(attack.find_patterns("Kevin is just a shill."), "kevin zeese")
    assert not attack.aimed_at(attack.find_patterns("Kevin is just a shill."), "Margaret Flowers")
    assert not attack.aimed_at(attack.find_patterns("He is a hack."), "Margaret Flowers")
    assert not attack.aimed_at([], "anyone")


def test_attack_judge_a_general_case_you_aims_at_no_one():
    # a high head probability alone needs someone spoken to; "until you ..." is a general case
    for text in ("A ban sounds great until you use a wheelchair.",
                 "FIDE rules already forfeit a game if your phone makes a sound."):
        assert attack.judge(text, 0.9, threshold=0.5).label == "none", text
    assert attack.judge("You clearly did not read the article.", 0.9, threshold=0.5).label == "personal-attack"


def test_attack_judge_general_statements_with_you_aim_at_no_one():
    for text in ("You cannot overhear a Slack DM.", "With six people you have no slack at all."):
        assert attack.judge(text, 0.9, threshold=0.5).label == "none", text
    assert attack.judge("You cannot read a simple chart, clearly.", 0.9, threshold=0.5).label == "personal-attack"
