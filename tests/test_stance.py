"""The stance step (argmap.steps.stance) on hand-built maps.

Unit tests build units and vectors by hand (no model); the integration tests at the end
run the real segment and embed steps on a hand-built excerpt of the seed thread.
"""

from __future__ import annotations

import numpy as np
import pytest

from argmap.model import ArgumentMap, Comment, Judgement, Quote, Thread, Unit, Vectors
from argmap.reasons import Reason
from argmap.steps import stance as st

DIM = 384


def _units(comments: list[Comment]) -> list[Unit]:
    """One unit per '. '-separated sentence (offsets exact)."""
    out = []
    for c in comments:
        start = 0
        for part in c.text.split(". "):
            end = start + len(part) + (1 if start + len(part) < len(c.text) else 0)
            text = c.text[start:end].rstrip()
            if text.strip():
                out.append(Unit(Unit.make_id(c.id, start), c.id, start, start + len(text), text,
                                "claim", 0.8, "hand-made"))
            start = end + 1
    return out


def _vec(seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=DIM).astype(np.float32)
    return v / np.linalg.norm(v)


def _map(comments: list[Comment], title: str = "Title") -> ArgumentMap:
    t = Thread("t", title, "generic", tuple(comments))
    units = _units(comments)
    uv = np.vstack([_vec(i) for i in range(len(units))]) if units else np.zeros((0, DIM))
    cv = np.vstack([_vec(1000 + i) for i in range(len(comments))])
    return ArgumentMap(thread=t, units=tuple(units), vectors=Vectors(units=uv, comments=cv))


def _c(cid: str, text: str, parent: str | None, i: int, author: str = "", **kw) -> Comment:
    return Comment(cid, author or cid, text, parent, i, **kw)


ROOT = _c("root", "The study found no effect. Trolls changed no opinions. Ads were tiny.", None, 0)


def test_stance_labels_every_non_root_comment_in_page_order():
    comments = [ROOT, _c("a", "I agree with this.", "root", 1), _c("b", "No, that is wrong.", "a", 2),
                _c("c", "Exactly.", "root", 3)]
    out = st.stance(_map(comments))
    assert [cl.comment_id for cl in out.comment_labels] == ["a", "b", "c"]
    for cl in out.comment_labels:
        for j in (cl.stance, cl.stance_to_root, cl.personal_attack):
            assert isinstance(j, Judgement) and 0 <= j.confidence <= 1 and j.why
        assert cl.stance.label in st.LABELS and cl.stance_to_root.label in st.LABELS
        assert cl.personal_attack.label in ("personal-attack", "none")


def test_stance_target_is_a_unit_of_the_parent():
    comments = [ROOT, _c("a", "Ads were tiny, sure. But tiny ads can matter.", "root", 1),
                _c("b", "They cannot matter that much.", "a", 2)]
    amap = _map(comments)
    out = st.stance(amap)
    for cl in out.comment_labels:
        parent = amap.thread.get(cl.comment_id).parent_id
        assert cl.stance.target in {u.id for u in amap.units_of(parent)}


def test_stance_target_by_quotation():
    reply = "> Trolls changed no opinions\n\nThat is not what the data says."
    comments = [ROOT, _c("a", reply, "root", 1, quotes=(Quote(0, 28, "root", "Reddit quote"),))]
    amap = _map(comments)
    r = st.prepare(amap)
    assert r.targets[0].unit_id == amap.units_of("root")[1].id
    assert r.targets[0].why.startswith("quotes")


def test_stance_target_by_echoed_wording():
    comments = [ROOT, _c("a", "Nobody believes trolls changed no opinions here.", "root", 1)]
    amap = _map(comments)
    tg = st.prepare(amap).targets[0]
    assert tg.unit_id == amap.units_of("root")[1].id and tg.why.startswith("repeats")


def test_stance_empty_comment_is_neutral_with_low_confidence():
    comments = [ROOT, _c("a", "", "root", 1)]
    cl = st.stance(_map(comments)).comment_labels[0]
    assert cl.stance.label == "neutral" and cl.stance.confidence <= 0.5
    assert cl.personal_attack.label == "none"


def test_stance_root_only_thread_is_unchanged():
    amap = _map([ROOT])
    assert st.stance(amap) is amap


def test_stance_sarcasm_is_never_confident():
    p = np.array([0.05, 0.9, 0.05])
    cues = st.find_cues("Masks work.", "Oh sure, because masks totally stop everything /s")
    j = st.judge_stance(p, cues, st.Target(None, "Masks work.", np.zeros(DIM), Reason("whole-comment")), "Oh sure")
    assert j.confidence <= 0.55 and "sarcastic" in j.why


def test_stance_to_root_flips_through_an_attack():
    comments = [ROOT, _c("a", "The study is junk.", "root", 1), _c("b", "You misread it.", "a", 2)]
    view = st.View.of(_map(comments))
    attack_p = np.array([[0.03, 0.94, 0.03], [0.03, 0.94, 0.03]])
    stances = [Judgement("attack", 0.94, "x"), Judgement("attack", 0.94, "x")]
    thesis = st.choose_thesis(view)
    out = st.stance_to_root(view, list(comments[1:]), ["The study is junk.", "You misread it."],
                            attack_p, stances, thesis)
    assert out[0].label == "attack"
    assert out[1].label == "support"          # attacking an attacker of the thesis supports it
    assert out[1].confidence < out[0].confidence + 0.01
    assert "opposes" in out[1].why


def test_stance_thesis_prefers_the_title_unit():
    root = _c("root", "Trolls did not sow discord. Dogs are cute. The ads were tiny.", None, 0)
    view = st.View.of(_map([root], title="Russian trolls did not sow discord"))
    thesis = st.choose_thesis(view)
    assert thesis.unit_ids[0] == "root:0" and "sow discord" in thesis.text


# --- integration: real models on an excerpt of the seed thread ------------------------------

SEED_EXCERPT = [
    ("root", "", None, "New Study: Russian Trolls Did Not Sow Discord - They Influenced No One\n\n"
     "A new study confirms that the idea that the IRA was sowing discord is blatant nonsense. "
     "The Russian trolls had no influence on the opinions of their followers."),
    ("peter1", "PeterPaget", "root", "Moon is just a propagandist. Mostly it makes statements of "
     "opinion with little to no factual backup. I guess it is preaching to some kind of choir here."),
    ("margaret", "Margaret Flowers", "peter1",
     "He quoted the Mueller report and a published study as factual backup."),
    ("peter2", "PeterPaget", "root", "Who to believe Kevin? Most if not all US intelligence agencies "
     "have said Russia was involve in mucking with the 2016 elections. Preposterous and unbelievable."),
    ("herrin", "HerrinSchadenfreude", "peter2", "No, most if not all US intelligence agencies have "
     "not, and they never did. Mueller came up with nothing. Update your notes. It's over."),
    ("peter3", "PeterPaget", "root", "who are you brother? Why not write something intelligent instead "
     "of personal,critical comments. Yes I like Rachel. Answer me this, r u a nut or a bozo?"),
    ("tony", "Tony", "root", "Trump also won the election because he campaigned on economic "
     "populism. Turns out Trump was a FAKE populist."),
    ("don", "DonRice", "tony", "Right, Tony. Anyone who lived in the New York and New Jersey area "
     "as I did in the 1980's and 1990's knew he was fake and crook."),
]


@pytest.fixture(scope="module")
def excerpt_map(nlp, encoder):
    from argmap.steps.embed import embed
    from argmap.steps.segment import segment
    comments = tuple(Comment(cid, a, text, p, i) for i, (cid, a, p, text) in enumerate(SEED_EXCERPT))
    thread = Thread("seed-excerpt", SEED_EXCERPT[0][3].split("\n")[0], "generic", comments)
    amap = embed(segment(ArgumentMap(thread=thread), nlp=nlp), encoder=encoder)
    return st.stance(amap)


def test_stance_seed_margaret_rebuts_without_personal_attack(excerpt_map):
    cl = excerpt_map.labels_for("margaret")
    assert cl.stance.label == "attack"
    assert cl.stance.target in {u.id for u in excerpt_map.units_of("peter1")}
    assert cl.personal_attack.label == "none"


def test_stance_seed_name_calling_is_a_personal_attack(excerpt_map):
    for cid in ("peter1", "peter3"):
        pa = excerpt_map.labels_for(cid).personal_attack
        assert pa.label == "personal-attack" and pa.confidence >= 0.6, cid


def test_stance_seed_echo_and_negate_attacks(excerpt_map):
    cl = excerpt_map.labels_for("herrin")
    assert cl.stance.label == "attack"
    assert "intelligence agencies" in cl.stance.why or "disagreement" in cl.stance.why


def test_stance_seed_right_tony_supports(excerpt_map):
    assert excerpt_map.labels_for("don").stance.label == "support"


def test_stance_seed_to_root_follows_the_tree(excerpt_map):
    # PeterPaget attacks the article; Margaret attacks PeterPaget: she sides with the article.
    assert excerpt_map.labels_for("peter1").stance_to_root.label == "attack"
    m = excerpt_map.labels_for("margaret").stance_to_root
    assert m.label in ("support", "neutral")
    assert m.confidence <= excerpt_map.labels_for("margaret").stance.confidence + 0.05


def test_stance_name_calling_the_parent_author_never_reads_as_support():
    import numpy as np

    from argmap.model import Judgement
    from argmap.steps.stance import hostile_to_attack
    pa = Judgement("personal-attack", 0.9, "calls the other person 'nut'")
    for p in (np.array([0.7, 0.1, 0.2]), np.array([0.2, 0.1, 0.7])):
        q = hostile_to_attack(p, pa, True)
        assert np.argmax(q) == 1 and abs(q.sum() - 1) < 1e-9 and (q >= 0).all()
        assert (hostile_to_attack(p, pa, False) == p).all()


def test_stance_pile_on_a_third_party_moves_attack_to_support():
    import numpy as np

    from argmap.stance_cues import find_cues
    from argmap.steps.stance import pile_on
    p = np.array([0.3, 0.6, 0.1])
    calm = find_cues("Nobody checks the sources.", "People like that don't care, Margaret.")
    q = pile_on(p, True, calm)
    assert np.argmax(q) == 0 and abs(q.sum() - 1) < 1e-9
    assert (pile_on(p, False, calm) == p).all()
    disagree = find_cues("Nobody checks the sources.", "No, that's wrong: people like that do care.")
    assert (pile_on(p, True, disagree) == p).all()


def test_stance_spam_takes_no_side():
    import numpy as np

    from argmap.stance_cues import find_cues
    from argmap.steps.stance import Target, judge_stance
    text = "Cheap pills here!!! visit our shop"
    j = judge_stance(np.array([0.8, 0.1, 0.1]), find_cues("The council will vote.", text),
                     Target(None, "The council will vote.", np.zeros(384), Reason("whole-comment")), text)
    assert j.label == "neutral" and "spam" in j.why


def test_stance_with_an_empty_root_takes_no_side_on_it(nlp, encoder):
    from argmap.model import ArgumentMap, Comment, Thread
    from argmap.steps.embed import embed
    from argmap.steps.segment import segment
    from argmap.steps.stance import stance
    comments = (Comment("root", "", "", None, 0),
                Comment("a", "ann", "Nuclear is too slow to build to matter for 2035.", "root", 1),
                Comment("b", "bob", "No, South Korea built reactors in five years.", "a", 2))
    amap = embed(segment(ArgumentMap(thread=Thread("t", "", "generic", comments)), nlp=nlp),
                 encoder=encoder)
    out = stance(amap)
    first, second = out.labels_for("a"), out.labels_for("b")
    assert first.stance.label == "neutral" and "no text" in first.stance.why
    assert first.stance_to_root.label == second.stance_to_root.label == "neutral"
    assert second.stance.label == "attack"  # replies between comments are still judged


def test_stance_top_level_stance_to_root_follows_the_stance_to_the_article():
    from argmap.steps.stance import ROOT_THRESHOLD, side
    assert side(np.array([0.40, 0.38, 0.22]), "support") > ROOT_THRESHOLD
    assert side(np.array([0.30, 0.45, 0.25]), "attack") < -ROOT_THRESHOLD
    assert side(np.array([0.9, 0.05, 0.05]), "neutral") == 0.0


def test_stance_adding_to_the_parents_point_is_not_a_rebuttal():
    from argmap.stance_cues import cue_reasons, find_cues
    from argmap.steps.stance import adds_to
    parent = "Trump was elected because Clinton was an elitist, corrupt candidate in an election year."
    adds = find_cues(parent, "Trump also won the election because he campaigned on economic populism.")
    assert adds.adds == "also"
    assert "adds to the parent's point ('also')" in cue_reasons(adds, "support")
    p = np.array([0.3, 0.6, 0.1])
    q = adds_to(p, adds)
    assert np.argmax(q) == 0 and abs(q.sum() - 1) < 1e-9 and (q >= 0).all()
    # not when it speaks to the author, negates, asks, shares no subject, or disputes
    for reply in ("You also forgot that Trump won the election.",
                  "Trump also did not win the election on populism.",
                  "Did Trump also win the election on populism?",
                  "I like cats too, and dogs as well.",
                  "Wrong. Trump also won the election on populism, not Clinton's faults."):
        c = find_cues(parent, reply)
        assert (adds_to(p, c) == p).all(), reply


def test_stance_advertising_takes_no_side_on_the_thesis_either(nlp, encoder):
    from argmap.model import ArgumentMap, Comment, Thread
    from argmap.steps.embed import embed
    from argmap.steps.segment import segment
    from argmap.steps.stance import stance
    comments = (Comment("root", "", "Schools should require masks. Masks cut transmission in classrooms.", None, 0),
                Comment("a", "ann", "Buy cheap sneakers at www.kicks.example, 80% off today only! Free shipping.",
                        "root", 1),
                Comment("b", "bob", "I agree completely, great point.", "a", 2))
    out = stance(embed(segment(ArgumentMap(thread=Thread("t", "Masks in schools", "generic", comments)), nlp=nlp),
                       encoder=encoder))
    ad, reply = out.labels_for("a"), out.labels_for("b")
    assert ad.stance.label == "neutral" and "spam" in ad.stance.why
    assert ad.stance_to_root.label == "neutral"
    # whatever the reply's own words say about the thesis, nothing is inherited from the ad
    if reply.stance_to_root.label != "neutral":
        assert "in its own words" in reply.stance_to_root.why and "takes no side" in reply.stance_to_root.why


def test_stance_deleted_reply_or_parent_takes_no_side():
    from argmap.steps.stance import Target, no_side
    tgt = Target(None, "The council will vote.", np.zeros(384), Reason("whole-comment"))
    assert no_side("[deleted]", tgt)[1].code == "removed"
    assert "deleted or removed" in no_side("[deleted]", tgt)[1].text
    gone = Target(None, "[removed]", np.zeros(384), Reason("whole-comment"))
    assert no_side("I agree with this.", gone)[1].text == "the parent has no text to take a side on"
    assert no_side("I agree with this.", tgt) is None


def test_stance_explicit_openers_overrule_the_heads_opposite_choice():
    from argmap.stance_cues import find_cues
    from argmap.steps.stance import explicit_opener
    parent = "This is ridiculous, the council never listens to anyone."
    actually = find_cues(parent, "Actually they held two consultations and almost nobody came.")
    q = explicit_opener(np.array([0.6, 0.3, 0.1]), actually)
    assert np.argmax(q) == 1 and abs(q.sum() - 1) < 1e-9 and (q >= 0).all()
    exactly = find_cues(parent, "Exactly. Nobody reads the consultation replies.")
    q = explicit_opener(np.array([0.2, 0.7, 0.1]), exactly)
    assert np.argmax(q) == 0 and abs(q.sum() - 1) < 1e-9
    # the head's choice stands when it already agrees with the opener, or the cues are mixed
    assert (explicit_opener(np.array([0.2, 0.7, 0.1]), actually) == [0.2, 0.7, 0.1]).all()
    mixed = find_cues(parent, "No, I agree with you on that, they never listen.")
    assert (explicit_opener(np.array([0.6, 0.3, 0.1]), mixed) == [0.6, 0.3, 0.1]).all()


def test_stance_echo_then_negate_overrules_a_support_reading():
    from argmap.stance_cues import find_cues
    from argmap.steps.stance import explicit_opener
    c = find_cues("Margaret, most of what the branch does now can be done online.",
                  "Tom, cash deposits and collecting pensions cannot be done online.")
    assert c.echo_negation
    q = explicit_opener(np.array([0.8, 0.1, 0.1]), c)
    assert np.argmax(q) == 1 and abs(q.sum() - 1) < 1e-9


def test_reasons_are_codes_rendered_to_the_why():
    from argmap.reasons import TEMPLATES, render
    assert render([Reason("quotes", "factual backup"), Reason("disagree-open", "No,"),
                   Reason("may-be-sarcastic")]) == "quotes 'factual backup'; opens with disagreement ('No,')"
    with pytest.raises(ValueError, match="unknown reason code"):
        Reason("quotes-ish")
    assert all("\n" not in t for t in TEMPLATES.values())
    # the target's reason decides, not its text: a quote leads the why of a decided stance
    p = np.array([0.1, 0.8, 0.1])
    cues = st.find_cues("Masks work.", "They do not.")
    quoted = st.Target("p:0", "Masks work.", np.zeros(DIM), Reason("quotes", "Masks work."))
    assert st.judge_stance(p, cues, quoted, "They do not.").why.startswith("quotes 'Masks work.'")
    closest = st.Target("p:0", "Masks work.", np.zeros(DIM), Reason("closest", "quotes"))
    assert not st.judge_stance(p, cues, closest, "They do not.").why.startswith("closest")


def test_stance_on_a_forum_page_names_the_title_not_an_article():
    """A forum page copy has a title and no article: the opening post's stance to the thesis
    names the thread's title, and deeper replies the thread's thesis, never an article."""
    comments = [_c("root", "", None, 0), _c("a", "School uniforms should be compulsory.", "root", 1),
                _c("b", "No, that is wrong.", "a", 2), _c("c", "I agree with b entirely.", "b", 3)]
    out = st.stance(_map(comments, title="Should school uniforms be compulsory?"))
    whys = [cl.stance_to_root.why for cl in out.comment_labels]
    assert not any("article" in w for w in whys), whys
    assert "the thread's title" in whys[0] or "thread's thesis" in whys[0]
    with_article = st.stance(_map([ROOT] + comments[1:]))
    assert any("article" in cl.stance_to_root.why for cl in with_article.comment_labels)
