# Two commands on a fresh machine: `make run` serves the dashboard, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint format init demo bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt $(VENV)/.runtime-installed
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

## run: create the venv, the database (demo data on first start) and serve the dashboard
run: $(VENV)/.runtime-installed
	$(BIN)/python -m data_access init
	$(BIN)/python serve.py --server.port $(PORT)

## test: lint, format check and the whole pytest suite
test: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

init: $(VENV)/.runtime-installed
	$(BIN)/python -m data_access init

demo: $(VENV)/.runtime-installed
	$(BIN)/python -m data_access demo --replace

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-installed
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## bench: query benchmark (1,000 members, 1,000,000 events); prints figures, never fails on time
bench: $(VENV)/.dev-installed
	$(BIN)/python bench/bench_queries.py
	$(BIN)/python bench/bench_pages.py
	$(BIN)/python bench/bench_deck.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
