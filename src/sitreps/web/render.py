"""The Jinja2 environment of the workbench: templates with autoescaping on, and the filters they use."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi.templating import Jinja2Templates
from starlette.requests import Request

from sitreps import __version__
from sitreps.web.security import csrf_seed, current_user

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
env = templates.env
env.autoescape = True  # article text is untrusted: every {{ }} is escaped unless marked safe on purpose
# a missing value prints as nothing, never as Python's "None" (a reader should not see the language)
env.finalize = lambda value: "" if value is None else value


def number(value: Any) -> str:
    if value is None or value == "":
        return ""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return str(value)
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"


def amount(item: Any) -> str:
    """A figure's amount as an analyst writes it: 3,000 · ≈ 11,000 · ≥ 3,000 · ≤ 15,000 · 10,000–12,000.
    ``item`` is a figure of a report or a row of the store (a mapping) or a ledger estimate (attributes)."""
    def field(name: str) -> Any:
        value = item.get(name) if isinstance(item, dict) else getattr(item, name, None)
        return None if value != value else value  # NaN from pandas is no value
    value, low, high, qualifier = field("value"), field("low"), field("high"), field("qualifier")
    if value is not None:
        return ("≈ " if qualifier == "approx" else "") + number(value)
    if low is not None and high is not None:
        return f"{number(low)}–{number(high)}"
    if low is not None:
        return f"≥ {number(low)}"
    if high is not None:
        return f"≤ {number(high)}"
    return field("text") or ""


def query_with(request: Request, **changes: Any) -> str:
    """The current page's query string with some parameters changed (for sort links and pagination)."""
    params = {k: v for k, v in request.query_params.items()}
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return "?" + urlencode(params)


def _context(request: Request) -> dict[str, Any]:
    signer = request.app.state.signer
    return {"user": current_user(request), "csrf_token": signer.csrf_token(csrf_seed(request)),
            "version": __version__}


env.filters["number"] = number
env.filters["amount"] = amount
env.globals["query_with"] = query_with
templates.context_processors.append(_context)
