"""The review store on the real seed thread: corrections made on the real analysis
survive saving, a restart and a re-analysis with other model versions."""

from __future__ import annotations

import dataclasses

from conftest import SEED

from argmap.store import Store


def test_store_seed_corrections_survive_restart_and_reanalysis(seed_map, tmp_path):
    data = SEED.read_bytes()
    store = Store(tmp_path / "r.db")
    key = store.save_analysis(data, seed_map)
    assert store.latest(key) == seed_map
    reply = next(c for c in seed_map.thread.comments[1:] if not c.empty)
    store.add_correction(key, "stance", reply.id, "attack", author="t", note="checked")
    store.add_correction(key, "personal-attack", reply.id, "dismiss", author="t")
    if seed_map.units:
        store.add_correction(key, "unit-kind", seed_map.units[0].id, "question", author="t")

    restarted = Store(tmp_path / "r.db")
    newer = dataclasses.replace(seed_map, meta={**seed_map.meta, "models": {"spacy": "99"}})
    restarted.save_analysis(data, newer)
    fixed, problems = restarted.apply(key, restarted.latest(key))
    assert problems == []
    assert fixed.labels_for(reply.id).stance.label == "attack"
    assert fixed.labels_for(reply.id).stance.why.endswith(": checked")
    assert fixed.labels_for(reply.id).personal_attack.label == "none"
    assert len(fixed.meta["corrections"]) == len(restarted.corrections(key))
    assert fixed.meta["models"] == {"spacy": "99"}
