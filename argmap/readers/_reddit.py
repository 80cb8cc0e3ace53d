"""What the two Reddit readers share: one API comment object to a :class:`Raw`."""

from __future__ import annotations

from typing import Any

from ._build import Raw, scalars
from ._json import Where, id_field, text_field
from ._text import strip_quote_marks, to_iso

META_FIELDS = ("score", "ups", "controversiality", "violated_rule", "delta", "permalink",
               "edited", "gilded", "distinguished", "stickied")


def unescape(text: str) -> str:
    """Reddit's JSON escapes ``& < >`` in bodies unless ``raw_json=1`` was asked for."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def name_of(d: dict[str, Any], where: Where, prefix: str = "t1_") -> str | None:
    """The fullname (``t1_abc``), from ``name`` or ``prefix + id``."""
    name = id_field(d, ("name",), where)
    if name:
        return name
    bare = id_field(d, ("id",), where)
    return prefix + bare if bare else None


def is_submission(d: dict[str, Any], where: Where) -> bool:
    """A post (``t3_``) rather than a comment."""
    name = id_field(d, ("name",), where) or ""
    return name.startswith("t3_") or ("selftext" in d and "body" not in d)


def comment_raw(d: dict[str, Any], where: Where, parent: str | None = None) -> Raw:
    """A comment object as a Raw: ``>`` quotes stripped and recorded, flags in meta."""
    body = text_field(d, ("body",), where)
    text, spans = strip_quote_marks(unescape(body))
    meta = {k: v for k, v in scalars(d).items() if k in META_FIELDS}
    if body.strip() in ("[deleted]", "[removed]"):
        meta[body.strip()[1:-1]] = True
    declared = id_field(d, ("parent_id",), where) or parent
    return Raw(id=name_of(d, where), parent=declared,
               author=text_field(d, ("author", "author_name"), where), text=text,
               created=to_iso(d.get("created_utc", d.get("created"))), where=where.label(),
               meta=meta, parent_quotes=spans)


def submission_raw(d: dict[str, Any], where: Where) -> tuple[Raw, str]:
    """A post object as the thread's root, and its title."""
    meta = {k: v for k, v in scalars(d).items() if k in META_FIELDS + ("url", "subreddit")}
    text = unescape(text_field(d, ("selftext", "body"), where))
    raw = Raw(id=name_of(d, where, "t3_"), parent=None,
              author=text_field(d, ("author", "author_name"), where), text=text,
              created=to_iso(d.get("created_utc", d.get("created"))), where=where.label(),
              meta=meta)
    return raw, unescape(text_field(d, ("title",), where))
