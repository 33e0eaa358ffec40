# Two commands: `make demo` and `make test`. Each sets up .venv itself on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := examples/sample_plan.docx

.PHONY: demo test lint corpus evaluate bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	-$(BIN)/ehcp-lint check $(SAMPLE)

test: $(VENV)/.installed
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check ehcp_lint tests corpora_synthetic benchmarks
	$(BIN)/ruff format --check ehcp_lint tests corpora_synthetic benchmarks

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
