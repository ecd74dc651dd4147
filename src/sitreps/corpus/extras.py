"""Optional dependencies: moved to ``sitreps.extras`` (the store needs them too, and may not import corpus).

Kept so that ``from sitreps.corpus.extras import require`` still works.
"""

from sitreps.extras import EXTRAS, require

__all__ = ["EXTRAS", "require"]
