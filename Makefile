# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-all test-remote test-virtuoso test-virtuoso-smoke install data bench tour clean

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

# Everything: `make test` plus the load test (20 writers, 50 readers, 60 s against a real server), the
# slow LIAR import, and more Hypothesis examples for the form and API fuzzing.
test-all: $(STAMP)
	CLAIMKB_SLOW=1 CLAIMKB_FUZZ_EXAMPLES=$${CLAIMKB_FUZZ_EXAMPLES:-200} $(BIN)/python -m pytest -m 'load or not load' $(PYTEST_ARGS)

# The same suite in the configuration of several machines: the KB on a real Oxigraph server (`oxigraph
# serve`, one per data directory a test uses, on free local ports), the remote SPARQL 1.1 backend; and the
# accounts on a real PostgreSQL server (Debian's postgresql, installed if missing; one throwaway cluster
# on a free local port, a schema per data directory) (tests/backends).
test-remote: $(STAMP)
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }
	CLAIMKB_TEST_BACKEND=oxigraph CLAIMKB_TEST_ACCOUNTS=postgres $(BIN)/python -m pytest $(PYTEST_ARGS)

# The same suite on Virtuoso (Debian's virtuoso-opensource-7, installed if missing): the suite starts it on
# free local ports with its own virtuoso.ini and database under a temporary directory (queries at /sparql,
# updates at /sparql-auth with Digest auth), and stops it at the end.
test-virtuoso: $(STAMP)
	command -v virtuoso-t >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 \
		apt-get install -y -qq virtuoso-opensource-7 >/dev/null; }
	CLAIMKB_TEST_BACKEND=virtuoso $(BIN)/python -m pytest $(PYTEST_ARGS)

# What CI runs on Virtuoso (the whole suite takes about 17 min there, which with the rest passes CI's 30 min): the tests of
# what Virtuoso's dialect broke before (first load, imports, public view, facets, its SQL functions, the
# competency questions, injection, a KB past its named-graph limit). docs/deploy.md, "Virtuoso".
VIRTUOSO_SMOKE = tests/kb/test_remote.py tests/kb/test_remote_load.py tests/kb/test_competency.py \
	tests/kb/importers/test_remote_import.py tests/kb/importers/test_writer.py tests/reliability/test_public_view.py \
	tests/web/sparql/test_virtuoso_sql.py tests/web/browse/test_index.py tests/reliability/test_injection.py \
	tests/backends/test_virtuoso_graphs.py
test-virtuoso-smoke: $(STAMP)
	command -v virtuoso-t >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 \
		apt-get install -y -qq virtuoso-opensource-7 >/dev/null; }
	CLAIMKB_TEST_BACKEND=virtuoso $(BIN)/python -m pytest $(VIRTUOSO_SMOKE) $(PYTEST_ARGS)

# Regenerate kb/data/ from the curation file (selectors are computed, never typed).
data: $(STAMP)
	$(BIN)/python -m kb.curation

# Figures in BENCHMARKS.md; needs ../shared/data/liar. Not part of `make test` (hours: `claimkb bench NAME`
# runs one benchmark, `claimkb bench --help` lists them).
bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/claimkb bench

# Retake the README's screenshots (docs/tour/*.png) with Debian's Chromium.
tour: $(STAMP)
	$(BIN)/python docs/tour/take.py

clean:
	rm -rf $(VENV) var
