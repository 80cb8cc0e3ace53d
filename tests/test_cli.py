"""The CLI: every command documented with an example; the review commands on a store
filled with hand-built maps; `analyze --to/--db` on a small thread with the real
models; errors are one line and exit code 2."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import click
import networkx as nx
import pytest
from click.testing import CliRunner
from handmade import small_map
from readback import assert_inert, read_argdown

from argmap.cli import EXPORT_FORMATS, cli
from argmap.exporters import EXPORTERS
from argmap.exporters.schemas import validate
from argmap.model import ArgumentMap
from argmap.store import Store

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "cli.md"
INPUT = b"hand-made thread bytes"


def commands(group: click.Group, prefix: str = "argmap"):
    """(path, command) for every command and group below ``group``."""
    for name, cmd in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        yield path, cmd
        if isinstance(cmd, click.Group):
            yield from commands(cmd, path)


def run(*args: str, ok: bool = True):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output + result.stderr
    return result


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "reviews.db"
    Store(path).save_analysis(INPUT, small_map())
    return path


def key_of(db: Path) -> str:
    return Store(db).threads()[0].key


# --- documentation -------------------------------------------------------------------

def test_cli_every_command_has_an_example_in_its_help():
    for path, cmd in commands(cli):
        assert "Example" in (cmd.help or ""), f"`{path}` has no example in its help"


def test_cli_every_command_is_documented():
    """docs/cli.md documents every command; so does README.md once docs/ is merged into it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8") if (ROOT / "README.md").exists() else ""
    for doc in [DOCS] + ([ROOT / "README.md"] if "argmap review" in readme else []):
        text = doc.read_text(encoding="utf-8")
        for path, _ in commands(cli):
            assert re.search(rf"`{re.escape(path)}[ `]", text), f"`{path}` is not in {doc.name}"
        for fmt in EXPORT_FORMATS:
            assert f"--to {fmt}" in text, f"--to {fmt} is not in {doc.name}"


def test_cli_export_formats_match_the_registry():
    assert set(EXPORT_FORMATS) == set(EXPORTERS)


# --- review commands ------------------------------------------------------------------

def test_cli_review_list_and_show(db):
    out = run("review", "list", "--db", str(db)).stdout
    assert key_of(db)[:12] in out and "Does a sugar tax work?" in out and "0 corrections" in out
    out = run("review", "show", "t1", "--db", str(db)).stdout
    assert key_of(db) in out and "0 active corrections" in out


def test_cli_review_correct_show_history_undo(db):
    k = key_of(db)[:8]
    out = run("review", "correct", k, "stance", "c3", "attack", "--note", "sarcasm", "--author", "maria",
              "--db", str(db)).stdout
    assert re.match(r"correction #1: stance 'c3': 'support' -> 'attack' by maria", out)
    out = run("review", "show", k, "--db", str(db)).stdout
    assert "#1 stance 'c3'" in out and "(sarcasm)" in out and "[applied]" in out
    shown = run("review", "show", k, "--to", "json", "--db", str(db)).stdout
    amap = ArgumentMap.from_json(shown)
    assert amap.labels_for("c3").stance.why.startswith("corrected by maria on ")
    out = run("review", "undo", "1", "--author", "lee", "--db", str(db)).stdout
    assert "undid correction #1" in out
    hist = run("review", "history", k, "--db", str(db)).stdout.splitlines()
    assert [line.split()[1] for line in hist] == ["add", "undo"] and "lee" in hist[1]


def test_cli_author_defaults_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("ARGMAP_AUTHOR", "env-author")
    out = run("review", "correct", "t1", "personal-attack", "c2", "dismiss", "--db", str(db)).stdout
    assert "by env-author" in out


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_cli_review_show_exports_every_format(db, fmt, tmp_path):
    out_file = tmp_path / f"x.{EXPORTERS[fmt].extension}"
    run("review", "show", "t1", "--to", fmt, "-o", str(out_file), "--db", str(db))
    text = out_file.read_text(encoding="utf-8")
    assert_export_reads_back(fmt, text)


def test_cli_review_export_import_round_trip(db, tmp_path):
    run("review", "correct", "t1", "source", "New York Times", "verified", "--author", "a", "--db", str(db))
    dump = tmp_path / "reviews.json"
    run("review", "export", "--with-analyses", "-o", str(dump), "--db", str(db))
    other = tmp_path / "other.db"
    out = run("review", "import", str(dump), "--db", str(other)).stdout
    assert "1 corrections" in out and "1 analyses" in out
    assert "0 corrections" in run("review", "import", str(dump), "--db", str(other)).stdout
    assert [c.value for c in Store(other).corrections(key_of(db))] == ["verified"]


def test_cli_db_from_environment(db, monkeypatch):
    monkeypatch.setenv("ARGMAP_DB", str(db))
    assert "Does a sugar tax work?" in run("review", "list").stdout


@pytest.mark.parametrize("args,message", [
    (("review", "show", "nope"), "no thread 'nope'"),
    (("review", "correct", "t1", "stance", "c99", "attack"), "not in the thread"),
    (("review", "correct", "t1", "unit-kind", "c1:0", "rant"), "is not one of"),
    (("review", "undo", "42"), "no correction #42"),
    (("review", "import", "missing.json"), "cannot read file"),
])
def test_cli_errors_are_one_line_and_exit_2(db, args, message):
    result = run(*args, "--db", str(db), ok=False)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("argmap: error: ") and message in lines[0], lines


def test_cli_import_rejects_a_non_json_file(db, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    result = run("review", "import", str(bad), "--db", str(db), ok=False)
    assert result.exit_code == 2 and "not a JSON file" in result.stderr


# --- analyze with the real models --------------------------------------------------------

def assert_export_reads_back(fmt: str, text: str) -> None:
    """Read an export back with a real parser (or the schema for the JSON ones)."""
    if fmt == "json":
        validate(json.loads(text), "argmap-1")
        assert ArgumentMap.from_json(text).to_json() == json.dumps(json.loads(text), indent=2,
                                                                    ensure_ascii=False)
    elif fmt == "aif":
        validate(json.loads(text), "aif")
    elif fmt == "graphml":
        assert nx.read_graphml(io.BytesIO(text.encode("utf-8"))).number_of_nodes() > 0
    elif fmt == "argdown":
        read_argdown(text)
    else:
        assert_inert(text)


THREAD = [
    {"id": "a", "text": "Cities should tax sugary drinks because sugar causes obesity."},
    {"id": "b", "parent_id": "a", "author": "ann",
     "text": "That's wrong. The Mexico study in The Lancet found sales fell only 7%."},
    {"id": "c", "parent_id": "b", "author": "bob", "text": "<script>alert(1)</script> You are an idiot & a shill."},
    {"id": "d", "parent_id": "a", "author": "cat", "text": "I agree, the WHO report says the same."},
]


@pytest.fixture
def thread_file(tmp_path, nlp, encoder):  # the models, loaded once per session
    path = tmp_path / "thread.json"
    path.write_text(json.dumps(THREAD), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_cli_analyze_to_every_format(thread_file, fmt):
    assert_export_reads_back(fmt, run("analyze", str(thread_file), "--to", fmt).stdout)


def test_cli_analyze_with_db_applies_stored_corrections(thread_file, tmp_path):
    db = tmp_path / "r.db"
    first = run("analyze", str(thread_file), "--db", str(db))
    assert "0 corrections applied" in first.stderr
    k = key_of(db)[:10]
    run("review", "correct", k, "stance", "c", "attack", "--note", "insult", "--author", "mod", "--db", str(db))
    run("review", "correct", k, "personal-attack", "c", "confirm", "--author", "mod", "--db", str(db))
    out = tmp_path / "map.json"
    second = run("analyze", str(thread_file), "--db", str(db), "-o", str(out))
    assert "2 corrections applied" in second.stderr
    amap = ArgumentMap.from_json(out.read_text(encoding="utf-8"))
    labels = amap.labels_for("c")
    assert labels.stance.label == "attack" and labels.stance.confidence == 1.0
    assert labels.stance.why == f"corrected by mod on {amap.meta['corrections'][0]['created'][:10]}: insult"
    assert labels.personal_attack.label == "personal-attack"
    assert len(Store(db).threads()) == 1  # the same bytes are the same thread


def test_cli_analyze_missing_file_is_one_line_exit_2(tmp_path):
    result = run("analyze", str(tmp_path / "nope.txt"), ok=False)
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1
