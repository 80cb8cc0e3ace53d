"""Hostile and huge input (issue 14): adversarial text through every reader and the whole
pipeline ends in a map or one ThreadFormatError/ArgmapError line; the review store's failure
modes end in one line; limits are the documented ones. Times are measured by
``bench/pathology.py``, never asserted here."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from readers_invariants import check_thread
from readers_writers import (
    Node,
    write_disqus,
    write_generic_csv,
    write_generic_json,
    write_hn_tree,
    write_page_copy,
)

import argmap
import argmap.workflow
from argmap.cli import cli
from argmap.errors import ArgmapError, ThreadFormatError
from argmap.pipeline import STEP_NAMES
from argmap.readers import FORMATS, parse_thread, sniff
from argmap.readers._json import MAX_NESTING
from argmap.readers._text import html_to_text
from argmap.settings import DEFAULT
from argmap.steps import segment as segment_step
from argmap.store import Store, StoreError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "40"))
FAST = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PIPELINE = settings(max_examples=max(EXAMPLES // 5, 4), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --- adversarial text ------------------------------------------------------------------
RUN_CHARS = st.sampled_from(list('(("\'$*_#<>&;:,.!?-=|\\/\u201c\u2022\u00a0\t\n 1aA') + ["\ufffd", "\U0001f600"])
UNITS = st.sampled_from(["Word ", "1,", "reported A ", "<a ", "(", '"', "I copied this:\n\n", ":)", "$a",
                         "Dr. ", "http://x.org/", "According to ", "A. ", "&amp;", "<p>", "</a>", "> ",
                         "\u2022 ", "you? ", "\\u", "100% ", "1 dollars "])


@st.composite
def hostile_text(draw, max_repeat: int = 400) -> str:
    """Long runs of one character, repeated pathological units, nested brackets and quotes,
    markup soup, digit and capitalised runs, mixed with a little prose."""
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.integers(0, 4))
        if kind == 0:
            parts.append(draw(RUN_CHARS) * draw(st.integers(1, max_repeat)))
        elif kind == 1:
            parts.append(draw(UNITS) * draw(st.integers(1, max_repeat // 4)))
        elif kind == 2:
            depth = draw(st.integers(1, max_repeat // 2))
            opener, closer = draw(st.sampled_from([("(", ")"), ("[", "]"), ("{", "}"), ('"', '"'),
                                                   ("\u201c", "\u201d"), ("<b>", "</b>")]))
            parts.append(opener * depth + "x" + closer * depth)
        elif kind == 3:
            parts.append(draw(st.text(max_size=60)))
        else:
            parts.append("The study found no effect, and the report says 3,500 accounts posted.")
    return draw(st.sampled_from([" ", "\n", "\n\n", ""])).join(parts)


def _threads(text: str) -> list[tuple[str, str]]:
    """``text`` as the second comment of a small thread in several formats."""
    nodes = [Node(None, "Op", "An article about a study."), Node(0, "Ann", "I read it."),
             Node(1, "Bob", text), Node(2, "Cat", "Is that right?")]
    return [("page-copy", write_page_copy(nodes)), ("hackernews", write_hn_tree(nodes)[0]),
            ("disqus", write_disqus(nodes)[0]), ("generic-json", write_generic_json(nodes)[0]),
            ("generic-csv", write_generic_csv(nodes)[0])]


def _read_or_refuse(data, fmt: str):
    try:
        thread = parse_thread(data, fmt, source="hostile.in")
    except ThreadFormatError as exc:
        assert str(exc).startswith("hostile.in") and "\n" not in str(exc)
        assert "please report this as a bug" not in str(exc), str(exc)
        return None
    check_thread(thread)
    return thread


@FAST
@given(hostile_text())
def test_hostile_input_every_reader_reads_or_refuses_in_one_line(text):
    for fmt, data in _threads(text):
        _read_or_refuse(data, fmt)
        _read_or_refuse(data.encode("utf-8"), "auto")
    for fmt in FORMATS:
        _read_or_refuse(text, fmt)


@FAST
@given(st.binary(max_size=300), st.sampled_from(["page-copy", "generic-json", "generic-csv"]))
def test_hostile_input_invalid_and_mixed_encodings(junk, fmt):
    text = dict(_threads("caf\u00e9 \u2022 na\u00efve"))[fmt].encode("utf-8")
    _read_or_refuse(text[:40] + junk + text[40:], fmt)
    _read_or_refuse(text.decode("utf-8").encode("cp1252", errors="replace") + junk, fmt)


@PIPELINE
@given(hostile_text(max_repeat=2000))
def test_hostile_input_whole_pipeline_ends_in_a_map_or_one_error(nlp, encoder, text):
    thread = _read_or_refuse(write_page_copy([Node(None, "Op", "An article."), Node(0, "Ann", text),
                                              Node(1, "Bob", "Why?")]), "page-copy")
    if thread is None:
        return
    try:
        amap = argmap.analyze(thread, nlp=nlp, encoder=encoder)
    except ArgmapError as exc:
        assert "\n" not in str(exc)
        return
    texts = {c.id: c.text for c in thread.comments}
    for u in amap.units:
        assert texts[u.comment_id][u.start:u.end] == u.text
    amap.to_json().encode("utf-8")


# --- spaCy gets bounded pieces; offsets stay exact ----------------------------------------

@FAST
@given(hostile_text(max_repeat=600), st.integers(50, 400))
def test_hostile_input_spacy_pieces_cover_the_text_with_the_same_offsets(text, limit):
    pieces = segment_step.spacy_pieces(text, limit=limit)
    assert sum(len(p) for _, p in pieces) == len(text)
    pos = 0
    for offset, piece in pieces:
        assert offset == pos and 0 < len(piece) <= limit or len(text) == 0
        original = text[offset:offset + len(piece)]
        assert all(a == b or (b == " " and not a.isspace()) for a, b in zip(original, piece, strict=True))
        pos += len(piece)


def test_hostile_input_ordinary_prose_reaches_spacy_unchanged(seed_text):
    assert segment_step.defuse(seed_text) == seed_text
    assert segment_step.spacy_pieces(seed_text[:5000]) == [(0, seed_text[:5000])]
    link = "see https://www.google.com/amp/s/example.org/" + "a1b2" * 150 + " now"
    assert segment_step.defuse(link) == link  # a long link stays one token
    assert segment_step.defuse("x" * 450).count(" ") == 2


def test_hostile_input_long_comment_is_parsed_in_pieces_with_exact_units(nlp, monkeypatch, seed_text):
    body = seed_text[:6000]
    thread = parse_thread(f"A title\n\nArticle.\n\n  \u2022 Ann\n\n{body}\n", "page-copy")
    whole = segment_step.segment(argmap.ArgumentMap(thread=thread), nlp=nlp)
    monkeypatch.setattr(segment_step, "MAX_PIECE", 1500)
    monkeypatch.setattr(nlp, "max_length", 2000)  # a longer text would be spaCy's E088
    cut = segment_step.segment(argmap.ArgumentMap(thread=thread), nlp=nlp)
    texts = {c.id: c.text for c in thread.comments}
    assert all(texts[u.comment_id][u.start:u.end] == u.text for u in cut.units)
    # cut at paragraph or sentence ends: nearly every unit is the same as unsplit
    same = {(u.start, u.end) for u in whole.units} & {(u.start, u.end) for u in cut.units}
    assert len(same) >= 0.9 * len(whole.units)


def test_hostile_input_a_comment_over_spacy_max_length_is_no_error(nlp, monkeypatch):
    monkeypatch.setattr(nlp, "max_length", 3000)
    monkeypatch.setattr(segment_step, "MAX_PIECE", 2500)
    text = "(" * 4000 + " The report found no effect. " * 200
    thread = parse_thread(f"A title\n\nArticle.\n\n  \u2022 Ann\n\n{text}\n", "page-copy")
    amap = segment_step.segment(argmap.ArgumentMap(thread=thread), nlp=nlp)
    assert any("report found no effect" in u.text for u in amap.units)


# --- the rewritten patterns match what the old ones matched --------------------------------

@FAST
@given(st.text(alphabet="ab .?!\n", max_size=40))
def test_hostile_input_question_pattern_is_the_old_one_anchored(text):
    from argmap.addressing import _QUESTION
    assert _QUESTION.findall(text) == re.findall(r"[^.!?\n]*\?", text)


@FAST
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 30)), max_size=12),
       st.integers(0, 80), st.integers(1, 30))
def test_hostile_input_indexed_region_lookup_is_the_linear_one(spans, start, length):
    from argmap.quoting import QuoteRegion, Regions, region_for
    regions = sorted((QuoteRegion(a, a + n, f"s{k}", "w") for k, (a, n) in enumerate(spans)),
                     key=lambda r: (r.start, -r.end))
    assert region_for(Regions(regions), start, start + length) == region_for(regions, start, start + length)


@pytest.mark.parametrize("html, text", [
    ("<p>Hi &amp; bye<p>See <a href='https://x.org/a'>this</a>", "Hi & bye\n\nSee this (https://x.org/a)"),
    ("x <3 y and a < b", "x <3 y and a < b"),
    ("<a <a <a", "<a <a <a"),
    ("<!-- note -->kept", "kept"),
    ("<a href='https://a.org'>one <a href='https://b.org'>two</a>", "one two (https://a.org)"),
])
def test_hostile_input_html_to_text(html, text):
    assert html_to_text(html) == text


# --- readers: limits, sniffing, encodings ------------------------------------------------

def _reddit_chain(n: int) -> str:
    def c(i):
        parent = f"t1_c{i - 1}" if i > 1 else "t3_x"
        return (f'{{"kind": "t1", "data": {{"id": "c{i}", "name": "t1_c{i}", "author": "a", "body": "hi", '
                f'"parent_id": "{parent}", "link_id": "t3_x", "replies": ')
    inner = "".join(c(i) + ('{"kind": "Listing", "data": {"children": [' if i < n else '""')
                    for i in range(1, n + 1)) + "}}" + "]}}}}" * (n - 1)
    post = ('{"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"id": "x", '
            '"name": "t3_x", "title": "T", "selftext": "post", "author": "op"}}]}}')
    return f'[{post}, {{"kind": "Listing", "data": {{"children": [{inner}]}}}}]'


def _hn_chain(n: int) -> str:
    inner = "".join(f'{{"id": {i + 1}, "type": "comment", "author": "a", "text": "hi", "parent_id": {i}, '
                    '"children": [' for i in range(1, n + 1)) + "]}" * n
    return f'{{"id": 1, "type": "story", "title": "T", "author": "op", "children": [{inner}]}}'


@pytest.mark.parametrize("chain", [_reddit_chain, _hn_chain])
def test_hostile_input_nesting_limit_is_the_documented_10000(chain):
    thread = parse_thread(chain(DEFAULT.max_depth), source="deep.json")
    assert len(thread.comments) == DEFAULT.max_depth + 1
    with pytest.raises(ThreadFormatError, match=r"deep.json: replies nested deeper than 10,000 levels"):
        parse_thread(chain(DEFAULT.max_depth + 1), source="deep.json")


def test_hostile_input_json_deeper_than_the_limit_is_one_line():
    with pytest.raises(ThreadFormatError, match=rf"nested {MAX_NESTING + 1:,} levels deep; argmap reads up to"):
        parse_thread("[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1), "generic-json", source="d.json")


def test_hostile_input_page_copy_starting_with_a_bracket_is_not_disqus():
    assert sniff("<Opinion> Why the council is wrong\n\n  \u2022 ann\n\n    Yes.\n") == "page-copy"
    assert sniff("<3 this thread\n\nAnn: yes\n") == "page-copy"
    assert sniff('<?xml version="1.0"?><disqus></disqus>') == "disqus"
    assert sniff('<disqus xmlns="http://disqus.com"><thread/></disqus>') == "disqus"


def test_hostile_input_one_bad_byte_keeps_utf8_and_names_its_offset():
    page = write_page_copy([Node(None, "Op", "Article \u2022 caf\u00e9."), Node(0, "Ann", "Yes \u2014 quite."),
                            Node(1, "Bob", "No.")]).encode("utf-8")
    at = page.index(b"caf")
    thread = parse_thread(page[:at] + b"\xff" + page[at:], source="p.txt")
    assert "\u00e2\u20ac" not in "".join(c.text for c in thread.comments)  # no 'â€¢' mojibake
    assert len(thread.comments) == 3 and "\ufffdcaf\u00e9" in thread.comments[0].text
    assert any(f"not valid UTF-8 at byte {at};" in w and "\ufffd" in w for w in thread.warnings)


def test_hostile_input_legacy_windows_1252_still_reads():
    thread = parse_thread(write_page_copy([Node(None, "Op", "Caf\u00e9 talk."), Node(0, "Ann", "Na\u00efve.")])
                          .encode("cp1252"), source="old.txt")
    assert "Caf\u00e9" in thread.comments[0].text
    assert any("Windows-1252" in w and "byte" in w for w in thread.warnings)


def test_hostile_input_lone_surrogate_is_replaced_with_a_warning():
    data = json.dumps([{"id": "a", "text": "Post"}, {"id": "b", "parent_id": "a", "text": "x"}])
    data = data.replace('"x"', '"bad \\ud83d here"')
    thread = parse_thread(data, source="s.json")
    assert thread.comments[1].text == "bad \ufffd here"
    assert any("comment b" in w and "lone surrogate" in w for w in thread.warnings)


def test_hostile_input_truncated_csv_warns():
    text = write_generic_csv([Node(None, "Op", "Article."), Node(0, "Ann", "Yes, but \"no\".")])[0]
    cut = text[:text.index("but") + 3]  # ends inside the last quoted field
    thread = parse_thread(cut, "generic-csv", source="t.csv")
    assert any("quoted field is never closed" in w and "t.csv, line 3" in w for w in thread.warnings)
    assert not parse_thread(text, "generic-csv").warnings


def test_hostile_input_size_limit_in_readme_matches_the_code():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "200 MB" in readme and f"{DEFAULT.max_bytes:,} bytes" in readme
    assert f"{DEFAULT.max_comments:,}" in readme and f"{DEFAULT.max_depth:,}" in readme
    with pytest.raises(ThreadFormatError, match=r"the limit is 200 MB \(209,715,200 bytes"):
        parse_thread(b"x" * (DEFAULT.max_bytes + 1))


# --- the review store and the CLI: one line each ----------------------------------------

def _cli(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _one_line(result, message: str) -> None:
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 2, result.stderr
    assert len(lines) == 1 and lines[0].startswith("argmap: error: ") and message in lines[0], lines


@pytest.fixture
def saved_db(tmp_path) -> Path:
    """A review database holding one thread and a correction."""
    from argmap.model import ArgumentMap, Comment, Thread
    db = tmp_path / "r.db"
    t = Thread("t1", "T", "generic", (Comment("root", "", "Article", None, 0),
                                      Comment("c1", "ann", "You are wrong.", "root", 1)))
    store = Store(db)
    key = store.save_analysis(b"bytes", ArgumentMap(thread=t))
    store.add_correction(key, "personal-attack", "c1", "confirm", author="mod")
    return db


def test_hostile_input_store_corrupted_pages_are_one_line(saved_db):
    conn = sqlite3.connect(saved_db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode=DELETE")
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(saved_db.read_bytes())
    for p in range(1, len(data) // page):  # every page but the header page
        data[p * page:p * page + page // 2] = b"\xa5" * (page // 2)
    saved_db.write_bytes(bytes(data))
    for args in (["list"], ["history", "t1"], ["export"], ["correct", "t1", "stance", "c1", "attack"]):
        _one_line(_cli("review", *args, "--db", str(saved_db)), str(saved_db))


def test_hostile_input_store_non_numeric_schema_version(saved_db):
    conn = sqlite3.connect(saved_db)
    conn.execute("UPDATE schema_version SET version = 'two'")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="schema_version is 'two', not a version number"):
        Store(saved_db)
    _one_line(_cli("review", "list", "--db", str(saved_db)), "not a version number")


def test_hostile_input_store_read_only_file_serves_read_commands(saved_db, monkeypatch):
    import argmap.store as store_module
    monkeypatch.setattr(store_module, "_writable", lambda path: False)
    result = _cli("review", "list", "--db", str(saved_db))
    assert result.exit_code == 0 and "t1" in result.stdout
    assert _cli("review", "history", "t1", "--db", str(saved_db)).exit_code == 0
    assert _cli("review", "export", "--db", str(saved_db)).exit_code == 0
    _one_line(_cli("review", "correct", "t1", "stance", "c1", "attack", "--db", str(saved_db)),
              "read-only")


def test_hostile_input_store_nested_import_and_directory(saved_db, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    _one_line(_cli("review", "import", str(deep), "--db", str(saved_db)), "nested too deeply")
    nested = tmp_path / "nested.json"
    nested.write_text('{"schema": "argmap-reviews/1", "threads": [], "corrections": [], "log": '
                      + "[" * 900 + "]" * 900 + "}", encoding="utf-8")
    _one_line(_cli("review", "import", str(nested), "--db", str(saved_db)), "import: malformed document")
    _one_line(_cli("review", "list", "--db", str(tmp_path)), "is a directory")
    _one_line(_cli("analyze", str(ROOT / "threads" / "generic-comments.json"), "--db", str(tmp_path)),
              "is a directory")
    _one_line(_cli("analyze", str(ROOT / "threads" / "generic-comments.json"), "-o", str(tmp_path)),
              "is a directory; -o needs a file name")
    _one_line(_cli("analyze", str(tmp_path)), "cannot read file")


def test_hostile_input_store_list_creates_nothing(tmp_path):
    target = tmp_path / "new" / "dir" / "x.db"
    result = _cli("review", "list", "--db", str(target))
    assert result.exit_code == 0 and "no review database" in result.stderr
    assert not (tmp_path / "new").exists()
    _one_line(_cli("review", "history", "abc", "--db", str(target)), "no review database there")
    assert not (tmp_path / "new").exists()


def test_hostile_input_cli_shows_reader_warnings(tmp_path):
    f = tmp_path / "s.json"
    f.write_text(json.dumps([{"id": "a", "text": "Post"}, {"id": "b", "parent_id": "a", "text": "x"}])
                 .replace('"x"', '"\\ud83d"'), encoding="utf-8")
    result = _cli("analyze", str(f))
    assert result.exit_code == 0
    assert "argmap: warning: comment b: 1 lone surrogate" in result.stderr


def test_hostile_input_cli_ctrl_c_is_one_line_and_exit_130(monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(argmap.workflow, "analyze", interrupted)  # what analyze_file runs
    result = _cli("analyze", str(ROOT / "threads" / "generic-comments.json"))
    assert result.exit_code == 130
    assert result.stderr.strip().splitlines() == ["argmap: interrupted"]


def test_hostile_input_cli_shows_progress_for_big_threads(monkeypatch, nlp, encoder):
    from argmap import cli as cli_module
    monkeypatch.setattr(cli_module._Progress, "BIG_COMMENTS", 0)
    result = _cli("analyze", str(ROOT / "threads" / "generic-comments.json"))
    assert result.exit_code == 0
    n = len(STEP_NAMES)
    steps = [line for line in result.stderr.splitlines() if line.startswith("argmap: ") and f"/{n};" in line]
    assert [s.split()[1] for s in steps] == list(STEP_NAMES)
    assert "argmap: analysed 4 comments" in result.stderr
