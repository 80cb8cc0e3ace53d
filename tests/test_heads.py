"""Head files: save/load round trip, logreg and mlp inference, input checks."""

from __future__ import annotations

import numpy as np
import pytest

from argmap.heads import load_head, save_head


def test_heads_logreg_softmax_round_trip(tmp_path):
    W = np.array([[1.0, -1.0, 0.0], [0.0, 2.0, -2.0]])
    path = tmp_path / "h.npz"
    save_head(path, kind="logreg", classes=["a", "b", "c"], features=["x", "y"], meta={"note": "t"},
              W=W, b=np.zeros(3), mean=np.zeros(2), scale=np.ones(2))
    head = load_head(path)
    X = np.array([[1.0, 0.0], [0.0, 3.0]])
    p = head.predict_proba(X)
    assert p.shape == (2, 3) and np.allclose(p.sum(axis=1), 1.0)
    assert head.predict(X) == ["a", "b"]
    assert head.meta == {"note": "t"}


def test_heads_mlp(tmp_path):
    path = tmp_path / "m.npz"
    save_head(path, kind="mlp", classes=["no", "yes"], features=["x"],
              W1=np.array([[1.0, -1.0]]), b1=np.zeros(2), W2=np.array([[0.0, 3.0], [0.0, -3.0]]), b2=np.zeros(2))
    p = load_head(path).predict_proba(np.array([[2.0], [-2.0]]))
    assert p[0, 1] > 0.99 and p[1, 1] < 0.01


def test_heads_reject_wrong_width_and_missing_arrays(tmp_path):
    path = tmp_path / "w.npz"
    save_head(path, kind="logreg", classes=["n", "y"], features=["x"], W=np.ones((1, 1)), b=np.zeros(1))
    with pytest.raises(ValueError):
        load_head(path).predict_proba(np.ones((1, 2)))
    with pytest.raises(ValueError):
        save_head(tmp_path / "bad.npz", kind="mlp", classes=["a"], features=["x"], W=np.ones((1, 1)))


def test_heads_temperature_softens_but_keeps_the_argmax(tmp_path):
    import numpy as np

    from argmap.heads import load_head, save_head
    X = np.array([[2.0], [-1.0], [0.3]])
    for name, meta in (("plain", {}), ("warm", {"temperature": 2.0})):
        save_head(tmp_path / f"{name}.npz", kind="logreg", classes=["a", "b"], features=["x"],
                  meta=meta, W=np.array([[1.0, -1.0]]), b=np.array([0.0, 0.0]))
    plain, warm = load_head(tmp_path / "plain.npz"), load_head(tmp_path / "warm.npz")
    p, q = plain.predict_proba(X), warm.predict_proba(X)
    assert (p.argmax(1) == q.argmax(1)).all()
    assert (q.max(1) < p.max(1)).all() and np.allclose(q.sum(1), 1)


def test_heads_shipped_stance_head_is_calibrated_on_out_of_fold_predictions():
    from argmap.heads import load_head
    assert 1.0 <= load_head("stance_head").meta["temperature"] <= 5.0
