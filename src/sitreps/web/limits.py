"""What one client may cost the workbench: the request budget, sign-in back-off and cache refresh, as data.

The shipped values are ``data/web_limits.yaml``; ``sitreps serve --limits FILE``
overrides any of its keys with a file of the same shape. A key that is not
known or a value of the wrong kind is an error naming the file and the key, so
a typo cannot silently leave a limit at its default.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, cast

import yaml

from sitreps.errors import LimitsError
from sitreps.resources import load_yaml

SHIPPED = "web_limits.yaml"


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A budgeted endpoint: an exact path, or a prefix when it ends with ``*``; ``when``: only requests that
    give this query parameter (a search is expensive, the plain list is not)."""

    path: str
    when: str | None = None

    def matches(self, path: str, query: Mapping[str, str]) -> bool:
        hit = path.startswith(self.path[:-1]) if self.path.endswith("*") else path == self.path
        return hit and (self.when is None or bool(query.get(self.when, "").strip()))


@dataclass(frozen=True, slots=True)
class Budget:
    """Requests a second a client regains (0: no budget) and how many it may make at once."""

    rate: float
    burst: int
    endpoints: tuple[Endpoint, ...]

    def covers(self, path: str, query: Mapping[str, str]) -> bool:
        return self.rate > 0 and any(e.matches(path, query) for e in self.endpoints)


@dataclass(frozen=True, slots=True)
class SignInLimits:
    """Wrong passwords allowed before back-off (per account, per client) and the back-off's range."""

    free_failures: int
    first_delay: float
    max_delay: float
    client_free_failures: int


@dataclass(frozen=True, slots=True)
class Limits:
    budget: Budget
    sign_in: SignInLimits
    store_version_seconds: float


def load_limits(path: str | Path | None = None) -> Limits:
    """The shipped limits, with the keys of the YAML file at ``path`` (if any) put over them."""
    data = _merged(load_yaml(SHIPPED), _read(Path(path)) if path else {}, str(path or SHIPPED))
    name = str(path or SHIPPED)
    budget, sign_in = data["budget"], data["sign_in"]
    endpoints = []
    for number, entry in enumerate(budget["endpoints"]):
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str) or set(entry) - {"path", "when"}:
            raise LimitsError(name, f"budget.endpoints[{number}]: a mapping with a path (and a when)")
        endpoints.append(Endpoint(entry["path"], entry.get("when")))
    return Limits(
        budget=Budget(_number(name, "budget.rate", budget["rate"]), int(_number(name, "budget.burst", budget["burst"])),
                      tuple(endpoints)),
        # Any: _number hands back the number as written, an int where the file gives one
        sign_in=SignInLimits(**{key: cast(Any, _number(name, f"sign_in.{key}", sign_in[key])) for key in (
            "free_failures", "first_delay", "max_delay", "client_free_failures")}),
        store_version_seconds=_number(name, "cache.store_version_seconds", data["cache"]["store_version_seconds"]))


def _read(path: Path) -> dict[str, Any]:
    try:
        found = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as error:
        raise LimitsError(str(path), f"cannot be read ({error.strerror or error})") from None
    except yaml.YAMLError as error:
        raise LimitsError(str(path), f"not YAML ({str(error).splitlines()[0]})") from None
    if not isinstance(found, dict):
        raise LimitsError(str(path), "a limits file is a mapping (budget, sign_in, cache)")
    return found


def _merged(shipped: dict[str, Any], given: dict[str, Any], name: str) -> dict[str, Any]:
    """Each section of ``shipped`` with the keys ``given`` sets; unknown sections and keys are errors."""
    merged = {}
    for section, values in given.items():
        if section not in shipped:
            raise LimitsError(name, f"{section}: not a section of the limits (one of {', '.join(shipped)})")
        if not isinstance(values, dict):
            raise LimitsError(name, f"{section}: a mapping of keys")
        unknown = set(values) - set(shipped[section])
        if unknown:
            raise LimitsError(name, f"{section}.{sorted(unknown)[0]}: not a key of {section} "
                                    f"(one of {', '.join(shipped[section])})")
    for section, values in shipped.items():
        merged[section] = {**values, **given.get(section, {})}
    return merged


def _number(name: str, key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or value != value:
        raise LimitsError(name, f"{key}: a number of 0 or more, not {value!r}")
    return value


__all__ = ["Budget", "Endpoint", "Limits", "SignInLimits", "load_limits"]
