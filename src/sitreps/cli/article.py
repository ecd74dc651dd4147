"""Commands on one article: ``extract``, ``demo`` and ``evaluate`` (scoring against gold)."""

from __future__ import annotations

import dataclasses
import json
import sys
from typing import Optional

import click

from sitreps.cli.options import CONTEXT, console, json_option, published_value
from sitreps.config import Settings
from sitreps.errors import NOT_ENGLISH_EXIT_CODE
from sitreps.types import Report

SAMPLE_ARTICLE = "sample/wire-kharkiv.txt"
COMPONENTS = ("article", "boilerplate", "times", "figures", "actors", "places", "events", "claims")


@click.command(context_settings=CONTEXT)
@click.argument("source", metavar="PATH|URL|-")
@click.option("--published", callback=published_value, metavar="YYYY-MM-DD",
              help="The article's publication date, when you know it (relative dates resolve against it).")
@json_option
@click.option("--allow-private", is_flag=True, help="Allow URLs on loopback and private networks (off by default).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True, metavar="SECONDS",
              help="Seconds for the whole fetch of a URL (connection, headers and body).")
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
    from sitreps.ingest import read_source
    from sitreps.pipeline import process

    settings = dataclasses.replace(Settings.from_env(), allow_private=allow_private, fetch_timeout=timeout)
    report = process(read_source(source, settings), published=published, settings=settings)
    return _emit(report, json_output, source)


@click.command(context_settings=CONTEXT)
@json_option
def demo(json_output: bool) -> int:
    """Run sitreps on the sample wire story that ships with it.

    \b
    Example:
      sitreps demo
    """
    from sitreps.ingest import read_source
    from sitreps.pipeline import process
    from sitreps.resources import data_path

    path = data_path(SAMPLE_ARTICLE)
    report = process(read_source(str(path), Settings.from_env()))
    if not json_output:
        console().print(f"[dim]sample article: {path}[/dim]")
    return _emit(report, json_output, str(path))


@click.command(context_settings=CONTEXT)
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
    from sitreps.cli.evaluation_view import print_comparison, print_evaluation
    from sitreps.evaluation.sets import evaluate_sets, expand, gold_set

    components = components or COMPONENTS
    if by_set:
        results = evaluate_sets([gold_set(argument) for argument in gold], components=components)
        if json_output:
            payload = {name: {"articles": r.articles, "metrics": r.metrics()} for name, r in results.items()}
            sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        else:
            print_comparison(results, console())
        return 0
    result = run_evaluation(expand(gold), components=components)
    if json_output:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        print_evaluation(result, console(), max_listed=max_listed)
    return 0


def _emit(report: Report, json_output: bool, source: str) -> int:
    from sitreps.cli.report_view import print_summary

    if json_output:
        sys.stdout.write(report.to_json() + "\n")
    else:
        print_summary(report, console())
    if report.article.language != "en":
        print(f"sitreps: {source}: not English (detected {report.article.language}); extraction skipped",
              file=sys.stderr)
        return NOT_ENGLISH_EXIT_CODE
    return 0
