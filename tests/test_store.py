"""The review store on hand-built maps: analyses, corrections that survive
re-analysis and a restart, the log and undo, export/import, schema migrations."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3

import pytest
from handmade import hostile_map, small_map

from argmap.corrections import CorrectionError
from argmap.exporters.schemas import validate
from argmap.model import ArgumentMap
from argmap.store import MIGRATIONS, Store, StoreError, default_path, migrate, thread_key

INPUT = b"the bytes of the thread file"


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "reviews.db")


@pytest.fixture
def key(store):
    return store.save_analysis(INPUT, small_map())


def reanalysed(amap: ArgumentMap, version: str) -> ArgumentMap:
    """The same thread as a newer model might analyse it: other versions, one unit gone."""
    units = tuple(u for u in amap.units if u.id != "c4:0")
    return dataclasses.replace(amap, units=units, meta={**amap.meta, "models": {"spacy": version}})


def test_store_creates_file_with_wal_and_schema_version(tmp_path):
    s = Store(tmp_path / "sub" / "r.db")
    con = sqlite3.connect(s.path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("SELECT version FROM schema_version").fetchall() == [(len(MIGRATIONS),)]
    Store(s.path)  # reopening migrates nothing and keeps one version row
    assert con.execute("SELECT count(*) FROM schema_version").fetchone()[0] == 1


def test_store_default_path_follows_env(monkeypatch, tmp_path):
    monkeypatch.setenv("ARGMAP_DB", str(tmp_path / "env.db"))
    assert default_path() == tmp_path / "env.db"
    assert Store().path == tmp_path / "env.db"
    monkeypatch.delenv("ARGMAP_DB")
    assert default_path().parts[-2:] == (".argmap", "reviews.db")


def test_store_migrates_an_older_file_and_refuses_a_newer_one(tmp_path):
    path = tmp_path / "old.db"
    con = sqlite3.connect(path, isolation_level=None)
    assert migrate(con, MIGRATIONS) == len(MIGRATIONS)
    extra = (*MIGRATIONS, "ALTER TABLE threads ADD COLUMN url TEXT; CREATE INDEX t_url ON threads (url);")
    assert migrate(con, extra) == len(MIGRATIONS) + 1
    assert "url" in [r[1] for r in con.execute("PRAGMA table_info(threads)")]
    con.close()
    with pytest.raises(StoreError, match="upgrade argmap"):
        Store(path)


def test_store_failed_migration_rolls_back(tmp_path):
    con = sqlite3.connect(tmp_path / "m.db", isolation_level=None)
    migrate(con, MIGRATIONS)
    with pytest.raises(sqlite3.OperationalError):
        migrate(con, (*MIGRATIONS, "CREATE TABLE fine (x); ALTER TABLE nowhere ADD COLUMN y;"))
    assert con.execute("SELECT version FROM schema_version").fetchone()[0] == len(MIGRATIONS)
    assert "fine" not in [r[0] for r in con.execute("SELECT name FROM sqlite_master")]


def test_store_not_a_database_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable review database"):
        Store(bad)


def test_store_saves_and_lists_analyses(store, key):
    assert key == hashlib.sha256(INPUT).hexdigest() == thread_key(INPUT)
    assert store.latest(key) == small_map()
    [rec] = store.threads()
    assert (rec.key, rec.thread_id, rec.title, rec.n_comments, rec.n_corrections) == (
        key, "t1", "Does a sugar tax work?", 4, 0)
    store.save_analysis(INPUT, small_map())  # same settings and models: replaced, not added
    store.save_analysis(INPUT, reanalysed(small_map(), "9.9"))
    con = sqlite3.connect(store.path)
    assert con.execute("SELECT count(*) FROM analyses").fetchone()[0] == 2
    assert store.latest(key) == reanalysed(small_map(), "9.9")
    assert store.latest("0" * 64) is None


def test_store_hostile_text_survives(store):
    k = store.save_analysis(b"hostile", hostile_map())
    assert store.latest(k) == hostile_map()


def test_store_correction_survives_reanalysis_and_restart(store, key, tmp_path):
    store.add_correction(key, "stance", "c2", "support", author="ann", note="sarcasm")
    store.add_correction(key, "unit-kind", "c4:0", "claim", author="ann")
    store.add_correction(key, "personal-attack", "c2", "dismiss", author="bob")

    restarted = Store(tmp_path / "reviews.db")  # a new process would do exactly this
    new = reanalysed(small_map(), "4.0")        # a new model version analyses the thread again
    restarted.save_analysis(INPUT, new)
    fixed, problems = restarted.apply(key, restarted.latest(key))

    assert fixed.labels_for("c2").stance.label == "support"
    assert fixed.labels_for("c2").stance.why == (
        f"corrected by ann on {restarted.corrections(key)[0].created[:10]}: sarcasm")
    assert fixed.labels_for("c2").personal_attack.label == "none"
    assert [p.correction.target for p in problems] == ["c4:0"]  # reported, not dropped
    assert len(restarted.corrections(key)) == 3                  # and still stored
    assert fixed.meta["models"] == {"spacy": "4.0"}


def test_store_records_before_and_logs_every_change(store, key):
    cid = store.add_correction(key, "stance", "c3", "attack", author="ann")
    cid2 = store.add_correction(key, "stance", "c3", "neutral", author="bob")
    assert [c.before for c in store.corrections(key)] == ["support", "attack"]
    undone = store.undo(cid2, author="cat")
    assert undone.id == cid2
    hist = store.history(key)
    assert [(h.action, h.author, h.before, h.after) for h in hist] == [
        ("add", "ann", "support", "attack"), ("add", "bob", "attack", "neutral"),
        ("undo", "cat", "neutral", "attack")]  # before the undo c3 showed neutral, after attack
    assert [h.correction_id for h in hist] == [cid, cid2, cid2]
    fixed, _ = store.apply(key, small_map())
    assert fixed.labels_for("c3").stance.label == "attack"
    with pytest.raises(StoreError, match="already undone"):
        store.undo(cid2, author="cat")
    with pytest.raises(StoreError, match="no correction #999"):
        store.undo(999, author="cat")


def test_store_rejects_bad_corrections(store, key):
    with pytest.raises(CorrectionError, match="unknown correction kind"):
        store.add_correction(key, "colour", "c1", "red", author="ann")
    with pytest.raises(CorrectionError, match="not in the thread"):
        store.add_correction(key, "stance", "c99", "support", author="ann")
    with pytest.raises(CorrectionError, match="author"):
        store.add_correction(key, "stance", "c1", "support", author=" ")
    assert store.corrections(key) == [] and store.history(key) == []


def test_store_correction_before_any_analysis_is_kept(store):
    cid = store.add_correction("f" * 64, "stance", "c1", "attack", author="ann")
    assert [c.id for c in store.corrections("f" * 64)] == [cid]
    assert store.corrections("f" * 64)[0].before is None


def test_store_resolve_by_prefix_and_thread_id(store, key):
    assert store.resolve(key) == key
    assert store.resolve(key[:8]) == key
    assert store.resolve("t1") == key
    with pytest.raises(StoreError, match="no thread"):
        store.resolve("nope")
    store.save_analysis(b"other bytes", small_map())  # same thread id, other input
    with pytest.raises(StoreError, match="matches 2 threads"):
        store.resolve("t1")


def test_store_export_import_round_trip_is_idempotent(store, key, tmp_path):
    store.add_correction(key, "stance", "c2", "support", author="ann")
    cid = store.add_correction(key, "source", "New York Times", "verified", author="ann", note="checked")
    store.undo(cid, author="bob")
    doc = store.export(analyses=True)
    validate(json.loads(json.dumps(doc)), "argmap-reviews-1")

    other = Store(tmp_path / "other.db")
    counts = other.import_(doc)
    assert counts == {"threads": 1, "corrections": 2, "undone": 0, "log": 3, "analyses": 1}
    assert other.import_(doc) == dict.fromkeys(counts, 0)
    strip = [dataclasses.replace(c, id=None) for c in store.corrections(key)]
    assert [dataclasses.replace(c, id=None) for c in other.corrections(key)] == strip
    assert [(h.action, h.before, h.after) for h in other.history(key)] == [
        (h.action, h.before, h.after) for h in store.history(key)]
    assert other.latest(key) == store.latest(key)


def test_store_import_merges_an_undo_made_elsewhere(store, key, tmp_path):
    cid = store.add_correction(key, "stance", "c2", "support", author="ann")
    other = Store(tmp_path / "other.db")
    other.import_(store.export())
    store.undo(cid, author="bob")
    counts = other.import_(store.export(key))
    assert counts["undone"] == 1 and other.corrections(key) == []


def test_store_import_rejects_foreign_documents(store):
    with pytest.raises(StoreError, match="argmap-reviews/1"):
        store.import_({"schema": "argmap/1"})
    with pytest.raises(StoreError, match="malformed"):
        store.import_({"schema": "argmap-reviews/1", "corrections": [{"kind": "stance"}]})
    with pytest.raises(StoreError, match="malformed"):
        store.import_({"schema": "argmap-reviews/1", "corrections": [
            {"uid": "u", "thread_key": "k", "kind": "stance", "target": "c1", "value": "angry"}]})
    assert store.export()["corrections"] == []


def test_store_undo_logs_the_value_that_applies_again(store, key):
    first = store.add_correction(key, "personal-attack", "c2", "dismiss", author="ann")
    second = store.add_correction(key, "personal-attack", "c2", "confirm", author="bob")
    store.undo(first, author="cat")   # out of order: the later correction still applies
    store.undo(second, author="cat")  # now the analysis's own flag applies again
    assert [(h.before, h.after) for h in store.history(key)] == [
        ("personal-attack", "none"), ("none", "personal-attack"),
        ("personal-attack", "personal-attack"), ("personal-attack", "personal-attack")]
