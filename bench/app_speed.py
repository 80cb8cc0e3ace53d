"""Time to the first full render of the Streamlit app in a real browser.

Starts ``streamlit run app.py`` (a cold server: no model loaded, nothing cached),
opens it in Debian's Chromium and measures, from navigation (or upload) until the
app has finished running and the map is drawn:

1. the seed thread on the cold server (models load, thread analysed);
2. the seed thread on the warm server (models and analysis cached): reloaded by the
   same visitor (browser cache warm), and opened by new visitors (empty cache);
3. a generated 1,000-comment page-copy thread, uploaded (analysed cold), then
   uploaded again after a reload (warm).

A one-line Streamlit page is timed first as the baseline: what the framework
itself costs on this machine.

The 1,000-comment thread is built from real Reddit comments in
``shared/corpora/cmv-adhominem`` (Apache-2.0), flattened into the page-copy format
so every reply link must be inferred: the worst case. Usage::

    .venv/bin/python bench/app_speed.py [--screenshot-dir docs]

``--against DIR`` compares with another checkout of the app in the same run conditions: both
servers are started and warmed, then new visitors (empty browser cache) and returning
visitors (reload) open the seed thread on one and the other in turn, ``--rounds`` times,
so both see the same machine load. Make the other checkout with
``git archive <commit> | tar -x -C DIR``.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("ARGMAP_SHARED", ROOT.parent / "shared")) / "corpora" / "cmv-adhominem" / "threads"
OUT = ROOT / "bench" / "out"
TITLE = "CMV: a long discussion assembled for a speed test"
sys.path.insert(0, str(ROOT / "tests"))
from test_browser import ARGS, CHROMIUM, TRAP, VIEW, open_sidebar, wait_idle  # noqa: E402


def big_thread(n: int = 1000) -> Path:
    """A page-copy thread of ``n`` real comments (authors and bodies from cmv-adhominem)."""
    lines = [TITLE, "",
             "This thread joins many r/changemyview discussions into one page.", ""]
    count = 0
    for f in sorted(CORPUS.glob("*.json")):
        for raw in f.read_text(encoding="utf-8").splitlines():
            c = json.loads(raw)
            body = " ".join((c.get("body") or "").split())
            if count >= n or not body or body in ("[removed]", "[deleted]"):
                continue
            lines += [f"  \u2022 {c.get('author_name') or 'anon'}", "", f"    {body}", ""]
            count += 1
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"thread-{count}.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def start_server(script: Path = ROOT / "app.py") -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "ARGMAP_DB": str(OUT / "bench-reviews.db")})
    url = f"http://127.0.0.1:{port}"
    import urllib.request

    for _ in range(600):
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
            return proc, url
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("streamlit did not start")


def rendered(page, t0: float) -> float:
    """Wait until the run has finished and the map's cards are drawn; seconds since ``t0``."""
    wait_idle(page, settle=0)
    return time.perf_counter() - t0


def first_visit(browser, url: str):
    """A new visitor (empty browser cache): seconds to the full render, and the open page."""
    ctx = browser.new_context(viewport=VIEW)
    ctx.add_init_script(TRAP)
    page = ctx.new_page()
    t0 = time.perf_counter()
    page.goto(url)
    return rendered(page, t0), page


def revisit(page) -> float:
    """The same visitor reloading (browser cache warm, new session on the server)."""
    t0 = time.perf_counter()
    page.reload()
    return rendered(page, t0)


def upload(page, path: Path, shot: Path | None = None) -> float:
    """Seconds from choosing the file to the full render of its map."""
    open_sidebar(page)
    page.get_by_text("Upload", exact=True).click()
    page.wait_for_selector("input[type=file]", state="attached")
    t0 = time.perf_counter()
    page.locator("input[type=file]").set_input_files(str(path))
    page.wait_for_function(f"() => document.body.innerText.includes({TITLE!r})", timeout=3_600_000)
    seconds = rendered(page, t0)
    if shot:
        page.wait_for_timeout(2000)
        page.screenshot(path=str(shot))
    return seconds


def baseline(browser) -> float:
    """Seconds to the first render of a one-line Streamlit page: what the framework costs on this machine."""
    hello = OUT / "hello_app.py"
    hello.write_text('import streamlit as st\nst.title("hello")\n', encoding="utf-8")
    proc, url = start_server(hello)
    try:
        page = browser.new_page()
        t0 = time.perf_counter()
        page.goto(url)
        page.wait_for_selector("h1", timeout=600_000)
        seconds = time.perf_counter() - t0
        page.close()
        return seconds
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def compare(other: Path, rounds: int) -> None:
    """New and returning visitors on this checkout's app and on ``other``'s, in turn."""
    from statistics import median

    from playwright.sync_api import sync_playwright

    servers = {"this": start_server(), "other": start_server(other / "app.py")}
    times: dict[str, dict[str, list[float]]] = {k: {"new": [], "returning": []} for k in servers}
    loads = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            pages = {}
            for name, (_, url) in servers.items():
                seconds, pages[name] = first_visit(browser, url)  # warms the server: models, analysis
                print(f"{name}: cold server {seconds:.1f} s", flush=True)
            for i in range(rounds):
                for name in (("this", "other") if i % 2 == 0 else ("other", "this")):
                    loads.append(os.getloadavg()[0])
                    seconds, page = first_visit(browser, servers[name][1])
                    page.context.close()
                    times[name]["new"].append(seconds)
                    times[name]["returning"].append(revisit(pages[name]))
                    print(f"round {i + 1} {name}: new visitor {seconds:.2f} s, returning "
                          f"{times[name]['returning'][-1]:.2f} s (load {loads[-1]:.1f})", flush=True)
            browser.close()
    finally:
        for proc, _ in servers.values():
            proc.terminate()
            proc.wait(timeout=30)
    for name, t in times.items():
        print(f"{name}: new visitor median {median(t['new']):.2f} s (range {min(t['new']):.2f}-{max(t['new']):.2f}), "
              f"returning median {median(t['returning']):.2f} s (range {min(t['returning']):.2f}-"
              f"{max(t['returning']):.2f})")
    print(f"load average during the rounds {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} CPUs")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--screenshot-dir", type=Path, default=None)
    ap.add_argument("--comments", type=int, default=1000)
    ap.add_argument("--seed-only", action="store_true", help="skip the 1,000-comment thread")
    ap.add_argument("--against", type=Path, default=None, help="another checkout to compare with (see above)")
    ap.add_argument("--rounds", type=int, default=8)
    args = ap.parse_args()
    if args.against:
        compare(args.against, args.rounds)
        return
    from playwright.sync_api import sync_playwright

    big = big_thread(args.comments)
    proc, url = start_server()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            shots = args.screenshot_dir
            print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)
            print(f"baseline, a one-line Streamlit page: {baseline(browser):.1f} s", flush=True)
            cold, page = first_visit(browser, url)
            print(f"seed, cold server: {cold:.1f} s", flush=True)
            for i in range(3):
                print(f"seed, warm server, returning visitor (reload {i + 1}): {revisit(page):.1f} s", flush=True)
            for i in range(3):
                seconds, other = first_visit(browser, url)
                other.context.close()
                print(f"seed, warm server, new visitor {i + 1} (empty browser cache): {seconds:.1f} s", flush=True)
            if args.seed_only:
                browser.close()
                return
            print(f"{big.name}, cold analysis: {upload(page, big, shots and shots / 'screenshot-1000.png'):.1f} s",
                  flush=True)
            page.reload()
            rendered(page, time.perf_counter())
            print(f"{big.name}, warm (uploaded again): {upload(page, big):.1f} s", flush=True)
            print(f"load average {os.getloadavg()[0]:.1f}", flush=True)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()
