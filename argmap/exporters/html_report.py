"""A self-contained HTML report: claims with their status, sources, participants, the
conversation tree and the corrections applied (rows from :mod:`argmap.summaries`). Prints well (a print stylesheet) for a class.

Safe with any thread text: no script at all, no external resource (a Content
Security Policy forbids both, in case a browser ever met one), every piece of
thread text cleaned of control characters and bidi overrides and escaped with
:func:`html.escape`; links only for plain ``http(s)`` URLs.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from .. import safetext, summaries
from ..corrections import corrected
from ..model import ArgumentMap
from ..sources import source_key

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"
MAX_INDENT = 12

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:60rem;
 padding:0 1rem;color:#1d1d1f}
h1{font-size:1.6rem;margin-bottom:.2rem} h2{margin-top:2rem;border-bottom:1px solid #ccc}
.meta{color:#555} table{border-collapse:collapse;width:100%} th,td{border:1px solid #ddd;
 padding:.3rem .45rem;vertical-align:top;text-align:left} th{background:#f4f4f6}
.t{unicode-bidi:isolate;white-space:pre-wrap;overflow-wrap:anywhere}
.badge{display:inline-block;border-radius:.6rem;padding:0 .45rem;font-size:.8rem;background:#eee}
.sourced{background:#d9f2dd}.unsourced{background:#eee}.contested{background:#fde2c8}
.rebutted-with-source{background:#f8d0d0}.sourced-and-contested{background:#fff0b3}
.support{background:#d9f2dd}.attack{background:#f8d0d0}.personal-attack{background:#e9c6f5}
.corrected{background:#cfe3ff;font-weight:600}
.claims td:nth-child(1){width:8rem} .claims td:nth-child(2){width:40%} .claims td:nth-child(3){width:22%}
.claims td:nth-child(4){width:4.5rem}
ul.tree{list-style:none;padding:0} ul.tree li{margin:.35rem 0;padding:.3rem .5rem;
 border-left:3px solid #ccd} .who{font-weight:600}
""" + "".join(f".d{i}{{margin-left:{1.2 * i:.1f}rem}}" for i in range(MAX_INDENT + 1)) + """
@media print{body{margin:0;max-width:none;font-size:10.5pt}a{color:inherit}
 a[href]::after{content:" (" attr(href) ")";font-size:.8em} tr,li{break-inside:avoid}
 h2{break-after:avoid} .badge{border:1px solid #999}}
"""


def _t(text: object) -> str:
    """Untrusted text made inert: cleaned, then escaped (quotes too)."""
    return html.escape(safetext.clean(str(text), width=60), quote=True)


def _badge(label: str, corrected: bool = False, why: str = "") -> str:
    """A label; a corrected one is marked and followed by who corrected it, when, why."""
    if corrected:
        return f'<span class="badge corrected">{_t(label)} ✎</span> <span class=meta>{_t(why)}</span>'
    return f'<span class="badge {html.escape(label, quote=True)}">{_t(label)}</span>'


def _link(url: str | None) -> str:
    safe = safetext.safe_url(url)
    if not safe:
        return _t(url or "")
    return f'<a href="{html.escape(safe, quote=True)}" rel="noreferrer noopener">{_t(safe)}</a>'


def _table(headers: Iterable[str], rows: Iterable[Iterable[str]], empty: str, cls: str = "") -> str:
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    if not body:
        return f"<p class=meta>{empty}</p>"
    head = "".join(f"<th>{h}</th>" for h in headers)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _who(author: str, index: int) -> str:
    name = author or ("article" if index == 0 else "anonymous")
    return f'<bdi class="who">{_t(name)}</bdi> <span class=meta>#{index}</span>'


def _text(text: str) -> str:
    return f'<span class="t" dir="auto">{_t(text)}</span>'


def _claims(amap: ArgumentMap) -> str:
    fixed = corrected(amap)
    rows = []
    for r in summaries.claims_table(amap):
        u = amap.unit(r["unit_id"])
        verdict = (f"<br><b>{_t(r['verdict'])}</b>" if r.get("verdict") and r["verdict"] != r["status"] else "")
        state = (_badge(r["status"]) + verdict + f"<br><span class=meta>{_t(r['status_why'])}</span>"
                 if r["status"] else "<span class=meta>not assessed</span>")
        found = (_badge(u.kind, True, u.why) if ("unit-kind", u.id) in fixed
                 else f"<span class=meta>{u.confidence:.2f}: {_t(u.why)}</span>")
        rows.append((_who(r["author"], r["index"]), _text(r["text"]), state,
                     f"{r['supports']} / {r['attacks']}", "<br>".join(f"<bdi>{_t(n)}</bdi>" for n in r["sources"]),
                     found))
    return _table(("Who", "Claim", "Status", "Backed / attacked", "Rests on", "Found as claim"), rows,
                  "No claims found.", "claims")


def _sources(amap: ArgumentMap) -> str:
    reviews = {source_key(name): r for name, r in dict(amap.meta.get("source_reviews") or {}).items()}
    rows = []
    for r in summaries.sources_table(amap):
        review = reviews.get(r["key"])
        verdict = (_badge(review["verdict"], True, review.get("why", "")) if review
                   else "<span class=meta>not reviewed</span>")
        rows.append((f"<bdi>{_t(r['source'])}</bdi><br><span class=meta>{_t(', '.join(r['kinds']))}</span>",
                     ", ".join(f"<bdi>{_t(p or 'anonymous')}</bdi>" for p in r["participants"]),
                     str(r["n_claims"]), "<br>".join(_link(u) for u in r["urls"]), verdict))
    return _table(("Source", "Cited by", "Claims resting on it", "Links", "Review"), rows, "No sources cited.")


def _participants(amap: ArgumentMap) -> str:
    rows = [(f"<bdi class=who>{_t(r['author'] or 'article / anonymous')}</bdi>", str(r["comments"]),
             f"{r['claims']} ({r['sourced_claims']} sourced)", str(r["sources_cited"]),
             f"{r['rebuttals_given']} / {r['rebuttals_received']}",
             f"{r['personal_attacks_made']} / {r['personal_attacks_received']}")
            for r in summaries.participants_table(amap)]
    return _table(("Participant", "Comments", "Claims", "Sources cited", "Rebuttals given / received",
                   "Personal attacks made / received"), rows, "")


def _positions(amap: ArgumentMap) -> str:
    rows = []
    for r in summaries.positions_table(amap):
        reb = r["rebuttal"]
        rebuttal = (f"{_who(reb['author'], reb['index'])}: {_text(reb['text'])}"
                    + (" <span class=meta>(with a source)</span>" if reb["sourced"] else "")
                    if reb else "<span class=meta>none</span>")
        rows.append((_text(r["label"]) + f"<br><span class=meta>{_t(r['why'])}; confidence {r['confidence']:.2f}</span>",
                     _t(r["side"]), f"{r['comments']} / {r['participants']}", f"{round(100 * r['sourced_share'])}%",
                     rebuttal))
    return _table(("Position (its representative claim)", "Side of the thesis", "Comments / participants",
                   "Sourced", "Strongest rebuttal"), rows, "No positions found.", "positions")


def _judgements(row: dict) -> str:
    out = []
    for key, shown in (("stance", None), ("personal_attack", "personal attack")):
        j = row[key]
        if not j or (j["label"] in ("neutral", "none") and not j["corrected"]):
            continue
        label = shown if j["label"] == "personal-attack" else (j["label"] if shown is None else "no personal attack")
        out.append(_badge(label, j["corrected"], j["why"]))
    parent = row["parent"]
    if parent and parent["source"] == "inferred":
        out.append(f'<span class=meta>reply inferred ({parent["confidence"]:.2f}: {_t(parent["why"])})</span>')
    elif parent and parent["corrected"]:
        out.append(_badge("parent", True, parent["why"]))
    return " ".join(out)


def _tree(amap: ArgumentMap) -> str:
    items = []
    for row in summaries.thread_tree(amap):
        text = _t(row["text"]) if not row["empty"] else "<span class=meta>(no text)</span>"
        items.append(f'<li class="d{min(row["depth"], MAX_INDENT)}">{_who(row["author"], row["index"])} '
                     f'{_judgements(row)}<div class="t" dir="auto">{text}</div></li>')
    return f'<ul class="tree">{"".join(items)}</ul>'


def _corrections(amap: ArgumentMap) -> str:
    applied = list(amap.meta.get("corrections") or ())
    problems = list(amap.meta.get("correction_problems") or ())
    if not applied and not problems:
        return ""
    rows = [(_t(c.get("kind", "")), f'<bdi>{_t(c.get("target", ""))}</bdi>', _t(c.get("value", "")),
             _t(c.get("author", "")), _t(str(c.get("created", ""))[:10]), _t(c.get("note", "")))
            for c in applied]
    out = "<h2>Human corrections</h2>" + _table(("Kind", "Target", "Value", "By", "On", "Note"), rows, "")
    if problems:
        out += "<p>Not applied (target gone after re-analysis):</p><ul>"
        out += "".join(f"<li>{_t(p)}</li>" for p in problems) + "</ul>"
    return out


def to_html(amap: ArgumentMap) -> str:
    """The map as one self-contained HTML page (no script, no external resource)."""
    t = amap.thread
    title = _t(t.title or "Thread")
    counts = (f"{max(len(t.comments) - 1, 0)} comments, {len(summaries.points(amap))} claims, "
              f"{len(amap.evidence)} cited sources, {len(amap.relations)} support/attack links")
    warnings = "".join(f"<li>{_t(w)}</li>" for w in t.warnings)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="referrer" content="no-referrer"><title>{title}: argument map</title>'
        f"<style>{_CSS}</style></head><body>"
        f'<h1 dir="auto">{title}</h1><p class=meta>{counts}. Source format: {_t(t.source_format)}. '
        "Made by argmap; every judgement shows its confidence and reason.</p>"
        + (f"<p>Reader warnings:</p><ul>{warnings}</ul>" if warnings else "")
        + "<h2>Positions</h2>" + _positions(amap)
        + "<h2>Claims</h2>" + _claims(amap)
        + "<h2>Sources</h2>" + _sources(amap)
        + "<h2>Participants</h2>" + _participants(amap)
        + _corrections(amap)
        + "<h2>Conversation</h2>" + _tree(amap)
        + "</body></html>\n"
    )
