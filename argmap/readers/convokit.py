"""ConvoKit ``utterances.jsonl``: one utterance per line with ``id``, ``reply_to``,
``speaker`` (``user`` in older corpora), ``text``, ``timestamp``; a JSON list works too.

The utterance with ``reply_to: null`` is the conversation's root; a file holding several
conversations gets a new empty root that each conversation root replies to.

Example:
    >>> t = parse('{"id": "u0", "reply_to": null, "speaker": "op", "text": "Post"}\\n'
    ...           '{"id": "u1", "reply_to": "u0", "speaker": "ann", "text": "Reply", "timestamp": 0}')
    >>> [(c.id, c.parent_id, c.created) for c in t.comments]
    [('u0', None, None), ('u1', 'u0', '1970-01-01T00:00:00Z')]
"""

from __future__ import annotations

from ..model import Thread
from ..settings import DEFAULT, Settings
from ._json import Where, json_type, loads_document_or_lines, located_records
from .generic_json import build_flat

NAME = "convokit"
DESCRIPTION = "ConvoKit utterances.jsonl (id, reply_to, speaker, text, timestamp)"

FIELDS = {
    "id": ("id",),
    "parent": ("reply_to",),
    "author": ("speaker", "user"),
    "text": ("text",),
    "created": ("timestamp",),
}


def parse(text: str, *, source: str = "<text>", settings: Settings = DEFAULT) -> Thread:
    """Parse ConvoKit utterances into a Thread (see the module docstring)."""
    data, is_lines = loads_document_or_lines(text, source)
    items = located_records(data, is_lines, source)
    if items is None:
        if not isinstance(data, dict):
            raise Where(source).error(f"expected utterance objects, found {json_type(data)}")
        items = [(Where(source, 1), data)]
    return build_flat(NAME, items, source, settings, fields=FIELDS)
