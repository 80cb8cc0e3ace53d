"""The Thread invariants every reader keeps, as one checker the reader tests share."""

from __future__ import annotations

import json
import re

from argmap.model import PARENT_SOURCES, ArgumentMap, Thread

ISO_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def check_thread(t: Thread) -> None:
    """Assert the reader contract: root first, parents before children, unique ids, ..."""
    assert isinstance(t, Thread) and t.comments
    root = t.comments[0]
    assert root.parent_id is None and root.parent is not None and root.parent.source == "root"
    seen: set[str] = set()
    for i, c in enumerate(t.comments):
        assert isinstance(c.id, str) and c.id and c.id not in seen, c.id
        assert c.index == i
        assert isinstance(c.author, str) and isinstance(c.text, str)
        assert c.created is None or ISO_UTC.fullmatch(c.created), c.created
        if i:
            assert c.parent_id in seen, (c.id, c.parent_id)  # parent exists and comes first
            assert c.parent is not None and c.parent.source in PARENT_SOURCES[1:]
            assert 0.0 <= c.parent.confidence <= 1.0 and c.parent.why
        seen.add(c.id)
        for q in c.quotes:
            assert 0 <= q.start < q.end <= len(c.text)
            assert q.source_id is None or q.source_id in t
    json.dumps([dict(c.meta) for c in t.comments], allow_nan=False)
    json.dumps([list(t.warnings), dict(t.meta)], allow_nan=False)
    amap = ArgumentMap(thread=t)
    assert ArgumentMap.from_json(amap.to_json()) == amap
