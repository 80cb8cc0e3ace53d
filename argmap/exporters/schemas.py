"""The JSON Schemas of the JSON exports (``argmap/data/schema/*.schema.json``).

Example:
    >>> from argmap.model import ArgumentMap, Comment, Thread
    >>> amap = ArgumentMap(thread=Thread("t", "T", "generic", (Comment("root", "", "Hi", None, 0),)))
    >>> validate(amap.to_dict(), "argmap-1")
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

NAMES = ("argmap-1", "aif", "argmap-reviews-1")


@cache
def load_schema(name: str) -> dict[str, Any]:
    """The schema ``name`` (one of :data:`NAMES`) as a dict."""
    if name not in NAMES:
        raise ValueError(f"unknown schema {name!r}; expected one of {', '.join(NAMES)}")
    text = resources.files("argmap").joinpath(f"data/schema/{name}.schema.json").read_text("utf-8")
    return json.loads(text)


def validate(document: Any, name: str) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``document`` fits schema ``name``."""
    import jsonschema

    schema = load_schema(name)
    jsonschema.Draft202012Validator(schema, format_checker=None).validate(document)
