"""Optional dependencies: imported when a feature needs them, with a message that says what to install.

Reading WARC files, feeds and Parquet, running on Dask and talking to
PostgreSQL each need a package that plain ``pip install sitreps`` does not
bring; a missing one is a ``MissingExtra`` error (exit 20) naming the extra,
never an ``ImportError`` traceback.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from sitreps.errors import MissingExtra

# module -> (extra that installs it, what it is for)
EXTRAS = {
    "feedparser": ("corpus", "reading RSS and Atom feeds"),
    "warcio": ("corpus", "reading WARC files"),
    "pyarrow": ("corpus", "Parquet files"),
    "pyarrow.parquet": ("corpus", "Parquet files"),
    "dask": ("dask", "the Dask engine"),
    "distributed": ("dask", "the Dask engine"),
    "psycopg": ("postgres", "PostgreSQL databases"),
    "fastapi": ("web", "the workbench (sitreps serve)"),
    "uvicorn": ("web", "the workbench (sitreps serve)"),
    "jinja2": ("web", "the workbench (sitreps serve)"),
    "python_multipart": ("web", "the workbench's forms (python-multipart)"),
}


def require(module: str) -> ModuleType:
    """Import ``module`` or raise ``MissingExtra`` with the pip command that installs it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        extra, purpose = EXTRAS.get(module, ("corpus", module))
        raise MissingExtra(module, f"is needed for {purpose}; install it with `pip install 'sitreps[{extra}]'`") from None
