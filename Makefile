# Parley: `make run` (server with the demo bot on embedded defaults) and `make test` (the CI suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HASH := $(shell sha256sum pyproject.toml | cut -c1-12)
RUNTIME_STAMP := $(VENV)/.runtime-$(HASH)
DEV_STAMP := $(VENV)/.dev-$(HASH)
CHROMIUM ?= /usr/bin/chromium

.PHONY: install install-dev browser test-services run test lint typecheck pytest bench clean

install: $(RUNTIME_STAMP)  ## venv + pinned runtime dependencies + the project

$(RUNTIME_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

install-dev: $(DEV_STAMP)  ## install + test, lint and browser tooling

$(DEV_STAMP): $(RUNTIME_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

browser:  ## Debian's Chromium for the browser tests (playwright cannot download one here)
	@test -x $(CHROMIUM) || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "browser tests need $(CHROMIUM): run 'sudo apt-get install -y chromium'" >&2; exit 1; fi; }

test-services:  ## Debian's PgBouncer and nginx for the pooler and proxy tests (each test starts its own)
	@{ command -v pgbouncer || test -x /usr/sbin/pgbouncer; } >/dev/null && { command -v nginx || test -x /usr/sbin/nginx; } >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer nginx-light >/dev/null; \
	  else echo "pooler and proxy tests need pgbouncer and nginx: run 'sudo apt-get install -y pgbouncer nginx-light'" >&2; exit 1; fi; }

run: install  ## migrate, seed the demo, serve on http://127.0.0.1:8080
	$(BIN)/parley migrate
	$(BIN)/parley demo
	$(BIN)/parley serve

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-dev
	$(BIN)/mypy

PYTEST_WORKERS ?= 2

pytest: install-dev browser test-services  ## the suite on PYTEST_WORKERS processes (pytest-xdist)
	$(BIN)/python -m pytest -q -p no:cacheprovider -n $(PYTEST_WORKERS) --dist loadgroup

test: lint typecheck pytest  ## what CI runs: ruff, mypy, the suite on SQLite and PostgreSQL

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
