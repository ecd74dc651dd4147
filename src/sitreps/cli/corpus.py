"""Commands over many articles and the store: ``ingest``, ``load`` and ``export``."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from typing import Optional

import click
from rich.console import Console

from sitreps.cli.options import CONTEXT, console, db_option, published_value, store_name
from sitreps.config import Settings
from sitreps.errors import INGEST_FAILURES_EXIT_CODE


@click.command(context_settings=CONTEXT)
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
              help="Seconds for the whole fetch of each feed and page (connection, headers and body).")
@click.option("--follow-symlinks", is_flag=True,
              help="Follow symbolic links that lead out of a SOURCE folder (by default they are listed as failures).")
@click.option("--no-progress", is_flag=True, help="No progress bar (it is drawn on stderr).")
@click.option("--json", "json_output", is_flag=True, help="Print the summary as JSON.")
def ingest(sources: tuple[str, ...], db: Optional[str], engine: str, processes: int, scheduler: Optional[str],
           workers: Optional[int], parquet_dir: Optional[str], reprocess: str, partition_size: int,
           allow_private: bool, timeout: float, follow_symlinks: bool, no_progress: bool, json_output: bool) -> int:
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
    from sitreps.cli.corpus_view import progress_bar
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
                             partition_size=partition_size, progress=progress, follow_symlinks=follow_symlinks)
    return _finish(summary, json_output, where=parquet_dir or store_name(db), command="ingest")


@click.command(context_settings=CONTEXT)
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
    from sitreps.cli.corpus_view import progress_bar

    console = Console(stderr=True)
    with progress_bar(console, "load", enabled=not no_progress) as progress:
        summary = run_load(paths, db=db, reprocess=reprocess, progress=progress)
    return _finish(summary, json_output, where=store_name(db), command="load")


@click.command(context_settings=CONTEXT)
@db_option
@click.option("--what", type=click.Choice(["events", "figures", "claims", "actors", "places", "times", "articles",
                                           "failures", "corrections"]),
              default="events", show_default=True, help="What to export.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet", "geojson", "plover", "acled"]),
              default="jsonl", show_default=True,
              help="jsonl, csv, parquet, geojson (rows with a point), plover (events as PLOVER records) or acled "
                   "(events as an ACLED-style CSV table).")
@click.option("--excel", is_flag=True, help="CSV for Excel (csv, acled): a UTF-8 byte order mark and cells that "
                                            "start with = + - @ quoted so they never run as formulas.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-", show_default=True,
              metavar="FILE", help="Where to write; - is stdout.")
@click.option("--since", callback=published_value, metavar="YYYY-MM-DD", help="Only items dated on or after this day.")
@click.option("--until", callback=published_value, metavar="YYYY-MM-DD", help="Only items dated on or before this day.")
@click.option("--country", metavar="ISO3", help="Only items in or about this country (UKR, RUS …).")
@click.option("--type", "event_type", metavar="PLOVER", help="Only events of this PLOVER type (ASSAULT …).")
@click.option("--category", metavar="NAME", help="Only figures of this category (killed, troops, money …).")
@click.option("--source", metavar="OUTLET", help="Only articles of this outlet or web site (example.org).")
@click.option("--with-duplicates", is_flag=True, help="Keep near-duplicate articles (syndicated copies).")
def export(db: Optional[str], what: str, fmt: str, excel: bool, output: str, since: Optional[str],
           until: Optional[str], country: Optional[str], event_type: Optional[str], category: Optional[str],
           source: Optional[str], with_duplicates: bool) -> int:
    """Export events, figures, claims, actors, places or articles from the store.

    Rows are written as they are read, so a large store exports in bounded
    memory. Local ids (A3, P1) come with the names they stand for. Near-duplicate
    articles are left out unless --with-duplicates is given. --format plover
    writes events as PLOVER records (JSON, one per line); --format acled writes
    them as a CSV table with ACLED's columns and event types.

    \b
    Examples:
      sitreps export --what events --format plover --country UKR -o events.jsonl
      sitreps export --what events --format acled --excel --since 2024-10-01 -o events.csv
      sitreps export --what figures --category killed --since 2024-10-01 --format csv -o killed.csv
      sitreps export --what places --format geojson -o places.geojson
      sitreps export --what articles --source example.org --format parquet -o articles.parquet
      sitreps export --what failures --format csv
    """
    from sitreps.export import check
    from sitreps.export import export as run_export
    from sitreps.store.queries import Filters
    from sitreps.store import Store

    if fmt == "parquet" and output == "-" and sys.stdout.isatty():
        raise click.UsageError("Parquet is binary: give --output FILE")
    try:
        filters = Filters(since=since, until=until, country=country, type=event_type, category=category,
                          source=source, with_duplicates=with_duplicates)
        check(what, fmt, filters, excel=excel)
        store = Store(db, create=False)
        if output == "-":
            count = run_export(store, what, fmt, sys.stdout.buffer, filters, excel=excel)
            sys.stdout.flush()
        else:
            count = _export_to_file(output, lambda handle: run_export(store, what, fmt, handle, filters,
                                                                      excel=excel))
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    if output != "-":
        print(f"sitreps: wrote {count:,} {what} to {output}", file=sys.stderr)
    return 0


def _export_to_file(output: str, write) -> int:
    """Write beside ``output`` and move the file into place when done, so an export that fails half-way
    leaves no truncated file under the name asked for; a path that cannot be written is a usage error."""
    partial = f"{output}.part"
    try:
        handle = open(partial, "wb")
    except OSError as error:
        raise click.UsageError(f"--output {output}: cannot write there ({error.strerror})") from None
    try:
        with handle:
            count = write(handle)
        os.replace(partial, output)
    finally:
        if os.path.exists(partial):
            os.remove(partial)
    return count


def _finish(summary, json_output: bool, *, where: str, command: str) -> int:
    from sitreps.cli.corpus_view import print_summary

    if json_output:
        sys.stdout.write(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        print_summary(summary, console(), where=where, command=command)
    if summary.interrupted:
        return 130
    return INGEST_FAILURES_EXIT_CODE if summary.failed else 0
