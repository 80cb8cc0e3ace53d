"""Scores shared by the quality benchmarks and the training scripts (pure Python)."""

from __future__ import annotations


def f1_per_class(gold: list[str], pred: list[str], labels: tuple[str, ...]) -> dict[str, float]:
    """F1 of each label (a prediction outside ``labels`` counts as wrong for every label)."""
    out = {}
    for lab in labels:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=True))
        out[lab] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return out


def accuracy(gold: list[str], pred: list[str]) -> float:
    """Share of predictions equal to the gold label (0 for no items)."""
    return sum(g == p for g, p in zip(gold, pred, strict=True)) / max(len(gold), 1)
