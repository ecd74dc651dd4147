# The two commands: `make demo` and `make test`. Both create .venv when needed and install into it the
# exact versions of the lock files: requirements.lock (what sitreps needs to run: the demo) and
# requirements-dev.lock (everything, with the test tools: the tests). pyproject.toml holds ranges.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check
TOOLS ?= .venv-tools
UV_VERSION := 0.13.8
# The lock files are resolved for every platform (--universal) from Python 3.11 on.
LOCK := pyproject.toml --universal --python-version 3.11 --quiet $(UPGRADE)

.PHONY: demo test install lock results clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "sitreps needs Python 3.11 or newer (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

# What `sitreps demo` needs and nothing more (no test tools, no browser driver).
$(VENV)/.installed-run: pyproject.toml requirements.lock | $(BIN)/python
	$(PIP) install -r requirements.lock
	$(PIP) install --no-deps -e .
	$(PIP) check
	@touch $@

# Everything: all extras (web, dask, postgres, corpus) and the test tools.
$(VENV)/.installed-dev: pyproject.toml requirements-dev.lock | $(BIN)/python
	$(PIP) install -r requirements-dev.lock
	$(PIP) install --no-deps -e '.[dev]'
	$(PIP) check
	@touch $@ $(VENV)/.installed-run

install: $(VENV)/.installed-dev

demo: $(VENV)/.installed-run
	$(BIN)/sitreps demo

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest
	$(BIN)/python benchmarks/eval_gate.py

# Regenerate the lock files after changing a range in pyproject.toml (needs PyPI). Versions already
# locked are kept where they still fit; `make lock UPGRADE=--upgrade` moves everything to the newest.
lock:
	test -x $(TOOLS)/bin/uv || ($(PYTHON) -m venv $(TOOLS) && $(TOOLS)/bin/python -m pip install --quiet uv==$(UV_VERSION))
	$(TOOLS)/bin/uv pip compile $(LOCK) --extra dev -o requirements-dev.lock
	$(TOOLS)/bin/uv pip compile $(LOCK) -c requirements-dev.lock -o requirements.lock

# Regenerate benchmarks/RESULTS.md (accuracy and speed; several minutes).
results: $(VENV)/.installed-dev
	$(BIN)/python benchmarks/results.py

clean:
	rm -rf $(VENV) $(TOOLS) build dist src/*.egg-info .pytest_cache
