"""The workbench's commands: ``serve`` the browser app, manage ``users`` and their tokens, review and export
``corrections``. Only ``serve`` needs the ``web`` extra; accounts and corrections live in the store."""

from __future__ import annotations

import ipaddress
import json
import sys
from typing import Optional

import click
from rich.table import Table

from sitreps.cli.options import CONTEXT, console, db_option, open_store

LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1"]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command(context_settings=CONTEXT)
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--public", is_flag=True,
              help="Let anyone who can reach the server read without signing in (off unless on loopback).")
@click.option("--secure-cookies", is_flag=True, help="Mark cookies Secure (when served behind HTTPS).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Server processes (PostgreSQL stores; keep 1 for SQLite).")
@click.option("--allowed-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="A host name requests may be addressed to (repeatable); on loopback only localhost names are.")
@click.option("--limits", "limits_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="A YAML file overriding the shipped request budget, sign-in back-off and cache refresh "
                   "(the keys of sitreps/data/web_limits.yaml; e.g. `budget: {rate: 0}` turns the budget off).")
def serve(db: Optional[str], host: str, port: int, public: bool, secure_cookies: bool, workers: int,
          allowed_hosts: tuple[str, ...], limits_file: Optional[str]) -> int:
    """Serve the workbench: read articles with their extractions marked, browse figures, events, actors and
    places, and report corrections (highlight a passage, press Ctrl+Enter).

    Reading is open on loopback; on any other address every page needs a signed-in user unless --public is
    given. Reporting corrections always needs a user: make one with `sitreps users add`. Search, the item
    lists and fusion have a request budget per client (429 with Retry-After beyond it), and wrong passwords
    lock an account with growing delays; --limits changes both.

    \b
    Examples:
      sitreps ingest news/ --db news.db
      sitreps users add ana --db news.db --reviewer
      sitreps serve --db news.db                      # then open http://127.0.0.1:8000
      sitreps serve --db postgresql://me@db/news --host 0.0.0.0 --workers 4
      sitreps serve --db news.db --limits my-limits.yaml
    """
    from sitreps.extras import require

    uvicorn = require("uvicorn")
    from sitreps.web import create_app
    from sitreps.web.app import ServerOptions

    store = open_store(db)
    if workers > 1 and store.backend == "sqlite":
        raise click.UsageError("--workers above 1 needs a PostgreSQL store (SQLite takes one writer)")
    from sitreps.web.limits import load_limits

    if limits_file:
        load_limits(limits_file)  # a bad file is one line naming it, before the server starts
    options = ServerOptions(store.url, open_reading=public or is_loopback(host), secure_cookies=secure_cookies,
                            allowed_hosts=list(allowed_hosts) or (LOOPBACK_NAMES if is_loopback(host) else None),
                            limits_file=limits_file)
    print(f"sitreps: serving {store.name} on http://{host}:{port} with {workers} process(es) "
          f"(reading {'open' if options.open_reading else 'needs sign-in'}; Ctrl+C stops)", file=sys.stderr)
    settings = {"host": host, "port": port, "log_level": "warning", "server_header": False}
    if workers == 1:
        uvicorn.run(create_app(store, **options.app_keywords()), **settings)
    else:  # each process builds its own app from the options, passed down in the environment
        options.export()
        uvicorn.run("sitreps.web.app:app_from_environment", factory=True, workers=workers, **settings)
    return 0


# -- users -------------------------------------------------------------------------------------------------

@click.group(context_settings=CONTEXT)
def users() -> None:
    """Workbench accounts: who may report and review corrections.

    Accounts (password hashes, token digests, the cookie secret) are kept in the store's accounts database
    (news.accounts.db beside news.db, 0600; or $SITREPS_ACCOUNTS_DB), never in the store itself.

    \b
    Examples:
      sitreps users add ana --reviewer          # asks for a password
      sitreps users token ana --label nightly   # prints an API token for scripts
      sitreps users list
    """


def _password(value: Optional[str]) -> str:
    if value is not None:
        return value
    return click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)


@users.command("add", context_settings=CONTEXT)
@click.argument("name")
@db_option
@click.option("--reviewer", is_flag=True, help="May also accept and reject corrections.")
@click.option("--password", envvar="SITREPS_PASSWORD", show_envvar=True,
              help="The password (asked for when not given; 8 characters at least).")
def add_user(name: str, db: Optional[str], reviewer: bool, password: Optional[str]) -> int:
    """Add a user NAME (an analyst, or a reviewer with --reviewer).

    \b
    Example:
      sitreps users add ana --reviewer --db news.db
    """
    from sitreps.store.accounts import Accounts

    user = Accounts(open_store(db)).add_user(name, _password(password), role="reviewer" if reviewer else "analyst")
    print(f"sitreps: added {user.name} ({user.role})", file=sys.stderr)
    return 0


@users.command("password", context_settings=CONTEXT)
@click.argument("name")
@db_option
@click.option("--password", envvar="SITREPS_PASSWORD", show_envvar=True, help="The new password (asked for when not given).")
def set_password(name: str, db: Optional[str], password: Optional[str]) -> int:
    """Set a user's password; the user's browser sessions end (cookies made before stop working).

    \b
    Example:
      sitreps users password ana
    """
    from sitreps.store.accounts import Accounts

    Accounts(open_store(db)).set_password(name, _password(password))
    print(f"sitreps: password of {name} changed", file=sys.stderr)
    return 0


@users.command("remove", context_settings=CONTEXT)
@click.argument("name")
@db_option
def remove_user(name: str, db: Optional[str]) -> int:
    """Remove a user and their API tokens (their corrections stay, with their name).

    \b
    Example:
      sitreps users remove ana
    """
    from sitreps.store.accounts import Accounts

    Accounts(open_store(db)).remove_user(name)
    print(f"sitreps: removed {name}", file=sys.stderr)
    return 0


@users.command("list", context_settings=CONTEXT)
@db_option
@click.option("--json", "json_output", is_flag=True, help="Print the users as JSON.")
def list_users(db: Optional[str], json_output: bool) -> int:
    """List the users.

    \b
    Example:
      sitreps users list --json
    """
    from sitreps.store.accounts import Accounts

    found = Accounts(open_store(db)).users()
    if json_output:
        print(json.dumps([{"name": u.name, "role": u.role} for u in found], indent=2))
        return 0
    table = Table("name", "role", title=f"{len(found)} user(s)")
    for user in found:
        table.add_row(user.name, user.role)
    console().print(table)
    return 0


@users.command("token", context_settings=CONTEXT)
@click.argument("name")
@db_option
@click.option("--label", help="What the token is for (shown nowhere but the database).")
def new_token(name: str, db: Optional[str], label: Optional[str]) -> int:
    """Print a new API token for NAME; scripts send it as `Authorization: Bearer TOKEN`. It is shown once.

    \b
    Example:
      TOKEN=$(sitreps users token ana --label nightly)
      curl -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
           -d '{"article_id": "…", "choice": "wrong-figure", "start": 10, "end": 24}' \\
           http://127.0.0.1:8000/api/corrections
    """
    from sitreps.store.accounts import Accounts

    print(Accounts(open_store(db)).new_token(name, label=label))
    return 0


# -- corrections ---------------------------------------------------------------------------------------------

@click.group("corrections", context_settings=CONTEXT)
def corrections() -> None:
    """Corrections that analysts reported in the workbench: list, review, export as gold data.

    \b
    Examples:
      sitreps corrections list --status open
      sitreps corrections accept 12 --reviewer ana
      sitreps corrections export --out gold/corrections/
      sitreps evaluate gold/corrections/*.yaml
    """


@corrections.command("list", context_settings=CONTEXT)
@db_option
@click.option("--status", type=click.Choice(["open", "accepted", "rejected", "all"]), default="all",
              show_default=True, help="Which corrections.")
@click.option("--json", "json_output", is_flag=True, help="Print them as JSON.")
def list_corrections(db: Optional[str], status: str, json_output: bool) -> int:
    """List corrections, newest first.

    \b
    Example:
      sitreps corrections list --status open
    """
    from sitreps.export import records

    frame = open_store(db).corrections()
    if not frame.empty and status != "all":
        frame = frame[frame["status"] == status]
    rows = records(frame.iloc[::-1]) if not frame.empty else []
    if json_output:
        print(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return 0
    table = Table("#", "article", "passage", "what", "value", "by", "status", title=f"{len(rows)} correction(s)")
    for row in rows:
        what = f"{row['kind']} {row['component']}" + (f" · {row['field']}" if row.get("field") else "")
        table.add_row(str(row["id"]), row["article_id"][:10], (row.get("text") or "")[:60], what,
                      "" if row.get("value") is None else str(row["value"]), row.get("author") or "", row["status"])
    console().print(table)
    return 0


def _review(db: Optional[str], ids: tuple[int, ...], status: str, reviewer: Optional[str]) -> int:
    from sitreps.errors import StoreError

    store = open_store(db)
    missing = [i for i in ids if not store.review_correction(i, status, reviewer=reviewer)]
    if missing:
        raise StoreError(store.name, f"no correction {', '.join(map(str, missing))}")
    print(f"sitreps: {len(ids)} correction(s) {status}", file=sys.stderr)
    return 0


reviewer_option = click.option("--reviewer", metavar="NAME", help="Who reviewed them (kept with each).")


@corrections.command("accept", context_settings=CONTEXT)
@click.argument("ids", nargs=-1, required=True, type=int, metavar="ID...")
@db_option
@reviewer_option
def accept(ids: tuple[int, ...], db: Optional[str], reviewer: Optional[str]) -> int:
    """Accept corrections: they will be exported as gold.

    \b
    Example:
      sitreps corrections accept 3 4 --reviewer ana
    """
    return _review(db, ids, "accepted", reviewer)


@corrections.command("reject", context_settings=CONTEXT)
@click.argument("ids", nargs=-1, required=True, type=int, metavar="ID...")
@db_option
@reviewer_option
def reject(ids: tuple[int, ...], db: Optional[str], reviewer: Optional[str]) -> int:
    """Reject corrections.

    \b
    Example:
      sitreps corrections reject 5 --reviewer ana
    """
    return _review(db, ids, "rejected", reviewer)


@corrections.command("export", context_settings=CONTEXT)
@db_option
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), metavar="DIR",
              help="Folder for the gold files (one YAML and one text file per article).")
@click.option("--status", type=click.Choice(["accepted", "open", "rejected"]), default="accepted",
              show_default=True, help="Which corrections to export.")
def export_corrections(db: Optional[str], out_dir: str, status: str) -> int:
    """Write accepted corrections in the gold format (docs/gold-format.md), one partial gold file per article,
    ready for `sitreps evaluate`.

    \b
    Example:
      sitreps corrections export --out gold/corrections/ && sitreps evaluate gold/corrections/*.yaml
    """
    from sitreps.corrections import export_gold

    written = export_gold(open_store(db), out_dir, status=status)
    for path in written:
        print(path)
    print(f"sitreps: wrote {len(written)} gold file(s) to {out_dir}", file=sys.stderr)
    return 0
