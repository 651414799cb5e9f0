# Two commands: `make run` serves the app, `make test` runs every test.
# Both create .venv and install the pinned requirements first, skipping what is current.

PORT ?= 8501
# `make serve` only: the address others reach the app at (every interface by default).
HOST ?= 0.0.0.0
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run serve test lint bench clean

run: $(VENV)/.runtime $(VENV)/.compiled
	$(BIN)/streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

# Others on the network may read the atlas; adding and removing articles are off, unless
# ATLAS_WRITE_TOKEN is set, and then they ask for it (README: "Serving others").
serve: $(VENV)/.runtime $(VENV)/.compiled
	ATLAS_READ_ONLY=1 $(BIN)/streamlit run app.py --server.address $(HOST) --server.port $(PORT)

# Every test on the embedded store (SQLite), then those marked `store` (each that reads or writes
# a corpus) again on the tests' own PostgreSQL server with PostGIS (tests/conftest.py).
test: $(VENV)/.dev $(VENV)/.compiled
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest
	ATLAS_TEST_BACKEND=postgres $(BIN)/python -m pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(VENV)/.dev $(VENV)/.compiled
	$(BIN)/python -m bench

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11+ is needed"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt constraints.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# geo/parsing/_scan.c makes the geoparser's loops over a whole text fast, and mypyc compiles the
# modules it runs per name and sense (geo.parsing.COMPILED) from their own sources. Without a C
# compiler a build fails, this says so, drops what an older build left, and the same code runs
# in Python (geo/parsing/runs.py, the sources themselves), more slowly.
$(VENV)/.compiled: geo/parsing/_scan.c $(wildcard geo/parsing/*.py) setup.py pyproject.toml $(VENV)/.runtime
	$(BIN)/python setup.py --quiet build_ext --inplace --build-temp $(VENV)/build \
		|| { rm -f geo/parsing/_scan.*.so; echo "geo/parsing/_scan.c did not compile: the geoparser runs its Python loops instead"; }
	$(BIN)/python setup.py --quiet mypyc 2>&1 | grep -v "warning: Treating generator comprehension as list" \
		|| true; test -f build/mypyc/geo/parsing/SOURCES \
		|| { rm -rf build/mypyc; echo "geo.parsing.COMPILED did not compile: their sources run instead"; }
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache geo/parsing/_scan.*.so build
