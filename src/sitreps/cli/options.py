"""What every command shares, defined once: click settings, the common options, the console, the store.

A command module imports these instead of declaring its own ``--db`` or console, so that an option
means the same thing, with the same help, wherever it appears.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Optional

import click
from rich.console import Console

if TYPE_CHECKING:
    from sitreps.store import Store

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

json_option = click.option("--json", "json_output", is_flag=True, help="Print JSON instead of text.")
db_option = click.option("--db", metavar="URL|PATH", envvar="SITREPS_DB", show_envvar=True,
                         help="The store: a SQLite file (default sitreps.db) or postgresql://user@host/db.")


def published_value(_ctx: click.Context, _param: click.Parameter, value: Optional[str]) -> Optional[str]:
    """A YYYY-MM-DD option checked as it is read (a bad date is a usage error naming the option)."""
    if value is None:
        return None
    from sitreps.timeparse.notation import parse_day

    try:
        return parse_day(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def console() -> Console:
    """A terminal's own width; 120 columns when output goes to a file or a pipe (tables stay readable)."""
    return Console(width=None if sys.stdout.isatty() else 120)


def open_store(db: Optional[str]) -> "Store":
    """The existing store ``db`` names (never created by a command that only reads or reviews)."""
    from sitreps.store import Store

    return Store(db, create=False)


def store_name(db: Optional[str]) -> str:
    """The store as a person reads it (a file name, or a database URL without its password)."""
    from sitreps.store import database_url, display_name

    return display_name(database_url(db))
