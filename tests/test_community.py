"""A community's own stance head: learned from a review store's stance corrections
(argmap.community, Store.learn, `argmap review learn`) and used by analyze(store=...)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs

import argmap
from argmap import community as cm
from argmap.model import Comment, Thread
from argmap.store import MIGRATIONS, Store

# --- the head on hand-built arrays -------------------------------------------------------------


def _toy(n: int = 60, seed: int = 0):
    rng = np.random.default_rng(seed)
    y = np.array([i % 3 for i in range(n)])
    base = np.full((n, 3), 1 / 3)                              # a shipped model that knows nothing
    cues = np.eye(3)[y] + 0.2 * rng.normal(size=(n, 3))        # cues that do
    vecs = rng.normal(size=(n, 16))
    return base, cues, vecs, [cm.LABELS[i] for i in y]


def test_fit_learns_what_the_shipped_model_misses_and_reports_both_scores():
    base, cues, vecs, labels = _toy()
    head = cm.fit(base, cues, vecs, labels)
    assert head.n_examples == 60 and head.usable
    assert head.counts == {"support": 20, "attack": 20, "neutral": 20}
    assert head.cv_macro_f1 > head.shipped_macro_f1 + 0.3
    p = head.proba(base, cues, vecs)
    assert p.shape == (60, 3) and np.allclose(p.sum(axis=1), 1)
    assert np.mean(p.argmax(axis=1) == np.array([cm.LABELS.index(x) for x in labels])) > 0.9


def test_fit_keeps_the_shipped_model_when_there_is_nothing_to_learn():
    base, cues, vecs, labels = _toy(60)
    # a shipped model that is already right, and cues that are noise: no residual wins
    y = np.array([cm.LABELS.index(x) for x in labels])
    good = 0.1 + 0.7 * np.eye(3)[y]
    noise = np.random.default_rng(1).normal(size=cues.shape)
    head = cm.fit(good, noise, vecs, labels)
    assert np.allclose(head.proba(good, noise, vecs).argmax(axis=1), y)


def test_too_few_or_one_label_is_not_usable():
    base, cues, vecs, labels = _toy(12)
    assert not cm.fit(base, cues, vecs, labels).usable           # under MIN_EXAMPLES
    one = cm.fit(base[:30].repeat(1, axis=0), cues[:30], vecs[:30], ["attack"] * 30)
    assert not one.usable and one.n_examples == 30
    with pytest.raises(ValueError, match="unknown stance label 'agree'"):
        cm.fit(base[:2], cues[:2], vecs[:2], ["agree", "attack"])


def test_head_round_trips_through_json():
    base, cues, vecs, labels = _toy()
    head = cm.fit(base, cues, vecs, labels, cross_validate=False)
    back = cm.CommunityHead.from_json(head.to_json())
    assert back.n_examples == head.n_examples and back.lam == head.lam
    assert np.allclose(back.proba(base, cues, vecs), head.proba(base, cues, vecs), atol=1e-4)
    json.loads(head.to_json())  # plain JSON (no NaN / Infinity)


def test_knn_vote_is_a_distribution_and_skips_itself():
    vecs = np.eye(4)
    v = cm.knn_vote(vecs, vecs, np.array([0, 0, 1, 2]), exclude_self=True)
    assert v.shape == (4, 3) and np.allclose(v.sum(axis=1), 1)
    assert np.allclose(cm.knn_vote(vecs, np.zeros((0, 4)), np.zeros(0, dtype=int)), 1 / 3)


def test_store_schema_has_the_community_heads_table(tmp_path):
    import sqlite3
    s = Store(tmp_path / "r.db")
    con = sqlite3.connect(s.path)
    assert con.execute("SELECT version FROM schema_version").fetchone()[0] == len(MIGRATIONS) >= 2
    assert "weights" in [r[1] for r in con.execute("PRAGMA table_info(community_heads)")]
    assert s.community_head() is None


# --- the real models: corrections in a store, learn, re-analyse ------------------------------------

PARENTS = (
    "The council raised parking fees again without asking anyone.",
    "My landlord kept the whole deposit for a scratch on the door.",
    "The bus was forty minutes late for the third day running.",
    "They closed the library on Sundays to save money.",
    "The new phone update drains the battery by noon.",
    "Ticket prices for the final doubled overnight.",
    "The clinic cancelled my appointment by text an hour before.",
    "Our school cut the music programme this year.",
)
# this community's way of agreeing: a weary pile-on (the shipped model reads many as attacks)
PILE_ON = ("Typical. Nobody up there ever listens.", "Classic move from them, every single time.",
           "Figures. They pull this every year.")
REBUT = ("That is not what happened, it was all announced in public.",
         "Actually the rules allow exactly that.")


def _community_thread(tid: str, parents=PARENTS, pile=PILE_ON, rebut=REBUT) -> Thread:
    comments = [Comment("root", "", "Local gripes, week 12. Post yours below.", None, 0)]
    for i, p in enumerate(parents):
        pid = f"p{i}"
        comments.append(Comment(pid, f"u{i}", p, "root", len(comments)))
        for j, text in enumerate((*pile, *rebut)):
            comments.append(Comment(f"{pid}r{j}", f"v{i}{j}", text, pid, len(comments)))
    return Thread(tid, "Local gripes", "generic", tuple(comments))


def _gold(cid: str) -> str:
    return "support" if int(cid.rsplit("r", 1)[1]) < len(PILE_ON) else "attack"


def test_corrections_learn_and_reanalysis_uses_the_learned_head(tmp_path, nlp, encoder):
    thread = _community_thread("gripes-12")
    store = Store(tmp_path / "r.db")
    amap = argmap.analyze(thread, nlp=nlp, encoder=encoder)
    key = store.save_analysis(b"gripes-12", amap)
    replies = [c for c in thread.comments if "r" in c.id[1:]]
    # the moderator goes through the replies: corrects the wrong ones, confirms the right ones
    for c in replies:
        store.add_correction(key, "stance", c.id, _gold(c.id), author="mod")
    shipped_right = sum(amap.labels_for(c.id).stance.label == _gold(c.id) for c in replies)

    report = store.learn(encoder=encoder)
    assert report.n_examples == len(replies) == 40
    assert report.counts == {"support": 24, "attack": 16, "neutral": 0}
    assert report.shipped_macro_f1 == pytest.approx(
        cm.macro_f1(np.array([cm.LABELS.index(_gold(c.id)) for c in replies]),
                    np.array([cm.LABELS.index(amap.labels_for(c.id).stance.label) for c in replies])), abs=0.06)
    assert report.used and report.cv_macro_f1 > report.shipped_macro_f1
    assert "learned from 40 stance corrections" in report.summary()

    head = store.community_head()
    assert head is not None and head.usable and head.n_examples == 40
    again = argmap.analyze(thread, nlp=nlp, encoder=encoder, store=store)
    assert again.meta["stance_model"]["name"] == "learned from 40 of your corrections"
    assert again.meta["stance_model"]["n_examples"] == 40
    whys = [again.labels_for(c.id).stance.why for c in replies]
    assert all(w.endswith("learned from 40 of your corrections") for w in whys)
    assert sum(again.labels_for(c.id).stance.label == _gold(c.id) for c in replies) >= shipped_right

    # a new thread of the same community, never corrected: the learned head reads it too
    fresh = _community_thread("gripes-13", parents=("The pool is closed for repairs again.",
                                                    "Rents went up ten percent this spring."),
                              pile=("Figures. Every single summer.", "Typical. They never learn."))
    new = argmap.analyze(fresh, nlp=nlp, encoder=encoder, store=store)
    old = argmap.analyze(fresh, nlp=nlp, encoder=encoder)
    assert "stance_model" not in old.meta
    new_piles = [c.id for c in fresh.comments if "r" in c.id[1:] and int(c.id.rsplit("r", 1)[1]) < 2]
    assert (sum(new.labels_for(c).stance.label == "support" for c in new_piles)
            >= sum(old.labels_for(c).stance.label == "support" for c in new_piles))


def test_too_few_corrections_keep_the_shipped_model(tmp_path, nlp, encoder):
    thread = _community_thread("gripes-small", parents=PARENTS[:2])
    store = Store(tmp_path / "r.db")
    amap = argmap.analyze(thread, nlp=nlp, encoder=encoder)
    key = store.save_analysis(b"gripes-small", amap)
    for c in [c for c in thread.comments if "r" in c.id[1:]]:
        store.add_correction(key, "stance", c.id, _gold(c.id), author="mod")
    store.add_correction(key, "stance", "p0r0", "neutral", author="mod2")   # a later one wins
    report = store.learn(encoder=encoder)
    assert report.n_examples == 10 and not report.used
    assert report.counts["neutral"] == 1
    assert "until there are 20" in report.summary()
    again = argmap.analyze(thread, nlp=nlp, encoder=encoder, store=store)
    assert again.meta["stance_model"]["name"] == "shipped"
    assert all("learned from" not in lab.stance.why for lab in again.comment_labels)
    assert [lab.stance for lab in again.comment_labels] == [lab.stance for lab in amap.comment_labels]


def test_cli_review_learn(tmp_path, nlp, encoder):
    from click.testing import CliRunner

    from argmap.cli import cli

    db = tmp_path / "r.db"
    runner = CliRunner()
    missing = runner.invoke(cli, ["review", "learn", "--db", str(db)])
    assert missing.exit_code == 2 and "no review database there" in missing.output
    Store(db, create=True)
    empty = runner.invoke(cli, ["review", "learn", "--db", str(db)])
    assert empty.exit_code == 2 and "no stance corrections" in empty.output
    thread = _community_thread("gripes-cli", parents=PARENTS[:1])
    store = Store(db)
    key = store.save_analysis(b"gripes-cli", argmap.analyze(thread, nlp=nlp, encoder=encoder))
    for c in [c for c in thread.comments if "r" in c.id[1:]]:
        store.add_correction(key, "stance", c.id, _gold(c.id), author="mod")
    got = runner.invoke(cli, ["review", "learn", "--db", str(db)])
    assert got.exit_code == 0, got.output
    assert "learned from 5 stance corrections (3 support, 2 attack, 0 neutral)" in got.output
    assert "cross-validated macro-F1" in got.output and "shipped model" in got.output


def test_a_version_1_store_migrates_and_keeps_its_corrections(tmp_path):
    import sqlite3

    from argmap.store import migrate
    path = tmp_path / "v1.db"
    con = sqlite3.connect(path, isolation_level=None)
    assert migrate(con, MIGRATIONS[:1]) == 1
    con.execute("INSERT INTO corrections (uid, thread_key, kind, target, value, author, created) "
                "VALUES ('u1', 'k', 'stance', 'c1', 'attack', 'mod', '2026-01-01T00:00:00Z')")
    con.close()
    store = Store(path)
    assert store.stance_examples() == [("k", "c1", "attack")]
    assert store.community_head() is None
    base, cues, vecs, labels = _toy()
    for i in range(7):   # only the latest few learned heads are kept
        store.save_community_head(cm.fit(base, cues, vecs, labels, created=f"t{i}", cross_validate=False))
    assert store.community_head().created == "t6"
    n = sqlite3.connect(path).execute("SELECT count(*) FROM community_heads").fetchone()[0]
    assert n == 5


@settings(max_examples=40, deadline=None)
@given(n=hs.integers(0, 30), seed=hs.integers(0, 10_000), cv=hs.booleans())
def test_fit_never_fails_and_predicts_distributions(n, seed, cv):
    rng = np.random.default_rng(seed)
    base = rng.dirichlet(np.ones(3), size=n)
    cues = rng.normal(size=(n, 4)) * rng.integers(0, 2, size=(1, 4))   # some constant columns
    vecs = rng.normal(size=(n, 8))
    labels = [cm.LABELS[i] for i in rng.integers(0, 3, size=n)]
    head = cm.fit(base, cues, vecs, labels, cross_validate=cv)
    assert head.n_examples == n and 0.0 <= head.cv_macro_f1 <= 1.0
    new = rng.dirichlet(np.ones(3), size=5)
    p = head.proba(new, rng.normal(size=(5, 4)), rng.normal(size=(5, 8)))
    assert p.shape == (5, 3) and np.all(np.isfinite(p)) and np.allclose(p.sum(axis=1), 1)
    back = cm.CommunityHead.from_json(head.to_json())
    assert back.usable == head.usable
