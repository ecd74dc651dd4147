"""The ingest's terminal output: a progress bar with rate and ETA while it runs, a summary when it ends."""

from __future__ import annotations

from contextlib import contextmanager
from collections.abc import Iterator

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn, Task, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.table import Table
from rich.text import Text

from sitreps.corpus.runner import Progress as ProgressCallback
from sitreps.corpus.runner import Summary

LISTED_REASONS = 10


class RateColumn(ProgressColumn):
    """Articles per second over the run so far."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:5.1f} art/s", style="cyan")


@contextmanager
def progress_bar(console: Console, label: str, *, enabled: bool = True) -> Iterator[ProgressCallback | None]:
    """A callback for ``ingest(progress=…)`` that drives a rich progress bar (None when disabled)."""
    if not enabled:
        yield None
        return
    columns = [SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               RateColumn(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn()]
    bar = Progress(*columns, console=console, transient=False)
    task = bar.add_task(label, total=None)

    def update(done: int, total: int | None) -> None:
        if not bar.live.is_started:  # drawn from the first update on: an error before it leaves no empty bar
            bar.start()
        bar.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        if bar.live.is_started:
            bar.stop()


def print_summary(summary: Summary, console: Console, *, where: str, command: str = "ingest") -> None:
    rate = summary.read / summary.seconds if summary.seconds else 0.0
    table = Table(title=f"sitreps {command}: {where}", show_header=False, title_justify="left", box=None)
    table.add_column(style="bold")
    table.add_column(justify="right")
    table.add_column(style="dim")
    table.add_row("read", f"{summary.read:,}", f"in {summary.seconds:.1f} s, {rate:.2f} articles/s ({summary.engine})")
    table.add_row("new", f"{summary.new:,}", f"{summary.not_english:,} of them not English (stored, not mined)"
                  if summary.not_english else "")
    table.add_row("near-duplicates", f"{summary.near_duplicate:,}", "stored and linked to their original")
    table.add_row("duplicates", f"{summary.duplicate:,}", "already stored: skipped")
    table.add_row("reprocessed", f"{summary.reprocessed:,}", "reports replaced by this version's")
    if summary.parsed:
        table.add_row("written", f"{summary.parsed:,}", "to Parquet: store them with `sitreps load`")
    table.add_row("failed", f"{summary.failed:,}", "see below" if summary.failed else "", style="red" if summary.failed else None)
    console.print(table)
    if summary.peak_rss_mb:
        peak = max(summary.peak_rss_mb.values())
        console.print(f"[dim]peak memory: {peak:,.0f} MB per worker ({len(summary.peak_rss_mb)} worker(s))[/dim]")
    if summary.failed:
        console.print("[bold red]Failures[/bold red] (reason, count, an example):")
        examples: dict[str, str] = {}
        for failure in summary.failures:
            examples.setdefault(failure.reason, failure.key)
        for reason, count in summary.reasons()[:LISTED_REASONS]:
            console.print(f"  {count:>5,}  {reason}  [dim]{examples[reason]}[/dim]", highlight=False)
        more = len(summary.reasons()) - LISTED_REASONS
        if more > 0:
            console.print(f"  … and {more} other reasons")
        console.print("[dim]all of them: sitreps export --what failures --format csv[/dim]")
    if summary.interrupted:
        console.print("[yellow]interrupted: what was stored stays stored; run the same command again to resume[/yellow]")
