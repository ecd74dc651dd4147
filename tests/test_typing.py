"""The package type-checks: ``mypy`` (configured in pyproject.toml) finds no error in src/sitreps.

The type hints are part of the code's documentation; this keeps them true. mypy runs in the interpreter
that runs the tests, so it sees the project's own dependencies and the stubs the dev extra installs.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from tests.conftest import IN_CI, ROOT


@pytest.mark.slow
def test_mypy_finds_no_error_in_the_package():
    if importlib.util.find_spec("mypy") is None:
        if IN_CI:
            pytest.fail("mypy is not installed: CI installs the dev extra (`make test`), which brings it")
        pytest.skip("SKIPPED LOUDLY: mypy is not installed here (pip install -e '.[dev]' brings it)")
    result = subprocess.run([sys.executable, "-m", "mypy", "src/sitreps"], cwd=ROOT, capture_output=True,
                            text=True, timeout=600)
    report = result.stdout + result.stderr
    assert result.returncode == 0, f"mypy found errors in src/sitreps:\n{report}"
    assert "Success: no issues found" in report, report
