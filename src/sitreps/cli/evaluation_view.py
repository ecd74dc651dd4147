"""Terminal output of an evaluation: one table of figures per component, then what to fix."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from sitreps.evaluation import Evaluation
from sitreps.evaluation.components import FIELDS_ONLY
from sitreps.evaluation.scores import Finding


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}"


def print_evaluation(evaluation: Evaluation, console: Console, *, max_listed: int = 15) -> None:
    console.print(Text(f"Scored {len(evaluation.articles)} gold article(s): {', '.join(evaluation.articles)}", style="bold"))
    table = Table(title="Detection (%)", title_justify="left")
    for column in ("component", "gold", "found", "matched", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if column == "component" else "right")
    for name, score in evaluation.components.items():
        if name in FIELDS_ONLY:
            continue
        table.add_row(name, str(score.gold), str(score.found), str(score.true_positives),
                      _pct(score.precision), _pct(score.recall), _pct(score.f1))
    console.print(table)
    fields = Table(title="Field accuracy on matched items (%)", title_justify="left")
    fields.add_column("component")
    fields.add_column("field")
    fields.add_column("correct / compared", justify="right")
    fields.add_column("accuracy", justify="right")
    for name, score in evaluation.components.items():
        for field_name, field_score in sorted(score.fields.items()):
            fields.add_row(name, field_name, f"{field_score.correct} / {field_score.compared}", _pct(field_score.accuracy))
    if fields.row_count:
        console.print(fields)
    for name, score in evaluation.components.items():
        _listing(console, f"{name}: misses", score.misses, max_listed)
        _listing(console, f"{name}: false hits", score.false_hits, max_listed)
        _listing(console, f"{name}: wrong fields", score.wrong_fields, max_listed)


def _listing(console: Console, title: str, findings: list[Finding], limit: int) -> None:
    if not findings:
        return
    console.print(Text(f"{title} ({len(findings)})", style="bold"))
    for finding in findings[:limit]:
        console.print(Text.assemble(("  " + finding.article + ": ", "dim"), finding.text,
                                    ("  — " + finding.detail if finding.detail else "", "dim")), overflow="fold")
    if len(findings) > limit:
        console.print(Text(f"  … and {len(findings) - limit} more (--max-listed to see them, --json for all)", style="dim"))


def print_comparison(evaluations: dict[str, Evaluation], console: Console) -> None:
    """One table: a row per figure (``figures.source``, ``events.f1`` …), a column per gold set."""
    from sitreps.evaluation.sets import side_by_side

    table = Table(title="Accuracy by gold set (%)", title_justify="left")
    table.add_column("figure")
    for name, evaluation in evaluations.items():
        table.add_column(f"{name}\n({len(evaluation.articles)} art.)", justify="right")
    for key, values in side_by_side(evaluations):
        table.add_row(key, *(_pct(value) for value in values.values()))
    console.print(table)
