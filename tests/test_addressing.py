"""Unit tests for argmap.addressing: name matching, vocatives vs mentions, answers."""

from __future__ import annotations

import pytest

from argmap.addressing import (
    NameBook,
    addressed,
    answer_strength,
    find_names,
    jaro_winkler,
    mentioned,
    name_parts,
    question_kinds,
    speaks_of_article,
    speaks_to_someone,
)

AUTHORS = ["PeterPaget", "kevinzeese", "Margaret Flowers", "DonRice", "Tony", "voza0db",
           "HerrinSchadenfreude", "qwertx0815"]


@pytest.fixture()
def book() -> NameBook:
    return NameBook(AUTHORS)


def test_addressing_name_parts_split_handles():
    assert name_parts("PeterPaget") == ("peter", "paget")
    assert name_parts("Margaret Flowers") == ("margaret", "flowers")
    assert name_parts("HerrinSchadenfreude") == ("herrin", "schadenfreude")
    assert name_parts("kevinzeese") == ("kevinzeese",)


def test_addressing_jaro_winkler_basics():
    assert jaro_winkler("martha", "marhta") == pytest.approx(0.961, abs=1e-3)
    assert jaro_winkler("same", "same") == 1.0
    assert jaro_winkler("abc", "") == 0.0


@pytest.mark.parametrize("word, author", [
    ("Margaret", "Margaret Flowers"),    # a part of a real name
    ("Pete", "PeterPaget"),              # prefix of a camelCase part
    ("Kevin", "kevinzeese"),             # prefix of an unsplittable handle
    ("Keeve", "kevinzeese"),             # nickname: k-v consonants, same first vowel
    ("Margret", "Margaret Flowers"),     # misspelling
    ("Tony", "Tony"),
    ("qwert", "qwertx0815"),
])
def test_addressing_lookup_matches_names_nicknames_misspellings(book, word, author):
    hits = book.lookup(word, among=AUTHORS)
    assert hits and hits[0][0] == author
    assert 0 < hits[0][1] <= 1 and hits[0][2]


@pytest.mark.parametrize("word", ["Right", "The", "Put", "Pat", "Thanks", "Donald"])
def test_addressing_common_words_are_not_names(book, word):
    assert book.lookup(word, among=AUTHORS) == []


@pytest.mark.parametrize("text, author", [
    ("Margaret It looks like we have different values.", "Margaret Flowers"),
    ("People like that don't care, Margaret. If the facts...", "Margaret Flowers"),
    ("Right, Tony. Anyone who lived there knew.", "Tony"),
    ("Who to believe Kevin? I am looking for the truth.", "kevinzeese"),
    ("Pete Pete! remove that bow tie.", "PeterPaget"),
    ("Keeve what you and Margaret are arguing is preposterous.", "kevinzeese"),
    ("I agree. @DonRice you should read it.", "DonRice"),
])
def test_addressing_vocatives_are_found(book, text, author):
    names = find_names(text, book)
    assert [m.author for m in addressed(names)] == [author]


@pytest.mark.parametrize("text, author", [
    ("That seems to be true with Peter Paget.", "PeterPaget"),
    ("Keeve what you and Margaret are arguing is preposterous.", "Margaret Flowers"),
    ("Margaret says the study is good.", "Margaret Flowers"),
    ("Tony's point was that it was fake.", "Tony"),
])
def test_addressing_third_person_is_a_mention(book, text, author):
    names = find_names(text, book)
    assert author in {m.author for m in mentioned(names)}
    assert author not in {m.author for m in addressed(names)}


def test_addressing_full_name_merges_two_words(book):
    (m,) = find_names("That seems to be true with Peter Paget.", book)
    assert m.text == "Peter Paget" and m.score == 1.0


def test_addressing_own_name_is_excluded(book):
    assert find_names("Tony here, and I stand by it.", book, exclude=("Tony",)) == []


def test_addressing_question_kinds():
    assert question_kinds("who are you brother? Why not? Answer me this, r u a nut?") == [
        "who", "why", "yesno"]
    assert question_kinds("No questions here.") == []


def test_addressing_answer_strength_prefers_typed_answers():
    q = "who are you brother? Why not write something intelligent?"
    assert answer_strength(q, "No one. So you start talking...")[0] == 1.0
    assert answer_strength(q, "Because I can.")[0] == 1.0
    assert 0 < answer_strength("Is it true?", "Maybe.")[0] < answer_strength("Is it true?", "Yes, it is.")[0]
    assert answer_strength("A statement.", "No one.")[0] == 0.0
    assert answer_strength(q, "The article makes a long and careful case.")[0] == 0.0


def test_addressing_speaks_to_someone():
    assert speaks_to_someone("It sounds like you bought the nonsense.")
    assert speaks_to_someone("LOL. We are definitely not Trump supporters.")
    assert speaks_to_someone("It's not their beliefs.")
    assert speaks_to_someone("Thank you") == ""
    assert speaks_to_someone("This article quotes the Mueller report.") == ""


def test_addressing_speaks_of_article():
    assert speaks_of_article("This article quotes the Mueller report.") == "This article"
    assert speaks_of_article("You should read the study again") == "the study"
    assert speaks_of_article("I agree with you.") == ""


def test_quote_attributions_of_forum_quote_boxes():
    """vBulletin, phpBB, XenForo and BBCode quote attributions name the quoted author, only when
    the name is one of the thread's authors; prose about what someone said is no attribution."""
    from argmap.addressing import NameBook, quote_attributions
    from argmap.quoting import quote_lead
    book = NameBook(["ann", "Peter Paget", "kevinzeese"])
    cases = {"Quote:\nOriginally Posted by ann\nx": "ann", "On 3 May 2024, Peter Paget wrote:\nx": "Peter Paget",
             "kevinzeese said: ↑\nx\nClick to expand...": "kevinzeese", "[quote=ann]x[/quote] no": "ann",
             "Quote:\nOriginally Posted by kevinzeese (Post 12)\nx": "kevinzeese"}
    for text, who in cases.items():
        assert [m.author for m in quote_attributions(text, book)] == [who], text
        assert all(m.vocative and m.quoting for m in quote_attributions(text, book))
    for prose in ("ann said that it is cheap.", "The report said:\nx", "Originally Posted by nobody\nx",
                  "Quote from ann's favourite report:\nx", "As ann wrote:\nx"):
        assert quote_attributions(prose, book) == [], prose
    assert quote_lead("Quote:\nkevinzeese said: ↑\nIt is cheap.") == len("Quote:\nkevinzeese said: ↑\n")
    assert quote_lead("It is cheap.") == 0
