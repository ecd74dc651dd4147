"""The exceptions sitreps raises, one class per problem a user can act on.

Every error names the input it concerns and says what is wrong in one line, so
the CLI can print ``sitreps: <input>: <problem>`` and exit with the class's own
code instead of showing a traceback. Scripts can tell problems apart by exit
code without parsing messages::

    SitrepsError (1)
    ├── InputError
    │   ├── InputNotFound (3)          no such file
    │   ├── NotAFile (4)               a directory or a device
    │   ├── EmptyInput (5)             nothing but whitespace
    │   ├── BinaryInput (6)            an image, PDF, archive, NUL bytes …
    │   ├── UndecodableInput (7)       bytes that no text encoding explains
    │   ├── InputTooLarge (8)          over ``Settings.max_input_bytes``
    │   └── NoArticleText (9)          HTML without a main text
    ├── FetchError (14)                a URL could not be read
    │   ├── FetchTimeout (10)
    │   ├── HTTPStatusError (11)       404, 500 …
    │   ├── UnsupportedContentType (12) an image, a PDF …
    │   └── BlockedAddress (13)        loopback/private address without --allow-private
    ├── ModelNotFound (16)             no spaCy English model installed
    ├── GoldFormatError (17)           a gold file that does not follow docs/gold-format.md
    ├── CorpusFormatError (18)         a corpus file that is not what its name says (CSV, feed, WARC, Parquet)
    ├── StoreError (19)                the database cannot be opened, created or migrated, or its disk is full
    ├── MissingExtra (20)              an optional dependency is not installed ("install sitreps[corpus]")
    ├── ClusterError (21)              the Dask scheduler cannot be reached
    ├── FilterError (23)               a filter that means nothing (ledger, timeline, contradictions)
    ├── AccountError (24)              a workbench user or token that cannot be made or found
    └── ConfigError (25)               a setting that names nothing (an unknown extractor backend)
        └── LimitsError (25)           a `serve --limits` file that cannot be used

One more error is not a ``SitrepsError``: ``BadParameter``, a ``ValueError``
subclass, is a request parameter that cannot be used (a filter, a page, a
sort, a field of a correction). The workbench answers it, and only it, with
422; any other exception there is a server bug (500). The CLI shows it as a
usage error naming the option.

``NotEnglish`` (15) is not raised: a non-English article still yields a valid
report with a warning, and the CLI exits with that code after printing it.
Likewise ``sitreps ingest`` and ``sitreps load`` store every article they can
and exit with ``INGEST_FAILURES_EXIT_CODE`` (22) when some inputs failed: the
failures are listed in the summary and kept in the store's failures table.
"""

from __future__ import annotations

NOT_ENGLISH_EXIT_CODE = 15
INGEST_FAILURES_EXIT_CODE = 22


class SitrepsError(Exception):
    """Base class: ``source`` names the input, ``problem`` says what is wrong."""

    exit_code = 1

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # rebuilt from both parts when it crosses a process boundary (a worker of a pool or a Dask cluster)
        return type(self), (self.source, self.problem)


class InputError(SitrepsError):
    """The input itself cannot be read as an article."""


class InputNotFound(InputError):
    exit_code = 3


class NotAFile(InputError):
    exit_code = 4


class EmptyInput(InputError):
    exit_code = 5


class BinaryInput(InputError):
    exit_code = 6


class UndecodableInput(InputError):
    exit_code = 7


class InputTooLarge(InputError):
    exit_code = 8


class NoArticleText(InputError):
    exit_code = 9


class FetchError(SitrepsError):
    """A URL could not be fetched (connection refused, DNS failure, too many redirects)."""

    exit_code = 14


class FetchTimeout(FetchError):
    exit_code = 10


class HTTPStatusError(FetchError):
    exit_code = 11


class UnsupportedContentType(FetchError):
    exit_code = 12


class BlockedAddress(FetchError):
    exit_code = 13


class ModelNotFound(SitrepsError):
    exit_code = 16


class GoldFormatError(SitrepsError):
    exit_code = 17


class CorpusFormatError(SitrepsError):
    """A corpus source that cannot be read as its format: a CSV without a text column, a feed
    that is not XML, a corrupt WARC. During ingest it becomes a failure row, not a crash."""

    exit_code = 18


class StoreError(SitrepsError):
    exit_code = 19


class MissingExtra(SitrepsError):
    exit_code = 20


class ClusterError(SitrepsError):
    exit_code = 21


class FilterError(SitrepsError):
    """A filter value of the fusion commands that means nothing: an unknown figure category, event type or
    contradiction kind, a date that is not a date; one line naming the option."""

    exit_code = 23


class AccountError(SitrepsError):
    """A workbench account problem: a user that exists already or not at all, a password too short."""

    exit_code = 24


class ConfigError(SitrepsError):
    """A setting that names nothing: an extraction step or backend that does not exist, a plugin that fails
    to load, a backend that reads what no earlier step writes."""

    exit_code = 25


class LimitsError(ConfigError):
    """A limits file of ``sitreps serve --limits`` that cannot be used: an unknown key, a value of the wrong
    kind; one line naming the file and the key."""

    exit_code = 25


class BadParameter(ValueError):
    """A parameter a caller gave (a filter, a page number, a sort key, a field of a correction) that cannot
    be used. ``parameter`` names it; the message is shown to the user as is. It is a ``ValueError`` so that
    library callers that catch ``ValueError`` keep working; the workbench maps it, and only it, to 422."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter
