"""sitreps: news reports in, a sourced situation picture out.

    >>> import sitreps
    >>> report = sitreps.extract(open("article.txt").read(), published="2024-10-22")
    >>> report.article.genre, [f.text for f in report.figures]

``extract`` takes one article (text or HTML), ``extract_many`` many (parsed in
batches); both return ``Report`` objects whose ``to_dict()`` is the
``sitreps/1`` JSON described in CONTRACT.md.
"""

from importlib.metadata import PackageNotFoundError, version

from sitreps.config import Settings
from sitreps.errors import SitrepsError
from sitreps.ingest import RawArticle, read_source
from sitreps.pipeline import extract, extract_many, process
from sitreps.types import Report

try:
    __version__ = version("sitreps")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"

__all__ = ["RawArticle", "Report", "Settings", "SitrepsError", "__version__", "extract", "extract_many",
           "process", "read_source"]
