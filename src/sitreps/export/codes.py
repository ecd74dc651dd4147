"""The PLOVER manual's entity codes for sitreps' actor codes.

sitreps codes an actor's country as ISO 3166 alpha-3, and an international
organisation by a short code of its own (``UN``, ``EU``, ``NATO``, ``AU`` …).
The manual allows ISO codes, ``KOS`` and seven codes for international
entities (``UNO``, ``EUR``, ``IGO``, ``NGO``, ``ISM``, ``IMG``, ``MNC``), so
an export translates: ``UN`` is ``UNO``, ``EU`` is ``EUR``, and any other
organisation is an ``IGO`` (its own code kept beside, as ``sitreps_code``).
"""

from __future__ import annotations

from functools import lru_cache

from sitreps.resources import load_yaml


@lru_cache(maxsize=None)
def entity_code(code: str | None) -> str | None:
    """The manual's code for an actor's code (None stays None)."""
    if not code:
        return None
    spec = load_yaml("plover_export.yaml")
    if code in spec["international"] or code == "KOS" or _is_country(code):
        return code
    return spec["codes"].get(code, "IGO")


def is_international(code: str | None) -> bool:
    """Whether an actor's code stands for an international entity (not a state)."""
    found = entity_code(code)
    return found is not None and found in load_yaml("plover_export.yaml")["international"]


def _is_country(code: str) -> bool:
    import pycountry

    return len(code) == 3 and pycountry.countries.get(alpha_3=code) is not None


__all__ = ["entity_code", "is_international"]
