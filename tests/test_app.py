"""The Streamlit app (app.py) run headless with streamlit.testing.v1.AppTest.

These run the real pipeline with the real models (loaded once per process: the
app's ``st.cache_resource`` wraps the library's own cache).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
THREADS = ROOT / "threads"
HOSTILE = ROOT / "tests" / "data" / "hostile-thread.txt"
SAMPLES = sorted(p.name for p in THREADS.iterdir() if p.is_file() and not p.name.lower().startswith("readme"))
TABS = (":material/account_tree: Map", ":material/hub: Positions", ":material/list: Claims",
        ":material/forum: Thread", ":material/menu_book: Sources", ":material/group: Participants",
        ":material/shield: Moderator queue", ":material/history: History", ":material/download: Export",
        ":material/help: How to read this map")
TIMEOUT = 600  # a cold model load on a busy 2-core machine; not a performance limit


@pytest.fixture(autouse=True, scope="module")
def review_db(tmp_path_factory):
    """Every app run in this module writes corrections to a throwaway review store, never ~/.argmap."""
    path = tmp_path_factory.mktemp("reviews") / "reviews.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ARGMAP_DB", str(path))
        from streamlit import cache_resource

        cache_resource.clear()  # a store opened earlier in this process pointed elsewhere
        yield path
        cache_resource.clear()


def _app():
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(APP), default_timeout=TIMEOUT)


def _open(at, tab: str):
    """Switch to a tab (the app runs only the open tab's view) and rerun."""
    label = next(t for t in TABS if t.endswith(tab))
    at.session_state["tab"] = label
    return at.run()


def _claims_rows(at) -> int:
    if not at.session_state["tab"].endswith("Claims"):
        _open(at, "Claims")
    frames = [df for df in at.dataframe if "claim" in [c.lower() for c in df.value.columns]]
    assert frames, "no claims table on the page"
    return len(frames[0].value)


def _problems(at) -> list[str]:
    return [e.value for e in at.exception] + [e.value for e in at.error]


VIEWS = [APP, *sorted((ROOT / "app_views").glob("*.py"))]


def _imports(path: Path) -> set[str]:
    imported: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported.add(node.module.split(".")[0])
    return imported


@pytest.mark.parametrize("path", VIEWS, ids=lambda p: p.name)
def test_app_imports_no_nlp_or_graph_library(path):
    imported = _imports(path)
    assert not imported & {"spacy", "sentence_transformers", "networkx", "torch", "numpy"}, path.name


def test_app_is_a_streamlit_view_over_argmap():
    assert {"streamlit", "argmap", "app_views"} <= _imports(APP)


@pytest.mark.parametrize("path", VIEWS, ids=lambda p: p.name)
def test_app_never_allows_unsafe_html(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    keywords = {k.arg for node in ast.walk(tree) if isinstance(node, ast.Call) for k in node.keywords}
    attributes = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    assert "unsafe_allow_html" not in keywords
    assert not attributes & {"html", "iframe"}, "st.html / components.html / iframe render raw HTML"


@pytest.mark.parametrize("sample", SAMPLES)
def test_app_runs_on_every_bundled_sample(sample):
    at = _app()
    at.run()
    at.selectbox(key="sample").set_value(sample).run()
    assert not _problems(at), _problems(at)
    assert at.title and at.tabs, "the app drew no page"
    assert [m.label for m in at.metric][:3] == ["Comments", "Participants", "Claims"]
    assert int(at.metric[0].value) > 0
    for tab in TABS[1:]:
        _open(at, tab)
        assert not _problems(at), (tab, _problems(at))


def test_app_opens_on_the_seed_thread_with_claims():
    at = _app()
    at.run()
    assert not _problems(at), _problems(at)
    assert at.selectbox(key="sample").value == "russian-trolls-study.txt"
    assert int(at.metric[0].value) >= 20
    assert _claims_rows(at) > 0


def test_app_filters_change_the_claims_table():
    at = _app()
    at.run()
    everything = _claims_rows(at)
    assert not at.multiselect, "the filter widgets are drawn only once asked for"
    at.toggle(key="f_on").set_value(True).run()
    assert _claims_rows(at) == everything, "filters shown, nothing filtered yet"
    at.multiselect(key="f_status").set_value(["sourced"]).run()
    sourced = _claims_rows(at)
    at.multiselect(key="f_status").set_value(["unsourced"]).run()
    unsourced = _claims_rows(at)
    assert sourced < everything and unsourced < everything
    assert sourced + unsourced <= everything
    at.multiselect(key="f_status").set_value([]).run()
    at.slider(key="f_conf").set_value(1.0).run()
    assert _claims_rows(at) < everything
    assert not _problems(at)


def test_app_unsourced_claims_are_one_click_away():
    at = _app()
    at.run()
    everything = _claims_rows(at)
    at.button_group(key="quick").set_value("Unsourced").run()
    assert 0 < _claims_rows(at) < everything
    statuses = {s.split(" ", 1)[1] for s in at.dataframe[0].value["status"]}
    assert statuses <= {"unsourced", "contested", "rebutted-with-source", "unsourced factual claim", "opinion",
                        "proposal", "circular: cites the article under discussion"}


def test_app_bad_upload_shows_an_error_not_a_traceback():
    at = _app()
    at.run()
    at.radio(key="mode").set_value("Upload").run()
    at.file_uploader(key="upload").set_value(("broken.json", b'{"comments": [', "application/json")).run()
    assert not at.exception
    assert at.error
    message = at.error[0].value.replace("\\", "")  # the app escapes Markdown in messages
    assert "broken.json" in message and "JSON" in message


def test_app_bad_paste_shows_an_error():
    at = _app()
    at.run()
    at.radio(key="mode").set_value("Paste").run()
    at.text_area(key="paste").input("\x00\x01\x02 not a thread \xff").run()
    assert not at.exception
    assert at.error or at.warning, "garbage input should say what is wrong"


def test_app_hostile_thread_is_shown_escaped():
    at = _app()
    at.run()
    at.radio(key="mode").set_value("Upload").run()
    at.file_uploader(key="upload").set_value(("hostile.txt", HOSTILE.read_bytes(), "text/plain")).run()
    assert not _problems(at), _problems(at)
    unescaped_markup = re.compile(r"(?<!\\)[<>]|\]\((?!https?://)")
    for tab in TABS:
        _open(at, tab)
        assert not _problems(at), (tab, _problems(at))
        for md in at.markdown:
            text = re.sub(r"(?m)^> ", "", md.value)  # the app's own blockquotes
            assert not unescaped_markup.search(text), (tab, md.value)


def _claims_metric(at) -> int:
    return int(next(m.value for m in at.metric if m.label == "Claims"))


def test_app_correction_is_stored_marked_and_undone():
    at = _app()
    at.run()
    at.text_input(key="reviewer").input("Test Moderator").run()
    before = _claims_metric(at)
    at.selectbox(key="pick_box").select_index(0).run()
    picked = at.session_state["picked"][1]
    assert at.selectbox(key="pick_box").value == picked
    at.selectbox(key=f"fx-kind-{picked}").set_value("question")  # a question is never a claim
    next(b for b in at.button if b.label == "Save corrections").click().run()
    assert not _problems(at), _problems(at)
    assert _claims_metric(at) == before - 1, "the corrected claim should now be a question"
    assert any("corrected" in m.value for m in at.markdown), "no visible marker on the corrected unit"
    _open(at, "Thread")
    assert any("corrected" in m.value for m in at.markdown), "no marker in the thread view"
    _open(at, "History")
    undo = [b for b in at.button if b.key and b.key.startswith("undo-")]
    assert len(undo) == 1
    undo[0].click().run()
    assert _claims_metric(at) == before


def test_app_review_panel_names_the_learned_stance_head(review_db):
    import numpy as np

    from argmap import community as cm
    from argmap.stance_cues import FEATURES
    from argmap.store import Store

    at = _app()
    at.run()
    _open(at, "History")
    assert any("Reply stance: the shipped model" in c.value for c in at.caption)
    # a community head learned elsewhere (30 labelled replies whose cues carry the label)
    rng = np.random.default_rng(0)
    y = np.array([i % 3 for i in range(30)])
    cues = np.zeros((30, len(FEATURES)))
    cues[:, :3] = np.eye(3)[y] + 0.1 * rng.normal(size=(30, 3))
    head = cm.fit(np.full((30, 3), 1 / 3), cues, rng.normal(size=(30, 384)),
                  [cm.LABELS[i] for i in y], created="2026-01-01T00:00:00Z")
    assert head.usable
    Store(review_db).save_community_head(head)
    at.run()
    assert not _problems(at), _problems(at)
    assert any("learned from 30 of your corrections" in c.value for c in at.caption)
    assert any(b.label.startswith("Learn from the") for b in at.button)
