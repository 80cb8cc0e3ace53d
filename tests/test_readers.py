"""Unit tests of each reader on small hand-written inputs, the seed thread, and threads/."""

from __future__ import annotations

import json

import pytest
from conftest import SEED, THREADS
from readers_invariants import check_thread

from argmap.errors import ThreadFormatError
from argmap.readers import FORMATS, parse_thread, read_thread, sniff

SEED_AUTHORS = [
    "voza0db", "Pat moore", "SupernaturalCat", "Greeley Miklashek", "Jamie Clemons", "chetdude",
    "mwildfire", "PeterPaget", "Margaret Flowers", "DonRice", "PeterPaget", "kevinzeese",
    "kevinzeese", "PeterPaget", "kevinzeese", "kevinzeese", "voza0db", "voza0db", "PeterPaget",
    "PeterPaget", "HerrinSchadenfreude", "HerrinSchadenfreude", "voza0db", "Tony", "DonRice",
]


# --- the seed thread ---------------------------------------------------------------------

def test_readers_seed_has_25_comments_with_page_authors(seed_text):
    t = parse_thread(seed_text)
    check_thread(t)
    assert t.source_format == "page-copy"
    assert [c.author for c in t.comments[1:]] == SEED_AUTHORS
    assert [c.id for c in t.comments] == ["root"] + [f"c{i}" for i in range(1, 26)]
    assert t.title.startswith("New Study: “Russian Trolls” Did Not “Sow Discord”")
    assert t.root.text.startswith("| Educate!") and t.root.text.endswith("But it all never made any sense.")


def test_readers_seed_first_voza0db_comment_is_empty(seed_text):
    t = parse_thread(seed_text)
    assert t.comments[1].author == "voza0db" and t.comments[1].text == "" and t.comments[1].empty
    assert [c.id for c in t.comments if c.empty] == ["c1"]


def test_readers_seed_long_peterpaget_comment_kept_whole(seed_text):
    c = parse_thread(seed_text).get("c11")
    assert c.author == "PeterPaget"
    assert c.text.startswith("Margaret It looks like we have a distinctly different set of values")
    assert "“As Eric Lohr, an American University historian specializing in Russia, summarized\nit," in c.text
    assert "This is from Ian Reifowitz for Daily Kos" in c.text
    assert c.text.endswith("To deny it is blind, subversive or something more dangerous and evil.")
    assert c.text.count("\n\n") >= 8  # its paragraphs survive, dedented
    assert not any(line.startswith(" ") for line in c.text.split("\n"))


def test_readers_seed_links_wait_for_reconstruction(seed_text):
    t = parse_thread(seed_text)
    for c in t.comments[1:]:
        assert c.parent_id == "root"
        assert (c.parent.source, c.parent.confidence) == ("inferred", 0.05)
        assert "lost the reply structure" in c.parent.why
    assert t.comments[-1].text.startswith("Right, Tony.")


# --- page copies: other styles -----------------------------------------------------------

SAYS = """Keep the post office

Article text here.

Margaret Hale says:
March 3, 2024 at 9:12 am

The nearest branch is eight miles away.

Reply

Tom Reed says:
March 3, 2024 at 10:40 am

Most of it can be done online.
Like
Reply
"""

TIMED = """Bike lanes approved

The council voted last night.

Dana Whitfield
•
3 hours ago

About time.

12
•
Reply
•
Share ›

Rob Keane • 2 hours ago
Sixty spaces gone.
Load more comments
"""


def test_readers_page_copy_says_headers_drop_dates_and_buttons():
    t = parse_thread(SAYS)
    check_thread(t)
    assert [(c.author, c.text) for c in t.comments[1:]] == [
        ("Margaret Hale", "The nearest branch is eight miles away."),
        ("Tom Reed", "Most of it can be done online.")]
    assert t.comments[1].meta["time"] == "March 3, 2024 at 9:12 am"
    assert t.title == "Keep the post office" and t.root.text == "Article text here."


def test_readers_page_copy_timed_headers_drop_counters():
    t = parse_thread(TIMED)
    assert [(c.author, c.text, c.meta["time"]) for c in t.comments[1:]] == [
        ("Dana Whitfield", "About time.", "3 hours ago"),
        ("Rob Keane", "Sixty spaces gone.", "2 hours ago")]
    assert t.meta["header_style"] == "timed"


def test_readers_page_copy_youtube_handles_and_sentences_with_times():
    text = "Video title\n\n@sam_k 3 days ago\nWe met 2 days ago and agreed.\n41\nReply\n\n@lee 1 day ago\nNo.\n"
    t = parse_thread(text)
    assert [(c.author, c.text) for c in t.comments[1:]] == [
        ("@sam_k", "We met 2 days ago and agreed."), ("@lee", "No.")]


def test_readers_page_copy_without_comments_says_so():
    with pytest.raises(ThreadFormatError, match="no recognisable comments"):
        parse_thread("Just an essay.\n\nIt has paragraphs but nobody commented.\n", source="essay.txt")


def test_readers_page_copy_bullet_list_sentences_are_not_authors():
    text = "Title\n\n• This long bullet is a sentence, not a name.\n\n  • ann\n    Hi.\n"
    t = parse_thread(text)
    assert [c.author for c in t.comments[1:]] == ["ann"]
    assert "This long bullet" in t.root.text


def test_readers_page_copy_article_bullet_list_stays_in_article():
    text = ("Title\n\nTwo issues:\n• Jobs\n• Housing\n\nMore article.\n\n"
            "  • ann\n    Hi.\n\n  • bob\n  • cat\n    Yo.\n")
    t = parse_thread(text)
    assert [(c.author, c.text) for c in t.comments[1:]] == [("ann", "Hi."), ("bob", ""), ("cat", "Yo.")]
    assert t.root.text == "Two issues:\n• Jobs\n• Housing\n\nMore article."


def test_readers_page_copy_says_needs_colon_or_date():
    text = "T\n\nA.\n\nAnn says:\nMy doctor says\nrest is best.\nReply\n\nBob says:\nNo.\n"
    t = parse_thread(text)
    assert [(c.author, c.text) for c in t.comments[1:]] == [
        ("Ann", "My doctor says\nrest is best."), ("Bob", "No.")]


# --- Reddit ------------------------------------------------------------------------------

def _reddit_line(name, parent, body, author="ann", link="t3_x"):
    return json.dumps({"name": name, "parent_id": parent, "link_id": link, "author": author,
                       "body": body, "created_utc": 1500000000})


def test_readers_reddit_jsonl_quotes_become_parent_quotes():
    text = "\n".join([_reddit_line("t1_a", "t3_x", "Top"),
                      _reddit_line("t1_b", "t1_a", "> Top\n>\n> more\n\nNo.", "bob")])
    t = parse_thread(text)
    check_thread(t)
    b = t.get("t1_b")
    assert b.text == "Top\n\nmore\n\nNo."
    (q,) = b.quotes
    assert (b.text[q.start:q.end], q.source_id) == ("Top\n\nmore", "t1_a")
    assert q.why == "'>' quote of the parent"
    assert b.parent.source == "explicit" and b.parent.why == "reddit-jsonl gives parent t1_a"
    assert b.created == "2017-07-14T02:40:00Z"
    assert t.root.id == "t3_x" and t.root.meta["placeholder"] is True


def test_readers_reddit_jsonl_missing_parent_is_orphan_and_reported():
    t = parse_thread(_reddit_line("t1_b", "t1_gone", "> quoted\n\nreply"), source="chain.jsonl")
    b = t.get("t1_b")
    assert b.parent_id == "t3_x" and b.parent.source == "orphan"
    assert b.meta["declared_parent_id"] == "t1_gone"
    assert b.quotes[0].source_id is None
    assert any("t1_gone is not in this file" in w for w in t.warnings)


def test_readers_reddit_jsonl_submission_line_is_root():
    sub = json.dumps({"name": "t3_x", "parent_id": "", "link_id": "", "author_name": "op",
                      "title": "CMV: x", "body": "Because."})
    t = parse_thread(sub + "\n" + _reddit_line("t1_a", "t3_x", "No."))
    assert (t.root.id, t.root.author, t.title, t.root.text) == ("t3_x", "op", "CMV: x", "Because.")
    assert t.get("t1_a").parent.source == "explicit" and not t.warnings


def test_readers_reddit_jsonl_keeps_deleted_text_and_spoilers():
    t = parse_thread("\n".join([_reddit_line("t1_a", "t3_x", "[deleted]", "[deleted]"),
                                _reddit_line("t1_b", "t1_a", ">!spoiler!< &gt; x")]))
    assert t.get("t1_a").text == "[deleted]" and t.get("t1_a").meta["deleted"] is True
    assert t.get("t1_b").text == ">!spoiler!< > x" and not t.get("t1_b").quotes


def _listing(children):
    return {"kind": "Listing", "data": {"children": children}}


def _t1(name, parent, body, replies=()):
    return {"kind": "t1", "data": {"name": name, "parent_id": parent, "author": name[-1],
                                   "body": body, "replies": _listing(list(replies)) if replies else ""}}


def test_readers_reddit_json_page_nesting_and_more_stubs():
    post = {"kind": "t3", "data": {"name": "t3_p", "title": "T", "selftext": "S &amp; T", "author": "op"}}
    more = {"kind": "more", "data": {"count": 7, "children": ["x", "y"]}}
    tree = [_t1("t1_a", "t3_p", "A", [_t1("t1_b", "t1_a", "B", [more])]), _t1("t1_c", "t3_p", "C"), more]
    t = parse_thread(json.dumps([_listing([post]), _listing(tree)]))
    check_thread(t)
    assert [(c.id, c.parent_id) for c in t.comments] == [
        ("t3_p", None), ("t1_a", "t3_p"), ("t1_b", "t1_a"), ("t1_c", "t3_p")]
    assert t.root.text == "S & T" and t.title == "T"
    assert t.meta["more_stubs"] == 2 and t.meta["more_comments"] == 14
    assert any("2 'more' stubs stand for 14 comments" in w for w in t.warnings)


def test_readers_reddit_json_wrong_kind_names_the_field():
    bad = json.dumps([_listing([]), _listing([{"kind": "t5", "data": {}}])])
    with pytest.raises(ThreadFormatError, match=r"\[1\].data.children\[0\].kind"):
        parse_thread(bad, "reddit-json", source="page.json")


# --- Hacker News -------------------------------------------------------------------------

def test_readers_hackernews_algolia_tree_html_to_text():
    story = {"id": 1, "type": "story", "title": "Ask HN", "author": "pg", "text": None,
             "created_at": "2024-03-01T09:00:00.000Z", "children": [
                 {"id": 2, "parent_id": 1, "author": "a", "type": "comment",
                  "text": "<p>See <a href=\"https://x.org/p\">the paper</a> &amp; <i>this</i>.<p>&gt; q",
                  "children": [{"id": 3, "parent_id": 2, "author": "b", "text": "ok", "children": []}]}]}
    t = parse_thread(json.dumps(story))
    check_thread(t)
    assert t.source_format == "hackernews" and t.title == "Ask HN"
    assert t.get("2").text == "See the paper (https://x.org/p) & this.\n\nq"
    assert t.get("2").quotes[0].source_id == "1"
    assert t.get("3").parent_id == "2" and t.root.created == "2024-03-01T09:00:00Z"


def test_readers_hackernews_flat_items_follow_kids_order():
    items = [{"id": 10, "type": "story", "by": "op", "title": "Show HN", "kids": [12, 11]},
             {"id": 11, "type": "comment", "by": "a", "parent": 10, "text": "first in file"},
             {"id": 12, "type": "comment", "by": "b", "parent": 10, "text": "first on page", "kids": [13]},
             {"id": 13, "type": "comment", "by": "c", "parent": 12, "deleted": True}]
    t = parse_thread("\n".join(json.dumps(i) for i in items))
    check_thread(t)
    assert [c.id for c in t.comments] == ["10", "12", "13", "11"]
    assert t.get("13").meta["deleted"] is True and t.get("13").text == ""


# --- Disqus ------------------------------------------------------------------------------

DISQUS = """<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
 <thread dsq:id="7"><title>On parks</title><message/></thread>
 <thread dsq:id="8"><title>Other</title></thread>
 <post dsq:id="1"><message><![CDATA[<p>Parks <b>matter</b>.</p>]]></message>
  <isDeleted>false</isDeleted><isSpam>false</isSpam><author><name>Ann</name></author><thread dsq:id="7"/></post>
 <post dsq:id="2"><message><![CDATA[buy now]]></message><isSpam>true</isSpam>
  <author><username>spammer</username></author><thread dsq:id="7"/><parent dsq:id="1"/></post>
 <post dsq:id="3"><message/><isDeleted>true</isDeleted><author><name>Bob</name></author>
  <thread dsq:id="7"/><parent dsq:id="99"/></post>
 <post dsq:id="4"><message>elsewhere</message><thread dsq:id="8"/></post>
</disqus>"""


def test_readers_disqus_export_flags_and_orphans():
    t = parse_thread(DISQUS)
    check_thread(t)
    assert t.source_format == "disqus" and t.title == "On parks" and t.root.id == "thread-7"
    assert [(c.id, c.parent_id, c.author, c.text) for c in t.comments[1:]] == [
        ("1", "thread-7", "Ann", "Parks matter."), ("2", "1", "spammer", "buy now"),
        ("3", "thread-7", "Bob", "")]
    assert t.get("2").meta["spam"] is True and t.get("3").meta["deleted"] is True
    assert t.get("3").parent.source == "orphan"
    assert any("2 discussions" in w for w in t.warnings)


def test_readers_disqus_refuses_entities():
    with pytest.raises(ThreadFormatError, match="entities"):
        parse_thread('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><d>&a;</d>')


# --- generic and ConvoKit ----------------------------------------------------------------

def test_readers_generic_json_single_parentless_record_is_root():
    t = parse_thread(json.dumps([{"id": 1, "text": "Article", "author": "ed"},
                                 {"id": 2, "parent_id": 1, "text": "Reply", "created": 1700000000,
                                  "score": 4}]))
    check_thread(t)
    assert (t.root.id, t.root.author) == ("1", "ed")
    assert t.get("2").meta == {"score": 4} and t.get("2").created == "2023-11-14T22:13:20Z"


def test_readers_generic_json_several_tops_get_a_new_root():
    t = parse_thread(json.dumps({"title": "T", "comments": [{"id": "a", "text": "x"},
                                                           {"id": "b", "text": "y"}]}))
    assert t.root.id == "root" and t.root.text == "" and t.title == "T"
    assert [c.parent_id for c in t.comments[1:]] == ["root", "root"]
    assert t.get("a").parent.why == "generic-json marks it top-level"


def test_readers_generic_csv_semicolons_and_quoted_newlines():
    text = 'id;parent_id;author;text\n1;;op;"Line one\nline two"\n2;1;ann;Yes\n'
    t = parse_thread(text)
    check_thread(t)
    assert t.source_format == "generic-csv" and t.root.text == "Line one\nline two"
    assert t.get("2").parent.why == "generic-csv gives parent 1"


def test_readers_generic_csv_needs_a_text_column():
    with pytest.raises(ThreadFormatError, match="no text column"):
        parse_thread("id,parent_id,author\n1,,a\n", "csv", source="x.csv")


def test_readers_convokit_root_may_come_later():
    lines = [{"id": "u1", "reply_to": "u0", "speaker": "b", "text": "reply", "timestamp": 1},
             {"id": "u0", "reply_to": None, "speaker": "a", "text": "post", "timestamp": 0}]
    t = parse_thread("\n".join(json.dumps(u) for u in lines))
    check_thread(t)
    assert t.source_format == "convokit"
    assert [(c.id, c.parent_id, c.author) for c in t.comments] == [("u0", None, "a"), ("u1", "u0", "b")]


# --- sniffing, formats, the samples ------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("russian-trolls-study.txt", "page-copy"), ("page-copy-says.txt", "page-copy"),
    ("page-copy-timed.txt", "page-copy"), ("reddit-thread-page.json", "reddit-json"),
    ("reddit-comments.jsonl", "reddit-jsonl"), ("hackernews-algolia.json", "hackernews"),
    ("hackernews-items.jsonl", "hackernews"), ("disqus-export.xml", "disqus"),
    ("generic-comments.json", "generic-json"), ("generic-comments.csv", "generic-csv"),
    ("convokit-utterances.jsonl", "convokit")])
def test_readers_sniff_names_each_sample(name, expected):
    assert sniff((THREADS / name).read_text(encoding="utf-8")) == expected


def test_readers_every_sample_in_threads_parses():
    files = sorted(p for p in THREADS.iterdir() if p.is_file() and p.name != "README.md")
    assert len(files) >= len(FORMATS) + 2
    seen = set()
    for path in files:
        t = read_thread(path)
        check_thread(t)
        assert len(t.comments) >= 5, path.name
        assert sum(not c.empty for c in t.comments[1:]) >= 4, path.name
        seen.add(t.source_format)
    assert seen == set(FORMATS)  # a sample of every format


def test_readers_forced_format_and_alias():
    text = SEED.read_text(encoding="utf-8")
    assert parse_thread(text, "page").source_format == "page-copy"
    with pytest.raises(ThreadFormatError, match="unknown format 'xml'"):
        parse_thread(text, "xml")
    with pytest.raises(ThreadFormatError, match=r"read as reddit-jsonl, as asked"):
        parse_thread(text, "reddit-jsonl", source="seed.txt")


def test_readers_docstring_examples_hold():
    import doctest

    from argmap import readers
    from argmap.readers import _text

    modules = [readers, _text, *readers.READERS.values()]
    results = [doctest.testmod(m, optionflags=doctest.ELLIPSIS) for m in modules]
    assert sum(r.attempted for r in results) >= 12
    assert sum(r.failed for r in results) == 0


@pytest.mark.parametrize("text, expected", [
    ("[Opinion] A title\n\n  • ann\n    Hi.\n", "page-copy"),
    ("Text, lies, and video\n\n  • ann\n    Hi.\n", "page-copy"),
    ('[{"id": 1, "text": "x"}]', "generic-json"),
    ("id;text\n1;x\n", "generic-csv"),
    ('{"id": "u1", "reply_to": null, "speaker": "a", "text": "x"}', "convokit"),
    ("<?xml version='1.0'?><disqus/>", "disqus"),
    ('\ufeff  {"kids": [2], "by": "pg", "id": 1}', "hackernews"),
])
def test_readers_sniff_edge_cases(text, expected):
    assert sniff(text) == expected


# --- what a page copy still shows of the reply structure ------------------------------------
DISQUS_REPLIES = (THREADS / "page-copy-disqus-replies.txt").read_text(encoding="utf-8")
HN_COPY = (THREADS / "page-copy-hackernews.txt").read_text(encoding="utf-8")


def _links(t):
    return [(c.author, c.parent_id, c.parent.source) for c in t.comments[1:]]


def test_readers_page_copy_disqus_names_whom_a_reply_answers():
    t = parse_thread(DISQUS_REPLIES)
    assert _links(t) == [
        ("Helen Marsh", "root", "inferred"), ("Omar Reyes", "c1", "explicit"),
        ("Helen Marsh", "c2", "explicit"), ("Priya Natarajan", "root", "explicit"),
        ("Gus Albright", "c4", "explicit")]
    assert t.get("c2").meta["reply_to"] == "Helen Marsh"
    assert "replies to Helen Marsh" in t.get("c2").parent.why
    assert all("Avatar" not in c.text and "Share" not in c.text for c in t.comments)


def test_readers_page_copy_disqus_reply_to_an_unseen_person_stays_inferred():
    text = ("Title\n\nArticle.\n\nAnn Lee • 2 days ago\nFirst.\nReply\n\n"
            "Bo Chan  Dee Fox • 1 day ago\nAnswering someone not on this page.\nReply\n")
    t = parse_thread(text)
    assert _links(t)[1] == ("Bo Chan", "root", "inferred")
    assert t.get("c2").meta["reply_to"] == "Dee Fox"


def test_readers_page_copy_hacker_news_headers_and_levels():
    t = parse_thread(HN_COPY)
    assert t.meta["header_style"] == "hn"
    assert t.title.startswith("Ask HN: Is a four-day week workable")
    assert "points by" not in t.root.text and t.root.text.startswith("We are six people")
    assert [c.author for c in t.comments[1:]] == ["mkessler", "tanvir_a", "mkessler", "lowtide", "quietdesk"]
    links = _links(t)
    assert links[0] == ("mkessler", "root", "explicit") and links[3] == ("lowtide", "root", "explicit")
    assert links[1] == ("tanvir_a", "c1", "explicit") and links[4] == ("quietdesk", "c4", "explicit")
    assert links[2][2] == "inferred"  # a deeper reply ('root' link): left to reconstruction
    assert all(c.text and "reply" != c.text.split()[-1] for c in t.comments[1:])


def test_readers_page_copy_split_reply_to_never_invents_an_author():
    from argmap.readers._pagetext import split_reply_to
    assert split_reply_to("Mary Ann", {"Ann"}) == ("Mary Ann", None)
    assert split_reply_to("Jane Doe", {"Jane Doe"}) == ("Jane Doe", None)
    assert split_reply_to("Omar Reyes → Helen Marsh", set()) == ("Omar Reyes", "Helen Marsh")


def test_readers_page_copy_old_reddit_headers_links_rows_and_byline():
    t = parse_thread((THREADS / "page-copy-old-reddit.txt").read_text(encoding="utf-8"))
    assert t.meta["header_style"] == "oldreddit"
    assert t.title == "Should cities ban cars from downtown cores?"   # "(self.urbanplanning)" dropped
    assert t.root.text == "Pedestrian zones in Europe seem to work. Would it work here?"
    assert [(c.author, c.text, c.meta["time"]) for c in t.comments[1:3]] == [
        ("tram_fan", "Yes. Ghent did it in 2017 and retail footfall went up.", "4 hours ago"),
        ("suburb_dad", "Ghent has a tram network. Most US downtowns have nothing.", "3 hours ago")]
    # no 'parent' in its links row: top-level; with 'parent': a reply, left to reconstruction
    assert [c.parent.source for c in t.comments[1:]] == ["explicit", "inferred", "inferred", "inferred",
                                                        "explicit"]


def test_readers_page_copy_new_reddit_times_and_subreddit_lines():
    t = parse_thread((THREADS / "page-copy-new-reddit.txt").read_text(encoding="utf-8"))
    assert t.title == "Should cities ban cars from downtown cores?"
    assert "Posted by" not in t.root.text and "r/urbanplanning" not in t.root.text
    assert [(c.author, c.meta["time"]) for c in t.comments[1:3]] == [("tram_fan", "4 hr. ago"),
                                                                    ("suburb_dad", "3 hr. ago")]
    assert len(t.comments) == 6
    assert all(c.text.endswith(".") for c in t.comments[1:])  # counters and buttons dropped


def test_readers_page_copy_lone_source_or_edit_lines_are_kept():
    text = "T\n\nArticle.\n\nAnn Lee • 2 days ago\nSource\nhttps://example.org/report\nEdit\nfixed a typo\n"
    assert parse_thread(text).get("c1").text == "Source\nhttps://example.org/report\nEdit\nfixed a typo"


def test_readers_page_copy_marks_replies_the_page_shows_as_replies():
    t = parse_thread((THREADS / "page-copy-old-reddit.txt").read_text(encoding="utf-8"))
    assert [bool(c.meta.get("page_reply")) for c in t.comments[1:]] == [False, True, True, True, False]
    assert "-4" not in t.get("c4").text  # a negative vote count is a counter too


def test_readers_page_copy_facebook_footers_close_each_comment():
    t = parse_thread((THREADS / "page-copy-facebook.txt").read_text(encoding="utf-8"))
    assert t.meta["header_style"] == "footer"
    assert t.root.text.startswith("The council voted") and "Most relevant" not in t.root.text
    assert [(c.author, c.meta["time"]) for c in t.comments[1:]] == [
        ("Jane Doe", "3h"), ("John Smith", "2h"), ("Jane Doe", "1h"), ("Mia Wong", "45m"), ("Dev Patel", "20m")]
    assert t.get("c1").text == "This is ridiculous, the council never listens to anyone."
    assert all("Like" not in c.text and "Reply" not in c.text and "View" not in c.text for c in t.comments)


def test_readers_page_copy_nyt_name_place_date_and_picks_menu():
    t = parse_thread((THREADS / "page-copy-nyt.txt").read_text(encoding="utf-8"))
    assert [(c.author, c.meta.get("place")) for c in t.comments[1:]] == [
        ("Karen L.", "Denver, CO"), ("Tom B.", "Austin"), ("Priya S.", "Ohio"), ("Tom B.", "Austin"),
        ("Mark R.", "Portland, OR")]
    assert all(c.meta["time"].startswith("March") for c in t.comments[1:])
    assert "Reader Picks" not in t.root.text and "Karen" not in t.root.text
    assert all("Recommend" not in c.text for c in t.comments)


def test_readers_page_copy_sign_in_prompt_is_page_furniture():
    text = ("Title\n\nArticle text.\n\nSign in or create your Guardian account to join the discussion.\n\n"
            "karenlee\n3 Mar 2024 9:12\n\nFirst comment.\n\nReply\nShare\nReport\n")
    t = parse_thread(text)
    assert t.root.text == "Article text." and t.get("c1").author == "karenlee"


def test_readers_page_copy_chat_lines_name_the_speaker():
    t = parse_thread((THREADS / "page-copy-chat.txt").read_text(encoding="utf-8"))
    assert t.meta["header_style"] == "chat"
    assert t.title.startswith("Class discussion:")   # the title's colon names no speaker
    assert [c.author for c in t.comments[1:]] == ["Alice", "Ben", "Alice", "Chloe", "Dev"]
    assert t.get("c2").text == ("No, the report covers 31 schools and 12,000 students. That is not small.\n"
                                "It also compares the same schools before and after.")


def test_readers_page_copy_labels_with_colons_are_not_speakers():
    from argmap.readers._pagetext import chat_line
    assert chat_line("Note: figures are from 2017.") is None
    assert chat_line("Update: the council replied.") is None
    assert chat_line("Margaret Flowers: He quoted the Mueller report.") == (
        "Margaret Flowers", "He quoted the Mueller report.")
    one_speaker = "T\n\nArticle.\n\nAlice: first.\nAlice: second.\n"
    with pytest.raises(ThreadFormatError, match="no recognisable comments"):
        parse_thread(one_speaker)  # one speaker is prose, not a thread


def test_readers_page_copy_chat_pasted_label_lines_stay_in_their_message():
    """On a chat page whose messages are separated by blank lines, a 'Term: text' line right
    under a line of text (a pasted dictionary entry) continues that message, and the reader
    names the line in its warnings; nothing is split off or lost."""
    text = ("Debate club\n\nAlice: Evolution is just a theory.\n\n"
            "Ben: Here is what the dictionary says.\nFunction: noun\nEtymology: Greek theoria\n\n"
            "Alice: A dictionary is not a science book.\n\nChloe: Both of you should read the syllabus.\n")
    t = parse_thread(text)
    assert [c.author for c in t.comments[1:]] == ["Alice", "Ben", "Alice", "Chloe"]
    assert "Function: noun" in t.get("c2").text and "Etymology: Greek theoria" in t.get("c2").text
    assert sum("looks like a 'Name: text' line" in w for w in t.warnings) == 2
    assert any(w.startswith("line 6:") for w in t.warnings)
    # a transcript typed without blank lines still gives one message per line
    typed = "Debate club\n\nAlice: first point.\nBen: second point.\nAlice: third.\nChloe: fourth.\n"
    assert [c.author for c in parse_thread(typed).comments[1:]] == ["Alice", "Ben", "Alice", "Chloe"]


def test_readers_page_copy_chat_handles_that_open_with_a_digit_or_are_deleted():
    """Reddit handles such as '5th_Law_of_Robotics', '-TempestofChaos-' and '[deleted]' are
    speakers; '1st:' and '2017:' label a list or a year, not a speaker."""
    from argmap.readers._pagetext import chat_line
    for name in ("5th_Law_of_Robotics", "-TempestofChaos-", "[deleted]", "60secs"):
        assert chat_line(f"{name}: I disagree with the premise.") == (name, "I disagree with the premise.")
    for label in ("1st", "10th", "2017", "03290329"):
        assert chat_line(f"{label}: the sample is small.") is None
    text = "T\n\nAlice: one.\n\n5th_Law_of_Robotics: two.\n\n[deleted]: three.\n\nAlice: four.\n"
    assert [c.author for c in parse_thread(text).comments[1:]] == ["Alice", "5th_Law_of_Robotics", "[deleted]", "Alice"]


def test_readers_page_copy_chat_unusual_handles_speak_or_are_named():
    """A one-word handle the name rule turns down ('pnac=ww3', 'KenW.') is a speaker when it opens
    a message after a blank line twice or more; seen once, its message stays in the one above and
    the reader names the line in its warnings. Nothing is merged without a word."""
    text = ("Gun debate\n\nAlice: Nobody needs an UZI.\n\npnac=ww3: Why would I need one? To pawn it?\n\n"
            "Ben: Collectors buy them.\n\npnac=ww3: Collectors are not hunters.\n\n"
            "KenW.: Aerial gunners in WWII were not hunting either.\n\nAlice: Off topic.\n")
    t = parse_thread(text)
    assert [c.author for c in t.comments[1:]] == ["Alice", "pnac=ww3", "Ben", "pnac=ww3", "Alice"]
    assert "Aerial gunners" in t.comments[4].text
    assert any("line 11:" in w and "unusual name" in w for w in t.warnings)
    from argmap.readers._pagetext import odd_chat_line
    assert odd_chat_line("http://example.org: see") is None and odd_chat_line("2017: a year") is None
    assert odd_chat_line("Note: the figures") is None and odd_chat_line("Alice: a plain name") is None


VBULLETIN = """Back to the Dark Ages, eh America?

Old 04-14-2007, 08:12 AM   #1
gamehuis
Junior Member
Join Date: Mar 2007
Posts: 12
Default Back to the Dark Ages, eh America?
Yes boys and girls, the creationists have got their own museum in Kentucky.

Hard to believe that this is the same country that put a man on the moon...
Reply With Quote
Old 04-14-2007, 09:30 AM   #2
Mucusaur
Member
Join Date: Jan 2007
Location: Ohio
Posts: 301
Default
Does the jail bird Kent Hovind not have a similar museum in the US as well?
__________________
Evilution: ride a monkey into hell!
Reply With Quote
Old 04-14-2007, 10:02 AM   #3
pandion
Join Date: Dec 2003
Posts: 5,123
Default
Quote:
Originally Posted by Mucusaur
Does the jail bird Kent Hovind not have a similar museum in the US as well?
Different place. His theme park is in Pensacola, FL.
Reply With Quote
"""


def test_readers_page_copy_vbulletin_post_bars_and_member_blocks():
    """A copied vBulletin page: each post bar ('Old 04-14-2007, 10:02 AM   #3') heads a post by
    the name under it; the member block ('Join Date:', 'Posts:'), the post icon line, the
    signature and 'Reply With Quote' are no text and no speakers; the quote box stays in the text."""
    t = parse_thread(VBULLETIN)
    assert t.meta["header_style"] == "forum" and t.title.startswith("Back to the Dark Ages")
    assert [c.author for c in t.comments[1:]] == ["gamehuis", "Mucusaur", "pandion"]
    assert t.comments[1].text.startswith("Yes boys and girls") and "Hard to believe" in t.comments[1].text
    assert t.comments[2].text == "Does the jail bird Kent Hovind not have a similar museum in the US as well?"
    assert t.comments[3].text.startswith("Quote:\nOriginally Posted by Mucusaur") and "Pensacola" in t.comments[3].text
    assert t.comments[3].meta["time"] == "04-14-2007, 10:02 AM"
    assert not any("Join Date" in c.text or "Posts:" in c.text for c in t.comments)


def test_readers_page_copy_phpbb_post_by_lines():
    text = ("Uniforms debate\n\nRe: Uniforms debate\nPost by ann » Mon May 08, 2006 10:14 am\n"
            "Uniforms make children equal.\nTop\n\nRe: Uniforms debate\nPost by bob » Mon May 08, 2006 11:02 am\n"
            "ann wrote:\nUniforms make children equal.\nThey show off with phones instead.\nTop\n")
    t = parse_thread(text)
    assert [(c.author, c.text.split("\n")[-1]) for c in t.comments[1:]] == [
        ("ann", "Uniforms make children equal."), ("bob", "They show off with phones instead.")]


def test_readers_page_copy_vbulletin_post_number_on_its_own_line_and_text_that_looks_like_a_member_line():
    """Copied from a browser the post number may sit on its own line under the date; a post line
    such as 'Age: 45 and still riding' below the post's first line stays text."""
    text = ("Bikes on pavements\n\nOld 05-08-2023, 09:14 AM\n#1\nann\nMember\nJoin Date: Feb 2015\nPosts: 34\n"
            "Default\nCyclists should never ride on pavements.\nAge: 45 and still riding on the road.\n"
            "Reply With Quote\nOld 05-08-2023, 10:02 AM\n#2\nbob\nDefault\nQuote:\nOriginally Posted by ann\n"
            "Cyclists should never ride on pavements.\n\nNot even children?\nReply With Quote\n")
    t = parse_thread(text)
    assert t.meta["header_style"] == "forum"
    assert [c.author for c in t.comments[1:]] == ["ann", "bob"]
    assert t.comments[1].text == "Cyclists should never ride on pavements.\nAge: 45 and still riding on the road."
    assert t.comments[2].text.endswith("Not even children?")
