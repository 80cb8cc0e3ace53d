"""Discourse cues of reply stance (argmap.stance_cues): pure functions, no model."""

from __future__ import annotations

import numpy as np

from argmap.stance_cues import FEATURES, cue_features, cue_reasons, find_cues, own_text


def test_stance_cues_agreement_opener():
    c = find_cues("Turns out Trump was a FAKE populist.", "Right, Tony. Anyone who lived there knew.")
    assert c.agree_open and not c.disagree_open
    assert any("agreement" in r for r in cue_reasons(c, "support"))


def test_stance_cues_echo_then_negate():
    parent = "Most if not all US intelligence agencies have said Russia was involved."
    c = find_cues(parent, "No, most if not all US intelligence agencies have not, and they never did.")
    assert c.disagree_open and c.echo_negation
    assert "intelligence agencies" in c.echoed
    assert cue_reasons(c, "attack")[0].startswith("repeats")


def test_stance_cues_negated_backup_is_echo_negation():
    parent = "Mostly it makes statements of opinion with little to no factual backup."
    c = find_cues(parent, "He quoted the Mueller report and a published study as factual backup.")
    assert c.echo_negation and "factual backup" in c.echoed


def test_stance_cues_no_echo_negation_without_shared_wording():
    c = find_cues("The sky is blue today.", "I never said anything about cars.")
    assert not c.echo_negation and c.echoed == ""


def test_stance_cues_concession_then_contrast():
    c = find_cues("Vaccines work.", "True, but the rollout was badly managed.")
    assert c.concede_contrast and c.contrast


def test_stance_cues_question_and_sarcasm_flags():
    c = find_cues("Masks work.", "So you're saying we should all just stay home forever? Yeah right.")
    assert c.question_rate > 0 and c.rhetorical and c.sarcasm


def test_stance_cues_quoted_lines_are_not_the_reply():
    reply = "> you are wrong\n\nI think the data backs me up."
    assert own_text(reply) == "I think the data backs me up."
    assert not find_cues("x", reply).disagree_any
    assert find_cues("x", reply).quotes_parent


def test_stance_cues_feature_matrix_shape_and_range():
    X = cue_features(["a", "The plan works."], ["Exactly!", "No, it does not work at all, it's nonsense."])
    assert X.shape == (2, len(FEATURES))
    assert np.all(np.abs(X) <= 1.0)
    assert X[0, FEATURES.index("agree_open")] == 1.0
    assert X[1, FEATURES.index("disagree_open")] == 1.0


def test_stance_cues_empty_inputs():
    assert cue_features([], []).shape == (0, len(FEATURES))
    c = find_cues("", "")
    assert not (c.agree_open or c.disagree_open) and c.short


def test_stance_cues_sarcasm_tag_is_a_whole_word_not_part_of_a_link():
    assert find_cues("Vote on it.", "Great plan /s").sarcasm
    assert not find_cues("Vote on it.", "The evaluation (https://example.org/scdc-report) found it held.").sarcasm


def test_stance_cues_spam():
    from argmap.sources import is_spam
    assert is_spam("Cheap pills here!!! visit our shop")
    assert is_spam("Earn $500 a day, click here")
    assert not is_spam("The shop on Main St closed when the rent went up.")


def test_stance_cues_echoing_a_question_is_not_negating_it():
    parent = "Has anyone moved a team to four days without hurting response times?"
    assert not find_cues(parent, "We moved everyone to four days and response times held.").echo_negation
    assert find_cues("Four days hurt our response times.",
                     "Four days did not hurt our response times at all.").echo_negation


def test_stance_cues_agreement_openers_that_are_not_agreement():
    agree = ("This.", "This right here.", "Totally agree.", "Exactly!", "Right, Tony.")
    not_agree = ("This is ridiculous.", "Totally wrong.", "Of course not.", "Definitely not what happened.")
    assert all(find_cues("The plan works.", r).agree_open for r in agree)
    assert not any(find_cues("The plan works.", r).agree_open for r in not_agree)


def test_stance_cues_spam_from_weaker_selling_signals():
    from argmap.sources import is_spam
    assert is_spam("Buy cheap sneakers at www.cheap-kicks.example, 80% off today only! Free shipping.")
    assert is_spam("Lowest prices on printer ink, see inkdeals.com")
    assert not is_spam("The store had 20% off last week, and I still could not afford it.")  # one signal, no link
    assert not is_spam("Prices went up 30% after the merger: https://example.org/report")


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.text(max_size=200))
def test_stance_cues_property_any_text_gives_bounded_features(parent, reply):
    from argmap.safetext import shorten
    from argmap.sources import is_removed, is_spam
    c = find_cues(parent, reply)
    v = cue_features([parent], [reply])
    assert v.shape == (1, len(FEATURES)) and np.isfinite(v).all() and (np.abs(v) <= 1.0 + 1e-6).all()
    assert isinstance(c.adds, str) and isinstance(is_spam(reply), bool) and isinstance(is_removed(reply), bool)
    for label in ("support", "attack", "neutral"):
        assert all(r and "\n" not in r for r in cue_reasons(c, label))
    assert len(shorten(reply, 30)) <= 30
