# kb — knowledge base over Dutch Kamerbrieven. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
KB_DIR ?= build/kb
export KB_DIR

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install kb with its dev tools

# The browser tests drive Debian's Chromium (never a downloaded browser); installed when missing.
CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	@echo "Installing Debian chromium for the browser tests"
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-liberation >/dev/null

ingest: $(STAMP) ## Ingest corpus/ into the knowledge base (build/kb, or $$KB_DIR)
	$(BIN)/kb ingest corpus/ --kb $(KB_DIR)

PORT ?= 8501
run: ingest ## Set up, ingest corpus/ and open the app on http://127.0.0.1:8501
	$(BIN)/kb stats --kb $(KB_DIR)
	$(BIN)/kb ui --kb $(KB_DIR) --port $(PORT)

test: $(STAMP) $(CHROMIUM) ## Run the test suite (and ruff), browser tests included
	$(BIN)/ruff check .
	$(BIN)/pytest -q

lint: $(STAMP) ## Run ruff
	$(BIN)/ruff check .

bench: $(STAMP) $(CHROMIUM) ## Benchmarks: ingest, search vs FTS5, growth 1k-100k, UI -> docs/benchmarks.md
	$(BIN)/python scripts/bench_ingest.py --out docs/benchmarks.md
	$(BIN)/python scripts/bench_search.py --out docs/benchmarks.md
	$(BIN)/python scripts/bench_scale.py --out docs/benchmarks.md

screenshots: $(STAMP) $(CHROMIUM) ## Browser tests, saving the README screenshots to docs/screenshots
	KB_SCREENSHOTS=docs/screenshots $(BIN)/pytest -q tests/test_e2e_browser.py

clean: ## Remove the knowledge base and caches (keeps .venv)
	rm -rf build .pytest_cache .ruff_cache test-artifacts

.PHONY: help install ingest run test lint bench screenshots clean
