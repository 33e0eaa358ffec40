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

# A fresh held-out corpus (phrase banks the training split never uses) and the hand-written dev
# set, measured per format. Figures in README come from this target.
HELDOUT := corpora_synthetic/generated/heldout
evaluate: $(VENV)/.installed
	$(BIN)/python -m corpora_synthetic.generate --out $(HELDOUT) --n 300 --seed 2026 --split heldout --formats docx,pdf,txt
	COLUMNS=140 $(BIN)/ehcp-lint evaluate $(HELDOUT)
	COLUMNS=140 $(BIN)/ehcp-lint evaluate corpora_synthetic/dev

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
