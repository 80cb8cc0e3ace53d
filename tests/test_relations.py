"""Relations on hand-built maps: markers, adjacency, quoted blocks, reply links.

``build_map`` is the compact map builder the other unit tests of the relations,
status, graph and summaries modules import.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.model import (
    ArgumentMap,
    Comment,
    CommentLabels,
    Evidence,
    Judgement,
    ParentLink,
    Quote,
    Thread,
    Unit,
    Vectors,
)
from argmap.settings import Settings
from argmap.steps.relations import relate, voices

# A unit spec: (kind, text) or (kind, text, quoted_from) for a quoted unit
# (quoted_from "" means quoted from an unnamed outside source).
UnitSpec = tuple


def build_map(comments: list[tuple[str, str, str | None, list[UnitSpec]]], *,
              evidence: dict[str, list[tuple[str, str]]] | None = None,
              stances: dict[str, tuple[str, float, str | None]] | None = None,
              personal: set[str] | None = None,
              inferred: dict[str, float] | None = None) -> ArgumentMap:
    """A map from ``(comment_id, author, parent_id, unit specs)`` rows.

    ``evidence`` maps a unit id (or ``(comment_id, n)``, its n-th unit) to ``(kind, source)`` pairs it cites; ``stances``
    maps a comment id to ``(label, confidence, target)`` (a unit reference or None); ``personal``
    names comments flagged as personal attacks; ``inferred`` gives the confidence
    of inferred parent links.
    """
    inferred = inferred or {}
    cs, units = [], []
    for i, (cid, author, parent, specs) in enumerate(comments):
        text, quotes = "", []
        for spec in specs:
            kind, raw = spec[0], spec[1]
            utext = raw.rstrip()   # trailing whitespace ("\n\n": a paragraph break) stays in the text only
            start = len(text)
            text += raw + " "
            quoted = len(spec) > 2
            qf = (spec[2] or None) if quoted else None
            if quoted:
                quotes.append(Quote(start, start + len(utext), qf if qf in dict(
                    (c[0], 1) for c in comments) else None, "test quote"))
            units.append(Unit(Unit.make_id(cid, start), cid, start, start + len(utext), utext, kind,
                              0.9, "hand-built", quoted=quoted, quoted_from=qf))
        link = (None if parent is None else ParentLink("inferred", inferred[cid], "test")
                if cid in inferred else ParentLink("explicit", 1.0, "test"))
        cs.append(Comment(cid, author, text.rstrip(), parent, i, parent=link, quotes=tuple(quotes)))
    ev = []
    for key, cites in (evidence or {}).items():
        u = next(x for x in units if x.id == _ref(units, key))
        for k, (kind, source) in enumerate(cites):
            ev.append(Evidence(f"{u.id}:e{k}", u.id, u.comment_id, kind, source, source, u.start, u.end,
                               0.9, "hand-built"))
    labels = []
    for c in cs:
        st = (stances or {}).get(c.id)
        pa = Judgement("personal-attack", 0.9, "insult") if c.id in (personal or set()) else None
        if st or pa:
            stance = Judgement(st[0], st[1], "test stance", _ref(units, st[2])) if st else None
            labels.append(CommentLabels(c.id, stance=stance, personal_attack=pa))
    thread = Thread("t", "T", "generic", tuple(cs))
    return ArgumentMap(thread=thread, units=tuple(units), evidence=tuple(ev), comment_labels=tuple(labels))


def _ref(units: list[Unit], key: str | tuple[str, int] | None) -> str | None:
    """A unit id, or ``(comment_id, n)`` for the n-th unit of a comment."""
    if key is None or isinstance(key, str):
        return key
    return [u for u in units if u.comment_id == key[0]][key[1]].id


def uid(amap: ArgumentMap, cid: str, n: int) -> str:
    """The id of the n-th unit of comment ``cid``."""
    return amap.units_of(cid)[n].id


def rels(amap: ArgumentMap) -> set[tuple[str, str, str]]:
    return {(r.source, r.target, r.label) for r in amap.relations}


def test_relations_reason_marker_supports_preceding_claim():
    m = build_map([("r", "", None, [("claim", "Trump was elected"),
                                    ("premise", "because Clinton was an elitist candidate.")])])
    out = relate(m, settings=Settings())
    assert rels(out) == {(uid(m, "r", 1), uid(m, "r", 0), "support")}
    assert "because" in out.relations[0].why
    assert 0 < out.relations[0].confidence <= 1


def test_relations_reason_marker_first_supports_following_claim():
    m = build_map([("r", "", None, [("premise", "Because prices rose,"), ("claim", "people buy less.")])])
    assert rels(relate(m)) == {(uid(m, "r", 0), uid(m, "r", 1), "support")}


def test_relations_conclusion_marker_reverses_direction():
    m = build_map([("r", "", None, [("claim", "Taxes are high."), ("claim", "Wages are flat."),
                                    ("claim", "So people are unhappy.")])])
    out = relate(m)
    assert rels(out) == {(uid(m, "r", 1), uid(m, "r", 2), "support")}
    assert "'so'" in out.relations[0].why


def test_relations_adjacency_links_premise_and_evidence_to_nearest():
    m = build_map([("r", "", None, [("claim", "The plan failed."), ("premise", "Nobody used it."),
                                    ("other", "Sad."), ("claim", "We need another plan."),
                                    ("evidence", "A survey of 300 users found 2% usage.")])])
    got = rels(relate(m))
    assert (uid(m, "r", 1), uid(m, "r", 0), "support") in got   # tie -> the claim before
    assert (uid(m, "r", 4), uid(m, "r", 3), "support") in got
    assert not any(s == uid(m, "r", 2) for s, _, _ in got)        # 'other' links to nothing


def test_relations_evidence_can_back_a_premise_for_multi_hop_chains():
    m = build_map([("r", "", None, [("claim", "The ads had no effect."), ("premise", "They were tiny."),
                                    ("evidence", "The IRA spent $100,000.")])])
    got = rels(relate(m))
    assert (uid(m, "r", 2), uid(m, "r", 1), "support") in got
    assert (uid(m, "r", 1), uid(m, "r", 0), "support") in got


def test_relations_quoted_source_block_supports_authors_claim():
    m = build_map([("r", "", None, [
        ("claim", "Russia meddled in 2016."),
        ("claim", "Putin interfered in our elections.", ""),
        ("evidence", "Reported The New York Times, Hill testified.", ""),
        ("other", "Thanks.")])])
    out = relate(m)
    got = rels(out)
    q_claim, q_ev, own = uid(m, "r", 1), uid(m, "r", 2), uid(m, "r", 0)
    assert (q_ev, q_claim, "support") in got
    assert (q_claim, own, "support") in got
    assert not any(s == q_ev and t == own for s, t, _ in got)  # only the block's top unit links out


def test_relations_quote_of_another_comment_gets_no_relations():
    m = build_map([
        ("p", "ann", None, [("claim", "The study proves it.")]),
        ("r", "bob", "p", [("claim", "The study proves it.", "p"), ("premise", "because the data is bad."),
                           ("claim", "It proves nothing.")]),
    ])
    got = rels(relate(m))
    assert not any(s == uid(m, "r", 0) or t == uid(m, "r", 0) for s, t, _ in got)


def test_relations_reply_links_lead_unit_to_stance_target():
    m = build_map([
        ("p", "ann", None, [("claim", "Russia had no impact."), ("claim", "Putin did not elect Trump.")]),
        ("r", "bob", "p", [("claim", "That is false."), ("premise", "because agencies said so.")]),
    ], stances={"r": ("attack", 0.8, None)})
    m = replace(m, comment_labels=(CommentLabels("r", stance=Judgement("attack", 0.8, "denies it",
                                                                       uid(m, "p", 1))),))
    out = relate(m)
    cross = [r for r in out.relations if r.target == uid(m, "p", 1)]
    assert [(r.source, r.label) for r in cross] == [(uid(m, "r", 0), "attack")]
    assert cross[0].confidence <= 0.8
    assert "denies it" in cross[0].why and "#0 (ann)" in cross[0].why


def test_relations_confidence_combines_stance_target_and_inferred_link():
    spec = [("p", "ann", None, [("claim", "A is true."), ("claim", "B is true.")]),
            ("r", "bob", "p", [("claim", "A is not true.")])]
    sure = build_map(spec, stances={"r": ("attack", 0.8, "p:0")})
    unsure = build_map(spec, stances={"r": ("attack", 0.8, "p:0")}, inferred={"r": 0.5})
    c_sure = relate(sure).relations[0].confidence
    c_unsure = relate(unsure).relations[0].confidence
    assert c_unsure < c_sure <= 0.8


def test_relations_quoting_the_target_makes_it_sure():
    m = build_map([("p", "ann", None, [("claim", "Mueller came up with nothing."), ("claim", "It's over.")]),
                   ("r", "bob", "p", [("claim", "Mueller came up with nothing.", "p"),
                                      ("claim", "He indicted 13 Russians.")])],
                  stances={"r": ("attack", 0.7, "p:0")})
    r = [x for x in relate(m).relations if x.target == "p:0"]
    assert len(r) == 1 and r[0].source == uid(m, "r", 1)   # the quoted unit is never the source
    assert r[0].confidence == 0.7 and "quoted" in r[0].why


def test_relations_neutral_stance_makes_no_relation():
    m = build_map([("p", "ann", None, [("claim", "A is true.")]),
                   ("r", "bob", "p", [("claim", "Interesting.")])], stances={"r": ("neutral", 0.9, "p:0")})
    assert relate(m).relations == ()


def test_relations_unknown_target_links_comment_to_comment():
    m = build_map([("p", "ann", None, [("claim", "A is true.")]),
                   ("r", "bob", "p", [("claim", "No it is not.")]),
                   ("s", "cy", "r", [])],
                  stances={"r": ("attack", 0.6, None), "s": ("support", 0.5, "r:0")})
    got = rels(relate(m))
    assert ("r", "p", "attack") in got          # no target unit: comment ids
    assert ("s", "r", "support") in got          # no own units: comment ids
    assert all(s in m.thread and t in m.thread for s, t, _ in got)


def test_relations_echoing_units_also_link():
    m = build_map([("p", "ann", None, [("claim", "A is true."), ("claim", "B is true.")]),
                   ("r", "bob", "p", [("claim", "C."), ("claim", "D."), ("claim", "E.")])],
                  stances={"r": ("support", 0.9, ("p", 1))})
    vec = np.eye(5, dtype="float32")
    vec[3] = vec[1]     # r's second unit repeats the target's wording
    m = replace(m, vectors=Vectors(units=vec))
    sources = {r.source for r in relate(m).relations}
    assert sources == {uid(m, "r", 0), uid(m, "r", 1)}


def test_relations_personal_attack_noted_in_why():
    m = build_map([("p", "ann", None, [("claim", "A.")]), ("r", "bob", "p", [("question", "r u a nut?")])],
                  stances={"r": ("attack", 0.6, "p:0")}, personal={"r"})
    (r,) = relate(m).relations
    assert r.source == uid(m, "r", 0) and "personal attack" in r.why


def test_relations_voices_split_quoted_runs():
    m = build_map([("r", "", None, [("claim", "A."), ("claim", "B.", ""), ("claim", "C.", ""), ("claim", "D.")])])
    assert [len(v) for v in voices(m.units)] == [1, 2, 1]


def test_relations_unique_per_pair_and_ids_exist():
    m = build_map([("p", "ann", None, [("claim", "A."), ("premise", "because B.")]),
                   ("r", "bob", "p", [("claim", "Not A."), ("premise", "since C.")])],
                  stances={"r": ("attack", 0.9, "p:0")})
    out = relate(m)
    pairs = [(r.source, r.target) for r in out.relations]
    ids = {u.id for u in m.units} | {c.id for c in m.thread.comments}
    assert len(pairs) == len(set(pairs))
    assert all(s in ids and t in ids and s != t for s, t in pairs)
    assert all(r.label in ("support", "attack") and 0 <= r.confidence <= 1 and r.why for r in out.relations)


def test_relations_adjacency_stops_at_paragraph_break_and_reach():
    m = build_map([("r", "", None, [("evidence", "It cost $6.5 billion.\n\n"), ("claim", "Most of it was apolitical."),
                                    ("other", "Hm."), ("other", "Hm."), ("other", "Hm."), ("premise", "It was tiny.")])])
    assert "\n\n" in m.thread.get("r").text
    assert relate(m).relations == ()


def test_relations_nested_quote_block_leans_on_claims_and_citing_units():
    m = build_map([("r", "", None, [
        ("claim", "Russia meddled."),
        ("claim", "Putin interfered in 2016.", "Daily Kos"),
        ("other", "Reported The New York Times,", "Daily Kos"),
        ("premise", "Hill testified under oath.", "New York Times"),
        ("other", "Nice.", "New York Times")])],
        evidence={("r", 3): [("testimony", "Fiona Hill")]})
    got = rels(relate(m))
    own = uid(m, "r", 0)
    assert (uid(m, "r", 1), own, "support") in got       # a quoted claim
    assert (uid(m, "r", 3), own, "support") in got       # a citing unit in the nested quote
    assert not any(s in (uid(m, "r", 2), uid(m, "r", 4)) for s, _, _ in got)


# --- property: random small maps ------------------------------------------------

KINDS = ("claim", "premise", "evidence", "question", "other")


@st.composite
def random_maps(draw):
    n = draw(st.integers(1, 5))
    comments = []
    for i in range(n):
        specs = []
        for _ in range(draw(st.integers(0, 4))):
            kind = draw(st.sampled_from(KINDS))
            text = draw(st.sampled_from(["A b.", "because c d.", "So e f.", "G h i.", "since j."]))
            quote = draw(st.sampled_from([None, None, "", f"c{i - 1}"]))
            specs.append((kind, text) if quote is None or (quote and i == 0) else (kind, text, quote))
        parent = None if i == 0 else f"c{draw(st.integers(0, i - 1))}"
        comments.append((f"c{i}", f"u{draw(st.integers(0, 2))}", parent, specs))
    m = build_map(comments)
    ids = [u.id for u in m.units]
    ev = {u: [("news", "X")] for u in draw(st.lists(st.sampled_from(ids), max_size=3, unique=True))} if ids else {}
    stances = {}
    for cid, _, parent, _ in comments[1:]:
        targets = [u.id for u in m.units if u.comment_id == parent] + [None]
        stances[cid] = (draw(st.sampled_from(["support", "attack", "neutral"])),
                        draw(st.floats(0, 1)), draw(st.sampled_from(targets)))
    return build_map(comments, evidence=ev, stances=stances)



@settings(max_examples=150, deadline=None)
@given(random_maps())
def test_relations_property_well_formed(m):
    out = relate(m)
    units = {u.id: u for u in m.units}
    pairs = [(r.source, r.target) for r in out.relations]
    assert len(pairs) == len(set(pairs))
    for r in out.relations:
        assert r.source != r.target and r.label in ("support", "attack") and 0 <= r.confidence <= 1 and r.why
        if r.source in units and r.target in units:
            s, t = units[r.source], units[r.target]
            assert s.comment_id == t.comment_id or not s.quoted   # quoted units never argue across comments
        else:
            assert r.source in m.thread and r.target in m.thread  # comment-to-comment


def test_relations_quoted_block_backs_the_nearby_claim_it_is_about():
    # "...Daily Kos" quote, then "I do not get you guys." (nearest), then the claim the quote is about.
    m = build_map([("r", "", None, [
        ("claim", "As the paper said:"),
        ("claim", "Russia interfered in the 2016 election.", "The Paper"),
        ("claim", "I do not get you guys."),
        ("premise", "There is no question Russia tried to interfere in 2016."),
    ])])
    e = np.eye(4, dtype=np.float32)
    vecs = np.vstack([e[0], e[1], e[2], 0.9 * e[1] + 0.436 * e[3]])  # the last is about the quote
    with_vectors = replace(m, vectors=Vectors(units=vecs))
    q, bafflement, about = uid(m, "r", 1), uid(m, "r", 2), uid(m, "r", 3)
    rel = next(r for r in relate(with_vectors).relations if r.source == q)
    assert rel.target == about and "closest in meaning (0.90)" in rel.why
    # without vectors: the nearest claim, as before; the quote's introduction is never the target
    assert (q, bafflement, "support") in rels(relate(m))
    assert not any(t == uid(m, "r", 0) and s == q for s, t, _ in rels(relate(with_vectors)))


def test_relations_quote_of_unknown_origin_is_answered_not_leaned_on():
    # '> claim' then the author's rebuttal: the quoted claim does not support the rebuttal.
    m = build_map([("r", "", None, [("claim", "Women are objectified for men.", "quoted text"),
                                     ("claim", "No, that is backwards."),
                                     ("premise", "because men are objectified too.")])])
    got = rels(relate(m))
    assert not any(s == uid(m, "r", 0) for s, _, _ in got)
    assert (uid(m, "r", 2), uid(m, "r", 1), "support") in got
