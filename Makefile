# The set-up contract: `make demo` and `make test` work on a fresh machine with only python3.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
AS_OF  ?= $(shell date +%Y-%m-%d)

.PHONY: demo test lint typecheck bench fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(STAMP)

demo: $(STAMP)
	mkdir -p out
	$(BIN)/redactor inspect examples/06DAMASCUS728.txt --as-of $(AS_OF)
	$(BIN)/redactor inspect examples/06DAMASCUS728.txt --as-of $(AS_OF) --json > out/06DAMASCUS728.inspect.json
	$(BIN)/redactor apply --policy policies/foia-release.yaml --as-of $(AS_OF) \
		-o out/06DAMASCUS728.txt --audit out/06DAMASCUS728.audit.jsonl examples/06DAMASCUS728.txt
	$(BIN)/redactor apply --policy policies/foia-release.yaml --as-of 2010-01-01 \
		-o out/06DAMASCUS728.2010-01-01.txt --audit out/06DAMASCUS728.2010-01-01.audit.jsonl \
		examples/06DAMASCUS728.txt
	$(BIN)/redactor apply --policy policies/foia-release.yaml --as-of $(AS_OF) \
		--format pdf -o out/06DAMASCUS728.pdf examples/06DAMASCUS728.txt
	$(BIN)/redactor apply --policy policies/foia-release.yaml --as-of 2010-01-01 \
		--format pdf -o out/06DAMASCUS728.2010-01-01.pdf examples/06DAMASCUS728.txt
	$(BIN)/redactor explain --policy policies/foia-release.yaml --as-of 2010-01-01 examples/06DAMASCUS728.txt
	@echo "wrote out/06DAMASCUS728.inspect.json, out/06DAMASCUS728.txt and .pdf (as of $(AS_OF)),"
	@echo "      out/06DAMASCUS728.2010-01-01.txt and .pdf, and their .audit.jsonl"

lint: $(DEVSTAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

typecheck: $(DEVSTAMP)
	$(BIN)/mypy

# Two workers, one a core (pytest-xdist, with coverage combined): the corpus suites and the
# red team render and read back thousands of PDFs, which keeps make test under 10 minutes.
test: lint typecheck
	$(BIN)/pytest -n 2 --dist load --cov --cov-branch --cov-report=term-missing

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/batch.py

# Each atheris harness under fuzz/ for FUZZ_SECONDS (docs/SECURITY.md, "Fuzzing").
# A harness that finds a crash stops and leaves crash-* here; make stops with it.
FUZZ_SECONDS ?= 60
FUZZSTAMP := $(VENV)/.installed-fuzz

$(FUZZSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[fuzz]'
	touch $@

fuzz: $(FUZZSTAMP)
	@for harness in fuzz/fuzz_parse.py fuzz/fuzz_policy.py fuzz/fuzz_apply.py; do \
		echo "== $$harness for $(FUZZ_SECONDS) s"; \
		$(BIN)/python $$harness -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
			-rss_limit_mb=2048 -max_len=8192 -print_final_stats=1 || exit 1; \
	done

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache .coverage
