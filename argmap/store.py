"""The review store: analysed threads and the human corrections made on them, in one
SQLite file. Corrections are a moderator's work: they are never lost, always logged
and re-applied on top of every re-analysis of the same thread.

Where the file lives: ``Store(path)``; else the ``ARGMAP_DB`` environment variable;
else ``~/.argmap/reviews.db``. The CLI's ``--db PATH`` passes ``path``.

Public API (all the app and CLI need)::

    store = Store(path=None)                        # opens or creates, migrates the schema
    key = store.save_analysis(input_bytes, amap)    # key = sha256 hex of the input bytes;
                                                    # pass the map as analyze() returned it
    cid = store.add_correction(key, kind, target, value, *, author, note="")  # -> int id
    store.undo(cid, *, author)                      # logged; the correction stops applying
    store.corrections(key) -> list[Correction]      # active corrections, oldest first
    store.apply(key, amap) -> (ArgumentMap, problems)  # corrections.apply with this thread's
    store.history(key) -> list[LogEntry]            # every add and undo: who, when, before, after
    store.threads() -> list[ThreadRecord]           # analysed threads, newest first
    store.latest(key) -> ArgumentMap | None         # the last saved analysis (uncorrected)
    store.resolve(ref) -> key                       # full key, unique key prefix or thread id
    store.export(key=None) -> dict                  # JSON-able (schema argmap-reviews/1)
    store.import_(data) -> dict[str, int]           # idempotent: re-importing adds nothing
    store.learn() -> LearnReport                     # fit this community's stance head on
                                                    # the store's stance corrections
    store.community_head() -> CommunityHead | None  # the last learned head (argmap.community)

Learning (``argmap review learn``): every active stance correction (the latest per
comment; a correction to the label already shown counts too: it confirms it) is a
labelled (parent, reply) pair from this store's community. :meth:`Store.learn` rebuilds
each corrected thread's reply features from its saved analysis (units, then the embed
step), fits :func:`argmap.community.fit` on top of the shipped model, and keeps the
weights in the ``community_heads`` table (never in the package; not exported: re-learn
after an import). ``argmap.analyze(thread, store=store)`` then uses the latest head when
it has at least :data:`argmap.community.MIN_EXAMPLES` examples.

Correction kinds, targets and values (see :mod:`argmap.corrections`):

=================  =============================  ===================================
kind               target                         value
=================  =============================  ===================================
parent             comment id                     id of an earlier comment
unit-kind          unit id ``comment_id:start``   claim, premise, evidence, question, other
stance             comment id                     support, attack, neutral
stance-to-root     comment id                     support, attack, neutral
relation           ``source->target`` unit ids    support, attack, none (removes it)
source             source name (Evidence.source)  verified, unreliable
personal-attack    comment id                     confirm, dismiss
=================  =============================  ===================================

Concurrency and safety: every write is one ``BEGIN IMMEDIATE`` transaction on its own
connection; the file is in WAL mode with ``synchronous=FULL`` and a busy timeout, so
two app sessions or processes writing at once lose nothing and a killed process
leaves every committed correction in place. The schema version lives in the
``schema_version`` table; :data:`MIGRATIONS` upgrades older files on open.

Example:
    >>> import tempfile, os
    >>> from argmap.model import ArgumentMap, Comment, Thread
    >>> t = Thread(id="t", title="T", source_format="generic", comments=(
    ...     Comment(id="root", author="", text="Article", parent_id=None, index=0),
    ...     Comment(id="c1", author="ann", text="You are an idiot.", parent_id="root", index=1)))
    >>> store = Store(os.path.join(tempfile.mkdtemp(), "r.db"))
    >>> key = store.save_analysis(b"the input bytes", ArgumentMap(thread=t))
    >>> cid = store.add_correction(key, "personal-attack", "c1", "confirm", author="mod")
    >>> fixed, problems = store.apply(key, ArgumentMap(thread=t))
    >>> fixed.labels_for("c1").personal_attack.label, problems
    ('personal-attack', [])
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import corrections as corr
from .corrections import Correction, Problem
from .errors import ArgmapError
from .model import ArgumentMap, Vectors

EXPORT_SCHEMA = "argmap-reviews/1"
BUSY_TIMEOUT_MS = 60_000
KEEP_HEADS = 5  # learned community heads kept in a store (the latest is used)

#: Schema migrations: ``MIGRATIONS[i]`` takes a file from version ``i`` to ``i + 1``.
#: Append only; never edit a released entry.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE threads (
        key TEXT PRIMARY KEY,            -- sha256 hex of the input bytes
        thread_id TEXT NOT NULL,
        title TEXT NOT NULL,
        n_comments INTEGER NOT NULL,
        first_seen TEXT NOT NULL,
        last_analysed TEXT NOT NULL
    );
    CREATE TABLE analyses (
        id INTEGER PRIMARY KEY,
        thread_key TEXT NOT NULL REFERENCES threads(key),
        settings TEXT NOT NULL,          -- JSON
        models TEXT NOT NULL,            -- JSON: package -> version
        result TEXT NOT NULL,            -- the argmap/1 document, uncorrected
        created TEXT NOT NULL,
        UNIQUE (thread_key, settings, models)
    );
    CREATE TABLE corrections (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        thread_key TEXT NOT NULL,
        kind TEXT NOT NULL,
        target TEXT NOT NULL,
        value TEXT NOT NULL,
        author TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        before TEXT,                     -- the value the author saw
        undone_at TEXT,
        undone_by TEXT
    );
    CREATE INDEX corrections_thread ON corrections (thread_key, id);
    CREATE TABLE log (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE,
        thread_key TEXT NOT NULL,
        correction_uid TEXT NOT NULL,
        action TEXT NOT NULL,            -- add | undo
        author TEXT NOT NULL,
        at TEXT NOT NULL,
        before TEXT,
        after TEXT
    );
    CREATE INDEX log_thread ON log (thread_key, id);
    """,
    # 2: the MiniLM vectors of a saved analysis (a cache, never exported), so applying a
    # correction that re-runs the stance step does not re-encode the whole thread
    """
    CREATE TABLE analysis_vectors (
        analysis_id INTEGER PRIMARY KEY REFERENCES analyses(id),
        data BLOB NOT NULL               -- numpy .npz: units, comments (float32)
    );
    """,
    # 3: community stance heads learned from this store's stance corrections
    """
    CREATE TABLE community_heads (
        id INTEGER PRIMARY KEY,
        created TEXT NOT NULL,
        n_examples INTEGER NOT NULL,
        cv_macro_f1 REAL NOT NULL,       -- the learned head, cross-validated
        shipped_macro_f1 REAL NOT NULL,  -- the shipped model on the same examples
        weights TEXT NOT NULL            -- JSON (argmap.community.CommunityHead.to_dict)
    );
    """,
)


class StoreError(ArgmapError):
    """The review store cannot do what was asked (unknown thread, newer schema, ...)."""


@dataclass(frozen=True)
class ThreadRecord:
    """An analysed thread as :meth:`Store.threads` lists it."""

    key: str
    thread_id: str
    title: str
    n_comments: int
    first_seen: str
    last_analysed: str
    n_corrections: int


@dataclass(frozen=True)
class LearnReport:
    """What :meth:`Store.learn` did: examples used, cross-validated macro-F1 of the learned
    head and of the shipped model on the same examples, and whether analyses now use it."""

    n_examples: int
    counts: dict[str, int]
    cv_macro_f1: float
    shipped_macro_f1: float
    used: bool
    skipped: tuple[str, ...] = ()

    def summary(self) -> str:
        by = ", ".join(f"{v} {k}" for k, v in self.counts.items())
        head = f"learned from {self.n_examples} stance corrections ({by})"
        if sum(v > 0 for v in self.counts.values()) < 2:
            return f"{head}: too few to learn from; analyses keep the shipped model"
        score = (f"cross-validated macro-F1 {self.cv_macro_f1:.3f} "
                 f"(shipped model on the same examples: {self.shipped_macro_f1:.3f})")
        from .community import MIN_EXAMPLES
        use = ("analyses of this store's threads now use it" if self.used else
               f"analyses keep the shipped model until there are {MIN_EXAMPLES}"
               if self.n_examples < MIN_EXAMPLES else
               "analyses keep the shipped model (learning did not beat it in cross-validation)")
        return f"{head}; {score}; {use}"


@dataclass(frozen=True)
class LogEntry:
    """One line of a thread's history: who did what to which correction, when."""

    id: int
    correction_id: int | None
    action: str
    author: str
    at: str
    kind: str
    target: str
    before: str | None
    after: str | None


def default_path() -> Path:
    """``$ARGMAP_DB`` if set, else ``~/.argmap/reviews.db``."""
    env = os.environ.get("ARGMAP_DB")
    return Path(env).expanduser() if env else Path.home() / ".argmap" / "reviews.db"


def thread_key(input_bytes: bytes) -> str:
    """The key of a thread: the sha256 hex digest of its input bytes."""
    return hashlib.sha256(input_bytes).hexdigest()


def _dump(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False)


def migrate(conn: sqlite3.Connection, migrations: Sequence[str] = MIGRATIONS) -> int:
    """Bring a database to ``len(migrations)``, one transaction per step; returns the version.

    Raises:
        StoreError: the file was written by a newer argmap (a higher version).
    """
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = _version(conn)
            if version > len(migrations):
                raise StoreError(f"the review database has schema version {version}; this argmap "
                                 f"knows up to {len(migrations)}: upgrade argmap")
            if version == len(migrations):
                conn.execute("COMMIT")
                return version
            for statement in _statements(migrations[version]):
                conn.execute(statement)
            conn.execute("DELETE FROM schema_version")
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version + 1,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the file (0 for a new file)."""
    row = conn.execute("SELECT version FROM schema_version").fetchone()
    version = row[0] if row else 0
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise StoreError(f"the review database's schema_version is {version!r}, not a version "
                         "number: the file was not written by argmap, or was edited")
    return version


def _check_version(conn: sqlite3.Connection) -> None:
    """For a read-only file: its schema must be the current one (it cannot be migrated)."""
    try:
        version = _version(conn)
    except sqlite3.OperationalError:
        version = 0  # no schema_version table
    if version != len(MIGRATIONS):
        raise StoreError(f"the review database is read-only and has schema version {version}, not "
                         f"{len(MIGRATIONS)}: open it once writable so argmap can upgrade it")


def _writable(path: Path) -> bool:
    """Whether argmap may write ``path`` and its journal files beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (executescript would commit early)."""
    out, buf = [], ""
    for piece in script.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return [s for s in out if s.strip("; \n\t")]


class Store:
    """The review store (see the module docstring for the API and the guarantees)."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, create: bool = True) -> None:
        self.path = Path(path).expanduser() if path is not None else default_path()
        self._parsed: tuple[tuple | None, ArgumentMap | None] = (None, None)
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a directory, not a review database file")
        if not create and not self.path.exists():
            raise StoreError(f"{self.path}: no review database there (one is created by "
                             "`argmap analyze --db` or `argmap review import`)")
        self.read_only = self.path.exists() and not _writable(self.path)
        try:
            if not self.read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = self._connect()
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open the review database ({exc})") from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable review database ({exc})") from None
        try:
            if self.read_only:
                _check_version(conn)
            else:
                conn.execute("PRAGMA journal_mode=WAL")
                migrate(conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable review database ({exc})") from None
        except StoreError as exc:
            raise StoreError(f"{self.path}: {exc}") from None
        finally:
            conn.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # --- connections and transactions -----------------------------------------
    def _connect(self) -> sqlite3.Connection:
        # One connection per operation: safe from any thread (Streamlit) and any process.
        if self.read_only:  # a file we may not write: read it as it is, without a journal
            # With no -wal file beside it the file is all there is: "immutable" lets SQLite
            # read it even where it could not create the -shm file (a read-only folder).
            wal = self.path.with_name(self.path.name + "-wal").exists()
            uri = f"{self.path.resolve().as_uri()}?mode=ro{'' if wal else '&immutable=1'}"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        else:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if not self.read_only:
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
        return conn

    @contextmanager
    def _tx(self, write: bool = True) -> Iterator[sqlite3.Connection]:
        """One transaction: IMMEDIATE for writes (no upgrade deadlocks), deferred for reads.

        A damaged or read-only file ends in one :class:`StoreError` naming it."""
        if write and self.read_only:
            raise StoreError(f"{self.path}: the review database is read-only; this command "
                             "writes to it (copy it somewhere writable, or fix its permissions)")
        try:
            conn = self._connect()
        except sqlite3.DatabaseError as exc:
            raise self._damaged(exc) from None
        try:
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.IntegrityError:
            raise  # a caller's constraint (import_ turns it into a malformed-document error)
        except sqlite3.DatabaseError as exc:
            raise self._damaged(exc) from None
        finally:
            conn.close()

    def _damaged(self, exc: sqlite3.DatabaseError) -> StoreError:
        hint = ("; restore it from a backup or `argmap review export` copy"
                if "malformed" in str(exc) or "not a database" in str(exc) else "")
        return StoreError(f"{self.path}: cannot use the review database ({exc}){hint}")

    # --- analyses ---------------------------------------------------------------
    def save_analysis(self, input_bytes: bytes, amap: ArgumentMap) -> str:
        """Keep an analysis (uncorrected) of the thread read from ``input_bytes``.

        One row per (thread, settings, model versions): re-analysing with the same
        settings and models replaces the result. Returns the thread key.
        """
        key = thread_key(input_bytes)
        settings = _dump(amap.meta.get("settings") or {})
        models = _dump(amap.meta.get("models") or {})
        stamp = corr.now()
        t = amap.thread
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO threads VALUES (?,?,?,?,?,?) ON CONFLICT(key) DO UPDATE SET "
                "thread_id=excluded.thread_id, title=excluded.title, n_comments=excluded.n_comments, "
                "last_analysed=excluded.last_analysed",
                (key, t.id, t.title, max(len(t.comments) - 1, 0), stamp, stamp))
            conn.execute(
                "INSERT INTO analyses (thread_key, settings, models, result, created) VALUES (?,?,?,?,?) "
                "ON CONFLICT(thread_key, settings, models) DO UPDATE SET "
                "result=excluded.result, created=excluded.created",
                (key, settings, models, amap.to_json(indent=None), stamp))
            blob = _pack_vectors(amap)
            if blob is not None:
                (aid,) = conn.execute("SELECT id FROM analyses WHERE thread_key=? AND settings=? AND models=?",
                                      (key, settings, models)).fetchone()
                conn.execute("INSERT OR REPLACE INTO analysis_vectors VALUES (?,?)", (aid, blob))
        return key

    def latest(self, key: str) -> ArgumentMap | None:
        """The most recently saved analysis of a thread, uncorrected (None if none)."""
        with self._tx(write=False) as conn:
            return self._latest(conn, key)

    def _latest(self, conn: sqlite3.Connection, key: str) -> ArgumentMap | None:
        row = conn.execute("SELECT id, created FROM analyses WHERE thread_key=? "
                           "ORDER BY created DESC, id DESC LIMIT 1", (key,)).fetchone()
        if row is None:
            return None
        stamp = (key, row["id"], row["created"])
        if self._parsed[0] != stamp:  # parse the (large) result once per saved version
            result = conn.execute("SELECT result FROM analyses WHERE id=?", (row["id"],)).fetchone()[0]
            blob = conn.execute("SELECT data FROM analysis_vectors WHERE analysis_id=?", (row["id"],)).fetchone()
            amap = ArgumentMap.from_json(result)
            self._parsed = (stamp, _with_vectors(amap, blob[0]) if blob else amap)
        return self._parsed[1]

    def threads(self) -> list[ThreadRecord]:
        """Every analysed thread, the most recently analysed first."""
        with self._tx(write=False) as conn:
            rows = conn.execute(
                "SELECT t.*, (SELECT count(*) FROM corrections c WHERE c.thread_key=t.key "
                "AND c.undone_at IS NULL) AS n_corrections FROM threads t "
                "ORDER BY last_analysed DESC, key").fetchall()
        return [ThreadRecord(**dict(r)) for r in rows]

    def resolve(self, ref: str) -> str:
        """A thread key from a full key, a unique key prefix (6+ characters) or a thread id."""
        with self._tx(write=False) as conn:
            keys = {r[0] for r in conn.execute(
                "SELECT key FROM threads WHERE thread_id=? OR (length(?) >= 6 AND key LIKE ? || '%') "
                "UNION SELECT DISTINCT thread_key FROM corrections WHERE thread_key=?",
                (ref, ref, ref.lower(), ref.lower()))}
        if len(keys) == 1:
            return keys.pop()
        if not keys:
            raise StoreError(f"no thread {ref!r} in {self.path} (see `argmap review list`)")
        raise StoreError(f"{ref!r} matches {len(keys)} threads: give more of the key")

    # --- corrections --------------------------------------------------------------
    def add_correction(self, key: str, kind: str, target: str, value: str, *,
                       author: str, note: str = "") -> int:
        """Record a correction and log it; returns its id.

        When the thread has a saved analysis, the target must exist in it (with the
        earlier corrections applied); ``before`` records the value the author saw.

        Raises:
            CorrectionError: unknown kind, bad value, or a target not in the analysis.
        """
        corr.validate(kind, target, value)
        if not author.strip():
            raise corr.CorrectionError("a correction needs an author")
        with self._tx() as conn:
            before = self._before(conn, key, kind, target)
            c = Correction(kind, target, value, author, note, corr.now(), uid=uuid.uuid4().hex,
                           before=before)
            cur = conn.execute(
                "INSERT INTO corrections (uid, thread_key, kind, target, value, author, note, "
                "created, before) VALUES (?,?,?,?,?,?,?,?,?)",
                (c.uid, key, kind, target, value, author, note, c.created, before))
            self._log(conn, key, c.uid, "add", author, c.created, before, _shown(kind, value))
            return int(cur.lastrowid)

    def _before(self, conn: sqlite3.Connection, key: str, kind: str, target: str) -> str | None:
        """The value the author saw: the last active correction of this target, else the
        analysis's value (a value depends on no other kind or target). Checks the target."""
        amap = self._latest(conn, key)
        if amap is not None:
            try:
                seen = corr.current_value(amap, kind, target)
            except corr.TargetMissing as exc:
                raise corr.CorrectionError(f"{kind}: {exc}") from None
        row = conn.execute("SELECT value FROM corrections WHERE thread_key=? AND kind=? AND target=? "
                           "AND undone_at IS NULL ORDER BY created DESC, id DESC LIMIT 1",
                           (key, kind, target)).fetchone()
        if row is not None:
            return _shown(kind, row["value"])
        return seen if amap is not None else None

    def _log(self, conn: sqlite3.Connection, key: str, cuid: str, action: str, author: str,
             at: str, before: str | None, after: str | None) -> None:
        conn.execute("INSERT INTO log (uid, thread_key, correction_uid, action, author, at, before, "
                     "after) VALUES (?,?,?,?,?,?,?,?)",
                     (uuid.uuid4().hex, key, cuid, action, author, at, before, after))

    def undo(self, correction_id: int, *, author: str) -> Correction:
        """Stop applying a correction (it stays in the history). Returns it.

        Raises:
            StoreError: no such correction, or it is already undone.
        """
        with self._tx() as conn:
            row = conn.execute("SELECT * FROM corrections WHERE id=?", (correction_id,)).fetchone()
            if row is None:
                raise StoreError(f"no correction #{correction_id} in {self.path}")
            if row["undone_at"] is not None:
                raise StoreError(f"correction #{correction_id} was already undone "
                                 f"by {row['undone_by']} on {row['undone_at'][:10]}")
            seen = self._current(conn, row)
            stamp = corr.now()
            conn.execute("UPDATE corrections SET undone_at=?, undone_by=? WHERE id=?",
                         (stamp, author, correction_id))
            self._log(conn, row["thread_key"], row["uid"], "undo", author, stamp, seen,
                      self._current(conn, row))
            return _correction(row)

    def _current(self, conn: sqlite3.Connection, row: sqlite3.Row) -> str | None:
        """The value of a correction's target now (its ``before`` if the target is gone)."""
        try:
            return self._before(conn, row["thread_key"], row["kind"], row["target"])
        except corr.CorrectionError:
            return row["before"]

    def corrections(self, key: str) -> list[Correction]:
        """The thread's active (not undone) corrections, oldest first."""
        with self._tx(write=False) as conn:
            return self._corrections(conn, key)

    def _corrections(self, conn: sqlite3.Connection, key: str) -> list[Correction]:
        rows = conn.execute("SELECT * FROM corrections WHERE thread_key=? AND undone_at IS NULL "
                            "ORDER BY created, id", (key,)).fetchall()
        return [_correction(r) for r in rows]

    def apply(self, key: str, amap: ArgumentMap, *, encoder: Any = None) -> tuple[ArgumentMap, list[Problem]]:
        """``amap`` with this thread's active corrections applied (see :func:`corrections.apply`:
        what depends on them is re-derived, reply stance by this store's learned head when it
        has one; ``encoder`` is used if that needs vectors)."""
        return corr.apply(amap, self.corrections(key), encoder=encoder, community=self.community_head())

    @staticmethod
    def key_of(input_bytes: bytes) -> str:
        """The key a thread read from ``input_bytes`` has in any store."""
        return thread_key(input_bytes)

    def history(self, key: str) -> list[LogEntry]:
        """Every add and undo on the thread's corrections, oldest first."""
        with self._tx(write=False) as conn:
            rows = conn.execute(
                "SELECT l.id, c.id AS correction_id, l.action, l.author, l.at, c.kind, c.target, "
                "l.before, l.after FROM log l LEFT JOIN corrections c ON c.uid = l.correction_uid "
                "WHERE l.thread_key=? ORDER BY l.at, l.id", (key,)).fetchall()
        return [LogEntry(**dict(r)) for r in rows]


    # --- learning from stance corrections ----------------------------------------------
    def stance_examples(self) -> list[tuple[str, str, str]]:
        """``(thread key, comment id, label)`` of every active stance correction, the latest
        per comment, in the order they were made."""
        with self._tx(write=False) as conn:
            rows = conn.execute("SELECT thread_key, target, value FROM corrections WHERE kind='stance' "
                                "AND undone_at IS NULL ORDER BY created, id").fetchall()
        latest: dict[tuple[str, str], str] = {}
        for r in rows:
            latest.pop((r["thread_key"], r["target"]), None)
            latest[(r["thread_key"], r["target"])] = r["value"]
        return [(k, t, v) for (k, t), v in latest.items()]

    def learn(self, *, encoder: Any = None) -> LearnReport:
        """Fit this community's stance head on the store's stance corrections and keep it.

        Each corrected thread's replies are rebuilt from its saved analysis (units, then
        the embed step with ``encoder``, loaded if not given); the shipped model's
        probabilities and cues of the corrected replies are the inputs of
        :func:`argmap.community.fit`. A correction whose comment is no longer in the saved
        analysis (or whose thread has none) is skipped and named in ``skipped``.
        """
        import numpy as np

        from . import community
        from .steps.stance import reply_inputs

        by_thread: dict[str, list[tuple[str, str]]] = {}
        for key, target, label in self.stance_examples():
            by_thread.setdefault(key, []).append((target, label))
        base, cues, vecs, labels, skipped = [], [], [], [], []
        for key, items in by_thread.items():
            latest = self.latest(key)
            if latest is None:
                skipped += [f"{key[:12]}:{t} (no saved analysis)" for t, _ in items]
                continue
            fixed, _ = corr.apply(latest, [c for c in self.corrections(key) if c.kind == "parent"])
            if encoder is None:
                from . import resources
                encoder = resources.load_encoder()
            from .steps.embed import embed
            # only the corrected replies, their parents and the root: a reply's inputs depend on
            # nothing else, and a 10,000-comment thread with 30 corrections embeds ~60 comments
            thread = fixed.thread
            keep = {thread.root.id} | {t for t, _ in items}
            keep |= {thread.get(t).parent_id for t, _ in items if t in thread and thread.get(t).parent_id}
            sub = replace(thread, comments=tuple(c for c in thread.comments if c.id in keep))
            units = tuple(u for u in latest.units if u.comment_id in keep)
            amap = embed(ArgumentMap(thread=sub, units=units), encoder=encoder)
            got = reply_inputs(amap)
            row = {c.id: i for i, c in enumerate(got.comments)}
            for target, label in items:
                i = row.get(target)
                if i is None:
                    skipped.append(f"{key[:12]}:{target} (not a reply in the saved analysis)")
                    continue
                base.append(got.probs[i])
                cues.append(got.cue_matrix[i])
                vecs.append(got.V[i])
                labels.append(label)
        from .stance_cues import FEATURES as CUE_FEATURES
        d_cue = len(CUE_FEATURES)
        head = community.fit(np.array(base).reshape(len(labels), 3), np.array(cues).reshape(len(labels), d_cue),
                             np.array(vecs).reshape(len(labels), -1) if labels else np.zeros((0, 384)),
                             labels, created=corr.now())
        self.save_community_head(head)
        return LearnReport(head.n_examples, head.counts, head.cv_macro_f1, head.shipped_macro_f1,
                           head.usable, tuple(skipped))

    def save_community_head(self, head: Any) -> None:
        """Keep a learned :class:`argmap.community.CommunityHead` (the latest one is used; the
        :data:`KEEP_HEADS` most recent are kept, older ones deleted: they are derived data)."""
        with self._tx() as conn:
            conn.execute("INSERT INTO community_heads (created, n_examples, cv_macro_f1, shipped_macro_f1, "
                         "weights) VALUES (?,?,?,?,?)", (head.created, head.n_examples, head.cv_macro_f1,
                                                         head.shipped_macro_f1, head.to_json()))
            conn.execute("DELETE FROM community_heads WHERE id NOT IN "
                         "(SELECT id FROM community_heads ORDER BY id DESC LIMIT ?)", (KEEP_HEADS,))

    def community_head(self) -> Any:
        """The last learned :class:`argmap.community.CommunityHead`, or None (never learned)."""
        from .community import CommunityHead

        with self._tx(write=False) as conn:
            row = conn.execute("SELECT weights FROM community_heads ORDER BY id DESC LIMIT 1").fetchone()
        if row is None:
            return None
        try:
            return CommunityHead.from_json(row["weights"])
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"{self.path}: the learned stance head is unreadable ({exc}); "
                             "run `argmap review learn` again") from None

    # --- export / import ------------------------------------------------------------
    def export(self, key: str | None = None, *, analyses: bool = False) -> dict[str, Any]:
        """Threads, corrections (undone ones too) and the log as one JSON-able document.

        Args:
            key: one thread's key, or None for every thread.
            analyses: also include the saved analyses (large).
        """
        where, args = ("WHERE {col}=?", (key,)) if key else ("", ())
        with self._tx(write=False) as conn:
            def rows(table: str, col: str) -> list[dict[str, Any]]:
                sql = f"SELECT * FROM {table} {where.format(col=col)} ORDER BY rowid"
                return [dict(r) for r in conn.execute(sql, args)]
            doc = {"schema": EXPORT_SCHEMA, "exported": corr.now(), "threads": rows("threads", "key"),
                   "corrections": rows("corrections", "thread_key"), "log": rows("log", "thread_key")}
            if analyses:
                doc["analyses"] = rows("analyses", "thread_key")
        for table in ("corrections", "log", "analyses"):
            for r in doc.get(table, ()):
                r.pop("id", None)
        return doc

    def import_(self, data: dict[str, Any]) -> dict[str, int]:
        """Merge an :meth:`export` document; idempotent (rows are matched by ``uid``).

        An undo in the document is applied to the local copy of the correction.
        Returns how many threads, corrections, undos, log lines and analyses were new.

        Raises:
            StoreError: not an ``argmap-reviews/1`` document, or a malformed row.
        """
        if not isinstance(data, dict) or data.get("schema") != EXPORT_SCHEMA:
            got = data.get("schema") if isinstance(data, dict) else type(data).__name__
            raise StoreError(f"import: expected a {EXPORT_SCHEMA!r} document, got {got!r}")
        _check_schema(data)
        counts = dict.fromkeys(("threads", "corrections", "undone", "log", "analyses"), 0)
        try:
            with self._tx() as conn:
                for row in data.get("threads", ()):
                    counts["threads"] += _insert(conn, "threads", row, _THREAD_COLS)
                for row in data.get("corrections", ()):
                    corr.validate(row["kind"], row["target"], row["value"])
                    counts["corrections"] += _insert(conn, "corrections", row, _CORRECTION_COLS)
                    counts["undone"] += _merge_undo(conn, row)
                for row in data.get("log", ()):
                    counts["log"] += _insert(conn, "log", row, _LOG_COLS)
                for row in data.get("analyses", ()):
                    counts["analyses"] += _insert(conn, "analyses", row, _ANALYSIS_COLS)
        except (KeyError, TypeError, sqlite3.IntegrityError, corr.CorrectionError) as exc:
            raise StoreError(f"import: malformed document ({type(exc).__name__}: {exc})") from None
        except UnicodeEncodeError:
            raise StoreError("import: malformed document (text with a lone surrogate escape such "
                             "as \\ud83d, which is no character)") from None
        return counts


def _check_schema(data: dict[str, Any]) -> None:
    """Validate against ``argmap-reviews-1.schema.json``; one line naming the bad field."""
    import jsonschema

    from .exporters.schemas import load_schema

    try:
        error = jsonschema.exceptions.best_match(
            jsonschema.Draft202012Validator(load_schema("argmap-reviews-1")).iter_errors(data))
    except RecursionError:
        raise StoreError("import: malformed document (nested too deeply)") from None
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "document"
        raise StoreError(f"import: malformed document at {where}: {error.message}")


_THREAD_COLS = ("key", "thread_id", "title", "n_comments", "first_seen", "last_analysed")
_CORRECTION_COLS = ("uid", "thread_key", "kind", "target", "value", "author", "note", "created",
                    "before", "undone_at", "undone_by")
_LOG_COLS = ("uid", "thread_key", "correction_uid", "action", "author", "at", "before", "after")
_ANALYSIS_COLS = ("thread_key", "settings", "models", "result", "created")


def _pack_vectors(amap: ArgumentMap) -> bytes | None:
    """The map's vectors as an ``.npz`` blob, or None when it carries none aligned with it."""
    units = amap.vectors.aligned("units", len(amap.units))
    comments = amap.vectors.aligned("comments", len(amap.thread.comments))
    if units is None or comments is None:
        return None
    import numpy as np

    buf = io.BytesIO()
    np.savez_compressed(buf, units=np.asarray(units, dtype=np.float32),
                        comments=np.asarray(comments, dtype=np.float32))
    return buf.getvalue()


def _with_vectors(amap: ArgumentMap, blob: bytes) -> ArgumentMap:
    """``amap`` carrying the vectors of a blob from :func:`_pack_vectors` (unchanged if unreadable)."""
    import numpy as np

    try:
        with np.load(io.BytesIO(blob)) as z:
            vectors = Vectors(units=z["units"], comments=z["comments"])
    except (OSError, ValueError, KeyError):
        return amap  # a damaged cache: the vectors are re-encoded when needed
    if vectors.aligned("units", len(amap.units)) is None or \
            vectors.aligned("comments", len(amap.thread.comments)) is None:
        return amap
    return replace(amap, vectors=vectors)


def _insert(conn: sqlite3.Connection, table: str, row: dict[str, Any], cols: tuple[str, ...]) -> int:
    """INSERT OR IGNORE one row; 1 if it was new."""
    marks = ",".join("?" * len(cols))
    cur = conn.execute(f"INSERT OR IGNORE INTO {table} ({','.join(cols)}) VALUES ({marks})",
                       tuple(row.get(c) for c in cols))
    return cur.rowcount


def _merge_undo(conn: sqlite3.Connection, row: dict[str, Any]) -> int:
    """Undo is one-way: an imported undo marks the local copy undone too."""
    if not row.get("undone_at"):
        return 0
    cur = conn.execute("UPDATE corrections SET undone_at=?, undone_by=? WHERE uid=? AND undone_at IS NULL",
                       (row["undone_at"], row.get("undone_by") or "", row["uid"]))
    return cur.rowcount


def _shown(kind: str, value: str) -> str:
    """A correction's value as :func:`corrections.current_value` reports it afterwards."""
    if kind == "personal-attack":
        return "personal-attack" if value == "confirm" else "none"
    return value


def _correction(row: sqlite3.Row) -> Correction:
    return Correction(kind=row["kind"], target=row["target"], value=row["value"], author=row["author"],
                      note=row["note"], created=row["created"], id=row["id"], uid=row["uid"],
                      before=row["before"])
