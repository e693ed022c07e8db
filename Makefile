# leidraad: `make site` builds the whole site into site/, `make test` runs every check.
# Both create the Python environment in .venv first (only when pyproject.toml changed).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 1767225600)

.PHONY: site test check serve lint bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

site: $(VENV)/.installed
	$(BIN)/leidraad check
	$(BIN)/mkdocs build --strict

check: $(VENV)/.installed
	$(BIN)/leidraad check

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

lint: $(VENV)/.installed
	$(BIN)/ruff check plugins tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed
	$(BIN)/python bench/bench_pdf.py
	$(BIN)/python bench/bench.py

clean:
	rm -rf site .site-* .cache
