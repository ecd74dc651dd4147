"""The extractors' declared interface: steps with a contract, backends registered by name.

A **step** is a contract, as a spaCy component declares what it ``assigns`` and ``requires``: what
of the report it reads and what it writes ("figures: reads actors, places, times; writes figures").
The steps and their order are fixed here, because each needs what the earlier ones wrote.

A **backend** is one implementation of a step: a function ``(doc, report) -> None`` registered under
the step's name and its own (``rules`` for the shipped ones). Another backend with the same contract (a
transformer or an LLM coder of events, say) replaces a step without touching the pipeline::

    from sitreps.extract.registry import register

    @register("events", "my-coder", reads=("sentences", "actors", "claims"))
    def code_events(doc, report): ...

and is chosen with ``Settings(extractors="events=my-coder")`` or ``SITREPS_EXTRACTORS=events=my-coder``.
Backends in other packages are found through the ``sitreps.extractors`` entry-point group (the entry
point's object is imported, which registers its backends).

A backend may read only what the base report holds (``article``, ``sentences``, ``warnings``) and what
its step or an earlier one writes; ``register`` refuses any other, so a reordering or a replacement
that would read a list before it is filled fails at import, not silently in a report.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib.metadata import entry_points

from spacy.tokens import Doc

from sitreps.errors import ConfigError
from sitreps.types import Report

Extractor = Callable[[Doc, Report], None]
ENTRY_POINT_GROUP = "sitreps.extractors"
DEFAULT_BACKEND = "rules"
BASE = ("article", "sentences", "warnings")  # what the pipeline puts in the report before any step runs


@dataclass(frozen=True, slots=True)
class Step:
    """One step of extraction: its name, what it reads and what it writes (fields of ``Report``)."""

    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    purpose: str


STEPS: tuple[Step, ...] = (
    Step("actors", ("article", "sentences"), ("actors",), "names resolved to who: states, organisations, people"),
    Step("places", ("article", "sentences", "actors"), ("places",), "names resolved to where, with coordinates"),
    Step("speakers", ("sentences", "actors"), ("actors",), "speakers the text describes (\"security officials\")"),
    Step("times", ("article", "sentences", "actors", "places"), ("times", "warnings"),
         "every temporal expression, resolved against the article's date"),
    Step("figures", ("article", "sentences", "actors", "places", "times"), ("figures",),
         "numbers with what they count, whose, when and where"),
    Step("claims", ("article", "sentences", "actors", "times", "figures"), ("claims",), "who says what"),
    Step("figure-sources", ("article", "actors", "claims", "figures"), ("figures",),
         "figures inside a claim take its speaker"),
    Step("events", ("article", "sentences", "actors", "places", "times", "figures", "claims"), ("events",),
         "who did what to whom, coded in PLOVER"),
)
_STEP = {step.name: step for step in STEPS}


@dataclass(frozen=True, slots=True)
class Backend:
    step: str
    name: str
    run: Extractor
    reads: tuple[str, ...]


_BACKENDS: dict[tuple[str, str], Backend] = {}


def available_to(step: str) -> set[str]:
    """What a backend of ``step`` may read: the base report, its own writes and every earlier step's."""
    fields = set(BASE)
    for earlier in STEPS:
        fields.update(earlier.writes)
        if earlier.name == step:
            return fields
    raise ConfigError("extractors", f"no extraction step is called {step!r} (steps: {', '.join(_STEP)})")


def register(step: str, name: str = DEFAULT_BACKEND, *, reads: tuple[str, ...] | None = None,
             replace: bool = False) -> Callable[[Extractor], Extractor]:
    """Register ``function`` as backend ``name`` of ``step``; ``reads`` defaults to the step's contract."""
    declared = tuple(reads) if reads is not None else _STEP[step].reads if step in _STEP else ()
    unavailable = set(declared) - available_to(step)
    if unavailable:
        raise ConfigError("extractors", f"backend {name!r} of step {step!r} reads "
                          f"{', '.join(sorted(unavailable))}, which no earlier step writes")

    def add(function: Extractor) -> Extractor:
        if (step, name) in _BACKENDS and _BACKENDS[(step, name)].run is not function and not replace:
            raise ConfigError("extractors", f"step {step!r} already has a backend called {name!r}")
        _BACKENDS[(step, name)] = Backend(step, name, function, declared)
        return function

    return add


def backends(step: str | None = None) -> list[Backend]:
    """The registered backends (of one step, or all), plugins included."""
    _load_plugins()
    return [b for b in _BACKENDS.values() if step is None or b.step == step]


def parse_choices(text: str) -> dict[str, str]:
    """``"events=my-coder, figures=other"`` as ``{"events": "my-coder", "figures": "other"}``."""
    choices: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        step, sep, name = part.partition("=")
        if not sep or not step.strip() or not name.strip():
            raise ConfigError("extractors", f"extractor choice {part!r} is not STEP=BACKEND (e.g. events=rules)")
        choices[step.strip()] = name.strip()
    return choices


def pipeline(choices: Mapping[str, str] | str | None = None) -> list[Extractor]:
    """The functions to run, in step order: each step's chosen backend, ``rules`` where none is chosen."""
    chosen = parse_choices(choices) if isinstance(choices, str) else dict(choices or {})
    unknown = set(chosen) - set(_STEP)
    if unknown:
        raise ConfigError("extractors",
                          f"no extraction step is called {', '.join(sorted(unknown))} (steps: {', '.join(_STEP)})")
    out = []
    for step in STEPS:
        name = chosen.get(step.name, DEFAULT_BACKEND)
        backend = _BACKENDS.get((step.name, name))
        if backend is None and name != DEFAULT_BACKEND:
            _load_plugins()
            backend = _BACKENDS.get((step.name, name))
        if backend is None:
            known = sorted(b.name for b in backends(step.name))
            raise ConfigError("extractors",
                              f"step {step.name!r} has no backend called {name!r} (known: {', '.join(known)})")
        out.append(backend.run)
    return out


_plugins_loaded = False


def _load_plugins() -> None:
    """Import every ``sitreps.extractors`` entry point once; importing a plugin registers its backends."""
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    for point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            point.load()
        except Exception as error:  # a broken plugin is named, not a traceback in every report
            raise ConfigError("extractors",
                              f"extractor plugin {point.name!r} ({point.value}) failed to load: {error}") from error
