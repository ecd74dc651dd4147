"""sitreps: news reports in, a sourced situation picture out.

    >>> import sitreps
    >>> report = sitreps.extract(open("article.txt").read(), published="2024-10-22")
    >>> report.article.genre, [f.text for f in report.figures]

``extract`` takes one article (text or HTML), ``extract_many`` many (parsed in
batches); both return ``Report`` objects whose ``to_dict()`` is the
``sitreps/1`` JSON described in docs/report-format.md.
"""

from __future__ import annotations

import sys
import types
from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what type checkers and editors see; at run time each name is imported when first used
    from sitreps.config import Settings
    from sitreps.errors import SitrepsError
    from sitreps.ingest import RawArticle, read_source
    from sitreps.pipeline import extract, extract_many, process
    from sitreps.types import Report

try:
    __version__ = version("sitreps")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"

# Public name -> the module that defines it. Imported lazily (PEP 562) so that ``import sitreps``,
# ``sitreps --version`` and the spaCy-free parts (``sitreps.timeparse``) do not load spaCy.
_PUBLIC = {"RawArticle": "sitreps.ingest", "read_source": "sitreps.ingest", "Report": "sitreps.types",
           "Settings": "sitreps.config", "SitrepsError": "sitreps.errors",
           "extract_many": "sitreps.pipeline", "process": "sitreps.pipeline"}

__all__ = ["RawArticle", "Report", "Settings", "SitrepsError", "__version__", "extract", "extract_many",
           "process", "read_source"]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        value = getattr(import_module(_PUBLIC[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'sitreps' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """``sitreps.extract`` is the function, though ``sitreps/extract/`` is also the extractors' subpackage.

    Importing a submodule binds it on its package; with the pipeline imported lazily, the first
    ``import sitreps.extract.figures`` would bind the subpackage over the function. This property keeps the
    public name for the function (the subpackage stays reachable as ``sys.modules["sitreps.extract"]``, which
    is what ``import sitreps.extract.x`` uses).
    """

    @property
    def extract(self) -> Any:
        return import_module("sitreps.pipeline").extract

    @extract.setter
    def extract(self, _submodule: Any) -> None:
        pass


sys.modules[__name__].__class__ = _Package
