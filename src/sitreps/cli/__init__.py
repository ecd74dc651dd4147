"""The ``sitreps`` command: a thin shell over the library, and the only part of sitreps that imports click or rich.

One module per command group (``article``: extract, demo, evaluate; ``corpus``: ingest, load, export;
``fusion``: ledger, timeline, contradictions; ``workbench``: serve, users, corrections), the options they
share defined once in ``options``, and the terminal views (``*_view``) beside them.

Errors a user can act on (a missing file, a 404, a binary file) are printed as one line,
``sitreps: <input>: <problem>``, and end the process with the error class's own exit code (see
``sitreps.errors``); tracebacks are only shown with ``SITREPS_DEBUG=1``. Heavy libraries (spaCy, pandas,
SQLAlchemy) are imported inside the commands that use them, so ``sitreps --help`` and ``--version`` are quick.
"""

from __future__ import annotations

import errno
import os
import sys

import click

from sitreps import __version__
from sitreps.cli import article, corpus, fusion, workbench
from sitreps.cli.options import CONTEXT
from sitreps.errors import SitrepsError


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
      sitreps ingest news/ --db sitreps.db
      sitreps export --what events --format plover
      sitreps serve --db sitreps.db
    """


for command in (article.extract, article.demo, article.evaluate, corpus.ingest, corpus.load, corpus.export,
                fusion.ledger, fusion.timeline, fusion.contradictions,
                workbench.serve, workbench.users, workbench.corrections):
    app.add_command(command)


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
        if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):  # not a bug: say what
            print(f"sitreps: {error.filename or 'output'}: the disk is full (no space left on the device)",
                  file=sys.stderr)
            return 1
        print(f"sitreps: internal error: {error.__class__.__name__}: {error} "
              "(set SITREPS_DEBUG=1 for a traceback, and please report it)", file=sys.stderr)
        return 1
    return result if isinstance(result, int) else 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())

