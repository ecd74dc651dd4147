"""How many an event killed and wounded, from the figures it cites: the most conservative estimate.

An event lists the figures that count its victims (``Event.figures``). Each
killed or wounded figure is read at its lowest bound (``low``, else
``value``, else ``high``: "up to 40" gives 40, which is all the text says).
Several figures of one event may count overlapping groups ("3 soldiers",
"at least 5 people"), and each says that at least that many died, so the
event's count is the largest of those lower bounds, never their sum. Figures
that are rates, percentages or another unit than people are not counts of
the dead and are left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sitreps.store import queries

if TYPE_CHECKING:
    from sitreps.store import Store

SIZE_FIELDS = {"killed": "dead", "wounded": "injured"}  # figure category -> PLOVER size field
PEOPLE = {None, "", "person", "people"}


def casualties(store: "Store", rows: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, int]]:
    """(article id, event id) -> {"dead": n, "injured": n} for the events of ``rows`` that cite such figures."""
    wanted = {row["article_id"] for row in rows if row.get("figures")}
    figures = queries.figures_by_local_id(store, wanted, SIZE_FIELDS) if wanted else {}
    found: dict[tuple[str, str], dict[str, int]] = {}
    for row in rows:
        size: dict[str, int] = {}
        for ref in row.get("figures") or []:
            figure = figures.get((row["article_id"], ref))
            count = lowest(figure) if figure is not None else None
            if count is not None and figure is not None:  # a count comes only from a figure
                field = SIZE_FIELDS[figure["category"]]
                size[field] = max(size.get(field, 0), count)
        if size:
            found[(row["article_id"], row["id"])] = size
    return found


def lowest(figure: dict[str, Any]) -> int | None:
    """A figure's lowest bound as a whole number of people, None when it is not a count of people."""
    if figure.get("per") or figure.get("unit") not in PEOPLE:
        return None
    for key in ("low", "value", "high"):
        if figure.get(key) is not None:
            return int(figure[key])
    return None


__all__ = ["SIZE_FIELDS", "casualties", "lowest"]
