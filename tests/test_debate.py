"""The debate tree behind the Map tab (argmap.debate), on hand-built maps: no models."""

from __future__ import annotations

from dataclasses import replace

from handmade import maps, small_map
from hypothesis import given, settings

from argmap import debate as deb
from argmap.cytoscape import MapFilter
from argmap.model import (
    ArgumentMap,
    ClaimStatus,
    Comment,
    CommentLabels,
    Evidence,
    Judgement,
    Relation,
    Thread,
    Unit,
)
from argmap.summaries import claims_table, participants_table, points


def _u(c: Comment, start: int, end: int, kind: str = "claim") -> Unit:
    return Unit(f"{c.id}:{start}", c.id, start, end, c.text[start:end], kind, 0.9, "cue")


def debate_map() -> ArgumentMap:
    """An article (thesis) with two points, a supporter, an attacker, and an attacker's attacker."""
    root = Comment("r", "", "Taxes work. Prices rise.", None, 0)
    ann = Comment("a", "ann", "Yes, studies show it. See the WHO report.", "r", 1)
    bob = Comment("b", "bob", "No, people keep buying.", "r", 2)
    cat = Comment("c", "cat", "Wrong, sales fell 7%.", "b", 3)
    dan = Comment("d", "dan", "Nice weather today.", "r", 4)
    t = Thread("t", "Do sugar taxes work?", "generic", (root, ann, bob, cat, dan))
    units = (_u(root, 0, 11), _u(root, 12, 24), _u(ann, 0, 21), _u(ann, 22, 41, "evidence"), _u(bob, 0, 23),
             _u(cat, 0, 21), _u(dan, 0, 19))
    rels = (Relation("a:22", "a:0", "support", 0.8, "cites"), Relation("a:0", "r:0", "support", 0.7, "agrees"),
            Relation("b:0", "r:0", "attack", 0.9, "disagrees"), Relation("c:0", "b:0", "attack", 0.6, "negates"))
    ev = (Evidence("e1", "a:22", "a", "document", "the WHO report", "the WHO report", 26, 40, 0.9, "names a report"),)
    labels = (CommentLabels("a", stance_to_root=Judgement("support", 0.8, "agrees")),
              CommentLabels("b", stance_to_root=Judgement("attack", 0.8, "disagrees")),
              CommentLabels("c", stance_to_root=Judgement("support", 0.6, "against the attacker")))
    statuses = tuple(ClaimStatus(u, s, "by hand") for u, s in (
        ("r:0", "sourced-and-contested"), ("r:12", "unsourced"), ("a:0", "sourced"), ("b:0", "contested"),
        ("c:0", "unsourced"), ("d:0", "unsourced")))
    return ArgumentMap(t, units=units, evidence=ev, relations=rels, comment_labels=labels, statuses=statuses)


def test_debate_places_supporters_and_attackers_under_what_they_answer():
    d = deb.build_debate(debate_map())
    assert d.cards["a:0"].parent == "r:0" and d.cards["a:0"].relation == "support"
    assert d.cards["b:0"].parent == "r:0" and d.cards["b:0"].relation == "attack"
    assert d.cards["c:0"].parent == "b:0" and d.cards["c:0"].relation == "attack"
    assert d.cards["r:0"].children == ("a:0", "b:0"), "supporters come before attackers"
    assert d.descendants("r:0") == 3 and d.ancestors("c:0") == ["b:0", "r:0"]


def test_debate_thesis_sides_follow_the_article_and_stance_to_root():
    d = deb.build_debate(debate_map())
    assert "r:0" in d.top["for"] and "r:12" in d.top["for"]
    assert d.top["neutral"] == ("d:0",), "a reply with no side and no link has no clear side"
    assert d.cards["c:0"].side == "for", "a card takes the side of its top-level ancestor"


def test_debate_sources_are_chips_on_the_card_that_cites_them():
    d = deb.build_debate(debate_map())
    assert d.cards["a:0"].sources == ("the WHO report",), "evidence folds into the point it supports"
    assert d.cards["b:0"].sources == ()


def test_debate_cards_are_exactly_the_claims_the_tables_count():
    for amap in (debate_map(), small_map()):
        d = deb.build_debate(amap)
        ids = {r["unit_id"] for r in claims_table(amap)}
        assert set(d.cards) == ids == {u.id for u in points(amap)}
        assert sum(deb.status_counts(amap).values()) == len(ids)
        assert sum(sum(c.values()) for _, c in deb.claims_by_participant(amap)) == \
            sum(r["claims"] for r in participants_table(amap))


def test_debate_first_view_is_limited_and_show_more_grows_it():
    d = deb.build_debate(debate_map())
    assert deb.shown(d, 1, per_side=0) == {"r:0"}, "the most argued-over card"
    small = deb.shown(d, 2, per_side=0)
    assert small == {"r:0", "b:0"}
    assert deb.shown(d, 0, frozenset({"b:0"}), per_side=0) == {"r:0", "b:0", "c:0"}, "a reply with its path up"
    bigger = deb.shown(d, 10)
    assert small <= bigger and len(bigger) == len(d.cards)


def test_debate_expanding_a_card_shows_its_replies_and_outline_counts_hidden():
    d = deb.build_debate(debate_map())
    first = deb.shown(d, 0, per_side=1)
    rows = {c.unit_id: hidden for side in deb.outline(d, first).values() for c, _, hidden in side}
    assert rows["r:0"] == 2, "both replies to the thesis point are folded away"
    opened = deb.shown(d, 0, frozenset({"r:0"}), per_side=1)
    assert {"a:0", "b:0"} <= opened
    depths = {c.unit_id: depth for c, depth, _ in deb.outline(d, opened)["for"]}
    assert depths["r:0"] == 0 and depths["b:0"] == 1


def test_debate_filter_hides_cards():
    d = deb.build_debate(debate_map(), MapFilter(statuses=("unsourced",)))
    assert set(d.cards) == {"r:12", "c:0", "d:0"}


@settings(max_examples=60, deadline=None)
@given(maps())
def test_debate_property_every_claim_placed_once_without_cycles(amap):
    d = deb.build_debate(amap)
    assert set(d.cards) == {u.id for u in points(amap)}
    seen = [c.unit_id for side in deb.outline(d, set(d.cards)).values() for c, _, _ in side]
    assert sorted(seen) == sorted(d.cards), "every card drawn exactly once when all are shown"
    for uid in d.cards:
        assert uid not in d.ancestors(uid)


def test_debate_a_reply_chain_thousands_deep_is_placed_without_recursion():
    n = 3000
    comments = [Comment("r", "", "Thesis here.", None, 0)]
    comments += [Comment(f"c{i}", f"u{i % 2}", "No, you are wrong.", "r" if i == 0 else f"c{i - 1}", i + 1)
                 for i in range(n)]
    t = Thread("t", "Deep", "generic", tuple(comments))
    units = tuple(Unit(f"{c.id}:0", c.id, 0, len(c.text), c.text, "claim", 0.9, "cue") for c in comments)
    rels = tuple(Relation(units[i + 1].id, units[i].id, "attack", 0.8, "no") for i in range(n))
    statuses = tuple(ClaimStatus(u.id, "contested", "by hand") for u in units)
    d = deb.build_debate(ArgumentMap(t, units=units, relations=rels, statuses=statuses))
    assert len(d.cards) == n + 1 and len(d.ancestors(units[-1].id)) == n
    rows = deb.outline(d, set(d.cards))["for"]
    assert [depth for _, depth, _ in rows] == list(range(n + 1))
    assert 12 <= len(deb.shown(d, 12)) <= 2 * 12 + 3, "a long chain does not flood the first view"


def test_debate_docstring_examples_run():
    import doctest

    import argmap.debate
    import argmap.positions
    import argmap.summaries

    for mod in (argmap.debate, argmap.positions, argmap.summaries):
        result = doctest.testmod(mod)
        assert result.failed == 0 and result.attempted > 0, mod.__name__


def test_status_colours_stay_apart_for_colour_blind_readers_and_in_greyscale():
    """bench/colourblind.py's check as a guard: every pair of status colours at least 10 CIE76 ΔE apart
    under deuteranopia, protanopia, tritanopia and in greyscale (the icons and words tell them apart too)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from app_views.common import STATUS_HEX, STATUS_LOOK
    from bench.colourblind import closest_pairs

    colours = {s: h for s, h in STATUS_HEX.items() if s}
    for condition, (delta, a, b) in closest_pairs(colours).items():
        assert delta >= 10, f"{condition}: {a} and {b} are only {delta:.1f} apart"
    icons = [STATUS_LOOK[s][1] for s in colours]
    assert len(set(icons)) == len(icons), "every status has its own icon"


@given(amap=maps())
@settings(max_examples=40, deadline=None)
def test_debate_unsourced_highlights_are_unsourced_argued_points_most_argued_first(amap):
    from argmap.positions import first_names, left_out, stands_alone

    d = deb.build_debate(amap)
    picked = deb.unsourced_highlights(d, amap, n=3, min_words=1)
    assert len(picked) <= 3 and len({c.unit_id for c in picked}) == len(picked)
    assert all(c.status in ("unsourced", "contested") for c in picked)
    names = first_names(amap)

    def tier(c):  # no vectors in these maps: the topic rule is skipped
        readable = left_out(c.text, 1.0, names) is None and stands_alone(c.text)
        return (not readable, amap.unit(c.unit_id).claim_type != "fact")

    tiers = [tier(c) for c in picked]
    assert tiers == sorted(tiers), "claims that read on their own first, then statements of fact"
    for t in set(tiers):
        same = [c for c in picked if tier(c) == t]
        own = [c for c in same if c.comment_id != d.root_id]
        assert same[:len(own)] == own, "participants' claims come before the article's"
        scores = [round(c.score, 3) for c in own]
        assert scores == sorted(scores, reverse=True), "the most argued over first"


def test_debate_unsourced_highlights_prefer_facts_on_topic_over_quarrels():
    root = Comment("r", "", "The trolls sold adverts for money.", None, 0)
    texts = ["Why not write something intelligent instead of personal comments.",
             "You are all fans of that cable news host, admit it.",
             "Tom, the trolls also sold their lists of followers.",
             "The trolls spent only $45,000 before the election."]
    cs = [Comment(f"c{i}", n, x, "r", i + 1) for i, (n, x) in enumerate(zip(["Ann", "Bo", "Cy", "Tom B"], texts, strict=True))]
    t = Thread("t", "Trolls", "generic", (root, *cs))
    units = [_u(root, 0, len(root.text))] + [replace(_u(c, 0, len(c.text)), claim_type=ct)
                                             for c, ct in zip(cs, ["value", "value", "fact", "fact"], strict=True)]
    rels = tuple(Relation(a, b, "attack", 0.9, "argues") for a, b in [("c0:0", "c1:0"), ("c1:0", "c0:0"),
                                                                         ("c2:0", "c1:0")])
    amap = ArgumentMap(t, units=tuple(units), relations=rels,
                       statuses=tuple(ClaimStatus(u.id, "unsourced", "none") for u in units))
    picked = deb.unsourced_highlights(deb.build_debate(amap), amap, n=2)
    assert [c.unit_id for c in picked] == ["c3:0", "r:0"], \
        "the unsourced fact, then the article's claim: not the question, the remark to people or the one to Tom"


def test_debate_unsourced_highlights_skip_fragments():
    amap = debate_map()
    d = deb.build_debate(amap)
    assert all(len(c.text.split()) >= 5 for c in deb.unsourced_highlights(d, amap))
    assert {c.unit_id for c in deb.unsourced_highlights(d, amap, min_words=1)} <= {
        c.unit_id for c in d.cards.values() if c.status in ("unsourced", "contested")}


def test_glance_charts_are_svg_pictures_with_every_count_and_escaped_names():
    """The header's charts are SVG drawn by app_views.charts (no chart library in the browser):
    well-formed, one bar colour per status from STATUS_HEX, every count written, author names as text."""
    import sys
    import xml.etree.ElementTree as ET
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from app_views.charts import ORDER, people_svg, status_svg
    from app_views.common import STATUS_HEX

    counts = {"sourced": 5, "contested": 12, "unsourced": 122}
    svg = status_svg(counts)
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert {"5", "12", "122", "0"} <= set(texts), "every status's count is written, zeros included"
    fills = {r.get("fill") for r in root.iter("{http://www.w3.org/2000/svg}rect")}
    assert fills == {STATUS_HEX[s] for s in counts}, "one bar per status with claims, in its colour"
    bars = {r.get("fill"): float(r.get("width")) for r in root.iter("{http://www.w3.org/2000/svg}rect")}
    assert bars[STATUS_HEX["unsourced"]] > bars[STATUS_HEX["contested"]] > bars[STATUS_HEX["sourced"]]
    assert all(float(t.get("x")) < float(root.get("width")) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    people = [("<script>alert(1)</script>", {"unsourced": 3, "sourced": 1}), ("", {"contested": 2})]
    svg = people_svg(people)
    assert "<script>" not in svg and "&lt;script&gt;" in svg, "names are escaped text"
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "(the article)" in texts and "4" in texts and "2" in texts
    assert len(ORDER) == 5 and ET.fromstring(status_svg({})) is not None, "an empty map still draws"


def test_debate_sourced_highlights_are_sourced_claims():
    amap = debate_map()
    picked = deb.sourced_highlights(deb.build_debate(amap), amap, n=3, min_words=1)
    assert picked and all(c.status in deb.SOURCED for c in picked)
    assert {c.unit_id for c in picked} <= {"r:0", "a:0"}


def test_debate_who_attacks_whom_counts_disputes_and_personal_attacks_per_pair():
    """Replies that dispute a comment count for its author, personal attacks for the person they
    aim at; personal attacks rank a pair first; a reply to the article disputes "the article";
    nobody attacks themselves."""
    root = Comment("r", "", "Taxes work.", None, 0)
    ann = Comment("a", "ann", "Yes they do.", "r", 1)
    bob = Comment("b", "bob", "No, they do not.", "a", 2)
    cat = Comment("c", "cat", "Bob, you are an idiot.", "b", 3)
    bob2 = Comment("d", "bob", "Wrong again, ann.", "a", 4)
    ann2 = Comment("e", "ann", "I take that back.", "a", 5)
    dan = Comment("f", "dan", "The article is wrong.", "r", 6)
    t = Thread("t", "Do taxes work?", "generic", (root, ann, bob, cat, bob2, ann2, dan))
    att = Judgement("attack", 0.8, "disagrees")
    labels = (CommentLabels("b", stance=att), CommentLabels("d", stance=att), CommentLabels("e", stance=att),
              CommentLabels("c", stance=att, personal_attack=Judgement("personal-attack", 0.9, "insult")),
              CommentLabels("f", stance=att))
    pairs = deb.who_attacks_whom(ArgumentMap(t, comment_labels=labels), n=5)
    got = {(p.attacker, p.attacked): (p.disputes, p.personal) for p in pairs}
    assert got[("cat", "bob")] == (1, 1) and pairs[0].attacker == "cat"
    assert got[("bob", "ann")] == (2, 0)
    assert got[("dan", "the article")] == (1, 0)
    assert ("ann", "ann") not in got
    assert deb.who_attacks_whom(ArgumentMap(t, comment_labels=labels), n=1) == pairs[:1]


def test_debate_who_attacks_whom_leaves_tone_only_flags_to_the_moderator():
    """A personal-attack flag no insult or ad hominem pattern backs (hostile tone alone, a
    moderator's 'check') is no personal attack in the header's pairs; the dispute still counts."""
    root = Comment("r", "", "Taxes work.", None, 0)
    ann = Comment("a", "ann", "Yes they do.", "r", 1)
    bob = Comment("b", "bob", "Could you explain what you mean by that?", "a", 2)
    t = Thread("t", "Do taxes work?", "generic", (root, ann, bob))
    labels = (CommentLabels("b", stance=Judgement("attack", 0.7, "disputes"),
                            personal_attack=Judgement("personal-attack", 0.6, "hostile tone, check")),)
    assert deb.who_attacks_whom(ArgumentMap(t, comment_labels=labels)) == [deb.AttackPair("bob", "ann", 1, 0)]
