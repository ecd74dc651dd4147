"""A real headless Chromium for the workbench's end-to-end tests, driven by Playwright.

The browser is Debian's ``chromium`` package (Playwright's own browser
download cannot work offline). In CI (``CI=true``, root) it is installed with
apt-get when missing, as ``make test`` promises; on a laptop without it the
browser tests are skipped, loudly. Set ``SITREPS_CHROMIUM`` to use another
Chromium binary.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator

import pytest

from tests.conftest import IN_CI

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-dev-shm-usage"]


def _chromium() -> str | None:
    found = os.environ.get("SITREPS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and IN_CI and os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], env=env, check=False, capture_output=True, timeout=600)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], env=env, check=False, capture_output=True,
                       timeout=900)
        found = shutil.which("chromium")
    return found


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"a browser is needed in CI and could not be started: {reason}")
    pytest.skip(f"SKIPPED LOUDLY: the workbench's browser tests need Chromium and Playwright: {reason}")


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[dev]')")
    executable = _chromium()
    if executable is None:
        _unavailable("no chromium binary (apt-get install chromium, or set SITREPS_CHROMIUM)")
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
        except Exception as error:  # noqa: BLE001 - any launch failure means no browser here
            _unavailable(f"{executable} did not start: {error}")
        yield browser
        browser.close()
