"""Writers for the reader round-trip tests: a random comment tree written in each format.

A tree is a list of :class:`Node`; node 0 is the root (article or submission), every other
node's ``parent`` is the position of an earlier node. Each writer returns the file text and
the ids the reader should give node ``i`` (``ids[i]``).
"""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import dataclass
from xml.sax.saxutils import escape

from hypothesis import strategies as st

from argmap.readers._pagetext import NOISE_WORDS

_HEADER_WORDS = {"says", "said", "wrote", "writes", "commented", "replied", "ago", "today", "moment",
                 "moments"}
# words that survive every format: no button words, and some characters each format escapes
WORDS = st.one_of(
    st.from_regex(r"[a-z]{1,9}", fullmatch=True).filter(lambda w: w not in NOISE_WORDS | _HEADER_WORDS),
    st.sampled_from(["A&B", "x<y", "a>b", "it's", "\"q\"", "5%", "café", "naïve", "…", "€3"]),
)
PARAGRAPH = st.lists(WORDS, min_size=1, max_size=8).map(" ".join)
TEXT = st.lists(PARAGRAPH, min_size=0, max_size=3).map("\n\n".join)
AUTHOR = st.from_regex(r"[A-Z][a-z]{2,8}(_[a-z]{1,4})?( [A-Z][a-z]{2,8})?", fullmatch=True).filter(
    lambda a: not set(a.lower().replace("_", " ").split()) & (NOISE_WORDS | _HEADER_WORDS))


@dataclass(frozen=True)
class Node:
    parent: int | None
    author: str
    text: str


@st.composite
def trees(draw, min_comments: int = 0, max_comments: int = 12) -> list[Node]:
    """A random tree: the root, then comments each replying to an earlier node."""
    n = draw(st.integers(min_comments, max_comments))
    nodes = [Node(None, draw(AUTHOR), draw(TEXT))]
    for i in range(1, n + 1):
        nodes.append(Node(draw(st.integers(0, i - 1)), draw(AUTHOR), draw(TEXT)))
    return nodes


def _preorder(nodes: list[Node]) -> list[int]:
    kids: dict[int, list[int]] = {}
    for i, n in enumerate(nodes[1:], 1):
        kids.setdefault(n.parent, []).append(i)
    out, stack = [], [0]
    while stack:
        i = stack.pop()
        out.append(i)
        stack.extend(reversed(kids.get(i, [])))
    return out


def _reddit_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_reddit_json(nodes: list[Node]) -> tuple[str, list[str], list[int]]:
    ids = ["t3_r"] + [f"t1_{i}" for i in range(1, len(nodes))]
    things: dict[int, dict] = {}
    for i in reversed(range(1, len(nodes))):
        n = nodes[i]
        kids = [things[k] for k in range(i + 1, len(nodes)) if nodes[k].parent == i]
        replies = {"kind": "Listing", "data": {"children": kids}} if kids else ""
        things[i] = {"kind": "t1", "data": {"name": ids[i], "parent_id": ids[n.parent], "author": n.author,
                                            "body": _reddit_escape(n.text), "replies": replies}}
    top = [things[k] for k in range(1, len(nodes)) if nodes[k].parent == 0]
    post = {"kind": "t3", "data": {"name": "t3_r", "title": "T", "author": nodes[0].author,
                                   "selftext": _reddit_escape(nodes[0].text)}}
    page = [{"kind": "Listing", "data": {"children": [post]}}, {"kind": "Listing", "data": {"children": top}}]
    return json.dumps(page), ids, _preorder(nodes)


def write_reddit_jsonl(nodes: list[Node]) -> tuple[str, list[str], list[int]]:
    ids = ["t3_r"] + [f"t1_{i}" for i in range(1, len(nodes))]
    lines = [json.dumps({"name": "t3_r", "parent_id": "", "link_id": "", "author_name": nodes[0].author,
                         "title": "T", "body": nodes[0].text})]
    lines += [json.dumps({"name": ids[i], "parent_id": ids[n.parent], "link_id": "t3_r",
                          "author_name": n.author, "body": n.text})
              for i, n in enumerate(nodes[1:], 1)]
    return "\n".join(lines) + "\n", ids, list(range(len(nodes)))


def _html(text: str) -> str:
    return "<p>".join(html.escape(p) for p in text.split("\n\n"))


def write_hn_tree(nodes: list[Node]) -> tuple[str, list[str], list[int]]:
    ids = [str(100 + i) for i in range(len(nodes))]
    items = {i: {"id": 100 + i, "author": n.author, "text": _html(n.text), "type": "comment",
                 "parent_id": 100 + n.parent if n.parent is not None else None, "children": []}
             for i, n in enumerate(nodes)}
    for i, n in enumerate(nodes[1:], 1):
        items[n.parent]["children"].append(items[i])
    items[0].update(type="story", title="T", story_id=100)
    return json.dumps(items[0]), ids, _preorder(nodes)


def write_hn_flat(nodes: list[Node]) -> tuple[str, list[str], list[int]]:
    ids = [str(100 + i) for i in range(len(nodes))]
    items = []
    for i, n in enumerate(nodes):
        item = {"id": 100 + i, "by": n.author, "text": _html(n.text), "type": "comment" if i else "story",
                "kids": [100 + k for k in range(len(nodes)) if nodes[k].parent == i and k]}
        if i:
            item["parent"] = 100 + n.parent
        items.append(item)
    return json.dumps(items), ids, _preorder(nodes)


def write_disqus(nodes: list[Node]) -> tuple[str, list[str], list[int]]:
    ids = ["thread-1"] + [str(500 + i) for i in range(1, len(nodes))]
    posts = []
    for i, n in enumerate(nodes[1:], 1):
        parent = f'<parent dsq:id="{500 + n.parent}"/>' if n.parent else ""
        posts.append(f'<post dsq:id="{500 + i}"><message>{escape(_html(n.text))}</message>'
                     f"<author><name>{escape(n.author)}</name></author>"
                     f'<thread dsq:id="1"/>{parent}</post>')
    doc = ('<?xml version="1.0" encoding="utf-8"?><disqus xmlns="http://disqus.com" '
           'xmlns:dsq="http://disqus.com/disqus-internals"><thread dsq:id="1"><title>T</title>'
           f"<message>{escape(_html(nodes[0].text))}</message><author><name>{escape(nodes[0].author)}"
           f"</name></author></thread>{''.join(posts)}</disqus>")
    return doc, ids, list(range(len(nodes)))


def _records(nodes: list[Node], prefix: str) -> list[dict]:
    return [{"id": f"{prefix}{i}", "parent_id": f"{prefix}{n.parent}" if n.parent is not None else None,
             "author": n.author, "text": n.text} for i, n in enumerate(nodes)]


def write_generic_json(nodes: list[Node]) -> tuple[str, list[str], list[int]]:
    return json.dumps(_records(nodes, "n")), [f"n{i}" for i in range(len(nodes))], list(range(len(nodes)))


def write_generic_csv(nodes: list[Node]) -> tuple[str, list[str], list[int]]:
    out = io.StringIO()
    writer = csv.DictWriter(out, ["id", "parent_id", "author", "text"], lineterminator="\n")
    writer.writeheader()
    writer.writerows({**r, "parent_id": r["parent_id"] or ""} for r in _records(nodes, "n"))
    return out.getvalue(), [f"n{i}" for i in range(len(nodes))], list(range(len(nodes)))


def write_convokit(nodes: list[Node]) -> tuple[str, list[str], list[int]]:
    lines = [json.dumps({"id": r["id"], "reply_to": r["parent_id"], "speaker": r["author"],
                         "text": r["text"], "timestamp": 1_600_000_000 + i})
             for i, r in enumerate(_records(nodes, "u"))]
    return "\n".join(lines), [f"u{i}" for i in range(len(nodes))], list(range(len(nodes)))


def write_page_copy(nodes: list[Node], style: str = "bullet") -> str:
    """A copied page: title, article, then each comment in one of the header styles:
    ``bullet`` (the seed's '  • Author' and text indented by four spaces), ``says``
    (WordPress: 'Author says:', a date, the text, 'Reply') or ``timed`` (Disqus: author,
    '•', '3 hours ago', the text, a vote count and buttons)."""
    parts = ["A title", "", nodes[0].text or "Article.", ""]
    for i, n in enumerate(nodes[1:], 1):
        if style == "bullet":
            parts.append(f"  • {n.author}")
            parts.extend(["", *("    " + line if line else "" for line in n.text.split("\n")), ""]
                         if n.text else [])
        elif style == "says":
            parts += [f"{n.author} says:", f"March {i % 28 + 1}, 2024 at 9:{i % 60:02d} am", "", n.text, "",
                      "Reply", ""]
        else:
            parts += [n.author, "•", f"{i} hours ago", "", n.text, "", str(i % 7), "•", "Reply", "•",
                      "Share ›", ""]
    return "\n".join(parts) + "\n"


def depths(nodes: list[Node]) -> list[int]:
    """Each node's depth (the root 0, a top-level comment 1)."""
    out = [0] * len(nodes)
    for i in range(1, len(nodes)):
        out[i] = out[nodes[i].parent] + 1
    return out


def handle(author: str, style: str = "hn") -> str:
    """An author as a Hacker News (at most 15 characters) or Reddit handle (no spaces)."""
    return author.replace(" ", "_")[:15 if style == "hn" else 24]


def write_page_copy_shown(nodes: list[Node], style: str) -> tuple[str, list[int]]:
    """A copied page whose headers still show some of the tree, comments in page (pre-)order:
    ``hn`` (Hacker News: 'user 3 hours ago | root | parent | next [–]'), ``oldreddit``
    ('[–]user 5 points 3 hours ago' and a links row with 'parent' on replies), ``replyto``
    (Disqus: 'Author  Replied-to Author • 3 hours ago') or ``footer`` (Facebook: author, text
    lines, 'Like', 'Reply', '3h'). Returns the text and the node order on the page."""
    order = [i for i in _preorder(nodes) if i]
    depth = depths(nodes)
    parts = ["A title", "", nodes[0].text or "Article.", ""]
    for k, i in enumerate(order, 1):
        n = nodes[i]
        if style == "hn":
            links = (["root"] if depth[i] >= 3 else []) + (["parent"] if depth[i] >= 2 else []) + ["next [–]"]
            parts += [f"{handle(n.author, style)} {k} hours ago | " + " | ".join(links), "", n.text, "", "reply", ""]
        elif style == "oldreddit":
            row = "permalinkembedsave" + ("parent" if depth[i] >= 2 else "") + "reportreply"
            parts += [f"[–]{handle(n.author, style)} {k} points {k} hours ago", n.text, row, ""]
        elif style == "replyto":
            to = f"  {nodes[n.parent].author}" if depth[i] >= 2 else ""
            parts += ["Avatar", f"{n.author}{to} • {k} hours ago", n.text, str(k % 5), "•", "Reply", "•", "Share ›"]
        else:  # footer
            parts += [n.author, *n.text.replace("\n\n", "\n").split("\n"), "Like", "Reply", f"{k}h"]
    return "\n".join(parts) + "\n", order


STRUCTURED = {
    "reddit-json": write_reddit_json, "reddit-jsonl": write_reddit_jsonl,
    "hackernews": write_hn_tree, "hackernews-flat": write_hn_flat, "disqus": write_disqus,
    "generic-json": write_generic_json, "generic-csv": write_generic_csv, "convokit": write_convokit,
}
