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


def test_stance_quality_microtexts_scores_every_edge(bench, corpora):
    import xml.etree.ElementTree as ET
    files = sorted((corpora / "arg-microtexts" / "corpus" / "en").glob("micro_*.xml"))
    edges = sum(e.get("type") in bench.MICRO_LABELS for f in files for e in ET.parse(f).getroot().iter("edge"))
    score = bench.score_microtexts()
    assert score["n"] == edges > 400
    assert 0 <= score["accuracy"] <= score["accuracy_decided"] <= 1


def test_stance_quality_personal_attack_floor(bench):
    score = bench.score_personal_attack()
    assert score["n"] > 150
    assert score["f1"] >= 0.75, score
