"""The one ``Filters``: what a reader wants from the store (export, the workbench's lists, fusion).

Export, the workbench and fusion used to have a filter class each, with the
same dates and codes checked twice. One class now says what every reader may
ask for; each reader applies the fields that mean something to it and
refuses the others (``check``) rather than ignoring them silently. A bad value
is a ``BadParameter`` whose message starts with the field's name (``since:
not a date …``), so the CLI can name the option and the workbench can answer
422.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields

from sitreps.errors import BadParameter

# what the SQL readers (export, the workbench's lists) accept; fusion takes every field
_TYPED = {"events", "articles"}
_CATEGORISED = {"figures", "articles"}
_UNFILTERED = {"failures", "corrections"}


@dataclass(frozen=True, slots=True)
class Filters:
    """What to keep; every field optional. Dates are YYYY-MM-DD (inclusive): an item's own date where it has
    one, else its article's. ``country`` is ISO 3166 alpha-3 (or NATO, EU …), upper-cased, or a country's English name (read as its code); ``type`` a PLOVER
    event type, upper-cased; ``category`` a figure category, lower-cased; ``subject`` a side (a country or
    IGO code, a Wikidata item, else an actor's name, as fusion keys actors: fusion only); ``source`` an
    outlet's name or web site (example.org); near-duplicate articles are left out unless
    ``with_duplicates``."""

    since: str | None = None
    until: str | None = None
    country: str | None = None
    type: str | None = None
    category: str | None = None
    subject: str | None = None
    source: str | None = None
    with_duplicates: bool = False

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None:
                try:
                    object.__setattr__(self, name, dt.date.fromisoformat(str(value)[:10]).isoformat())
                except ValueError:
                    raise BadParameter(name, f"{name}: not a date in the form YYYY-MM-DD: {value!r}") from None
        if self.since and self.until and self.since > self.until:
            raise BadParameter("until", f"until: {self.until} is before since ({self.since})")
        if self.type:
            object.__setattr__(self, "type", self.type.strip().upper())
        if self.country and self.country.strip():
            object.__setattr__(self, "country", _country(self.country))
        for name in ("category", "type", "source", "country", "subject"):  # a blank field is no filter
            value = getattr(self, name)
            if value is not None and not str(value).strip():
                object.__setattr__(self, name, None)
        if self.category:
            object.__setattr__(self, "category", self.category.strip().lower())
        if self.subject:  # a code is compared upper-cased, a name lower-cased (as ``fuse.keys.actor_key``)
            value = self.subject.strip()
            code = re.fullmatch(r"[A-Za-z]{2,4}|[Qq]\d+", value)
            object.__setattr__(self, "subject", value.upper() if code else value.lower())

    def given(self) -> list[str]:
        """The names of the fields set (``with_duplicates`` is a switch, not a filter)."""
        return [f.name for f in fields(self) if f.name != "with_duplicates" and getattr(self, f.name)]

    def check(self, what: str) -> None:
        """Refuse a filter that means nothing for the rows of ``what`` (a table read in SQL: export, the
        workbench's lists) rather than silently ignore it."""
        if what in _UNFILTERED and self.given():
            raise BadParameter(self.given()[0], f"{what} take no filters")
        if self.type and what not in _TYPED:
            raise BadParameter("type", "--type (an event type) applies to events and articles")
        if self.category and what not in _CATEGORISED:
            raise BadParameter("category", "--category (a figure category) applies to figures and articles")
        if self.subject:
            raise BadParameter("subject", "--subject (a side) applies to fusion: the ledger, timeline and "
                                          "contradictions")


def _country(value: str) -> str:
    """A country by ISO code or English name (any case) as its code; another short code (an IGO's) as is,
    upper-cased; anything else is refused rather than matching nothing."""
    from sitreps.store import vocabulary

    found = vocabulary.country_code(value)
    if found is not None:
        return found
    code = value.strip()
    if re.fullmatch(r"[A-Z0-9]{2,8}", code):  # written as a code: one this data does not list (XKX …)
        return code
    raise BadParameter("country", f"country: {value.strip()!r} is neither a country's name nor a code "
                                  "(ISO 3166 alpha-3 such as UKR, or NATO, EU …)")


__all__ = ["Filters"]
