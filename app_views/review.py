"""The review store in the app: corrections from the views, their markers, the history panel.

Corrections go to :class:`argmap.store.Store` (``$ARGMAP_DB`` or ~/.argmap/reviews.db)
and are applied on top of every analysis of the same input; one that no longer
applies is shown as a warning.
"""

from __future__ import annotations

import hashlib
from typing import Any

import streamlit as st

from argmap import cytoscape as cyto
from argmap import workflow
from argmap.errors import ArgmapError
from argmap.model import STANCES, UNIT_KINDS, ArgumentMap
from argmap.safetext import clean, shorten
from argmap.store import Store, thread_key

from .common import md, plain, who


@st.cache_resource(show_spinner=False)
def review_store() -> Store | str:
    """The SQLite review store (``$ARGMAP_DB`` or ~/.argmap/reviews.db), or why it cannot open."""
    try:
        return Store()
    except ArgmapError as exc:
        return str(exc)


@st.cache_resource(show_spinner=False)
def _saved_analyses() -> set[tuple[str, str]]:
    """(thread key, format) pairs this server already saved to the store."""
    return set()


def reviewed(source: tuple[bytes, str, str], raw: ArgumentMap) -> ArgumentMap:
    """The analysis with the thread's stored corrections applied; problems are reported, not dropped."""
    store = review_store()
    if isinstance(store, str):
        st.sidebar.warning(f"Corrections are off: {md(store)}", icon=":material/database:")
        return raw
    key = thread_key(source[0])
    st.session_state["thread_key"] = key
    try:
        # re-deriving after corrections re-runs pipeline steps: once per set of corrections
        memo = (key, source[1], community_stamp(), tuple(c.id for c in store.corrections(key)))
        hit = st.session_state.get("reviewed")
        if hit is not None and hit[0] == memo:
            fixed, problems = hit[1], hit[2]
        else:
            saved = (key, source[1]) in _saved_analyses()
            result = workflow.keep_and_correct(store, source[0], raw, save=not saved)
            _saved_analyses().add((key, source[1]))
            fixed, problems = result.map, result.problems
            st.session_state["reviewed"] = (memo, fixed, problems)
    except ArgmapError as exc:
        st.sidebar.warning(f"The review store failed: {md(str(exc))}", icon=":material/database:")
        return raw
    for p in problems:
        st.warning(f"A correction no longer applies: {md(str(p))}", icon=":material/edit:")
    return fixed


def community_stamp() -> str:
    """Which learned stance head the store holds ("" when none or it cannot be read): the
    analysis cache key includes it, so `Learn` (or `argmap review learn`) re-analyses."""
    store = review_store()
    if isinstance(store, str):
        return ""
    try:
        head = store.community_head()
    except ArgmapError:
        return ""
    return f"{head.created}/{head.n_examples}" if head is not None else ""


def learned_caption(amap: ArgumentMap, where: Any = None) -> None:
    """Which reply-stance model decided: "learned from N of your corrections" or the shipped one."""
    model = amap.meta.get("stance_model") or {}
    where = where if where is not None else st.sidebar
    if str(model.get("name", "")).startswith("learned from"):
        where.caption(f"Reply stance: **{md(model['name'])}** (cross-validated macro-F1 "
                      f"{model.get('cv_macro_f1', 0):.2f}; the shipped model on the same replies "
                      f"{model.get('shipped_macro_f1', 0):.2f}).")
    else:
        where.caption("Reply stance: the shipped model"
                      + (f" ({md(model['why'])})" if model.get("why") else "") + ".")


def learn() -> None:
    """Fit the community stance head on the store's stance corrections (History tab button)."""
    try:
        st.session_state["learn_report"] = review_store().learn().summary()
    except ArgmapError as exc:
        st.session_state["learn_report"] = f"Learning failed: {exc}"


def reviewer() -> str:
    return (st.session_state.get("reviewer") or "").strip()


def can_review() -> bool:
    if isinstance(review_store(), str) or not st.session_state.get("thread_key"):
        return False
    if not reviewer():
        st.caption("To correct the analysis, enter your name under **Review** in the sidebar.")
        return False
    return True


def correct(kind: str, target: str, value: str, note: str = "") -> None:
    """Store one correction (a widget callback: the rerun that follows shows it applied)."""
    store = review_store()
    try:
        cid = store.add_correction(st.session_state["thread_key"], kind, target, value,
                                   author=reviewer(), note=note)
        st.toast(f"Correction #{cid} saved: {kind} → {value}", icon=":material/edit:")
    except ArgmapError as exc:
        st.session_state["correction_error"] = str(exc)


def undo(correction_id: int) -> None:
    try:
        review_store().undo(correction_id, author=reviewer() or "anonymous")
        st.toast(f"Correction #{correction_id} undone", icon=":material/undo:")
    except ArgmapError as exc:
        st.session_state["correction_error"] = str(exc)


def show_correction_error() -> None:
    error = st.session_state.pop("correction_error", None)
    if error:
        st.error(f"**Correction not saved.** {md(error)}", icon=":material/edit:")


UNCHANGED = "(unchanged)"


def unit_corrections(amap: ArgumentMap, d: cyto.ClaimDetail) -> None:
    """A form to correct this unit's kind, its links, and its comment's stance, flag and parent."""
    if not can_review():
        return
    uid, c = d.unit.id, d.comment
    links = {f"{lk.relation.source}->{lk.relation.target}": lk for lk in
             (*d.supported_by, *d.attacked_by, *d.supports, *d.attacks)}
    earlier = [x.id for x in amap.thread.comments if x.index < c.index]
    with st.form(f"fix-{uid}", border=False):
        st.selectbox("Kind of this unit", UNIT_KINDS, index=UNIT_KINDS.index(d.unit.kind), key=f"fx-kind-{uid}")
        if links:
            cols = st.columns([3, 2])
            cols[0].selectbox("Link", list(links), key=f"fx-link-{uid}", format_func=lambda k: _link_label(links[k]))
            cols[1].selectbox("is really", [UNCHANGED, "support", "attack", "none"], key=f"fx-rel-{uid}")
        if c.parent_id is not None:
            cols = st.columns(2)
            cols[0].selectbox("Comment's stance to its parent", [UNCHANGED, *STANCES], key=f"fx-stance-{uid}")
            cols[1].selectbox("Personal attack?", [UNCHANGED, "confirm", "dismiss"], key=f"fx-pa-{uid}")
            st.selectbox("Comment replies to", [UNCHANGED, *earlier], key=f"fx-parent-{uid}",
                         format_func=lambda i: i if i == UNCHANGED else _comment_label(amap, i))
        st.text_input("Note (optional)", key=f"fx-note-{uid}")
        st.form_submit_button("Save corrections", on_click=_save_unit_form, args=(amap, uid, c.id), type="primary")


def _link_label(link: cyto.Link) -> str:
    text = link.unit.text if link.unit else link.comment.text
    return f"{link.relation.label}: #{link.comment.index} {shorten(clean(text), 50)}"


def _comment_label(amap: ArgumentMap, comment_id: str) -> str:
    c = amap.thread.get(comment_id)
    return f"#{c.index} {shorten(clean(c.author), 20) or '(anonymous)'}: {shorten(clean(c.text), 50)}"


def _save_unit_form(amap: ArgumentMap, uid: str, comment_id: str) -> None:
    ss, note = st.session_state, st.session_state.get(f"fx-note-{uid}", "")
    unit = next(u for u in amap.units if u.id == uid)
    if ss.get(f"fx-kind-{uid}") not in (None, unit.kind):
        correct("unit-kind", uid, ss[f"fx-kind-{uid}"], note)
    if ss.get(f"fx-rel-{uid}", UNCHANGED) != UNCHANGED:
        correct("relation", ss[f"fx-link-{uid}"], ss[f"fx-rel-{uid}"], note)
    for field, kind in (("stance", "stance"), ("pa", "personal-attack"), ("parent", "parent")):
        if ss.get(f"fx-{field}-{uid}", UNCHANGED) != UNCHANGED:
            correct(kind, comment_id, ss[f"fx-{field}-{uid}"], note)


def source_corrections(name: str, reviews: dict[str, Any]) -> None:
    if not can_review():
        return
    with st.form(f"fix-source-{hashlib.sha1(name.encode()).hexdigest()[:10]}", border=False):
        verdict = st.radio("This source is", ["verified", "unreliable"], horizontal=True,
                           index=1 if (reviews.get(name) or {}).get("verdict") == "unreliable" else 0)
        note = st.text_input("Note (what you checked)")
        if st.form_submit_button("Save verdict", type="primary"):
            correct("source", name, verdict, note)
            st.rerun()


def history_tab(amap: ArgumentMap) -> None:
    store, key = review_store(), st.session_state.get("thread_key")
    if isinstance(store, str) or not key:
        st.info("The review store is not available, so there is no history.")
        return
    st.caption(f"Review store: {md(str(store.path))} · thread key {key[:12]}… · corrections are re-applied on "
               "every re-analysis of this thread and can be undone here.")
    st.markdown("**Reply stance learned from this store's corrections**")
    learned_caption(amap, st)
    n = len(store.stance_examples())
    st.button(f"Learn from the {n} stance corrections in this store", on_click=learn,
              disabled=not reviewer() or n == 0, key="learn",
              help="Each stance correction (in any thread of this store) is a labelled reply from your "
                   "community; from 20 on, a head learned on them decides reply stance here")
    if st.session_state.get("learn_report"):
        st.info(md(st.session_state["learn_report"]), icon="🎓")
    active = store.corrections(key)
    st.markdown(f"**Active corrections ({len(active)})**")
    for c in reversed(active):
        cols = st.columns([6, 1])
        cols[0].markdown(f"#{c.id} · **{md(c.kind)}** on `{md(shorten(c.target, 60))}`: "
                         f"{md(c.before or '?')} → **{md(c.value)}** · by {who(c.author)} on {c.created[:16]}"
                         + (f" · {md(c.note)}" if c.note else ""))
        cols[1].button("Undo", key=f"undo-{c.id}", on_click=undo, args=(c.id,), disabled=not reviewer())
    log = store.history(key)
    st.markdown(f"**History ({len(log)})**")
    st.dataframe([{"when": e.at[:19].replace("T", " "), "who": plain(e.author), "action": e.action,
                   "correction": e.correction_id, "kind": e.kind, "target": plain(e.target, 80),
                   "before": plain(e.before or ""), "after": plain(e.after or "")} for e in reversed(log)],
                 hide_index=True, width="stretch")
