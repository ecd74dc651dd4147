"""The command line: real subprocesses for the user's view, in-process calls for the many error cases."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from sitreps.cli import app, main
from sitreps.errors import NOT_ENGLISH_EXIT_CODE
from sitreps.schema import schema_errors
from tests.conftest import ROOT, SEED_GOLD, need_shared
from tests.pages import ARTICLE_HTML, GERMAN_TEXT, SHORT_WIRE
from tests.servers import serve

SITREPS = [sys.executable, "-m", "sitreps.cli"]


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "120"}
    env.pop("SITREPS_DEBUG", None)
    return subprocess.run([*SITREPS, *args], input=stdin.decode() if stdin else None, capture_output=True,
                          text=True, env=env, timeout=120)


@pytest.mark.slow
def test_seed_report_is_valid_and_has_its_boilerplate_repairs_genre_and_authors(seed_path):
    import yaml
    gold = yaml.safe_load(need_shared(SEED_GOLD).read_text())["article"]
    done = run_cli("extract", str(seed_path), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert schema_errors(report) == []
    article = report["article"]
    assert len(article["removed"]) == 5
    for line, removed in zip(gold["removed"], article["removed"]):
        assert line in removed["text"]
    for repair in gold["repaired"]:
        assert repair["to"] in article["text"] and repair["from"] not in article["text"]
    assert article["genre"] == "opinion"
    assert article["authors"] == gold["authors"]
    assert article["publisher"] == gold["publisher"]
    assert report["sentences"] and all(s["end"] > s["start"] for s in report["sentences"])


@pytest.mark.slow
def test_loopback_page_lands_with_title_authors_and_date():
    routes = {"/news/2024/10/22/port.html": (200, {"Content-Type": "text/html"}, ARTICLE_HTML.encode(), 0)}
    with serve(routes) as base:
        done = run_cli("extract", f"{base}/news/2024/10/22/port.html", "--allow-private", "--json")
    assert done.returncode == 0, done.stderr
    article = json.loads(done.stdout)["article"]
    assert article["title"] == "Drones strike grain port near Odesa"
    assert article["authors"] == ["Maria Kovalenko"]
    assert (article["published"], article["published_basis"]) == ("2024-10-22", "metadata")
    assert article["publisher"] == "The Harbour Ledger"
    assert [r["reason"] for r in article["removed"]] == ["related-link"]


@pytest.mark.slow
def test_stdin_and_summary_output():
    done = run_cli("extract", "-", "--published", "2024-10-22", stdin=SHORT_WIRE.encode())
    assert done.returncode == 0, done.stderr
    assert "Meridian Wire" in done.stdout and "2024-10-22 (given)" in done.stdout
    assert "Figures (" in done.stdout and "84 drones" in done.stdout
    assert "copyright" in done.stdout


def test_non_english_article_gives_a_valid_report_a_warning_and_its_own_exit_code(tmp_path):
    path = tmp_path / "de.txt"
    path.write_text(GERMAN_TEXT, encoding="utf-8")
    done = run_cli("extract", str(path), "--json")
    assert done.returncode == NOT_ENGLISH_EXIT_CODE
    report = json.loads(done.stdout)
    assert schema_errors(report) == []
    assert report["article"]["language"] == "de" and report["warnings"]
    assert report["sentences"] == [] and report["figures"] == []
    assert done.stderr.strip().count("\n") == 0 and "not English" in done.stderr


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[list[str], int, str]]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    undecodable = tmp_path / "junk.txt"
    undecodable.write_bytes(bytes(range(128, 256)) * 8)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # 200 MB, sparse: no disk is used
        handle.truncate(200 * 1024 * 1024)
    bodiless = tmp_path / "bodiless.html"
    bodiless.write_text("<html><head><title>Nothing</title></head><body></body></html>")
    return {
        "empty": ([str(empty)], 5, "empty"),
        "binary": ([str(binary)], 6, "PNG image"),
        "directory": ([str(tmp_path)], 4, "is a directory"),
        "missing": ([str(tmp_path / "nope.txt")], 3, "no such file"),
        "huge": ([str(huge)], 8, "over the"),
        "undecodable": ([str(undecodable)], 7, "no known text encoding"),
        "html without body": ([str(bodiless)], 9, "no article text"),
        "bad date": ([str(bodiless), "--published", "22/10/2024"], 2, "YYYY-MM-DD"),
    }


@pytest.mark.parametrize("case", ["empty", "binary", "directory", "missing", "huge", "undecodable",
                                  "html without body", "bad date"])
def test_bad_input_gives_one_line_naming_it_and_a_distinct_exit_code(tmp_path, capsys, case):
    args, code, problem = _bad_inputs(tmp_path)[case]
    assert main(["extract", *args]) == code
    err = capsys.readouterr().err
    assert problem in err and "Traceback" not in err
    if code != 2:
        assert err.count("\n") == 1 and err.startswith(f"sitreps: {args[0]}: ")


@pytest.mark.parametrize("path,code,problem", [
    ("/missing", 11, "404"), ("/broken", 11, "500"), ("/image.png", 12, "image/png"), ("/slow", 10, "no answer"),
])
def test_bad_urls(capsys, path, code, problem):
    routes = {"/missing": (404, {}, b"", 0), "/broken": (500, {}, b"", 0),
              "/image.png": (200, {"Content-Type": "image/png"}, b"\x89PNG", 0),
              "/slow": (200, {"Content-Type": "text/html"}, b"<p>late</p>", 3.0)}
    with serve(routes) as base:
        assert main(["extract", f"{base}{path}", "--allow-private", "--timeout", "0.5"]) == code
    err = capsys.readouterr().err
    assert problem in err and base in err and "Traceback" not in err


def test_private_url_is_refused_without_the_flag(capsys):
    assert main(["extract", "http://127.0.0.1:9/story"]) == 13
    assert "--allow-private" in capsys.readouterr().err


@pytest.mark.slow
def test_version_and_real_subprocess_error():
    done = run_cli("--version")
    assert done.returncode == 0 and re.match(r"sitreps \d+\.\d+", done.stdout)
    done = run_cli("extract", "/no/such/article.txt")
    assert done.returncode == 3 and done.stderr == "sitreps: /no/such/article.txt: no such file\n"


def _commands() -> dict[str, click.Command]:
    """Every command, subcommands of groups included ("users add")."""
    found: dict[str, click.Command] = {}
    for name, command in app.commands.items():
        found[name] = command
        if isinstance(command, click.Group):
            found.update({f"{name} {sub}": subcommand for sub, subcommand in command.commands.items()})
    return found


def test_every_command_has_help_with_an_example():
    for name, command in _commands().items():
        assert "Example" in (command.help or ""), f"`sitreps {name} --help` has no example"


def test_every_command_and_option_is_documented_in_docs_cli():
    doc = (ROOT / "docs" / "cli.md").read_text()
    for name, command in _commands().items():
        assert f"## sitreps {name}" in doc, f"docs/cli.md lacks `sitreps {name}`"
        for param in command.params:
            for option in getattr(param, "opts", []):
                if option.startswith("-") and option not in {"-h", "--help"}:
                    assert option in doc, f"docs/cli.md does not document `sitreps {name} {option}`"


@pytest.mark.slow
def test_demo_runs_on_the_shipped_sample():
    done = run_cli("demo")
    assert done.returncode == 0, done.stderr
    assert "Meridian Wire" in done.stdout and "Removed lines (3)" in done.stdout
