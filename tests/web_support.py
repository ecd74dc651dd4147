"""A small corpus in a real store, users, and a real uvicorn server on loopback, for the workbench tests."""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import uvicorn

from sitreps import __version__
from sitreps.ingest import RawArticle
from sitreps.pipeline import process
from sitreps.resources import data_path
from sitreps.store import Store
from sitreps.store.accounts import Accounts

PASSWORDS = {"ana": "reviewer pass 1", "bob": "analyst pass 2"}

# An article that quotes markup, as a story about a web attack might: it must render as text, never run.
HOSTILE_TITLE = '<script>document.title="pwned"</script>Defacement wave'
HOSTILE_TEXT = """KYIV, May 3 (Meridian Wire) - Hackers defaced at least 14 municipal websites in western Ukraine on \
Friday, the State Special Communications Service said, planting the line <script>document.title="pwned"</script> \
and an image tag <img src=x onerror="document.title='pwned'"> in the pages.

The agency said about 2,300 visitors had loaded the altered pages before they were taken offline, and that no \
personal data had been stolen."""


@cache
def reports() -> tuple[dict, ...]:
    """Reports of the shipped sample and of the hostile article (built once per test session)."""
    sample = Path(str(data_path("sample/wire-kharkiv.txt")))
    wire = process(RawArticle(text=sample.read_text(), source=str(sample), title="Russian strike on Kharkiv",
                              url="https://example.org/kharkiv"), published="2025-03-14")
    hostile = process(RawArticle(text=HOSTILE_TEXT, source="hostile", title=HOSTILE_TITLE,
                                 publisher="Meridian <b>Wire</b>"), published="2025-05-03")
    return wire.to_dict(), hostile.to_dict()


def fill(store: Store) -> dict[str, str]:
    """Store the reports and make the users; article ids by name."""
    ids = {}
    for name, report in zip(("wire", "hostile"), reports()):
        text = report["article"]["text"]
        store.save(report, source=name, raw_hash=hashlib.sha256(text.encode()).hexdigest(), version=__version__)
        ids[name] = report["article"]["id"]
    accounts = Accounts(store)
    accounts.add_user("ana", PASSWORDS["ana"], role="reviewer")
    accounts.add_user("bob", PASSWORDS["bob"])
    return ids


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running(app) -> Iterator[str]:
    """Serve ``app`` with uvicorn on a loopback port in a thread; yields the base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the workbench server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


# Two polls that disagree: a contradiction about a percentage, the kind of noise the workbench leaves out
POLLS = (("KYIV, June 3 (Meridian Wire) - Support for the ceasefire plan stands at 35% among Ukrainians, the Kyiv "
          "International Institute of Sociology said on Monday.", "Meridian Wire"),
         ("KYIV, June 3 (Harbour Post) - Support for the ceasefire plan stands at 61% among Ukrainians, the Razumkov "
          "Centre said on Monday.", "Harbour Post"))


def add_polls(store: Store) -> list[str]:
    """Store the two polls; their article ids."""
    found = []
    for text, publisher in POLLS:
        report = process(RawArticle(text=text, source=publisher, title=f"Ceasefire poll ({publisher})",
                                    publisher=publisher), published="2025-06-03").to_dict()
        store.save(report, source=publisher, raw_hash=hashlib.sha256(text.encode()).hexdigest(), version=__version__)
        found.append(report["article"]["id"])
    return found
