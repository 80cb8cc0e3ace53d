"""The HTML report in a real browser (Debian Chromium via Playwright), network off:
nothing is requested, no script runs, hostile text shows as text, and it prints."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from handmade import hostile_map, small_map

from argmap.exporters.html_report import to_html

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium is absent ({CHROMIUM}); run `bash .ci/install-browser`")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM,
                              args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        yield b
        b.close()


def load(browser, page_html: str, tmp_path: Path):
    """Open the report from a file with the network off; returns (page, requests, events)."""
    path = tmp_path / "report.html"
    path.write_text(page_html, encoding="utf-8")
    context = browser.new_context(offline=True, java_script_enabled=True)
    page = context.new_page()
    requests: list[str] = []
    events: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (events.append(f"dialog {d.message}"), d.dismiss()))
    page.on("console", lambda m: events.append(f"console {m.type}: {m.text}"))
    page.on("pageerror", lambda e: events.append(f"error {e}"))
    page.goto(path.as_uri(), wait_until="load")
    return context, page, requests, events, path


@pytest.mark.parametrize("make", [small_map, hostile_map], ids=["small", "hostile"])
def test_exporters_html_in_a_browser_requests_nothing_and_runs_no_script(browser, make, tmp_path):
    amap = make()
    context, page, requests, events, path = load(browser, to_html(amap), tmp_path)
    try:
        assert requests == [path.as_uri()], "the report asked for something beyond itself"
        assert events == [], "a script ran or the page reported something"
        assert page.evaluate("document.scripts.length") == 0
        handlers = page.evaluate(
            "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
            ".filter(a => a.name.startsWith('on')).map(a => a.name))")
        assert handlers == []
        assert page.locator("ul.tree > li").count() == len(amap.thread.comments)
        body = page.inner_text("body")
        assert "Claims" in body and "Sources" in body and "Conversation" in body
        if make is hostile_map:
            assert '<script>alert("x")</script>' in body  # shown as text, never run
    finally:
        context.close()


def test_exporters_html_prints(browser, tmp_path):
    context, page, _, _, _ = load(browser, to_html(small_map()), tmp_path)
    try:
        page.emulate_media(media="print")
        assert page.locator("ul.tree > li").first.is_visible()
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 5_000
    finally:
        context.close()


def test_exporters_html_seed_in_a_browser(browser, seed_map, tmp_path):
    context, page, requests, events, path = load(browser, to_html(seed_map), tmp_path)
    try:
        assert requests == [path.as_uri()] and events == []
        assert page.evaluate("document.scripts.length") == 0
        assert page.locator("ul.tree > li").count() == len(seed_map.thread.comments)
    finally:
        context.close()
