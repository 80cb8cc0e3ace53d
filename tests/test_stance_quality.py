"""Quality floors of reply stance and personal-attack detection on the development corpora.

Slow: each runs the real segment and embed steps over a whole corpus (cached in /tmp).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bench(corpora):
    import importlib
    import sys

    from tests.conftest import ROOT
    sys.path.insert(0, str(ROOT))
    return importlib.import_module("bench.quality_stance")


def test_stance_quality_subreddit_agreement_floor(bench):
    score = bench.score_subreddit_agreement()
    assert score["n"] > 1000
    assert score["macro_f1"] >= 0.55, score


def test_stance_quality_microtexts_better_than_chance(bench):
    score = bench.score_microtexts()
    assert score["n"] > 100
    assert score["accuracy_decided"] > 0.5, score


def test_stance_quality_personal_attack_floor(bench):
    score = bench.score_personal_attack()
    assert score["n"] > 150
    assert score["f1"] >= 0.75, score
