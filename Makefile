# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install data bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/claimkb serve

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Regenerate kb/data/ from the curation file (selectors are computed, never typed).
data: $(STAMP)
	$(BIN)/python -m kb.curation

# Figures in BENCHMARKS.md; needs ../shared/data/liar. Not part of `make test` (about 15 minutes).
bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python -m benchmarks.store_choice
	$(BIN)/python -m benchmarks.scale

clean:
	rm -rf $(VENV) var
