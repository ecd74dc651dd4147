"""Event actors and recipients as country codes, on single wire-style sentences read on their own (the way
short event sentences are scored): who acts and who is acted on when the sentence names a party without a
country, a country only as a place or an adjective, or a person the gazetteers do not know."""

from __future__ import annotations

import sitreps


def report(text: str) -> sitreps.Report:
    return sitreps.extract(text, published="2024-05-06")


def codes(rep: sitreps.Report, refs: list[str]) -> set[str | None]:
    country = {a.id: a.country for a in rep.actors}
    return {country.get(r) for r in refs}


def event(rep: sitreps.Report, kind: str) -> sitreps.types.Event:
    found = [e for e in rep.events if e.type == kind]
    assert found, [(e.type, e.text) for e in rep.events]
    return found[0]


# --- actors' countries -----------------------------------------------------------------------------------

def test_a_shared_adjective_goes_to_the_country_the_news_names_more():
    rep = report("Dominican president Luis Abinader met the visiting Haitian foreign minister on Monday.")
    assert "DOM" in codes(rep, event(rep, "CONSULT").actor)
    rep = report("Congolese troops shelled rebel positions near Goma on Tuesday.")
    assert codes(rep, event(rep, "ASSAULT").actor) == {"COD"}


def test_a_ministry_of_no_known_country_is_named_without_one():
    rep = report("The Health Ministry asked donors for emergency supplies on Friday.")
    names = [a.name for a in rep.actors]
    assert "Health Ministry" in names and not any(n.startswith("None") for n in names)
