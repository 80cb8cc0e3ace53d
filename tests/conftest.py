"""Shared fixtures. Models load once per test session; corpora come from ../shared
and tests that need them skip with a clear message when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
THREADS = ROOT / "threads"
SEED = THREADS / "russian-trolls-study.txt"
SHARED = Path(os.environ.get("ARGMAP_SHARED", ROOT.parent / "shared"))
CORPORA = SHARED / "corpora"


@pytest.fixture(scope="session")
def corpora() -> Path:
    """../shared/corpora, or skip."""
    if not CORPORA.is_dir():
        pytest.skip(f"corpora folder {CORPORA} is absent (set ARGMAP_SHARED to the shared/ folder)")
    return CORPORA


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():
    from argmap.resources import load_nlp
    return load_nlp()


@pytest.fixture(scope="session")
def encoder():
    from argmap.resources import load_encoder
    return load_encoder()


@pytest.fixture(scope="session")
def seed_map(nlp, encoder):
    """The seed thread analysed once per session with the real models."""
    import argmap
    return argmap.analyze(argmap.read_thread(SEED), nlp=nlp, encoder=encoder)
