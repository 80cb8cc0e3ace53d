"""Property tests (hypothesis): every reader, given anything, returns a Thread that keeps the
invariants or raises ThreadFormatError, and random trees written in each format come back
with the same parents, authors and texts."""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from readers_invariants import check_thread
from readers_writers import STRUCTURED, trees, write_page_copy

from argmap.errors import ThreadFormatError
from argmap.readers import FORMATS, READERS, parse_thread, sniff
from argmap.settings import Settings

ALL = ["auto", *FORMATS]
# ARGMAP_FUZZ_EXAMPLES=2000 for a long fuzzing run; the default keeps the suite quick.
EXAMPLES = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "60"))
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TREES = settings(max_examples=max(EXAMPLES * 2 // 3, 10), deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])
SMALL = Settings(max_comments=200, max_depth=50)


def _read_or_refuse(data, fmt: str) -> None:
    """The contract: a Thread that keeps the invariants, or one ThreadFormatError."""
    try:
        thread = parse_thread(data, fmt, source="fuzz.in", settings=SMALL)
    except ThreadFormatError as exc:
        assert str(exc).startswith("fuzz.in") and "\n" not in str(exc)
        assert "please report this as a bug" not in str(exc), str(exc)
        return
    check_thread(thread)


def _module_read_or_refuse(text: str, fmt: str) -> None:
    """The same contract for a reader module called directly (no safety net around it)."""
    try:
        thread = READERS[fmt].parse(text, source="fuzz.in", settings=SMALL)
    except ThreadFormatError:
        return
    check_thread(thread)


@FAST
@given(st.binary(max_size=600))
def test_readers_properties_random_bytes(data):
    for fmt in ALL:
        _read_or_refuse(data, fmt)


@FAST
@given(st.text(max_size=600))
def test_readers_properties_random_text(text):
    for fmt in FORMATS:
        _module_read_or_refuse(text, fmt)
    _read_or_refuse(text, "auto")


KEYS = ["id", "name", "parent_id", "parent", "link_id", "author", "author_name", "body", "text",
        "kind", "data", "children", "replies", "kids", "by", "reply_to", "speaker", "timestamp",
        "created_utc", "created_at", "time", "title", "selftext", "count", "type", "comments"]
IDS = st.one_of(st.sampled_from(["a", "b", "c", "t1_a", "t1_b", "t3_a", "1", "2", ""]),
                st.integers(-2, 3), st.none(), st.booleans(), st.floats(allow_nan=True),
                st.just([]), st.just({}))
SCALAR = st.one_of(IDS, st.text(max_size=20), st.sampled_from(["Listing", "t1", "t3", "more", "story"]))
JSONISH = st.recursive(
    SCALAR, lambda kids: st.one_of(st.lists(kids, max_size=4),
                                   st.dictionaries(st.sampled_from(KEYS), kids, max_size=6)),
    max_leaves=25)


@FAST
@given(JSONISH)
def test_readers_properties_structured_but_wrong_json(value):
    text = json.dumps(value)
    for fmt in FORMATS:
        _module_read_or_refuse(text, fmt)
    _read_or_refuse(text, "auto")


# well-typed records whose ids come from a small pool, so cycles, duplicates, orphans and
# children before parents are common (wrong types are the previous test's business)
OK_IDS = st.one_of(st.sampled_from(["a", "b", "c", "t1_a", "t1_b", "t3_a", "1", "2"]), st.integers(0, 3),
                   st.none())
RECORD = st.fixed_dictionaries(
    {"id": OK_IDS},
    optional={k: OK_IDS for k in ("parent_id", "parent", "reply_to", "name", "link_id")}
    | {"kids": st.lists(OK_IDS, max_size=3), "text": st.text(max_size=20), "body": st.text(max_size=20),
       "author": st.text(max_size=20), "speaker": st.text(max_size=20)})


@FAST
@given(st.lists(RECORD, max_size=12), st.booleans())
def test_readers_properties_records_with_cycles_duplicates_orphans(records, as_lines):
    text = "\n".join(json.dumps(r) for r in records) if as_lines else json.dumps(records)
    for fmt in ("generic-json", "convokit", "reddit-jsonl", "hackernews"):
        _module_read_or_refuse(text, fmt)
    _read_or_refuse(text, "auto")


PAGE_LINES = st.sampled_from([
    "  • ann", "• Bob Smith", "  • ", "•", "Jo says:", "Mary Jones", "3 hours ago", "an hour ago",
    "March 3, 2024 at 9:12 am", "Reply", "Like · Reply · 3h", "12", "Share ›", "    indented text",
    "plain text line.", "", "    ", "\t• tab", "Ann • 2 days ago", "> quoted", "* star", "-",
    "alice 4 hours ago | parent | next [–]", "bob 3 hours ago | root | parent | next [–]", "reply",
    "[–]tram_fan 42 points 4 hours ago", "permalinkembedsaveparentreportreply", "Like", "3h", "-4",
    "Omar Reyes  Helen Marsh • 2 days ago", "Avatar", "Karen L.", "Denver, CO", "Most relevant",
    "148 points by someone 9 hours ago | hide | past | favorite | 61 comments", "r/sub", "·", "4 hr. ago",
    "Alice: I think so.", "Bob Lee: no way", "Note: x", "Ask HN: title"])


@FAST
@given(st.lists(PAGE_LINES, max_size=30))
def test_readers_properties_page_copy_line_soup(lines):
    _module_read_or_refuse("\n".join(lines), "page-copy")


DISQUS_PARTS = st.sampled_from([
    '<thread dsq:id="1"><title>T</title></thread>', '<post dsq:id="1"><thread dsq:id="1"/></post>',
    '<post dsq:id="2"><message>&lt;p&gt;x</message><thread dsq:id="1"/><parent dsq:id="1"/></post>',
    '<post dsq:id="2"><thread dsq:id="2"/><parent dsq:id="2"/></post>', '<post><isSpam>true</isSpam></post>',
    '<post dsq:id="3"><parent dsq:id="9"/><isDeleted>true</isDeleted></post>', "<post", "</post>", "&amp;"])


@FAST
@given(st.lists(DISQUS_PARTS, max_size=8))
def test_readers_properties_disqus_fragments(parts):
    doc = '<disqus xmlns:dsq="http://disqus.com/disqus-internals">' + "".join(parts) + "</disqus>"
    _module_read_or_refuse(doc, "disqus")


@TREES
@given(trees())
def test_readers_properties_round_trip_structured(nodes):
    for name, write in STRUCTURED.items():
        text, ids, order = write(nodes)
        fmt = name.removesuffix("-flat")
        assert sniff(text) == fmt, name
        thread = parse_thread(text)
        check_thread(thread)
        assert [c.id for c in thread.comments] == [ids[i] for i in order], name
        for i, node in enumerate(nodes):
            c = thread.get(ids[i])
            assert (c.author, c.text) == (node.author, node.text), name
            if i:
                assert c.parent_id == ids[node.parent] and c.parent.source == "explicit", name
        assert not thread.warnings, (name, thread.warnings)


@TREES
@given(trees(min_comments=1), st.sampled_from(["bullet", "says", "timed"]))
def test_readers_properties_round_trip_page_copy(nodes, style):
    """A page copy needs at least one comment (none is "no recognisable comments")."""
    text = write_page_copy(nodes, style)
    thread = parse_thread(text)
    check_thread(thread)
    assert sniff(text) == "page-copy" and thread.meta["header_style"] == style
    assert [(c.author, c.text) for c in thread.comments[1:]] == [(n.author, n.text) for n in nodes[1:]]
    assert all(c.parent.source == "inferred" for c in thread.comments[1:])


@TREES
@given(trees(min_comments=1), st.sampled_from(["hn", "oldreddit", "replyto", "footer"]))
def test_readers_properties_round_trip_page_copy_that_shows_the_tree(nodes, style):
    """Copies whose headers still show part of the tree: every comment read back, and every
    parent the page states is the true one (the rest left to reconstruction, marked)."""
    from readers_writers import depths, handle, write_page_copy_shown
    text, order = write_page_copy_shown(nodes, style)
    thread = parse_thread(text)
    check_thread(thread)
    assert thread.meta["header_style"] == {"replyto": "timed"}.get(style, style)
    got = thread.comments[1:]
    assert len(got) == len(order)
    depth, pos = depths(nodes), {i: k for k, i in enumerate(order, 1)}
    for c, i in zip(got, order, strict=True):
        n = nodes[i]
        name = handle(n.author, style) if style in ("hn", "oldreddit") else n.author
        text_want = n.text.replace("\n\n", "\n") if style == "footer" else n.text
        assert (c.author, c.text) == (name, text_want)
        true_parent = "root" if depth[i] == 1 else f"c{pos[n.parent]}"
        if c.parent.source == "explicit":
            assert c.parent_id == true_parent or (style == "replyto" and
                                                  thread.get(c.parent_id).author == nodes[n.parent].author)
        if style in ("hn", "oldreddit"):
            assert (c.parent.source == "explicit") or c.meta.get("page_reply")
            assert (depth[i] == 1) == (c.parent_id == "root" and c.parent.source == "explicit")
