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

ingest: $(STAMP) ## Ingest corpus/ into the knowledge base (build/kb, or $$KB_DIR)
	$(BIN)/kb ingest corpus/ --kb $(KB_DIR)

run: ingest ## Set up, ingest corpus/ and show the knowledge base summary
	$(BIN)/kb stats --kb $(KB_DIR)

test: $(STAMP) ## Run the test suite (and ruff)
	$(BIN)/ruff check .
	$(BIN)/pytest -q

lint: $(STAMP) ## Run ruff
	$(BIN)/ruff check .

bench: $(STAMP) ## Benchmarks: ingest throughput, search (Whoosh vs FTS5) -> docs/benchmarks.md
	$(BIN)/python scripts/bench_ingest.py --out docs/benchmarks.md
	$(BIN)/python scripts/bench_search.py --out docs/benchmarks.md

clean: ## Remove the knowledge base and caches (keeps .venv)
	rm -rf build .pytest_cache .ruff_cache test-artifacts

.PHONY: help install ingest run test lint bench clean
