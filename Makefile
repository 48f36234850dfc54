# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install data bench tour clean

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

# Retake the README's screenshots (docs/tour/*.png) with Debian's Chromium.
tour: $(STAMP)
	$(BIN)/python docs/tour/take.py

clean:
	rm -rf $(VENV) var
