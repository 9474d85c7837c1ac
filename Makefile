# policygraph — `make help` lists the targets.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
W3C_SUITE := tests/w3c/node_modules/rdf-test-suite/package.json
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help setup run build serve test lint fmt bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) ## create the virtualenv and install everything

# The W3C SPARQL Protocol test runner (npm); the test that uses it skips only without Node.js.
$(W3C_SUITE):
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --silent --no-save --no-audit --no-fund --prefix tests/w3c rdf-test-suite@2.8.0; \
	else echo "npm not found: the W3C protocol test will be skipped"; fi

build: $(STAMP) ## build and validate the graph from data/ into build/
	$(BIN)/policygraph build

run: build ## set up, build, validate and serve on 127.0.0.1:8000
	$(BIN)/policygraph serve --host $(HOST) --port $(PORT)

serve: $(STAMP) ## serve an existing build
	$(BIN)/policygraph serve --host $(HOST) --port $(PORT)

test: $(STAMP) $(W3C_SUITE) ## set up and run the test suite
	$(PY) -m pytest -q

lint: $(STAMP) ## ruff, mypy and the reference-data linter
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/policygraph reference lint

fmt: $(STAMP) ## format the code
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

bench: build ## run the benchmarks
	$(PY) bench/bench_build.py

clean: ## remove build outputs (keeps the virtualenv)
	rm -rf build .pytest_cache
