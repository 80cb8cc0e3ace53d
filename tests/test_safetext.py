"""argmap.safetext: untrusted text made inert for labels, Markdown and links."""

from __future__ import annotations

import pytest

from argmap.safetext import ZWSP, clean, escape_label, escape_markdown, safe_url, shorten


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,<b>x",
    "vbscript:x", "file:///etc/passwd", "//evil.example/x", "http://", "ftp://x.org/a",
    "https://ex ample.org", "https://example.org/\u202ex", "", None,
])
def test_safetext_unsafe_urls_are_refused(url):
    assert safe_url(url) is None


def test_safetext_http_urls_pass():
    assert safe_url("http://example.org") == "http://example.org"
    assert safe_url("HTTPS://example.org/a?b=1#c") == "HTTPS://example.org/a?b=1#c"


def test_safetext_label_has_no_markup_and_is_short():
    label = escape_label("<script>alert(1)</script> & <a href='javascript:x'>y</a>" * 5, 60)
    assert "<" not in label and ">" not in label
    assert len(label.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")) <= 60
    assert label.endswith("…")


def test_safetext_bidi_and_control_characters_are_dropped():
    assert clean("abc\u202edef\x00\x1b[31m") == "abcdef[31m"
    assert clean("line1\nline2\ttab") == "line1\nline2\ttab"


def test_safetext_long_runs_are_broken_to_wrap():
    text = clean("x" * 200, width=40)
    assert max(len(part) for part in text.split(ZWSP)) == 40
    assert text.replace(ZWSP, "") == "x" * 200


@pytest.mark.parametrize("text", [
    "[click](javascript:alert(1))", "<img src=x onerror=alert(1)>", ":red[boom] $x^2$ **b** `c`",
    "# heading", "![img](data:image/png;base64,AAAA)", "&lt;script&gt;",
])
def test_safetext_markdown_specials_are_all_escaped(text):
    out = escape_markdown(text)
    for i, ch in enumerate(out):
        if ch in "[]()<>*`:$#!&":
            assert out[i - 1] == "\\", (text, out)


def test_safetext_markdown_keeps_paragraphs():
    assert escape_markdown("a\nb\n\nc") == "a  \nb\n\nc"
    assert escape_markdown("  ") == "\\(empty\\)"


def test_safetext_shorten_is_one_line():
    assert shorten("a\n b   c", 10) == "a b c"
    assert shorten("abcdefghijkl", 5) == "abcd…"


def test_safetext_shorten_cuts_at_a_word_boundary_when_it_can():
    assert shorten("So, the ongoing agit prop message is that Americans should", 48) == \
        "So, the ongoing agit prop message is that…"
    assert shorten("Right, Tony. Anyone who lived", 26) == "Right, Tony. Anyone who…"
    assert shorten("https://example.com/a/very/long/path", 20) == "https://example.com…"  # no space: mid-word
    for n in range(1, 30):
        out = shorten("one two, three; four five six seven", n)
        assert len(out) <= max(n, 1) and "\n" not in out
