"""The ``sitreps`` command: a thin shell over the library.

Errors a user can act on (a missing file, a 404, a binary file) are printed as
one line, ``sitreps: <input>: <problem>``, and end the process with the error
class's own exit code (see ``sitreps.errors``); tracebacks are only shown with
``SITREPS_DEBUG=1``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from typing import Optional

import click
from rich.console import Console

from sitreps import __version__
from sitreps.config import Settings
from sitreps.errors import NOT_ENGLISH_EXIT_CODE, SitrepsError
from sitreps.evaluation.components import SCORERS
from sitreps.ingest import read_source
from sitreps.pipeline import parse_published, process
from sitreps.render import print_summary
from sitreps.resources import data_path
from sitreps.types import Report

SAMPLE_ARTICLE = "sample/wire-kharkiv.txt"
COMPONENTS = tuple(SCORERS)
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
json_option = click.option("--json", "json_output", is_flag=True, help="Print the sitreps/1 report as JSON.")


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="sitreps", message="%(prog)s %(version)s",
                      help="Print the version and exit.")
def app() -> None:
    """News reports in, a sourced situation picture out.

    \b
    Examples:
      sitreps extract article.txt --published 2024-10-22
      sitreps extract https://example.org/news/story.html --json
      cat article.txt | sitreps extract -
      sitreps demo
    """


def _published_option(_ctx: click.Context, _param: click.Parameter, value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    try:
        return parse_published(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


@app.command(context_settings=CONTEXT)
@click.argument("source", metavar="PATH|URL|-")
@click.option("--published", callback=_published_option, metavar="YYYY-MM-DD",
              help="The article's publication date, when you know it (relative dates resolve against it).")
@json_option
@click.option("--allow-private", is_flag=True, help="Allow URLs on loopback and private networks (off by default).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True, metavar="SECONDS",
              help="Network timeout for a URL.")
def extract(source: str, published: Optional[str], json_output: bool, allow_private: bool, timeout: float) -> int:
    """Read one article and print its report.

    SOURCE is a text or HTML file, an http(s) URL, or - for stdin. Prints a
    readable summary, or the sitreps/1 JSON report with --json. A non-English
    article still gets a (nearly empty) report and exits with 15.

    \b
    Examples:
      sitreps extract article.txt --published 2024-10-22
      sitreps extract saved-page.html --json > report.json
      sitreps extract https://example.org/2024/10/22/story.html
      cat article.txt | sitreps extract - --json
    """
    settings = dataclasses.replace(Settings.from_env(), allow_private=allow_private, fetch_timeout=timeout)
    report = process(read_source(source, settings), published=published, settings=settings)
    return _emit(report, json_output, source)


@app.command(context_settings=CONTEXT)
@json_option
def demo(json_output: bool) -> int:
    """Run sitreps on the sample wire story that ships with it.

    \b
    Example:
      sitreps demo
    """
    path = data_path(SAMPLE_ARTICLE)
    report = process(read_source(str(path), Settings.from_env()))
    if not json_output:
        _console().print(f"[dim]sample article: {path}[/dim]")
    return _emit(report, json_output, str(path))


@app.command(context_settings=CONTEXT)
@click.argument("gold", nargs=-1, required=True, type=click.Path(), metavar="GOLD...")
@json_option
@click.option("--component", "components", multiple=True, type=click.Choice(COMPONENTS),
              help="Score only this component (repeatable); all by default.")
@click.option("--max-listed", type=click.IntRange(min=0), default=15, show_default=True, metavar="N",
              help="Misses, false hits and wrong fields listed per component.")
def evaluate(gold: tuple[str, ...], json_output: bool, components: tuple[str, ...], max_listed: int) -> int:
    """Score sitreps against gold-annotated articles.

    Runs sitreps on the article of each GOLD file (docs/gold-format.md) and
    prints, per component, detection precision/recall/F1 and per-field
    accuracy, then the misses and false hits to fix. --json prints everything.

    \b
    Examples:
      sitreps evaluate tests/gold/*.yaml
      sitreps evaluate ../shared/gold/seed.yaml tests/gold/*.yaml --component figures
      sitreps evaluate tests/gold/*.yaml --json > evaluation.json
    """
    from sitreps.evaluation import evaluate as run_evaluation
    from sitreps.evaluation.render import print_evaluation

    result = run_evaluation(gold, components=components or COMPONENTS)
    if json_output:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        print_evaluation(result, _console(), max_listed=max_listed)
    return 0


def _console() -> Console:
    """A terminal's own width; 120 columns when output goes to a file or a pipe (tables stay readable)."""
    return Console(width=None if sys.stdout.isatty() else 120)


def _emit(report: Report, json_output: bool, source: str) -> int:
    if json_output:
        sys.stdout.write(report.to_json() + "\n")
    else:
        print_summary(report, _console())
    if report.article.language != "en":
        print(f"sitreps: {source}: not English (detected {report.article.language}); extraction skipped",
              file=sys.stderr)
        return NOT_ENGLISH_EXIT_CODE
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI and turn errors into one line and an exit code."""
    try:
        result = app.main(args=argv, prog_name="sitreps", standalone_mode=False)
    except SitrepsError as error:
        if os.environ.get("SITREPS_DEBUG"):
            raise
        print(f"sitreps: {error}", file=sys.stderr)
        return error.exit_code
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.Abort:
        print("sitreps: aborted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug: one line for users, the traceback on request
        if os.environ.get("SITREPS_DEBUG"):
            raise
        print(f"sitreps: internal error: {error.__class__.__name__}: {error} "
              "(set SITREPS_DEBUG=1 for a traceback, and please report it)", file=sys.stderr)
        return 1
    return result if isinstance(result, int) else 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
