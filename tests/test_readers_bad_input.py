"""Bad input: every failure is one ThreadFormatError naming file, line/field and problem;
odd-but-readable input (orphans, cycles, duplicates, other encodings) is kept and reported.

The cases live in tests/data/readers/ with their expectations in expected.json: drop a
file in, describe it there, and it is tested.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from readers_invariants import check_thread

from argmap.cli import main
from argmap.errors import ThreadFormatError
from argmap.readers import FORMATS, parse_thread, read_thread
from argmap.settings import Settings

DATA = Path(__file__).parent / "data" / "readers"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))


def test_readers_bad_input_every_fixture_is_described():
    files = {p.name for p in DATA.iterdir() if p.name != "expected.json"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if "error" in e))
def test_readers_bad_input_fails_with_one_clear_line(name):
    path = DATA / name
    with pytest.raises(ThreadFormatError) as info:
        read_thread(path)
    message = str(info.value)
    assert message.startswith(str(path)) and "\n" not in message
    assert EXPECTED[name]["error"] in message


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if "error" not in e))
def test_readers_bad_input_odd_files_are_read_and_reported(name):
    want = EXPECTED[name]
    t = read_thread(DATA / name)
    check_thread(t)
    assert len(t.comments) - 1 == want["comments"]
    if "warning" in want:
        assert any(want["warning"] in w for w in t.warnings), t.warnings
    if "ids" in want:
        assert [c.id for c in t.comments] == want["ids"]
    if "authors" in want:
        assert [c.author for c in t.comments[1:]] == want["authors"]
    for cid in want.get("orphans", ()):
        c = t.get(cid)
        assert (c.parent_id, c.parent.source) == (t.root.id, "orphan")
        assert "declared_parent_id" in c.meta


def test_readers_bad_input_cycle_is_cut_at_its_first_comment():
    t = read_thread(DATA / "cycle.json")
    assert [(c.id, c.parent_id) for c in t.comments] == [
        ("r", None), ("a", "r"), ("b", "a"), ("c", "b"), ("d", "r")]
    assert t.get("a").meta["declared_parent_id"] == "c"
    assert "is itself" in t.get("d").parent.why


def test_readers_bad_input_duplicate_replies_go_to_first_holder():
    t = read_thread(DATA / "duplicates.csv")
    assert (t.get("2~2").author, t.get("2~2").meta["original_id"]) == ("bob", "2")
    assert t.get("3").parent_id == "2"


def test_readers_bad_input_size_checked_before_reading(tmp_path):
    big = tmp_path / "huge.jsonl"
    with big.open("wb") as f:  # a sparse 200 MB + 1 byte file: nothing is written or read
        f.truncate(200 * 1024 * 1024 + 1)
    with pytest.raises(ThreadFormatError, match=r"huge.jsonl: file is 200.0 MB \(209,715,201 bytes\); "
                       r"the limit is 200 MB \(209,715,200 bytes, Settings.max_bytes\)"):
        read_thread(big)
    with pytest.raises(ThreadFormatError, match=r"limit is 0 MB \(10 bytes"):
        parse_thread(b"  \xe2\x80\xa2 a\n    b\n", settings=Settings(max_bytes=10))
    with pytest.raises(ThreadFormatError, match="characters; the limit is 10"):
        parse_thread("  • a\n    bbbbbbbbbbbb\n", settings=Settings(max_bytes=10))


def _chain(n: int) -> str:
    rows = [{"id": "0", "text": "root"}] + [{"id": str(i), "parent_id": str(i - 1), "text": "x"}
                                             for i in range(1, n + 1)]
    return json.dumps(rows)


def test_readers_bad_input_depth_limit_and_no_recursion():
    t = parse_thread(_chain(10_000))  # the default limit, read without recursion
    assert t.depth(t.comments[-1].id) == 10_000
    with pytest.raises(ThreadFormatError, match=r"deeper than 10,000 levels \(Settings.max_depth\)"):
        parse_thread(_chain(10_001), source="deep.json")


def test_readers_bad_input_comment_limit_stops_early():
    lines = "\n".join(json.dumps({"name": f"t1_{i}", "parent_id": "t3_s", "body": "x"})
                      for i in range(50))
    with pytest.raises(ThreadFormatError, match=r"more than 10 comments \(Settings.max_comments\)"):
        parse_thread(lines, settings=Settings(max_comments=10))
    assert len(parse_thread(lines, settings=Settings(max_comments=50)).comments) == 51


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_readers_bad_input_wrong_format_forced_is_a_clear_error(fmt):
    junk = "\x00\x01 not a thread in any format \x02" if fmt != "page-copy" else "[1, 2, 3]"
    with pytest.raises(ThreadFormatError, match=f"x.dat|read as {fmt}"):
        parse_thread(junk, fmt, source="x.dat")


def test_readers_bad_input_lying_bom():
    with pytest.raises(ThreadFormatError, match="byte-order mark"):
        parse_thread(b"\xff\xfeA", source="odd.txt")


def test_readers_bad_input_cli_prints_one_line_and_exits_2(capsys):
    bad = DATA / "truncated.json"
    assert main(["analyze", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert err.startswith("argmap: error: ") and str(bad) in err and "not valid JSON" in err


def test_readers_bad_input_cli_missing_file(capsys, tmp_path):
    assert main(["analyze", str(tmp_path / "nope.txt")]) == 2
    assert "cannot read file" in capsys.readouterr().err


@pytest.mark.parametrize("line", [" " * 200_000 + "x", "• a" + " " * 200_000 + "b",
                                  "\t " * 100_000 + "3 hours ago", "Reply " * 50_000])
def test_readers_bad_input_long_lines_do_not_backtrack(line):
    """Header/time patterns skip long lines, so a 200,000-character line is read at once
    (these took minutes when the patterns backtracked over runs of spaces)."""
    t = parse_thread("T\n\n  • ann\n    hi\n" + line + "\n")
    assert t.comments[1].text.endswith(line.strip()[-5:])
