"""The layering rules that an import can break: the store owns its reads and knows no caller, fusion reads
through the store, and only the terminal package prints (click, rich).

Each module's import statements are read with ``ast`` (every ``import`` and
``from … import``, at the top, inside functions and under ``TYPE_CHECKING``
alike), so a rule holds for what the source says, not for what one test run
happened to import.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "sitreps"


def _module_name(path: Path) -> str:
    parts = ["sitreps", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module name ``path`` imports; ``from a import b`` gives ``a`` and ``a.b`` (b may be a module)."""
    names: set[str] = set()
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # a relative import: resolve it against this module's package
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _sources() -> list[tuple[Path, set[str]]]:
    return [(path, _imports(path)) for path in sorted(PACKAGE.rglob("*.py"))]


def _under(path: Path, *folders: str) -> bool:
    return path.relative_to(PACKAGE).parts[0] in folders


def _reaches(names: set[str], *modules: str) -> list[str]:
    return sorted(name for name in names if any(name == m or name.startswith(m + ".") for m in modules))


def test_the_sources_are_found_and_read():
    sources = dict(_sources())
    assert len(sources) > 50
    assert "sitreps.store.schema" in sources[PACKAGE / "store" / "queries" / "statements.py"]


def test_only_the_store_reads_its_schema():
    """Every SELECT is the store's (``sitreps.store.queries``); migrations/ is the schema's history, part of
    the store layer, and may read it too."""
    found = {str(path.relative_to(PACKAGE)): _reaches(names, "sitreps.store.schema")
             for path, names in _sources() if not _under(path, "store", "migrations")}
    assert {path: names for path, names in found.items() if names} == {}


@pytest.mark.parametrize("caller", ["sitreps.export", "sitreps.corpus", "sitreps.fuse", "sitreps.web", "sitreps.cli"])
def test_the_store_knows_none_of_its_callers(caller):
    found = {str(path.relative_to(PACKAGE)): _reaches(names, caller)
             for path, names in _sources() if _under(path, "store")}
    assert {path: names for path, names in found.items() if names} == {}


def test_fusion_reads_through_the_store_not_export():
    found = {str(path.relative_to(PACKAGE)): _reaches(names, "sitreps.export", "sitreps.web", "sitreps.cli")
             for path, names in _sources() if _under(path, "fuse")}
    assert {path: names for path, names in found.items() if names} == {}


def test_only_the_terminal_imports_click_or_rich():
    """The library returns values or raises errors; the CLI package alone prints (the web neither)."""
    found = {str(path.relative_to(PACKAGE)): _reaches(names, "click", "rich")
             for path, names in _sources() if not _under(path, "cli")}
    assert {path: names for path, names in found.items() if names} == {}


# The house (docs/architecture.md): each part may import its own layer and the layers below it, never above.
LAYERS = [
    ("model", {"types", "errors", "config", "schema", "resources", "extras"}),
    ("extract", {"nlp", "extract", "timeparse", "gazetteer", "gazetteer_match", "gazetteer_places"}),
    ("ingest", {"ingest", "clean", "language", "provenance"}),
    ("pipeline", {"pipeline", "workers", "evaluation"}),
    ("store", {"store", "migrations", "corrections"}),
    ("sources", {"corpus", "distributed"}),
    ("export", {"export"}),
    ("fuse", {"fuse"}),
    ("face", {"cli", "web"}),
]
# Pairs that the order alone would allow but the design forbids.
FORBIDDEN = {("ingest", "extract"), ("fuse", "export")}
_RANK = {part: rank for rank, (_, parts) in enumerate(LAYERS) for part in parts}


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return _RANK.get(parts[1]) if parts[0] == "sitreps" and len(parts) > 1 else None


def test_every_part_imports_only_its_own_layer_and_those_below():
    """``sitreps/__init__.py`` is the curated public API (``sitreps.extract``): a facade over every layer,
    imported lazily, and the one module exempt."""
    unplaced = sorted(p.relative_to(PACKAGE).parts[0] for p, _ in _sources()
                      if p.name != "__init__.py" or p.parent != PACKAGE
                      if p.relative_to(PACKAGE).parts[0].removesuffix(".py") not in _RANK)
    assert unplaced == [], "place every new module in a layer of LAYERS and docs/architecture.md"
    wrong = []
    for path, names in _sources():
        if path == PACKAGE / "__init__.py":
            continue
        mine = _RANK[path.relative_to(PACKAGE).parts[0].removesuffix(".py")]
        for name in names:
            theirs = _layer(name)
            if theirs is None:
                continue
            if theirs > mine or (LAYERS[mine][0], LAYERS[theirs][0]) in FORBIDDEN:
                wrong.append(f"{path.relative_to(PACKAGE)} ({LAYERS[mine][0]}) -> {name} ({LAYERS[theirs][0]})")
    assert sorted(set(wrong)) == []
