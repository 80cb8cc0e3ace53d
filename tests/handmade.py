"""Hand-built ArgumentMaps for store, correction and exporter tests (no models).

``small_map()`` is a five-comment thread with units, evidence, relations, labels
and statuses filled by hand; ``hostile_map()`` is the same shape full of text that
tries to break every export format; ``maps()`` is a hypothesis strategy of
consistent random maps.
"""

from __future__ import annotations

from hypothesis import strategies as st

from argmap.model import (
    EVIDENCE_KINDS,
    STANCES,
    STATUSES,
    UNIT_KINDS,
    ArgumentMap,
    ClaimStatus,
    Comment,
    CommentLabels,
    Evidence,
    Judgement,
    ParentLink,
    Position,
    Quote,
    Relation,
    Thread,
    Unit,
)

HOSTILE = (
    '<script>alert("x")</script> & "quotes" \'single\' &amp; ]]> --> <!-- '
    "\x00\x07\x1b[31m \u202eevil\u202c \u200fRTL\u200e {{x}} [link](javascript:alert(1)) "
    "#tag @user *em* _u_ // /* \\ \u2028line\u2029para \ufffe \U0001F600"
)


def _unit(c: Comment, start: int, end: int, kind: str, conf: float = 0.8) -> Unit:
    return Unit(Unit.make_id(c.id, start), c.id, start, end, c.text[start:end], kind, conf, f"{kind} cue")


def _thread(texts: dict[str, str], authors: dict[str, str], title: str) -> Thread:
    explicit = ParentLink("explicit", 1.0, "the file says so")
    inferred = ParentLink("inferred", 0.62, "quotes 'tax' from #1")
    return Thread(id="t1", title=title, source_format="generic", warnings=("one orphan attached to root",),
                  meta={"url": "https://example.org/a"}, comments=(
        Comment("root", authors["root"], texts["root"], None, 0, parent=ParentLink("root", 1.0, "root")),
        Comment("c1", authors["c1"], texts["c1"], "root", 1, created="2024-05-01T10:00:00Z", parent=explicit),
        Comment("c2", authors["c2"], texts["c2"], "c1", 2, parent=inferred,
                quotes=(Quote(0, 5, "c1", "> line"),)),
        Comment("c3", authors["c3"], texts["c3"], "c1", 3, parent=explicit, meta={"score": 3}),
        Comment("c4", authors["c4"], texts["c4"], "root", 4, parent=explicit),
    ))


def build_map(texts: dict[str, str], authors: dict[str, str], title: str) -> ArgumentMap:
    """A map over five comments; every text must be at least 10 characters."""
    t = _thread(texts, authors, title)
    root, c1, c2, c3, c4 = t.comments
    units = (_unit(root, 0, 10, "claim"), _unit(c1, 0, 10, "claim"), _unit(c1, 10, len(c1.text), "premise"),
             _unit(c2, 0, len(c2.text), "claim"), _unit(c3, 0, len(c3.text), "evidence"),
             _unit(c4, 0, len(c4.text), "question"))
    u = {x.id: x for x in units}
    ev = (Evidence("e1", "c3:0", "c3", "news", "New York Times", c3.text[:10], 0, 10, 0.9, "names an outlet",
                   url="https://www.nytimes.com/x"),
          Evidence("e2", "c1:10", "c1", "link", "evil.example", c1.text[10:], 10, len(c1.text), 0.7, "a URL",
                   url="javascript:alert(1)"))
    rels = (Relation("c1:0", "root:0", "attack", 0.7, "contrast cue 'but'"),
            Relation("c1:10", "c1:0", "support", 0.8, "because"),
            Relation("c2:0", "c1:0", "attack", 0.6, "negates the parent"),
            Relation("c3:0", "c2:0", "support", 0.55, "cites a source"))
    assert set(u) >= {r.source for r in rels} | {r.target for r in rels}
    labels = (CommentLabels("c1", Judgement("attack", 0.7, "disagrees", "root:0"),
                            Judgement("attack", 0.6, "against the thesis")),
              CommentLabels("c2", Judgement("attack", 0.6, "negation", "c1:0"),
                            personal_attack=Judgement("personal-attack", 0.8, "addresses 'you' with an insult")),
              CommentLabels("c3", Judgement("support", 0.55, "agrees")))
    statuses = (ClaimStatus("root:0", "contested", "attacked by c1:0", ("c1:0",)),
                ClaimStatus("c1:0", "rebutted-with-source", "attacked by c2:0, backed by e1", ("c2:0", "c3:0", "e1")),
                ClaimStatus("c2:0", "sourced", "supported by c3:0 citing e1", ("c3:0", "e1")))
    positions = (Position("p1", units[0].text, "root:0", ("root:0", "c2:0"), 2, 2, "mixed", 0.5, "c1:0", 0.71,
                          "2 claims say much the same"),)
    return ArgumentMap(thread=t, units=units, evidence=ev, relations=rels, comment_labels=labels,
                       statuses=statuses, meta={"settings": {"batch_size": 64}, "models": {"spacy": "3.8.18"},
                                                   "timings": {"status": 0.0}},
                       positions=positions)


def small_map() -> ArgumentMap:
    texts = {"root": "Sugar tax works in Mexico, studies say.",
             "c1": "That's wrong. Prices rose but people kept buying.",
             "c2": "> That's wrong. No, consumption fell by 7%.",
             "c3": "New York Times reported the 7% fall in 2016.",
             "c4": "Why not tax salt as well then?"}
    authors = {"root": "", "c1": "ann", "c2": "bob", "c3": "cat", "c4": "dan"}
    return build_map(texts, authors, "Does a sugar tax work?")


def hostile_map() -> ArgumentMap:
    texts = {k: f"{HOSTILE} {k} {HOSTILE}" for k in ("root", "c1", "c2", "c3", "c4")}
    authors = {"root": "</title><script>x</script>", "c1": 'a"nn\u202e', "c2": "b&b\x00",
               "c3": "[c]<a>", "c4": "\u05d3\u05df"}
    return build_map(texts, authors, f"<title>{HOSTILE}")


# --- hypothesis -----------------------------------------------------------------

texts = st.text(min_size=0, max_size=60)
confidences = st.floats(min_value=0, max_value=1, allow_nan=False)
# no ":" so a comment id never equals a unit id ("comment_id:start"); evidence ids are "e<n>"
ids = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=":"),
              min_size=1, max_size=8).filter(lambda s: not s.startswith(("e", "source")))


@st.composite
def maps(draw) -> ArgumentMap:
    """A consistent random map: tree, units on real spans, relations between units."""
    n = draw(st.integers(1, 5))
    cids = draw(st.lists(ids, min_size=n, max_size=n, unique=True))
    comments = []
    for i, cid in enumerate(cids):
        parent = None if i == 0 else cids[draw(st.integers(0, i - 1))]
        link = ParentLink("root", 1.0, "") if i == 0 else ParentLink(
            draw(st.sampled_from(("explicit", "inferred", "orphan"))), draw(confidences), draw(texts))
        comments.append(Comment(cid, draw(texts), draw(texts), parent, i, draw(st.none() | texts), link,
                                meta=draw(st.dictionaries(st.text(max_size=5), st.integers() | texts, max_size=2))))
    thread = Thread(draw(texts), draw(texts), "generic", tuple(comments), tuple(draw(st.lists(texts, max_size=2))))
    units = []
    for c in comments:
        if c.text and draw(st.booleans()):
            start = draw(st.integers(0, len(c.text) - 1))
            end = draw(st.integers(start + 1, len(c.text)))
            units.append(Unit(Unit.make_id(c.id, start), c.id, start, end, c.text[start:end],
                              draw(st.sampled_from(UNIT_KINDS)), draw(confidences), draw(texts),
                              draw(st.booleans()), draw(st.none() | texts)))
    uids = [u.id for u in units]
    rels, evidence, statuses = [], [], []
    if uids:
        for _ in range(draw(st.integers(0, 4))):
            rels.append(Relation(draw(st.sampled_from(uids)), draw(st.sampled_from(uids)),
                                 draw(st.sampled_from(("support", "attack"))), draw(confidences), draw(texts)))
        for i, u in enumerate(units):
            if draw(st.booleans()):
                evidence.append(Evidence(f"e{i}", u.id, u.comment_id, draw(st.sampled_from(EVIDENCE_KINDS)),
                                         draw(texts), u.text, u.start, u.end, draw(confidences), draw(texts),
                                         draw(st.none() | texts), None))
            if u.kind == "claim" and draw(st.booleans()):
                statuses.append(ClaimStatus(u.id, draw(st.sampled_from(STATUSES)), draw(texts),
                                            tuple(draw(st.lists(st.sampled_from(uids), max_size=3)))))
    labels = []
    for c in comments[1:]:
        if draw(st.booleans()):
            labels.append(CommentLabels(c.id, Judgement(draw(st.sampled_from(STANCES)), draw(confidences),
                                                        draw(texts), c.parent_id),
                                        None, draw(st.none() | st.builds(
                                            Judgement, st.sampled_from(("personal-attack", "none")),
                                            confidences, texts))))
    positions = []
    if statuses and draw(st.booleans()):
        members = tuple(dict.fromkeys(draw(st.lists(st.sampled_from([s.unit_id for s in statuses]), min_size=1,
                                                     max_size=3))))
        positions.append(Position("p1", draw(texts), members[0], members, draw(st.integers(1, 5)),
                                  draw(st.integers(1, 5)), draw(st.sampled_from(("for", "against", "mixed", "unclear"))),
                                  draw(confidences), draw(st.none() | st.sampled_from(uids)), draw(confidences),
                                  draw(texts)))
    return ArgumentMap(thread=thread, units=tuple(units), evidence=tuple(evidence), relations=tuple(rels),
                       comment_labels=tuple(labels), statuses=tuple(statuses),
                       meta={"models": {"x": draw(texts)}}, positions=tuple(positions))
