# The two commands a new developer needs:
#   make serve   start the server on the embedded SQLite default (http://127.0.0.1:8000)
#   make test    run the whole test suite
# Both install what they need into .venv (and node_modules for the contract tests).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
CONTRACT_DEPS := tests/contract/node_modules/.package-lock.json
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: install serve test lint format openrpc clean

install: $(INSTALLED) $(CONTRACT_DEPS)

# Reinstalls when pyproject.toml changes; pip is upgraded first because old pips cannot
# install an editable project from pyproject.toml alone.
$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

$(CONTRACT_DEPS): tests/contract/package.json tests/contract/package-lock.json
	cd tests/contract && npm ci --no-audit --no-fund --loglevel=error

serve: $(INSTALLED)
	$(BIN)/switchyard serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerates every generated file from the code (and the CI drift tests check them).
openrpc: $(INSTALLED)
	$(BIN)/switchyard openrpc --output openrpc.json

clean:
	rm -rf $(VENV) tests/contract/node_modules
