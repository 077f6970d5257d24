# The two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)

.PHONY: run test lint typecheck pytest bench mutate clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[server,test]'
	@rm -f $(VENV)/.installed-*
	@touch $@

run: $(STAMP)
	$(BIN)/s20d --state-dir ./.s20-state

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

# The Thread core's own tests must cover every line of it; the rest run on every core.
pytest: $(STAMP)
	$(BIN)/pytest -q tests/thread --cov=s20.thread --cov-report=term-missing:skip-covered --cov-fail-under=100
	$(BIN)/pytest -n auto --ignore=tests/thread

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# Mutation testing of s20.thread and the OpenThread CLI parsers, as [tool.mutmut] in
# pyproject.toml says; it takes a while, so it is not part of `make test`. mutmut keeps its
# copy of the tree and the results in mutants/ (a rerun only retests what changed), and
# `.venv/bin/mutmut results` lists the survivors, `.venv/bin/mutmut show NAME` one diff.
MUTATE_STAMP := $(VENV)/.mutate-$(shell cksum < pyproject.toml | cut -d' ' -f1)

$(MUTATE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[server,test,mutate]'
	@rm -f $(VENV)/.mutate-*
	@touch $@

mutate: $(MUTATE_STAMP)
	$(BIN)/mutmut run
	@$(BIN)/mutmut results --all true | awk -F': ' ' \
		match($$1, /s20\.[a-z]+/) { t = substr($$1, RSTART, RLENGTH); n[t]++ } \
		$$2 == "killed" || $$2 == "timeout" { k[t]++ } \
		END { for (t in n) printf "%s: %d of %d mutants killed (%.1f%%), %d survive\n", \
			t, k[t], n[t], 100 * k[t] / n[t], n[t] - k[t] }'

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .coverage
