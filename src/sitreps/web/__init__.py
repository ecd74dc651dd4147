"""The workbench: read, review and correct reports in the browser (``sitreps serve``).

    >>> from sitreps.web import create_app
    >>> app = create_app("sitreps.db")          # a FastAPI app; run it with uvicorn

Needs the ``web`` extra (FastAPI, uvicorn, Jinja2, python-multipart); without
it ``sitreps serve`` says which package to install.
"""

from __future__ import annotations

from sitreps.extras import require

for _module in ("fastapi", "jinja2", "python_multipart"):
    require(_module)

from sitreps.web.app import create_app  # noqa: E402  (after the check, so a missing extra is a clear error)

__all__ = ["create_app"]
