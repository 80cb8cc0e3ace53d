"""Page copies whose authors have unusual names: every comment comes back, or the reader says
which lines it could not place (``thread.warnings``); nothing is silently merged."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from readers_invariants import check_thread
from readers_writers import trees, write_page_copy

from argmap.errors import ThreadFormatError
from argmap.readers import parse_thread
from argmap.readers._pagetext import odd_name

ODD = st.one_of(
    st.sampled_from(["___", "_-_", "~~~", "KenW.", "22254534", "0100101010110", "🙂", "🙂🙂 🌍", "ñ_ñ",
                     "A Very Long Display Name With Many Words", "x" * 60, "#1 fan!!"]),
    st.from_regex(r"[_~=+#]{1,6}", fullmatch=True),
    st.from_regex(r"[0-9]{2,10}", fullmatch=True),
)


@st.composite
def odd_trees(draw):
    """A random tree whose comment authors are a mix of ordinary and unusual names."""
    nodes = draw(trees(min_comments=2, max_comments=10))
    out = [nodes[0]]
    for n in nodes[1:]:
        out.append(replace(n, author=draw(ODD)) if draw(st.booleans()) else n)
    return out


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(odd_trees(), st.sampled_from(["bullet", "says", "timed"]))
def test_pagecopy_odd_names_round_trip_or_warn(nodes, style):
    try:
        thread = parse_thread(write_page_copy(nodes, style))
    except ThreadFormatError as exc:   # only unusual names, no layout to confirm them: a clear error
        assert all(odd_name(n.author) for n in nodes[1:]) and "no recognisable comments" in str(exc)
        return
    check_thread(thread)
    got = [(c.author, c.text) for c in thread.comments[1:]]
    want = [(n.author, n.text) for n in nodes[1:]]
    if got != want:   # not read back: the reader must say which header lines it could not place
        missing = {a for a, _ in want} - {a for a, _ in got}
        assert thread.warnings, (got, want)
        assert all(any(repr(a) in w or a in w for w in thread.warnings) for a in missing)


def test_pagecopy_punctuation_name_is_a_header_not_merged():
    """The issue's case: '  • ___' was merged into the comment above."""
    text = ("Title\n\nThe article.\n\n  • ann\n\n    First point.\n\n  • ___\n\n    Second point.\n\n"
            "  • bob\n\n    Third point.\n")
    thread = parse_thread(text)
    assert [(c.author, c.text) for c in thread.comments[1:]] == [
        ("ann", "First point."), ("___", "Second point."), ("bob", "Third point.")]


def test_pagecopy_unplaced_header_line_is_reported():
    """A bullet line among the comments that no header rule takes is named in the warnings."""
    text = ("Title\n\nThe article.\n\n  • ann\n\n    First point.\n\n  • Well. That is all I have to say\n"
            "    Second point.\n\n  • bob\n\n    Third point.\n")
    thread = parse_thread(text)
    assert len(thread.comments) == 3
    assert any("line 9" in w and "could not be placed" in w for w in thread.warnings), thread.warnings


def test_odd_name_rules():
    assert all(odd_name(s) for s in ("___", "22254534", "🙂🙂", "KenW.", "x" * 60))
    assert not any(odd_name(s) for s in ("ann", "I think so. Yes", "3 hours ago", "Reply", "Share ›", "---"))


def test_pagecopy_odd_name_right_above_the_first_comment_is_reported():
    """Found by the round-trip property: an empty comment by '___' directly above the first
    comment's header was read into the article without a word; now the reader names the line."""
    thread = parse_thread("A title\n\nArticle.\n\n  • ___\n  • ___\n\n    aa\n\n  • ___\n\n    aa\n\n")
    assert [(c.author, c.text) for c in thread.comments[1:]] == [("___", "aa"), ("___", "aa")]
    assert any(w.startswith("line 5:") and "'• ___'" in w and "the article" in w for w in thread.warnings)


def write_chat(nodes) -> str:
    """A chat-style page copy ('Name: text', a blank line between messages, page order)."""
    parts = ["A title", "", nodes[0].text or "Article.", ""]
    for n in nodes[1:]:
        first, _, rest = n.text.partition("\n")
        parts += [f"{n.author}: {first}" + (f"\n{rest}" if rest else ""), ""]
    return "\n".join(parts) + "\n"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(odd_trees())
def test_pagecopy_chat_odd_names_round_trip_or_warn(nodes):
    """The same on a chat page: an unusual name that speaks twice or more is a speaker; once, the
    reader names its line."""
    # a chat line has text; "10: text" is a list item, not a speaker: chat handles of digits are long
    nodes = [nodes[0]] + [replace(n, text=n.text or "ok", author=n.author if not n.author.isdigit()
                                  or len(n.author) >= 5 else n.author + "000") for n in nodes[1:]]
    try:
        thread = parse_thread(write_chat(nodes))
    except ThreadFormatError as exc:   # fewer than two speakers it can tell: a clear error
        assert "no recognisable comments" in str(exc)
        return
    check_thread(thread)
    got = [(c.author, c.text) for c in thread.comments[1:]]
    want = [(n.author, n.text) for n in nodes[1:]]
    if got != want:
        missing = {a for a, _ in want} - {a for a, _ in got}
        assert thread.warnings, (got, want)
        assert all(any(a in w for w in thread.warnings) for a in missing), (missing, thread.warnings)


def write_vbulletin(nodes) -> str:
    """A vBulletin page copy: a post bar, the author, a member block, the post, 'Reply With Quote'."""
    parts = ["A title", "", nodes[0].text or "Article.", ""]
    for k, n in enumerate(nodes[1:], 1):
        parts += [f"Old 05-{k % 28 + 1:02d}-2023, 09:{k % 60:02d} AM   #{k}", n.author, "Member",
                  "Join Date: Feb 2015", f"Posts: {k}", "Default", n.text, "Reply With Quote"]
    return "\n".join(parts) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(odd_trees())
def test_pagecopy_vbulletin_odd_names_round_trip_or_warn(nodes):
    """On a vBulletin page the post bar confirms the line under it is an author, whatever the name."""
    thread = parse_thread(write_vbulletin(nodes))
    check_thread(thread)
    got = [(c.author, c.text) for c in thread.comments[1:]]
    want = [(n.author, n.text.strip()) for n in nodes[1:]]
    if got != want:
        missing = {a for a, _ in want} - {a for a, _ in got}
        assert thread.warnings, (got, want)
        assert all(any(a in w for w in thread.warnings) for a in missing), (missing, thread.warnings)
