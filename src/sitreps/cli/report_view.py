"""The readable summary of a report for the terminal (``sitreps extract`` without ``--json``).

One table per part of the report, in the order an analyst reads: the article
and what was cut from it, then who, where, when, how many, what happened and
who says so. Empty parts are shown as empty, so "nothing found" is never
confused with "not shown".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from sitreps.types import Report


def print_summary(report: Report, console: Console) -> None:
    article = report.article
    overview = Table.grid(padding=(0, 2))
    overview.add_column(style="bold")
    overview.add_column()
    words = len(article.text.split())
    published = f"{article.published or '—'} ({article.published_basis})"
    for label, value in [
        ("id", article.id), ("title", article.title or "—"), ("url", article.url or "—"),
        ("authors", ", ".join(article.authors) or "—"), ("publisher", article.publisher or "—"),
        ("published", published), ("genre", article.genre), ("language", article.language),
        ("size", f"{words:,} words, {len(report.sentences)} sentences"),
    ]:
        overview.add_row(label, Text(value))
    console.print(Text("Article", style="bold underline"))
    console.print(overview)
    for warning in report.warnings:  # first, where they are seen: a repaired encoding changes what follows
        console.print(Text(f"warning: {warning}", style="yellow"))
    _table(console, "Removed lines", ["reason", "text"], [[r.reason, r.text] for r in article.removed])
    _table(console, "Repairs", ["reason", "from", "to"], [[r.reason, r.original, r.repaired] for r in article.repairs])
    names = _names(report)
    _table(console, "Actors", ["id", "name", "kind", "country", "sector", "mentions"],
           [[a.id, a.name, a.kind, a.country, a.sector, len(a.mentions)] for a in report.actors])
    _table(console, "Places", ["id", "name", "kind", "country", "lat, lon"],
           [[p.id, p.name, p.kind, p.country, _latlon(p.lat, p.lon)] for p in report.places])
    _table(console, "Times", ["text", "value", "granularity", "anchor"],
           [[t.text, t.value, t.granularity, t.anchor] for t in report.times])
    _table(console, "Figures", ["text", "amount", "unit", "category", "what", "subject", "source"],
           [[f.text, _amount(f.value, f.low, f.high, f.qualifier, f.per), f.unit, f.category, f.what,
             names(f.subject), f"{names(f.source)} ({f.attribution})"] for f in report.figures])
    _table(console, "Events", ["type", "actor", "recipient", "date", "modality", "text"],
           [[e.type, ", ".join(map(names, e.actor)), ", ".join(map(names, e.recipient)), e.date, e.modality,
             _short(e.text)] for e in report.events])
    _table(console, "Claims", ["speaker", "cue", "kind", "text"],
           [[names(c.speaker), c.cue, c.kind, _short(c.text)] for c in report.claims])


def _table(console: Console, title: str, columns: Sequence[str], rows: list[list[Any]]) -> None:
    if not rows:
        console.print(Text.assemble((f"{title}: ", "bold"), ("none found", "dim")))
        return
    table = Table(title=f"{title} ({len(rows)})", title_justify="left", title_style="bold", show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(Text("—" if cell is None else str(cell)) for cell in row))
    console.print(table)


def _names(report: Report) -> Callable[[str | None], str]:
    by_id = {a.id: a.name for a in report.actors}
    return lambda ref: "—" if ref is None else by_id.get(ref, ref)


def _amount(value: float | None, low: float | None, high: float | None, qualifier: str, per: str | None) -> str:
    def fmt(number: float | None) -> str:
        return "?" if number is None else f"{number:,.{0 if float(number).is_integer() else 2}f}"
    if value is not None:
        text = fmt(value)
    elif low is not None and high is not None:
        text = f"{fmt(low)}–{fmt(high)}"
    elif low is not None:
        text = f"≥ {fmt(low)}"
    elif high is not None:
        text = f"≤ {fmt(high)}"
    else:
        text = "?"
    text = f"{text} ({qualifier})"
    return f"{text} per {per}" if per else text


def _latlon(lat: float | None, lon: float | None) -> str | None:
    return None if lat is None or lon is None else f"{lat:.2f}, {lon:.2f}"


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
