# Two commands: `make demo` and `make test`. Each sets up .venv itself on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := examples/sample_plan.docx

.PHONY: demo test lint corpus evaluate train fit-score bench fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	@# exit code 1 means "checked, there are findings": the demo plan has some on purpose
	$(BIN)/ehcp-lint check $(SAMPLE) || [ $$? -eq 1 ]

test: $(VENV)/.installed
	$(BIN)/python -m pytest

# Speed and memory against the targets of issue 9 (not part of the tests): generates a corpus,
# prints a table and writes benchmarks/results.md.
BENCH_CORPUS := build/bench-corpus

bench: $(VENV)/.installed
	rm -rf $(BENCH_CORPUS)
	$(BIN)/python -m corpora_synthetic.generate --out $(BENCH_CORPUS) --n 120 --seed 9 \
		--split heldout --formats docx,pdf,txt
	$(BIN)/python benchmarks/run.py $(BENCH_CORPUS) --plans 40 --out benchmarks/results.md

# The long fuzzing run: 2,000 random inputs for each of the 5 properties (10,000 in all).
fuzz: $(VENV)/.installed
	EHCP_FUZZ_EXAMPLES=2000 $(BIN)/python -m pytest tests/test_fuzz.py --hypothesis-show-statistics

lint: $(VENV)/.installed
	$(BIN)/ruff check ehcp_lint tests corpora_synthetic benchmarks
	$(BIN)/ruff format --check ehcp_lint tests corpora_synthetic benchmarks

# Per format, against gold labels: the PAGODA corpus (the seventeenth phrase split, written in
# session 8 and measured once with the final code, never tuned on or read: the figure to quote),
# MINARET, STEEPLE and BELFRY (sixteenth to fourteenth, each measured once, then read in session
# 8), SPIRE, TURRET and
# GARRET (thirteenth, twelfth and eleventh, each measured once in session 7, then read), LOFT (tenth, measured once in session 6, read in session
# 7), ATTIC (ninth, measured once in session 6, then read), CELLAR and CRYPT (seventh and eighth;
# session 6 tuned on cellar and chose changes on crypt's figures), then the splits the checks
# were tuned on before - vault (sixth), sealed (fifth), blind (fourth), probe (third), held-out
# (second half of the main bank) - and the hand-written dev set. Figures in README come from
# this target.
GENERATED := corpora_synthetic/generated
# split:seed, in the order above (each corpus is 300 plans in docx, pdf and txt).
EVAL_SETS := rampart:4747 parapet:4545 portico:4343 campanile:4141 rotunda:3939 cupola:3737 pagoda:3535 minaret:3333 steeple:3131 belfry:2929 spire:2727 turret:2525 garret:2323 loft:2121 attic:1919 cellar:1515 \
	crypt:1717 vault:1313 sealed:1111 blind:909 probe:707 heldout:2026
HELDOUT := $(GENERATED)/heldout
evaluate: $(VENV)/.installed
	set -e; for set in $(EVAL_SETS); do split=$${set%%:*}; seed=$${set##*:}; \
		$(BIN)/python -m corpora_synthetic.generate --out $(GENERATED)/$$split --n 300 \
			--seed $$seed --split $$split --formats docx,pdf,txt; done
	set -e; for set in $(EVAL_SETS); do \
		COLUMNS=140 $(BIN)/ehcp-lint evaluate $(GENERATED)/$${set%%:*}; done
	COLUMNS=140 $(BIN)/ehcp-lint evaluate corpora_synthetic/dev

# Rebuild the outcome models in models/ from a generated TRAIN corpus (1000 plans, seed 7) and
# measure them (never fit them) on the same fresh held-out corpus as `make evaluate`.
# `python -m` puts this checkout on the path, so the command can import the generator.
train: $(VENV)/.installed
	$(BIN)/python -m corpora_synthetic.generate --out $(HELDOUT) --n 300 --seed 2026 --split heldout --formats docx,pdf,txt
	COLUMNS=140 $(BIN)/python -m ehcp_lint train --out models --heldout $(HELDOUT)

# Refit the grade bands in rules/score.toml to the gold grades of a TRAIN-split corpus (300
# plans, seed 202); never the held-out one. Prints kappa before and cross-validated after.
SCORE_TRAIN := build/score-train
fit-score: $(VENV)/.installed
	rm -rf $(SCORE_TRAIN)
	$(BIN)/python -m corpora_synthetic.generate --out $(SCORE_TRAIN) --n 300 --seed 202 --split train --formats docx,pdf,txt
	$(BIN)/python -m corpora_synthetic.fit_score $(SCORE_TRAIN) --write

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
