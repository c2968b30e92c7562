# The two commands a new developer needs:
#   make serve   start the server on the embedded SQLite default (http://127.0.0.1:8000)
#   make test    run the whole test suite
# Both install what they need into .venv (and node_modules for the contract tests and
# the TypeScript client in clients/ts).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
CONTRACT_DEPS := tests/contract/node_modules/.package-lock.json
CLIENT := clients/ts
CLIENT_DEPS := $(CLIENT)/node_modules/.package-lock.json
NPM_CI := npm ci --no-audit --no-fund --loglevel=error
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes: pytest-xdist's "auto" is one per core. Every test makes its own
# database, server port and key prefix, so the workers never share state. On PostgreSQL
# the tests mostly wait for the server (each CREATE/DROP DATABASE is flushed to disk,
# each DROP forces a checkpoint), so .ci/run runs two per core there: one process waits
# while another computes. Each process migrates one template database and copies it for
# every test (tests/migrated_copies.py) instead of migrating every test's database.
PYTEST_WORKERS ?= auto
PYTEST_ARGS ?=

.PHONY: install serve test lint format openrpc clean

install: $(INSTALLED) $(CONTRACT_DEPS) $(CLIENT_DEPS)

# Reinstalls when pyproject.toml changes; pip is upgraded first because old pips cannot
# install an editable project from pyproject.toml alone.
$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

$(CONTRACT_DEPS): tests/contract/package.json tests/contract/package-lock.json
	cd tests/contract && $(NPM_CI)

$(CLIENT_DEPS): $(CLIENT)/package.json $(CLIENT)/package-lock.json
	cd $(CLIENT) && $(NPM_CI)

serve: $(INSTALLED)
	$(BIN)/switchyard serve --host $(HOST) --port $(PORT)

# The Python suite, then the client's: drift, type tests, and the client against a live
# server started from $(BIN)/switchyard.
test: install
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)
	cd $(CLIENT) && npm test

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Regenerates every generated file from the code (and the CI drift tests check them):
# openrpc.json, then the TypeScript client's src/*.gen.ts from it.
openrpc: $(INSTALLED) $(CLIENT_DEPS)
	$(BIN)/switchyard gen-client --output openrpc.json --client-dir $(CLIENT)

clean:
	rm -rf $(VENV) tests/contract/node_modules $(CLIENT)/node_modules $(CLIENT)/build $(CLIENT)/dist
