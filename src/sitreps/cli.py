"""The ``sitreps`` command: a thin shell over the library.

Errors a user can act on (a missing file, a 404, a binary file) are printed as
one line, ``sitreps: <input>: <problem>``, and end the process with the error
class's own exit code (see ``sitreps.errors``); tracebacks are only shown with
``SITREPS_DEBUG=1``.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import click
import typer
from rich.console import Console

from sitreps import __version__
from sitreps.config import Settings
from sitreps.errors import NOT_ENGLISH_EXIT_CODE, SitrepsError
from sitreps.ingest import read_source
from sitreps.pipeline import parse_published, process
from sitreps.render import print_summary
from sitreps.resources import data_path
from sitreps.types import Report

SAMPLE_ARTICLE = "sample/wire-kharkiv.txt"

app = typer.Typer(
    name="sitreps",
    help="News reports in, a sourced situation picture out.\n\n"
         "Example:  sitreps extract article.txt --published 2024-10-22",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"sitreps {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Print the version and exit.")] = None,
) -> None:
    """News reports in, a sourced situation picture out.

    \b
    Examples:
      sitreps extract article.txt --published 2024-10-22
      sitreps extract https://example.org/news/story.html --json
      cat article.txt | sitreps extract -
    """


def _published_option(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    try:
        return parse_published(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None


@app.command()
def extract(
    source: Annotated[str, typer.Argument(help="A text or HTML file, an http(s) URL, or - for stdin.",
                                          metavar="PATH|URL|-")],
    published: Annotated[Optional[str], typer.Option(
        "--published", callback=_published_option, metavar="YYYY-MM-DD",
        help="The article's publication date, when you know it (relative dates resolve against it).")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the sitreps/1 report as JSON.")] = False,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Allow URLs on loopback and private networks (off by default).")] = False,
    timeout: Annotated[float, typer.Option("--timeout", metavar="SECONDS", min=0.1,
                                           help="Network timeout for a URL.")] = 10.0,
) -> int:
    """Read one article and print its report.

    Prints a readable summary, or the sitreps/1 JSON report with --json. A
    non-English article still gets a (nearly empty) report and exits with 15.

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


@app.command()
def demo(
    json_output: Annotated[bool, typer.Option("--json", help="Print the sitreps/1 report as JSON.")] = False,
) -> int:
    """Run sitreps on the sample wire story that ships with it.

    \b
    Example:
      sitreps demo
    """
    path = data_path(SAMPLE_ARTICLE)
    report = process(read_source(str(path), Settings.from_env()))
    if not json_output:
        Console().print(f"[dim]sample article: {path}[/dim]")
    return _emit(report, json_output, str(path))


def _emit(report: Report, json_output: bool, source: str) -> int:
    if json_output:
        sys.stdout.write(report.to_json() + "\n")
    else:
        print_summary(report, Console())
    if report.article.language != "en":
        print(f"sitreps: {source}: not English (detected {report.article.language}); extraction skipped",
              file=sys.stderr)
        return NOT_ENGLISH_EXIT_CODE
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI and turn errors into one line and an exit code."""
    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="sitreps", standalone_mode=False)
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
