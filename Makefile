# The two commands the README promises: `make run` and `make test`; `make lint` is what CI runs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[html,dask,tables,dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/diplotext extract corpus/china-pakistan-2021.txt --reference-date 2021-12-09 --pretty

test: $(STAMP)
	$(BIN)/python -m pytest -q

# ruff (style, imports, bugbear, C901 complexity <= 15) over src, tests and scripts; mypy over
# src/diplotext (its configuration and the reasons for it are in pyproject.toml, [tool.mypy]).
lint: $(STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python scripts/bench_extract.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache
