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
      sitreps ingest news/ --db sitreps.db
      sitreps export --what events --format plover
      sitreps serve --db sitreps.db
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
@click.option("--by-set", is_flag=True,
              help="Score each GOLD argument (a folder or a file) as a set of its own and print the sets side by side.")
@click.option("--max-listed", type=click.IntRange(min=0), default=15, show_default=True, metavar="N",
              help="Misses, false hits and wrong fields listed per component.")
def evaluate(gold: tuple[str, ...], json_output: bool, components: tuple[str, ...], by_set: bool,
             max_listed: int) -> int:
    """Score sitreps against gold-annotated articles.

    Runs sitreps on the article of each GOLD file (docs/gold-format.md; a
    folder stands for every *.yaml in it) and prints, per component,
    detection precision/recall/F1 and per-field accuracy, then the misses and
    false hits to fix. --by-set prints one column per GOLD argument instead,
    so that the team's own set and real text are read side by side.
    --json prints everything.

    \b
    Examples:
      sitreps evaluate tests/gold/*.yaml
      sitreps evaluate tests/gold-real/dev --component figures
      sitreps evaluate tests/gold tests/gold-real/dev tests/gold-real/test --by-set
      sitreps evaluate tests/gold/*.yaml --json > evaluation.json
    """
    from sitreps.evaluation import evaluate as run_evaluation
    from sitreps.evaluation.render import print_comparison, print_evaluation
    from sitreps.evaluation.sets import evaluate_sets, expand, gold_set

    components = components or COMPONENTS
    if by_set:
        results = evaluate_sets([gold_set(argument) for argument in gold], components=components)
        if json_output:
            payload = {name: {"articles": r.articles, "metrics": r.metrics()} for name, r in results.items()}
            sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        else:
            print_comparison(results, _console())
        return 0
    result = run_evaluation(expand(gold), components=components)
    if json_output:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        print_evaluation(result, _console(), max_listed=max_listed)
    return 0


db_option = click.option("--db", metavar="URL|PATH", envvar="SITREPS_DB", show_envvar=True,
                         help="The store: a SQLite file (default sitreps.db) or postgresql://user@host/db.")


@app.command(context_settings=CONTEXT)
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@db_option
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: this machine's processes; dask: a Dask cluster.")
@click.option("--processes", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
              help="Local worker processes (--engine local).")
@click.option("--scheduler", metavar="tcp://HOST:8786", help="A running Dask scheduler (--engine dask).")
@click.option("--workers", type=click.IntRange(min=1), metavar="N",
              help="Workers of a new local Dask cluster when no --scheduler is given (default 2).")
@click.option("--parquet", "parquet_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Write reports to Parquet files in DIR instead of a database (then `sitreps load DIR`).")
@click.option("--reprocess", type=click.Choice(["outdated", "all", "none"]), default="outdated", show_default=True,
              help="Which stored articles to run again: those an older sitreps made, all, or none.")
@click.option("--partition-size", type=click.IntRange(min=1), default=16, show_default=True, metavar="N",
              help="Articles per unit of work sent to a worker.")
@click.option("--allow-private", is_flag=True, help="Allow feed and page URLs on loopback and private networks.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True, metavar="SECONDS",
              help="Network timeout for feeds and their pages.")
@click.option("--no-progress", is_flag=True, help="No progress bar (it is drawn on stderr).")
@click.option("--json", "json_output", is_flag=True, help="Print the summary as JSON.")
def ingest(sources: tuple[str, ...], db: Optional[str], engine: str, processes: int, scheduler: Optional[str],
           workers: Optional[int], parquet_dir: Optional[str], reprocess: str, partition_size: int,
           allow_private: bool, timeout: float, no_progress: bool, json_output: bool) -> int:
    """Read many articles into the store: folders, globs, JSONL/CSV corpora, feeds, WARC files.

    Each SOURCE is a file, a folder (read recursively), a glob, or the URL of
    an RSS/Atom feed or page. Every article is stored in its own transaction:
    stop it at any point and run the same command again to resume. Articles
    already stored are skipped, near-duplicates linked to their original, and
    articles that cannot be read are listed with their reason (exit 22) while
    the rest are stored. See docs/corpus.md.

    \b
    Examples:
      sitreps ingest news/ wire-2024.jsonl --db sitreps.db
      sitreps ingest 'archive/**/*.warc.gz' --processes 2
      sitreps ingest https://example.org/world/rss.xml
      sitreps ingest corpus.csv --engine dask --workers 4
      sitreps ingest corpus.jsonl --engine dask --scheduler tcp://head:8786 --db postgresql://sitreps@db/sitreps
      sitreps ingest corpus.jsonl --engine dask --scheduler tcp://head:8786 --parquet /shared/run1
    """
    from sitreps.corpus.render import progress_bar
    from sitreps.corpus.runner import ingest as run_ingest

    if engine == "local" and (scheduler or workers):
        raise click.UsageError("--scheduler and --workers are for --engine dask")
    if engine == "dask" and processes != 1:
        raise click.UsageError("--processes is for --engine local; use --workers with --engine dask")
    if scheduler and workers:
        raise click.UsageError("give --scheduler (a running cluster) or --workers (a new local one), not both")
    if parquet_dir and db:
        raise click.UsageError("give --db or --parquet, not both (store Parquet files later with `sitreps load`)")
    settings = dataclasses.replace(Settings.from_env(), allow_private=allow_private, fetch_timeout=timeout)
    console = Console(stderr=True)
    with progress_bar(console, "ingest", enabled=not no_progress) as progress:
        summary = run_ingest(sources, db=db, parquet_dir=parquet_dir, engine=engine, processes=processes,
                             scheduler=scheduler, workers=workers, reprocess=reprocess, settings=settings,
                             partition_size=partition_size, progress=progress)
    return _finish(summary, json_output, where=parquet_dir or _store_name(db), command="ingest")


@app.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, metavar="PARQUET...")
@db_option
@click.option("--reprocess", type=click.Choice(["outdated", "all", "none"]), default="outdated", show_default=True,
              help="Which stored articles the files may replace: those an older sitreps made, all, or none.")
@click.option("--no-progress", is_flag=True, help="No progress bar (it is drawn on stderr).")
@click.option("--json", "json_output", is_flag=True, help="Print the summary as JSON.")
def load(paths: tuple[str, ...], db: Optional[str], reprocess: str, no_progress: bool, json_output: bool) -> int:
    """Store the Parquet files written by `sitreps ingest --parquet`.

    PARQUET is a file or a folder of them (as a cluster's workers wrote
    them). The same rules as ingest apply: one transaction per article,
    duplicates skipped, near-duplicates linked, and the workers' failures
    kept in the failures table.

    \b
    Examples:
      sitreps load /shared/run1 --db sitreps.db
      sitreps load part-*.parquet --db postgresql://sitreps@db/sitreps
    """
    from sitreps.corpus.load import load as run_load
    from sitreps.corpus.render import progress_bar

    console = Console(stderr=True)
    with progress_bar(console, "load", enabled=not no_progress) as progress:
        summary = run_load(paths, db=db, reprocess=reprocess, progress=progress)
    return _finish(summary, json_output, where=_store_name(db), command="load")


@app.command(context_settings=CONTEXT)
@db_option
@click.option("--what", type=click.Choice(["events", "figures", "claims", "actors", "places", "times", "articles",
                                           "failures", "corrections"]),
              default="events", show_default=True, help="What to export.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "geojson", "plover"]), default="jsonl",
              show_default=True, help="jsonl, csv, parquet, geojson (rows with coordinates) or plover (events).")
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-", show_default=True,
              metavar="FILE", help="Where to write; - is stdout.")
@click.option("--since", callback=_published_option, metavar="YYYY-MM-DD", help="Only items dated on or after this day.")
@click.option("--until", callback=_published_option, metavar="YYYY-MM-DD", help="Only items dated on or before this day.")
@click.option("--country", metavar="ISO3", help="Only items in or about this country (UKR, RUS …).")
@click.option("--type", "event_type", metavar="PLOVER", help="Only events of this PLOVER type (ASSAULT …).")
@click.option("--category", metavar="NAME", help="Only figures of this category (killed, troops, money …).")
@click.option("--source", metavar="OUTLET", help="Only articles of this outlet or web site (example.org).")
@click.option("--with-duplicates", is_flag=True, help="Keep near-duplicate articles (syndicated copies).")
def export(db: Optional[str], what: str, fmt: str, output: str, since: Optional[str], until: Optional[str],
           country: Optional[str], event_type: Optional[str], category: Optional[str], source: Optional[str],
           with_duplicates: bool) -> int:
    """Export events, figures, claims, actors, places or articles from the store.

    Near-duplicate articles are left out unless --with-duplicates is given.
    --format plover writes events as PLOVER JSON records, one per line.

    \b
    Examples:
      sitreps export --what events --format plover --country UKR -o events.jsonl
      sitreps export --what figures --category killed --since 2024-10-01 --format csv -o killed.csv
      sitreps export --what places --format geojson -o places.geojson
      sitreps export --what articles --source example.org --format parquet -o articles.parquet
      sitreps export --what failures --format csv
    """
    from sitreps.export import Filters
    from sitreps.export import export as run_export
    from sitreps.store import Store

    if fmt == "parquet" and output == "-" and sys.stdout.isatty():
        raise click.UsageError("Parquet is binary: give --output FILE")
    try:
        filters = Filters(since=since, until=until, country=country, type=event_type, category=category,
                          source=source, with_duplicates=with_duplicates)
        store = Store(db, create=False)
        if output == "-":
            count = run_export(store, what, fmt, sys.stdout.buffer, filters)
            sys.stdout.flush()
        else:
            with open(output, "wb") as handle:
                count = run_export(store, what, fmt, handle, filters)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    if output != "-":
        print(f"sitreps: wrote {count:,} {what} to {output}", file=sys.stderr)
    return 0


def _store_name(db: Optional[str]) -> str:
    from sitreps.store import database_url, display_name

    return display_name(database_url(db))


def _finish(summary, json_output: bool, *, where: str, command: str) -> int:
    from sitreps.corpus.render import print_summary

    if json_output:
        sys.stdout.write(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        print_summary(summary, _console(), where=where, command=command)
    if summary.interrupted:
        return 130
    return summary.exit_code



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


from sitreps.fuse import commands as fuse_commands  # noqa: E402  (across articles: docs/fusion.md)

app.add_command(fuse_commands.ledger)
app.add_command(fuse_commands.timeline)
app.add_command(fuse_commands.contradictions)

from sitreps import workbench_cli  # noqa: E402  (the browser workbench and its accounts: docs/workbench.md)

app.add_command(workbench_cli.serve)
app.add_command(workbench_cli.users)
app.add_command(workbench_cli.corrections)


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
