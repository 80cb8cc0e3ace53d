"""The command-line face: a thin layer over :func:`argmap.analyze`, the exporters and
the review store.

Every error argmap raises on purpose is printed as one line and exits 2.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
import time
from pathlib import Path

import click

from .corrections import KINDS
from .errors import ArgmapError
from .exporters import EXPORTERS
from .readers import ALIASES, FORMATS
from .safetext import shorten

EXPORT_FORMATS = tuple(EXPORTERS)


class _Group(click.Group):
    """Turns ArgmapError anywhere below into one line on stderr and exit code 2, Ctrl-C into
    one line and exit code 130, and any other failure into one line naming it as a bug (set
    ``ARGMAP_DEBUG=1`` for the traceback)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ArgmapError as exc:
            click.echo(f"argmap: error: {' '.join(str(exc).split())}", err=True)
            ctx.exit(2)
        except KeyboardInterrupt:
            click.echo("\nargmap: interrupted", err=True)
            ctx.exit(130)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            if os.environ.get("ARGMAP_DEBUG"):
                raise
            click.echo(f"argmap: error: internal error ({type(exc).__name__}: "
                       f"{shorten(' '.join(str(exc).split()), 200)}); please report it "
                       "(ARGMAP_DEBUG=1 shows the traceback)", err=True)
            ctx.exit(2)


_MAX_WARNINGS = 20


def _warn(warnings: tuple[str, ...] | list[str]) -> None:
    """Print the reader's warnings on stderr (the first 20, then how many more)."""
    for w in warnings[:_MAX_WARNINGS]:
        click.echo(f"argmap: warning: {w}", err=True)
    if len(warnings) > _MAX_WARNINGS:
        click.echo(f"argmap: warning: ... and {len(warnings) - _MAX_WARNINGS} more", err=True)


class _Progress:
    """Step-by-step progress on stderr: a line that updates in place on a terminal; on a pipe,
    one line per step, and only for big threads (so logs of small runs stay quiet)."""

    BIG_COMMENTS, BIG_CHARS = 2_000, 1_000_000

    def __init__(self, thread) -> None:
        self.tty = sys.stderr.isatty()
        chars = sum(len(c.text) for c in thread.comments)
        self.on = self.tty or len(thread.comments) > self.BIG_COMMENTS or chars > self.BIG_CHARS
        self.size = f"{len(thread.comments) - 1:,} comments, {chars:,} characters"
        self.t0 = time.perf_counter()

    def __call__(self, step: str, i: int, n: int) -> None:
        if not self.on:
            return
        line = f"argmap: {step} ({i + 1}/{n}; {self.size}; {time.perf_counter() - self.t0:.0f} s so far)"
        click.echo(f"\r{line}\033[K" if self.tty else line, err=True, nl=not self.tty)

    def done(self) -> None:
        if self.on:
            line = f"argmap: analysed {self.size} in {time.perf_counter() - self.t0:.0f} s"
            click.echo(f"\r{line}\033[K" if self.tty else line, err=True)


def _db_option(help_text: str):
    # No click checks: the store names a directory, a missing or read-only file in one line.
    return click.option("--db", "db", type=click.Path(path_type=Path), help=help_text)


_STORE_DB = _db_option("The review database (default: $ARGMAP_DB, else ~/.argmap/reviews.db).")
_TO = click.option("--to", "to", type=click.Choice(EXPORT_FORMATS), default="json", show_default=True,
                   help="Output format: argmap JSON, AIF JSON, GraphML, Argdown or an HTML report.")
_OUTPUT = click.option("-o", "--output", type=click.Path(path_type=Path),
                       help="Write the result here instead of standard output.")
_AUTHOR = click.option("--author", envvar="ARGMAP_AUTHOR", default=lambda: getpass.getuser(),
                       show_default="$ARGMAP_AUTHOR, else your login name",
                       help="Who makes the change (recorded in the log).")


def _emit(text: str, output: Path | None, what: str = "") -> None:
    """Write ``text`` to ``output`` (saying so on stderr) or to standard output."""
    if output:
        try:
            output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        except OSError as exc:
            raise ArgmapError(f"{output}: cannot write ({exc.strerror or exc})") from None
        click.echo(f"wrote {output}{f' ({what})' if what else ''}", err=True)
    else:
        click.echo(text, nl=not text.endswith("\n"))


def _known_format(name: str) -> str:
    """The --format value, or a one-line error naming the formats argmap reads."""
    if name != "auto" and name not in FORMATS and name not in ALIASES:
        raise ArgmapError(f"--format: unknown format {name!r}; expected auto or one of {', '.join(FORMATS)}")
    return name


def _store(db: Path | None, create: bool = False):
    """The review store; only commands that save something create a missing file."""
    from .store import Store

    return Store(db, create=create)


@click.group(cls=_Group)
@click.version_option(package_name="argmap")
def cli() -> None:
    """Map the arguments in an online discussion thread."""


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@_OUTPUT
@click.option("--format", "fmt", default="auto", show_default=True, callback=lambda _c, _p, v: _known_format(v),
              help=f"Input format: auto (sniff it), {', '.join(FORMATS)} (see `argmap formats`).")
@_TO
@_db_option("Keep the analysis in this review database and apply its corrections to the output.")
def analyze(file: Path, output: Path | None, fmt: str, to: str, db: Path | None) -> None:
    """Analyse FILE and print the argument map (argmap/1 JSON unless --to says otherwise).

    \b
    Examples:
      argmap analyze threads/russian-trolls-study.txt -o map.json
      argmap analyze thread.jsonl --format reddit-jsonl
      argmap analyze threads/russian-trolls-study.txt --to html -o report.html
      argmap analyze threads/russian-trolls-study.txt --db reviews.db --to argdown
    """
    from .exporters import export
    from .workflow import analyze_file

    if output is not None and output.is_dir():  # say so before a long analysis, not after
        raise ArgmapError(f"{output}: is a directory; -o needs a file name")
    store = _store(db, create=True) if db is not None else None
    progress: list[_Progress] = []

    def on_read(thread) -> None:  # the reader's warnings, then progress sized to the thread
        _warn(thread.warnings)
        progress.append(_Progress(thread))

    result = analyze_file(file, fmt=fmt, store=store, on_read=on_read,
                          progress=lambda step, i, n: progress[0](step, i, n))
    progress[0].done()
    if store is not None:
        for p in result.problems:
            click.echo(f"argmap: warning: {p}", err=True)
        click.echo(f"thread {result.key[:12]}: {len(result.map.meta['corrections'])} corrections applied "
                   f"({store.path})", err=True)
    _emit(export(result.map, to), output, f"{len(result.map.thread.comments) - 1} comments")


@cli.command()
def formats() -> None:
    """List the input formats argmap reads.

    \b
    Example:
      argmap formats
    """
    for name, description in FORMATS.items():
        click.echo(f"{name:16} {description}")


# --- the review store ----------------------------------------------------------------

@cli.group(cls=_Group)
def review() -> None:
    """Saved analyses and human corrections (the review store).

    \b
    Example:
      argmap review list
    """


@review.command("list")
@_STORE_DB
def review_list(db: Path | None) -> None:
    """List analysed threads: key, thread id, comments, active corrections, title.

    \b
    Example:
      argmap review list --db reviews.db
    """
    from .store import Store, default_path

    path = db.expanduser() if db is not None else default_path()
    if not path.exists():  # nothing to list; do not create the file (or its folders)
        click.echo(f"no analysed threads: no review database at {path}", err=True)
        return
    store = Store(path, create=False)
    records = store.threads()
    if not records:
        click.echo(f"no analysed threads in {store.path}", err=True)
    for r in records:
        click.echo(f"{r.key[:12]}  {r.last_analysed[:16]}  {r.n_comments:5} comments  "
                   f"{r.n_corrections:4} corrections  {shorten(r.thread_id, 20)}  {shorten(r.title, 50)}")


@review.command("show")
@click.argument("thread")
@_STORE_DB
@click.option("--to", "to", type=click.Choice(EXPORT_FORMATS),
              help="Print the corrected map in this format instead of the summary.")
@_OUTPUT
def review_show(thread: str, db: Path | None, to: str | None, output: Path | None) -> None:
    """Show THREAD (a key, key prefix or thread id): its corrections and whether they apply.

    \b
    Examples:
      argmap review show 3fa2c1
      argmap review show 3fa2c1 --to html -o corrected.html
    """
    store = _store(db)
    key = store.resolve(thread)
    latest = store.latest(key)
    if to is not None:
        if latest is None:
            raise ArgmapError(f"thread {key[:12]} has corrections but no saved analysis")
        from .exporters import export

        _emit(export(store.apply(key, latest)[0], to), output)
        return
    problems = {p.correction.id: p.reason for p in store.apply(key, latest)[1]} if latest else {}
    lines = [f"thread {key}"]
    if latest is not None:
        lines.append(f"  {latest.thread.title!r}: {len(latest.thread.comments) - 1} comments, "
                     f"models {json.dumps(latest.meta.get('models', {}), sort_keys=True)}")
    corrections = store.corrections(key)
    lines.append(f"  {len(corrections)} active corrections")
    for c in corrections:
        state = f"NOT APPLIED: {problems[c.id]}" if c.id in problems else "applied"
        lines.append(f"  #{c.id} {c.kind} {c.target!r}: {c.before!r} -> {c.value!r} by {c.author} "
                     f"on {c.created[:10]}{f' ({c.note})' if c.note else ''} [{state}]")
    _emit("\n".join(lines), output)


@review.command("history")
@click.argument("thread")
@_STORE_DB
def review_history(thread: str, db: Path | None) -> None:
    """Print every change to THREAD's corrections: when, who, what, before and after.

    \b
    Example:
      argmap review history 3fa2c1
    """
    store = _store(db)
    for h in store.history(store.resolve(thread)):
        click.echo(f"{h.at[:19]}  {h.action:4} #{h.correction_id}  {h.author}  {h.kind} {h.target!r}: "
                   f"{h.before!r} -> {h.after!r}")


@review.command("correct")
@click.argument("thread")
@click.argument("kind", type=click.Choice(tuple(KINDS)))
@click.argument("target")
@click.argument("value")
@click.option("--note", default="", help="Why (shown with the corrected value).")
@_AUTHOR
@_STORE_DB
def review_correct(thread: str, kind: str, target: str, value: str, note: str, author: str,
                   db: Path | None) -> None:
    """Record a correction to THREAD: KIND of TARGET becomes VALUE.

    \b
    KIND            TARGET                      VALUE
    parent          comment id                  an earlier comment id
    unit-kind       unit id (comment_id:start)  claim premise evidence question other
    stance          comment id                  support attack neutral
    stance-to-root  comment id                  support attack neutral
    relation        source->target              support attack none
    source          source name                 verified unreliable
    personal-attack comment id                  confirm dismiss

    \b
    Examples:
      argmap review correct 3fa2c1 stance c12 attack --note "sarcasm"
      argmap review correct 3fa2c1 source "Daily Kos" unreliable --author maria
      argmap review correct 3fa2c1 relation "c7:0->c5:0" none
    """
    store = _store(db)
    key = store.resolve(thread)
    cid = store.add_correction(key, kind, target, value, author=author, note=note)
    before = next((c.before for c in store.corrections(key) if c.id == cid), None)
    click.echo(f"correction #{cid}: {kind} {target!r}: {before!r} -> {value!r} by {author}")


@review.command("undo")
@click.argument("correction_id", type=int)
@_AUTHOR
@_STORE_DB
def review_undo(correction_id: int, author: str, db: Path | None) -> None:
    """Undo correction CORRECTION_ID (it stays in the history).

    \b
    Example:
      argmap review undo 17 --author maria
    """
    c = _store(db).undo(correction_id, author=author)
    click.echo(f"undid correction #{c.id}: {c.kind} {c.target!r} -> {c.value!r} (by {c.author})")


@review.command("learn")
@_STORE_DB
def review_learn(db: Path | None) -> None:
    """Learn this community's reply stance from the store's stance corrections.

    Every active stance correction is a labelled reply from the threads analysed into this
    store (correcting a stance to the label already shown confirms it, and counts too). The
    learned head sits on top of the shipped model and is kept in the store; later
    `argmap analyze --db` runs use it once it has 20 examples. Prints how many examples it
    used and a cross-validated macro-F1 against the shipped model on the same examples.

    \b
    Example:
      argmap review learn --db reviews.db
    """
    store = _store(db)
    if not store.stance_examples():
        raise ArgmapError(f"no stance corrections in {store.path} to learn from "
                          "(see `argmap review correct THREAD stance COMMENT LABEL`)")
    report = store.learn()
    for s in report.skipped:
        click.echo(f"argmap: warning: skipped {s}", err=True)
    click.echo(report.summary())


@review.command("export")
@click.argument("thread", required=False)
@click.option("--with-analyses", is_flag=True, help="Also export the saved analyses (large).")
@_OUTPUT
@_STORE_DB
def review_export(thread: str | None, with_analyses: bool, output: Path | None, db: Path | None) -> None:
    """Export corrections and their log (all threads, or THREAD) as JSON.

    \b
    Examples:
      argmap review export -o reviews.json
      argmap review export 3fa2c1 --with-analyses -o thread-review.json
    """
    store = _store(db)
    doc = store.export(store.resolve(thread) if thread else None, analyses=with_analyses)
    _emit(json.dumps(doc, indent=2, ensure_ascii=False), output,
          f"{len(doc['corrections'])} corrections")


@review.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@_STORE_DB
def review_import(file: Path, db: Path | None) -> None:
    """Merge a JSON file from `argmap review export` (importing twice adds nothing).

    \b
    Example:
      argmap review import reviews.json --db reviews.db
    """
    try:
        doc = json.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ArgmapError(f"{file}: cannot read file ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ArgmapError(f"{file}: not a JSON file ({exc})") from None
    except RecursionError:
        raise ArgmapError(f"{file}: JSON nested too deeply to be a review export") from None
    counts = _store(db, create=True).import_(doc)
    click.echo("imported " + ", ".join(f"{n} {what}" for what, n in counts.items()))


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``argmap`` console script."""
    try:
        cli.main(args=argv, prog_name="argmap", standalone_mode=True)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
