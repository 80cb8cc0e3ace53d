"""Readers for the exports, used by the exporter, CLI and seed tests: AIF structure
rules, GraphML through networkx, the Argdown subset the exporter writes, and an HTML
audit (tags and attributes that could run script or fetch anything)."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import networkx as nx

from argmap.exporters.argdown import unescape


def _iat_shape(typ: str, ins: list[str], outs: list[str]) -> bool:
    """IAT's rules for the edges of a node: RA/CA join one I to one I (plus the YA that
    anchors it); YA joins one L to one I, or one TA to one RA/CA; TA joins one L to one L
    (plus the YAs anchored in it)."""
    if typ in ("RA", "CA"):
        return ins in (["I"], ["I", "YA"]) and outs == ["I"]
    if typ == "YA":
        return (ins, outs) == (["L"], ["I"]) or (ins == ["TA"] and outs in (["RA"], ["CA"]))
    if typ == "TA":
        return ins == ["L"] and outs[:1] == ["L"] and set(outs[1:]) <= {"YA"}
    return True


def aif_problems(doc: dict) -> list[str]:
    """Structural rules of AIF beyond the schema (what OVA and AIFdb rely on)."""
    nodes = {n["nodeID"]: n["type"] for n in doc["nodes"]}
    problems = [f"edge {e['edgeID']} dangles" for e in doc["edges"]
                if e["fromID"] not in nodes or e["toID"] not in nodes]
    ins: dict[str, list[str]] = {}
    outs: dict[str, list[str]] = {}
    for e in doc["edges"]:
        outs.setdefault(e["fromID"], []).append(nodes.get(e["toID"], "?"))
        ins.setdefault(e["toID"], []).append(nodes.get(e["fromID"], "?"))
    for nid, typ in nodes.items():
        if not _iat_shape(typ, sorted(ins.get(nid, [])), sorted(outs.get(nid, []))):
            problems.append(f"{typ} node {nid}: in {ins.get(nid)} out {outs.get(nid)}")
        if typ == "I" and "YA" not in ins.get(nid, []):
            problems.append(f"I node {nid} has no locution")
    people = {p["participantID"] for p in doc["participants"]}
    for loc in doc["locutions"]:
        if nodes.get(loc["nodeID"]) != "L" or loc["personID"] not in people:
            problems.append(f"locution {loc} is not an L node of a participant")
    ids = [n["nodeID"] for n in doc["nodes"]]
    if len(ids) != len(set(ids)):
        problems.append("duplicate node ids")
    return problems


def read_graphml(text: str) -> nx.DiGraph:
    return nx.read_graphml(io.BytesIO(text.encode("utf-8")))


_STATEMENT = re.compile(r"\[(?P<label>[^\]\\\n]+)\]: (?P<text>(?:\\.|[^\\\[\]<>#@*_{}/\n])*?)"
                        r"(?P<tags>(?: #\([a-z-]+\))*)")
_RELATION = re.compile(r" {4}(?P<sign>[+-]) \[(?P<label>[^\]\\\n]+)\]")


def read_argdown(text: str) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Statements and relations from the subset of Argdown the exporter writes.

    Every line must be a heading, a statement, an indented relation or blank; a
    statement's text may hold special characters only backslash-escaped.
    """
    statements: dict[str, str] = {}
    relations: list[tuple[str, str, str]] = []
    current = None
    for n, line in enumerate(text.split("\n"), 1):
        if not line or (n == 1 and line.startswith("# ")):
            continue
        m = _STATEMENT.fullmatch(line)
        r = _RELATION.fullmatch(line)
        assert m or (r and current), f"line {n} is not Argdown the exporter writes: {line!r}"
        if m:
            current = m["label"]
            assert current not in statements, f"duplicate label {current!r}"
            statements[current] = unescape(m["text"])
        else:
            relations.append((r["label"], "support" if r["sign"] == "+" else "attack", current))
    assert set(statements) >= {s for s, _, _ in relations}
    return statements, relations


class _Audit(HTMLParser):
    """Collects tags, attributes and text; HTMLParser is lenient, so also counts depth."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def audit_html(page: str) -> _Audit:
    a = _Audit()
    a.feed(page)
    a.close()
    return a


def assert_inert(page: str) -> _Audit:
    a = audit_html(page)
    for tag, attrs in a.tags:
        assert tag not in {"script", "iframe", "object", "embed", "img", "link", "form", "base", "svg",
                           "math", "video", "audio", "source"}, tag
        assert not [k for k in attrs if k.startswith("on") or k in {"src", "srcset", "style", "action"}], attrs
        if tag == "a":
            assert re.match(r"https?://", attrs["href"] or ""), attrs
    assert "Content-Security-Policy" in page
    return a


