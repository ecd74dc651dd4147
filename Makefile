# The two commands: `make demo` and `make test`. Both create .venv when needed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install results clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "sitreps needs Python 3.11 or newer (set PYTHON=python3.11)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/sitreps demo

test: $(STAMP)
	$(BIN)/python -m pytest
	$(BIN)/python benchmarks/eval_gate.py

# Regenerate benchmarks/RESULTS.md (accuracy and speed; several minutes).
results: $(STAMP)
	$(BIN)/python benchmarks/results.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
