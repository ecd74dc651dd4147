"""The CLI over fusion: ``sitreps ledger``, ``sitreps timeline``, ``sitreps contradictions``.

A thin shell: read the options, call ``fuse_store``, print rich tables (or
JSON, or CSV). A filter value that means nothing (an unknown category, a date
that is not a date) is a ``FilterError``: one line, exit code 23.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from typing import TYPE_CHECKING, Any, Callable, Optional

import click
from rich.console import Console
from rich.table import Table

from sitreps.cli.options import CONTEXT, console, db_option, open_store
from sitreps.errors import BadParameter, FilterError
from sitreps.resources import load_yaml

if TYPE_CHECKING:  # fusion pulls in pandas and SQLAlchemy: imported when a command runs, not for --help
    from sitreps.fuse.fusion import Fusion
    from sitreps.fuse.ledger import Quantity

KINDS = ("date", "place", "actor", "figure")
SCOPES = ("within", "across")


def categories() -> list[str]:
    """Figure categories the figures extractor gives (data/figures.yaml), plus those read from units."""
    words = load_yaml("figures.yaml")
    found = [*words.get("event_categories", {}), *words.get("noun_categories", {})]
    return sorted({*found, "money", "percent", "distance", "area", "other"})


def event_types() -> list[str]:
    return sorted(load_yaml("events.yaml")["types"])


def _common(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options every fusion command takes: the store and the filters."""
    options = [
        db_option,
        click.option("--since", metavar="YYYY-MM-DD", help="Only items dated on or after this day."),
        click.option("--until", metavar="YYYY-MM-DD", help="Only items dated on or before this day."),
        click.option("--country", metavar="ISO3", help="Only items about this country (a side, a place, a subject)."),
        click.option("--subject", metavar="ISO3|NAME", help="Only figures about, or events by or against, this side."),
        click.option("--source", metavar="OUTLET", help="Only articles of this outlet or web site (example.org)."),
        click.option("--with-duplicates", is_flag=True, help="Keep near-duplicate articles (syndicated copies)."),
        click.option("--json", "json_output", is_flag=True, help="Print JSON instead of a table."),
        click.option("--csv", "csv_output", is_flag=True, help="Print CSV instead of a table."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _fuse(db: Optional[str], json_output: bool, csv_output: bool, source_level: str = "actor",
          **filters: Any) -> "Fusion":
    from sitreps.fuse.fusion import fuse_store
    from sitreps.store.queries import Filters

    if json_output and csv_output:
        raise FilterError("--json/--csv", "give one of them, not both")
    category = filters.get("category")
    if category and category.strip().lower() not in categories():
        raise FilterError("--category", f"unknown figure category {category!r} (one of: {', '.join(categories())})")
    event_type = filters.get("type")
    if event_type and event_type.strip().upper() not in event_types():
        raise FilterError("--type", f"unknown PLOVER event type {event_type!r} (one of: {', '.join(event_types())})")
    try:
        wanted = Filters(**filters)
    except BadParameter as error:
        raise FilterError(f"--{error.parameter}", str(error).removeprefix(f"{error.parameter}: ")) from None
    store = open_store(db)
    try:
        return fuse_store(store, filters=wanted, source_level=source_level)
    finally:
        store.close()


def _who(estimate: Any) -> str:
    """The source, and who spoke for it when sources are pooled ("United States officials (John Kirby)")."""
    if estimate.speaker and estimate.speaker != estimate.source:
        return f"{estimate.source} ({estimate.speaker})"
    return estimate.source


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _print_csv(header: list[str], rows: list[list[Any]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    sys.stdout.write(out.getvalue())


sources_option = click.option(
    "--sources", "source_level", type=click.Choice(["actor", "government"]), default="actor", show_default=True,
    help="Compare each named source on its own, or pool a state's officials as its government's.")


# -- sitreps ledger ----------------------------------------------------------------------------------------

@click.command(context_settings=CONTEXT)
@_common
@click.option("--category", metavar="NAME", help="Only quantities of this figure category (troops, killed, money …).")
@click.option("--key", "keys", multiple=True, metavar="KEY",
              help="Show this quantity's whole series (repeatable); keys are in the first column.")
@click.option("--flagged", is_flag=True, help="Only quantities whose sources disagree or revise their figures.")
@sources_option
def ledger(db: Optional[str], since: Optional[str], until: Optional[str], country: Optional[str],
           subject: Optional[str], source: Optional[str], with_duplicates: bool, json_output: bool, csv_output: bool,
           category: Optional[str], keys: tuple[str, ...], flagged: bool, source_level: str) -> int:
    """The figures ledger: every quantity, its estimates by source and date, and flags.

    Figures of all stored articles are grouped into quantities (category,
    subject, place, unit, and total / rate / count for a day). For each:
    every source's latest estimate, the most conservative and the highest,
    and flags where sources disagree beyond their ranges at the same time or
    a source revises its own figure. --csv prints one row per estimate.

    \b
    Examples:
      sitreps ledger --category troops --subject PRK
      sitreps ledger --key 'troops|PRK|RUS|person|total'
      sitreps ledger --flagged --since 2024-10-01 --json > ledger.json
      sitreps ledger --category killed --csv > killed.csv
      sitreps ledger --category troops --sources government   # U.S. officials pooled as one source
    """
    fusion = _fuse(db, json_output, csv_output, source_level, since=since, until=until, country=country,
                   subject=subject, category=category, source=source, with_duplicates=with_duplicates)
    quantities = [q for q in fusion.ledger if (not keys or q.key in keys) and (not flagged or q.flags)]
    if keys and not quantities:
        raise FilterError("--key", f"no such quantity: {', '.join(keys)} (see `sitreps ledger` for the keys)")
    if json_output:
        _print_json({"stats": fusion.stats, "ledger": [q.to_dict() for q in quantities]})
    elif csv_output:
        header = ["key", "label", "source", "value", "low", "high", "qualifier", "date", "attribution",
                  "latest", "conservative", "highest", "flags", "article_id", "publisher", "title", "figure_id",
                  "start", "end", "text"]
        rows = []
        for q in quantities:
            latest = {id(e) for e in q.latest}
            for e in q.estimates:
                rows.append([q.key, q.label, e.source, e.value, e.low, e.high, e.qualifier, e.date, e.attribution,
                             id(e) in latest, e is q.conservative, e is q.highest,
                             "; ".join(f.kind for f in q.flags if any(x is e for x in f.estimates)),
                             e.article_id, e.publisher, e.title, e.figure_id, e.start, e.end, e.text])
        _print_csv(header, rows)
    elif keys:
        for q in quantities:
            _print_series(q, console())
    else:
        _print_ledger(quantities, console())
    return 0


def _print_ledger(quantities: list["Quantity"], console: Console) -> None:
    from sitreps.fuse.ledger import amount

    table = Table(title=f"Figures ledger: {len(quantities)} quantities", show_lines=True)
    for name in ("quantity", "latest by source", "conservative", "highest", "flags"):
        table.add_column(name, overflow="fold")
    for q in quantities:
        latest = "\n".join(f"{_who(e)}: {amount(e)} ({e.date})" for e in q.latest)
        flags = "\n".join(f"[red]{f.kind}[/red]: {f.message}" for f in q.flags)
        table.add_row(f"[bold]{q.label}[/bold]\n[dim]{q.key}[/dim]\n{len(q.estimates)} estimates", latest,
                      _short(q.conservative), _short(q.highest), flags or "[dim]—[/dim]")
    console.print(table)


def _print_series(q: "Quantity", console: Console) -> None:
    from sitreps.fuse.ledger import amount

    table = Table(title=f"{q.label}\n{q.key}")
    for name in ("date", "source", "amount", "outlet", "passage"):
        table.add_column(name, overflow="fold")
    for e in q.estimates:
        table.add_row(e.date or "", _who(e), amount(e), e.publisher or "", e.sentence_text or e.text)
    console.print(table)
    for f in q.flags:
        console.print(f"[red]{f.kind}[/red]: {f.message}")


def _short(estimate: Any) -> str:
    from sitreps.fuse.ledger import amount

    return f"{amount(estimate)}\n{estimate.source}, {estimate.date}" if estimate else ""


# -- sitreps timeline --------------------------------------------------------------------------------------

@click.command(context_settings=CONTEXT)
@_common
@click.option("--type", "event_type", metavar="PLOVER", help="Only events of this PLOVER type (ASSAULT, CONSULT …).")
@click.option("--min-mentions", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
              help="Only events reported at least N times (2: events that more than one report gives).")
def timeline(db: Optional[str], since: Optional[str], until: Optional[str], country: Optional[str],
             subject: Optional[str], source: Optional[str], with_duplicates: bool, json_output: bool,
             csv_output: bool, event_type: Optional[str], min_mentions: int) -> int:
    """Events across articles, merged: one row per event with all its reports, in date order.

    Reports of one event (same PLOVER type, overlapping dates, a side in
    common, places that do not exclude each other) become one event with every
    mention: article, outlet, source and modality. Undated events come last.

    \b
    Examples:
      sitreps timeline --country UKR --since 2024-11-01
      sitreps timeline --type ASSAULT --min-mentions 2
      sitreps timeline --subject PRK --json > events.json
      sitreps timeline --csv > timeline.csv
    """
    fusion = _fuse(db, json_output, csv_output, since=since, until=until, country=country, subject=subject,
                   type=event_type, source=source, with_duplicates=with_duplicates)
    events = [e for e in fusion.events if len(e.mentions) >= min_mentions]
    if json_output:
        _print_json({"stats": fusion.stats, "events": [e.to_dict() for e in events]})
    elif csv_output:
        _print_csv(["key", "date", "type", "mode", "actors", "recipients", "place", "mentions", "articles",
                    "publishers"],
                   [[e.key, e.date, e.type, e.mode, " ".join(e.actors), " ".join(e.recipients), e.place,
                     len(e.mentions), " ".join(e.articles), "; ".join(e.publishers)] for e in events])
    else:
        table = Table(title=f"Timeline: {len(events)} events from {fusion.stats.get('event_mentions', 0)} "
                            f"mentions in {fusion.stats.get('articles', 0)} articles", show_lines=True)
        for name in ("date", "event", "place", "reports"):
            table.add_column(name, overflow="fold")
        for e in events:
            who = f"{' '.join(e.actors) or '?'} → {' '.join(e.recipients) or '—'}"
            reports = "\n".join(f"{m.publisher or m.article_id} ({m.modality}, {m.source}): {m.text[:80]}"
                                for m in e.mentions)
            table.add_row(e.date or "[dim]undated[/dim]", f"[bold]{e.type}[/bold] {who}\n[dim]{e.key}[/dim]",
                          e.place or "", reports)
        console().print(table)
    return 0


# -- sitreps contradictions --------------------------------------------------------------------------------

@click.command(context_settings=CONTEXT)
@_common
@click.option("--category", metavar="NAME", help="Only figure contradictions of this category (troops, killed …).")
@click.option("--type", "event_type", metavar="PLOVER", help="Only contradictions about events of this type.")
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              help="Only this kind: date, place, actor or figure (repeatable).")
@click.option("--scope", type=click.Choice(SCOPES), help="within: in one article; across: between articles.")
@sources_option
def contradictions(db: Optional[str], since: Optional[str], until: Optional[str], country: Optional[str],
                   subject: Optional[str], source: Optional[str], with_duplicates: bool, json_output: bool,
                   csv_output: bool, category: Optional[str], event_type: Optional[str], kinds: tuple[str, ...],
                   scope: Optional[str], source_level: str) -> int:
    """Where reports disagree: dates, places, actors and figures, with the passages side by side.

    Within one article (an event placed in one city, then "the meeting" in
    another) and across articles (one event dated or placed differently, two
    sources' figures apart beyond their ranges at the same time).

    \b
    Examples:
      sitreps contradictions
      sitreps contradictions --kind figure --category troops
      sitreps contradictions --scope within --json
      sitreps contradictions --kind place --kind date --csv > contradictions.csv
    """
    for kind in kinds:
        if kind not in KINDS:
            raise FilterError("--kind", f"unknown kind {kind!r} (one of: {', '.join(KINDS)})")
    fusion = _fuse(db, json_output, csv_output, source_level, since=since, until=until, country=country,
                   subject=subject, category=category, type=event_type, source=source,
                   with_duplicates=with_duplicates)
    found = [c for c in fusion.contradictions if (not kinds or c.kind in kinds) and (not scope or c.scope == scope)]
    if json_output:
        _print_json({"stats": fusion.stats, "contradictions": [c.to_dict() for c in found]})
    elif csv_output:
        rows = []
        for c in found:
            a, b = (c.passages + [None, None])[:2]
            rows.append([c.kind, c.scope, c.message, c.event or c.quantity,
                         *(_passage_cells(a)), *(_passage_cells(b))])
        _print_csv(["kind", "scope", "message", "about", "article_a", "start_a", "end_a", "text_a",
                    "article_b", "start_b", "end_b", "text_b"], rows)
    else:
        terminal = console()
        table = Table(title=f"Contradictions: {len(found)}", show_lines=True)
        for name in ("kind", "what", "passage A", "passage B"):
            table.add_column(name, overflow="fold")
        for c in found:
            cells = [f"{p.publisher or p.article_id}: {p.text}" for p in c.passages[:2]] + ["", ""]
            table.add_row(f"{c.kind}\n[dim]{c.scope}[/dim]", c.message, cells[0], cells[1])
        terminal.print(table)
    return 0


def _passage_cells(passage: Any) -> list[Any]:
    if passage is None:
        return [None, None, None, None]
    return [passage.article_id, passage.start, passage.end, passage.text]


COMMANDS = (ledger, timeline, contradictions)
