# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run test check pytest system-deps bench fuzz clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

run: $(INSTALLED)
	$(BIN)/purchase serve

test: $(INSTALLED) system-deps check pytest

system-deps:
	bash scripts/system-deps.sh

check: $(INSTALLED)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

pytest: $(INSTALLED)
	$(BIN)/pytest

bench: $(INSTALLED)
	$(BIN)/python -m bench.run

# A long schemathesis run against the live API (the test suite runs a short one).
fuzz: $(INSTALLED)
	PURCHASE_FUZZ_EXAMPLES=300 $(BIN)/pytest tests/integration/http/test_schema.py -q

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
