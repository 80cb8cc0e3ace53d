"""Positions (argmap.positions): grouping on hand-made vectors, the records, the JSON round trip,
and the seed thread with the real models."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest
from handmade import small_map

from argmap import positions as pos
from argmap.exporters.schemas import validate
from argmap.model import (
    ArgumentMap,
    ClaimStatus,
    Comment,
    CommentLabels,
    Judgement,
    Relation,
    Thread,
    Unit,
    Vectors,
)
from argmap.settings import DEFAULT


def _vec(*xs: float) -> np.ndarray:
    v = np.asarray(xs, dtype="float32")
    return v / np.linalg.norm(v)


def test_group_joins_near_vectors_and_keeps_far_ones_apart():
    v = np.stack([_vec(1, 0, 0), _vec(0.95, 0.3, 0), _vec(0, 1, 0), _vec(0, 0.97, 0.2), _vec(0, 0, 1)])
    assert pos.group(v, 0.8) == [0, 0, 1, 1, 2]
    assert pos.group(v, 0.999) == [0, 1, 2, 3, 4]
    assert pos.group(v[:0], 0.5) == [] and pos.group(v[:1], 0.5) == [0]


def test_representative_is_the_member_closest_to_the_others():
    v = np.stack([_vec(1, 0.5, 0), _vec(1, 0, 0), _vec(1, -0.5, 0)])
    assert pos.representative(v, [0, 1, 2]) == 1


def test_pair_head_scores_are_probabilities_and_symmetric():
    head = pos.load_head()
    assert head is not None, "argmap/data/position_head.npz ships with the package"
    rng = np.random.default_rng(0)
    v = rng.normal(size=(6, 384)).astype("float32")
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    m = head.matrix(v)
    assert m.shape == (6, 6) and np.all((m >= 0) & (m <= 1))
    assert np.allclose(m, m.T, atol=1e-5)
    assert m[0, 0] > np.median(m), "a claim is more like itself than like a random one"


def _thread_map() -> tuple[ArgumentMap, np.ndarray]:
    texts = ["The trolls were only selling ads to make money.", "It was a click-bait business, nothing political.",
             "Russia ran an influence campaign on our election.", "The campaign was a state operation against us.",
             "I had pizza for lunch today with my friends."]
    comments = [Comment("r", "", "Article.", None, 0)]
    comments += [Comment(f"c{i}", f"user{i % 4}", t, "r", i + 1) for i, t in enumerate(texts)]
    t = Thread("t", "Trolls", "generic", tuple(comments))
    units = tuple(Unit(f"c{i}:0", f"c{i}", 0, len(x), x, "claim", 0.9, "cue") for i, x in enumerate(texts))
    statuses = tuple(ClaimStatus(u.id, "sourced" if i == 0 else "unsourced", "by hand") for i, u in enumerate(units))
    labels = tuple(CommentLabels(f"c{i}", stance_to_root=Judgement(s, 0.8, "by hand"))
                   for i, s in enumerate(["support", "support", "attack", "attack", "neutral"]))
    rels = (Relation("c2:0", "c0:0", "attack", 0.8, "disagrees"), Relation("c3:0", "c1:0", "attack", 0.5, "no"))
    amap = ArgumentMap(t, units=units, relations=rels, comment_labels=labels, statuses=statuses)
    v = np.stack([_vec(1, 0.1, 0), _vec(0.97, 0.2, 0), _vec(0, 1, 0.1), _vec(0.1, 0.98, 0), _vec(0, 0, 1)])
    return amap, v


def test_find_positions_names_sides_prevalence_sourcing_and_rebuttal(monkeypatch):
    amap, v = _thread_map()
    monkeypatch.setattr(pos, "load_head", lambda: None)  # cosine on these 3-d vectors
    found = pos.find_positions(amap, v, replace(DEFAULT, position_similarity=0.8))
    assert len(found) == 2, "two groups of two; the lone pizza claim is no position"
    money, campaign = sorted(found, key=lambda p: p.side == "against")
    assert set(money.members) == {"c0:0", "c1:0"} and money.side == "for"
    assert set(campaign.members) == {"c2:0", "c3:0"} and campaign.side == "against"
    assert money.comments == 2 and money.participants == 2
    assert money.sourced_share == 0.5 and campaign.sourced_share == 0.0
    assert money.rebuttal == "c2:0", "the most confident attack on a member"
    assert campaign.rebuttal is None
    for p in found:
        assert p.label in {u.text for u in amap.units} and p.unit_id in p.members
        assert 0 <= p.confidence <= 1 and p.why


def test_positions_step_needs_vectors_and_leaves_the_map_alone_without_them():
    amap, _ = _thread_map()
    assert pos.positions(amap) is amap


def test_positions_round_trip_and_schema():
    m = small_map()
    assert m.positions, "the hand-built map carries a position"
    doc = json.loads(m.to_json())
    validate(doc, "argmap-1")
    assert ArgumentMap.from_dict(doc) == m
    old = {k: v for k, v in doc.items() if k != "positions"}
    assert ArgumentMap.from_dict(old).positions == (), "documents written before positions still load"


@pytest.mark.slow
def test_positions_on_the_seed_thread(seed_map):
    ps = seed_map.positions
    assert 3 <= len(ps) <= DEFAULT.max_positions
    assert any(p.side == "for" for p in ps) and any(p.side in ("against", "mixed") for p in ps)
    units = {u.id for u in seed_map.units}
    for p in ps:
        assert p.unit_id in p.members and set(p.members) <= units
        assert p.comments >= 1 and p.participants >= 1 and 0 <= p.sourced_share <= 1
    assert [p.comments for p in ps] == sorted((p.comments for p in ps), reverse=True)
    validate(json.loads(seed_map.to_json()), "argmap-1")
    # sentences that cite a source and make a point are members, and count as sourced
    kinds = {u.id: u.kind for u in seed_map.units}
    assert any(kinds[m] == "evidence" for p in ps for m in p.members)
    assert all(kinds[m] != "evidence" or m in {u.id for u in pos.citing_points(seed_map)} for p in ps for m in p.members)
    assert sum(p.sourced_share > 0 for p in ps) >= 2, "more than one position rests partly on sources"
    # a source the participants argue over is one position: every member cites it or names it
    cited = {e.unit_id: e.source for e in seed_map.evidence}
    for p in ps:
        if "argue over one source" in p.why:
            name = p.why.split("one source, ", 1)[1].split(", that ", 1)[0]
            mention = pos.source_mention(name)
            assert p.participants >= 2 and all(cited.get(m) == name or (mention and mention.search(
                seed_map.unit(m).text)) for m in p.members), p


def test_positions_in_the_html_report_and_the_summary_rows():
    from argmap.exporters.html_report import to_html
    from argmap.summaries import positions_table

    m = small_map()
    rows = positions_table(m)
    assert rows[0]["label"] == m.positions[0].label and rows[0]["rebuttal"]["id"] == "c1:0"
    assert [x["unit_id"] for x in rows[0]["members"]] == list(m.positions[0].members)
    page = to_html(m)
    assert "<h2>Positions</h2>" in page and "Strongest rebuttal" in page
    assert page.index("<h2>Positions</h2>") < page.index("<h2>Claims</h2>")


@pytest.mark.slow
def test_positions_quality_on_ibm_argkp_dev(corpora, encoder):
    """Measured 0.188 ARI / 0.383 pairwise F1 / 0.864 representative (bench/quality_positions.py); floors leave room."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.quality_positions import score_argkp

    if not (corpora / "ibm-argkp").is_dir():
        pytest.skip("ibm-argkp is absent from the corpora folder")
    r = score_argkp(encoder, boots=50)
    assert r["ari"] >= 0.15 and r["f1"] >= 0.35
    assert r["representative_accuracy"] >= 0.6


def test_stands_alone_wants_a_full_claim_readable_out_of_context():
    assert pos.stands_alone("The IRA ran a commercial click-bait operation for money.")
    assert pos.stands_alone("There was no government campaign to sway the election.")
    for text in ("because she was a lousy candidate.", "It found that the accounts had no influence.",
                 "and they never did anything at all.", "The backlog is a staffing problem and more,",
                 "Why would anyone believe this report at all?", "I bet you're a fan of that host!",
                 "Far too short."):
        assert not pos.stands_alone(text), text


def test_left_out_names_questions_attacks_remarks_to_people_and_asides():
    assert pos.left_out("Why would the study be wrong?", 0.9) == "question"
    assert pos.left_out("Why not write something intelligent instead of comments.", 0.9) == "question"
    assert pos.left_out("You are an idiot and a troll.", 0.9) == "attack"
    assert pos.left_out("I bet you're a fan of Rachel!", 0.9) == "addressed"
    assert pos.left_out("He is a mad king all right.", pos.TOPIC_MIN - 0.01) == "aside"
    assert set(pos.LEFT_OUT) == {"question", "attack", "addressed", "aside"}
    assert pos.left_out("The study found no effect on attitudes.", pos.TOPIC_MIN) is None
    assert pos.left_out("Thank you, the study found no effect.", 0.9) is None, "a polite formula speaks to no one"


def test_representative_is_chosen_among_eligible_members_and_leans_to_the_topic():
    v = np.stack([_vec(1, 0.5, 0), _vec(1, 0, 0), _vec(1, -0.5, 0)])
    assert pos.representative(v, [0, 1, 2], eligible=[True, False, True]) in (0, 2)
    assert pos.representative(v, [0, 1, 2], eligible=[False, False, False]) is None
    assert pos.representative(v, [0, 1, 2], topic=[0.0, 0.0, 0.9]) == 2, "much closer to the topic wins"


def _chat_map(texts: list[str], vectors: list[np.ndarray]) -> tuple[ArgumentMap, np.ndarray]:
    """An article with three units of its own (the topic) and one reply per text."""
    article = ["Trolls sold ads on social media for money.", "Their pages chased clicks from both camps.",
               "No vote was changed by them at all."]
    comments = [Comment("r", "", " ".join(article), None, 0)]
    comments += [Comment(f"c{i}", f"user{i}", t, "r", i + 1) for i, t in enumerate(texts)]
    t = Thread("t", "Trolls", "generic", tuple(comments))
    units, start = [], 0
    for x in article:
        units.append(Unit(f"r:{start}", "r", start, start + len(x), x, "claim", 0.9, "cue"))
        start += len(x) + 1
    units += [Unit(f"c{i}:0", f"c{i}", 0, len(x), x, "claim", 0.9, "cue") for i, x in enumerate(texts)]
    amap = ArgumentMap(t, units=tuple(units), statuses=tuple(ClaimStatus(u.id, "unsourced", "by hand") for u in units))
    topic = [_vec(1, 0.1, 0, 0), _vec(1, 0, 0.1, 0), _vec(0.9, 0.1, 0.1, 0)]
    return amap, np.stack([*topic, *vectors])


def test_find_positions_leaves_out_remarks_to_people_asides_and_groups_no_claim_can_name(monkeypatch):
    monkeypatch.setattr(pos, "load_head", lambda: None)
    texts = ["The troll farm was a business selling adverts for cash.",   # on topic, stands alone
             "They only wanted clicks, and the money that came with them.",  # on topic, leans back
             "I bet you are all fans of that cable news host!",             # spoken to people
             "My cat prefers the red cushion to the blue one today.",       # an aside off the topic
             "My dog also prefers the red cushion to the blue one."]        # an aside off the topic
    amap, v = _chat_map(texts, [_vec(1, 0.2, 0, 0), _vec(0.98, 0.25, 0, 0), _vec(0.95, 0.3, 0, 0),
                                _vec(0, 0, 0, 1), _vec(0, 0, 0.05, 1)])
    found = pos.find_positions(amap, v, replace(DEFAULT, position_similarity=0.8))
    members = {m for p in found for m in p.members}
    assert "c2:0" not in members, "a remark to other participants is no position"
    assert not {"c3:0", "c4:0"} & members, "asides off the article's topic are no position"
    assert all(pos.stands_alone(p.label) for p in found)
    assert any("c0:0" in p.members and "c1:0" in p.members for p in found)
    amap = replace(amap, vectors=Vectors(units=v))
    assert pos.left_out_counts(amap) == {"addressed": 1, "aside": 2}, "what is left out is counted, with why"
    assert pos.left_out_counts(replace(amap, vectors=Vectors())) == {}, "no vectors (read from JSON): nothing said"


def test_makes_claim_tells_a_cited_point_from_a_bare_citation():
    assert pos.makes_claim("Most US intelligence agencies have said Russia interfered in 2016.", [(5, 29)])
    assert pos.makes_claim("A 2019 survey by the chamber of commerce found turnover unchanged.", [(0, 13)])
    assert not pos.makes_claim("See this write-up (https://example.org/pairing-study).", [(19, 52)]), "a pointer"
    assert not pos.makes_claim("This is from Ian Reifowitz for Daily Kos", [(31, 40)]), "a credit line"
    assert not pos.makes_claim("Reported The New York Times,", [(9, 27)]), "a lead-in cut off"
    title = "Assessing the Russian Internet Research Agency's impact"
    text = f"The study by U.S. researchers is headlined {title}."
    assert not pos.makes_claim(text, [(0, 29), (43, 43 + len(title))]), "only the source's name and title"


def _citing_map() -> tuple[ArgumentMap, np.ndarray]:
    """Two replies make the same point, one citing a report, plus a bare pointer and a quotation."""
    from argmap.model import Evidence

    texts = ["The report proved the trolls were a state influence campaign.",
             "The trolls were a state influence campaign run from the capital.",
             "See this write-up (https://example.org/x).",
             "The trolls sold adverts for money and nothing more."]
    amap, v = _chat_map(texts, [_vec(0.3, 1, 0, 0), _vec(0.32, 0.98, 0.05, 0), _vec(0.3, 1, 0.02, 0),
                                _vec(1, 0.05, 0, 0)])
    return _as_evidence(amap, [
        Evidence("e1", "c0:0", "c0", "document", "the report", "The report", 0, 10, 0.85, "names a report"),
        Evidence("e2", "c2:0", "c2", "link", "example.org", "https://example.org/x", 19, 40, 0.95, "a link")]), v


def _as_evidence(amap: ArgumentMap, ev: list) -> ArgumentMap:
    """``amap`` with the evidence ``ev`` and the units it cites made evidence units (no claim type,
    no status)."""
    ids = {e.unit_id for e in ev}
    units = tuple(replace(u, kind="evidence", claim_type=None) if u.id in ids else u for u in amap.units)
    return replace(amap, units=units, evidence=tuple(ev),
                   statuses=tuple(s for s in amap.statuses if s.unit_id not in ids))


def test_a_citing_unit_that_makes_a_point_joins_its_position_and_counts_as_sourced(monkeypatch):
    monkeypatch.setattr(pos, "load_head", lambda: None)
    amap, v = _citing_map()
    assert [u.id for u in pos.citing_points(amap)] == ["c0:0"], "the pointer makes no point of its own"
    found = pos.find_positions(amap, v, replace(DEFAULT, position_similarity=0.8))
    home = [p for p in found if "c0:0" in p.members]
    assert home and "c1:0" in home[0].members, "the cited point sits with the claim that says the same"
    assert home[0].sourced_share == 0.5, "one of its two members cites a source"
    assert all("c2:0" not in p.members for p in found)
    assert all(pos.stands_alone(p.label) for p in found)


def test_labels_do_not_open_on_a_reply_word_or_a_quantifier_standing_for_something_before():
    assert not pos.stands_alone("Thanks, anyway, but I'll stick with the findings of the report.")
    assert not pos.stands_alone("No, most if not all agencies have not said so at all.")
    assert not pos.stands_alone("Both are in the business of attracting viewers to sell ads.")
    assert not pos.stands_alone("Most of it was apolitical and aimed at clicks.")
    assert pos.stands_alone("Most hardcore Republicans watch one channel, Democrats another.")
    assert pos.stands_alone("No opinion was changed through those contacts at all.")


def test_a_remark_that_calls_a_participant_by_name_is_spoken_to_someone():
    names = frozenset({"tom", "geoff"})
    assert pos.left_out("Tom, rural districts also lose the fifth day of school meals.", 0.9, names) == "addressed"
    assert pos.left_out("Planning delays were eleven weeks before any trial, Geoff.", 0.9, names) == "addressed"
    assert pos.left_out("@Priya S. Several of those districts run a meal pickup.", 0.9) == "addressed"
    assert pos.left_out("Tomatoes, rural districts say, are cheap this year.", 0.9, names) is None
    assert pos.left_out("The U.S. has claimed the campaign was run by the state.", 0.9) is None, "U.S. is not 'u'"
    t = Thread("t", "T", "generic", (Comment("r", "Margaret Flowers", "A.", None, 0),
                                     Comment("c", "tom_b", "B.", "r", 1), Comment("d", "x9", "C.", "r", 2)))
    assert pos.first_names(ArgumentMap(t)) == frozenset({"margaret", "tom"}), "first names, lower case"


def _source_map(citers: list[str]) -> tuple[ArgumentMap, np.ndarray]:
    """Replies arguing over one report: each of ``citers`` cites it in a sentence of their own,
    one more names it without citing, and an unrelated claim."""
    from argmap.model import Evidence

    texts = ["The Harlow report proved the trolls ran a state influence campaign.",
             "I trust the findings of the Harlow report on the troll farm and its owners.",
             "Harlow could not prove any of it was real, the case is closed.",
             "The trolls sold adverts for money and nothing more than that."]
    amap, v = _chat_map(texts, [_vec(0.3, 1, 0, 0), _vec(0.3, 0.2, 1, 0), _vec(0.4, 1, 0.3, 0.2),
                                _vec(1, 0.05, 0, 0)])
    amap = replace(amap, thread=replace(amap.thread, comments=tuple(
        replace(c, author=citers[i - 1] if 0 < i <= len(citers) else c.author) for i, c in enumerate(amap.thread.comments))))
    cited = [u for u in amap.units if u.id in ("c0:0", "c1:0")]
    return _as_evidence(amap, [
        Evidence(f"e{k}", u.id, u.comment_id, "document", "Harlow report", "Harlow report",
                 u.text.index("Harlow report"), u.text.index("Harlow report") + 13, 0.85, "a report")
        for k, u in enumerate(cited)]), v


def test_a_source_several_participants_cite_is_a_position_of_its_own(monkeypatch):
    monkeypatch.setattr(pos, "load_head", lambda: None)
    assert pos.source_mention("Mueller report").search("Mueller came up with nothing.")
    assert pos.source_mention("a study") is None and pos.source_mention("US intelligence agencies") is None
    amap, v = _source_map(["ann", "bob"])
    v_pts = pos.candidates(amap, v)[0]
    [(name, cited_by, members)] = pos.argued_sources(amap, v_pts)
    assert (name, cited_by) == ("Harlow report", 2)
    assert {v_pts[i].id for i in members} == {"c0:0", "c1:0", "c2:0"}, "who cites it and who names it"
    found = pos.find_positions(amap, v, replace(DEFAULT, position_similarity=0.95))
    home = [p for p in found if "c1:0" in p.members]
    assert home and set(home[0].members) == {"c0:0", "c1:0", "c2:0"}, "one position, though their vectors differ"
    assert "Harlow report" in home[0].why and home[0].sourced_share == round(2 / 3, 3)
    amap, v = _source_map(["ann", "ann"])
    assert pos.argued_sources(amap, pos.candidates(amap, v)[0]) == [], "one participant citing twice is not a debate"
