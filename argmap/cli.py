"""The command-line face: a thin layer over :func:`argmap.analyze`.

Every error argmap raises on purpose is printed as one line and exits 2.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import ArgmapError


class _Group(click.Group):
    """Turns ArgmapError anywhere below into one line on stderr and exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ArgmapError as exc:
            click.echo(f"argmap: error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=_Group)
@click.version_option(package_name="argmap")
def cli() -> None:
    """Map the arguments in an online discussion thread."""


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the result here instead of standard output.")
@click.option("--format", "fmt", default="auto", show_default=True,
              help="Input format (see `argmap formats`); auto sniffs it.")
def analyze(file: Path, output: Path | None, fmt: str) -> None:
    """Analyse FILE and print the argmap/1 JSON document.

    \b
    Examples:
      argmap analyze threads/russian-trolls-study.txt -o map.json
      argmap analyze thread.jsonl --format reddit-jsonl
    """
    from . import analyze as run
    from . import read_thread

    thread = read_thread(file, fmt)
    text = run(thread).to_json()
    if output:
        output.write_text(text + "\n", encoding="utf-8")
        click.echo(f"wrote {output} ({len(thread.comments) - 1} comments)", err=True)
    else:
        click.echo(text)


@cli.command()
def formats() -> None:
    """List the input formats argmap reads.

    \b
    Example:
      argmap formats
    """
    from .readers import FORMATS

    for name, description in FORMATS.items():
        click.echo(f"{name:16} {description}")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``argmap`` console script."""
    try:
        cli.main(args=argv, prog_name="argmap", standalone_mode=True)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
