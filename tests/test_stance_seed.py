"""Stance, stance to root and personal attacks on the seed thread (full pipeline, real models)."""

from __future__ import annotations


def _find(amap, prefix: str):
    hits = [c for c in amap.thread.comments if c.text.strip().startswith(prefix)]
    assert hits, f"no comment starts with {prefix!r}"
    return hits[0]


def test_stance_seed_every_reply_labelled_in_page_order(seed_map):
    ids = [c.id for c in seed_map.thread.comments if c.parent_id is not None]
    assert [cl.comment_id for cl in seed_map.comment_labels] == ids
    for cl in seed_map.comment_labels:
        assert cl.stance and cl.stance_to_root and cl.personal_attack
        assert all(0 <= j.confidence <= 1 and j.why for j in (cl.stance, cl.stance_to_root, cl.personal_attack))


def test_stance_seed_margaret_rebuts_the_propagandist_comment(seed_map):
    c = _find(seed_map, "He quoted the Mueller report")
    cl = seed_map.labels_for(c.id)
    assert cl.stance.label == "attack"
    assert cl.stance.target in {u.id for u in seed_map.units_of(c.parent_id)}
    assert cl.personal_attack.label == "none"


def test_stance_seed_personal_attacks(seed_map):
    for prefix in ("Moon is just a propagandist", "who are you brother"):
        pa = seed_map.labels_for(_find(seed_map, prefix).id).personal_attack
        assert pa.label == "personal-attack", prefix


def test_stance_seed_rebuttals_and_agreement(seed_map):
    assert seed_map.labels_for(_find(seed_map, "No, most if not all").id).stance.label == "attack"
    assert seed_map.labels_for(_find(seed_map, "Right, Tony.").id).stance.label == "support"


def test_stance_seed_json_carries_the_judgements(seed_map):
    doc = seed_map.to_dict()
    labelled = [c for c in doc["comments"] if c["parent_id"] is not None]
    assert all(c["stance"] and c["stance_to_root"] and c["personal_attack"] for c in labelled)


def test_stance_seed_third_party_disparagement_sides_with_the_parent(seed_map):
    # "People like that don't care, Margaret." speaks to Margaret and disparages someone else
    c = _find(seed_map, "People like that")
    cl = seed_map.labels_for(c.id)
    assert cl.stance.label == "support", cl.stance
    assert "someone else" in cl.stance.why
    assert cl.personal_attack.label == "personal-attack"
    assert "people like that" in cl.personal_attack.why


def test_stance_seed_name_calling_the_articles_source_opposes_it(seed_map):
    cl = seed_map.labels_for(_find(seed_map, "Moon is just a propagandist").id)
    assert cl.stance.label == "attack" and "attacks the author" in cl.stance.why


def test_stance_seed_adding_a_reason_supports_the_parent(seed_map):
    # Tony gives another reason Trump won: he adds to kevinzeese's point, he does not rebut it.
    cl = seed_map.labels_for(_find(seed_map, "Trump also won the election").id)
    assert cl.stance.label == "support"
    assert "also" in cl.stance.why


def test_stance_seed_top_level_stance_to_root_names_the_thesis(seed_map):
    cl = seed_map.labels_for(_find(seed_map, "Moon is just a propagandist").id)
    assert cl.stance_to_root.label == "attack"
    assert "disputes the article ('New Study:" in cl.stance_to_root.why
