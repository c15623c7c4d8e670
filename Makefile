# The two commands a newcomer needs: `make run` and `make test` (README).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV      := .venv
BIN       := $(VENV)/bin
RASA      := $(BIN)/rasa
PIPELINE  := .build/spacy/hamstring_en
MODEL     := models/hamstring.tar.gz
RESULTS   := .test-results

export RASA_TELEMETRY_ENABLED ?= false
export TF_CPP_MIN_LOG_LEVEL ?= 2
export SQLALCHEMY_SILENCE_UBER_WARNING ?= 1
export PYTHONPATH := $(CURDIR)

.PHONY: help install run test lint format validate train test-unit test-conversations test-integration bench bench-dev bench-speed shell clean

help:
	@echo "make run   - install if needed, train if needed, start action server + Rasa server, serve the chat page"
	@echo "make test  - install if needed, lint, unit tests, validate data, train, conversation tests, end-to-end tests"
	@echo "other: install train validate lint format bench bench-dev bench-speed shell clean"
	@echo "operators: report export-unrecognised (FROM=YYYY-MM-DD TO=YYYY-MM-DD or DAYS=N, ENDPOINTS=file)"
	@echo "content: content-review, content-signoff FINGERPRINT=... REVIEWER=\"...\" ROLE=\"...\" [NOTE=\"...\"]"
	@echo "scale-out: cluster-up cluster-down cluster-status; retention: forget-old DAYS=N [DRY_RUN=1]"

WEBCHAT   := webchat/node_modules/rasa-webchat/lib/index.js

install: $(VENV)/.installed $(PIPELINE)/meta.json $(WEBCHAT)

$(VENV)/.installed: requirements/lock.txt requirements/rasa.txt scripts/install.sh
	@scripts/install.sh

# The chat widget, pinned by webchat/package-lock.json.
$(WEBCHAT): webchat/package.json webchat/package-lock.json
	@echo "==> installing the chat widget (npm ci)"
	@cd webchat && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The project's own spaCy pipeline, built from nlp/ (no pretrained model can be downloaded).
# Rasa fingerprints SpacyNLP by its path only, so a rebuilt pipeline must invalidate Rasa's cache.
$(PIPELINE)/meta.json: $(VENV)/.installed nlp/build_pipeline.py $(wildcard nlp/patterns/*.jsonl)
	@$(BIN)/python nlp/build_pipeline.py $(PIPELINE)
	@rm -rf .rasa/cache

train: $(MODEL)

# Trains only when something training reads changed, judged by content, not file times
# (scripts/train_if_changed.py), so the recipe runs every time and usually just checks.
$(MODEL): $(VENV)/.installed $(PIPELINE)/meta.json FORCE
	@$(BIN)/python scripts/train_if_changed.py

.PHONY: FORCE
FORCE:

run: install $(MODEL)
	@$(BIN)/python scripts/content_review.py check || true
	@scripts/run.sh

shell: install $(MODEL)
	@scripts/run.sh --shell

lint: install
	@$(BIN)/ruff check .
	@$(BIN)/ruff format --check .

format: install
	@$(BIN)/ruff format .
	@$(BIN)/ruff check --fix .

validate: install
	@scripts/validate.sh

test-unit: install
	@$(BIN)/pytest tests/unit

test-conversations: $(MODEL)
	@$(RASA) test core --model $(MODEL) --stories tests/stories --e2e --fail-on-prediction-errors --out $(RESULTS)/conversations --quiet

test-integration: $(MODEL) install-test-tools
	@$(BIN)/pytest tests/integration

# Chromium for the browser test, PostgreSQL and Redis for the store test (Debian packages).
.PHONY: install-test-tools
install-test-tools:
	@scripts/install-test-tools.sh

# Each step's time is printed, so a slow step shows in CI's log.
TEST_STEPS := lint test-unit validate train test-conversations test-integration
test: install
	@for step in $(TEST_STEPS); do \
	  started=$$(date +%s); \
	  $(MAKE) --no-print-directory $$step || exit 1; \
	  echo "==> $$step: $$(( $$(date +%s) - started )) s"; \
	done

# Measures the test halves: run it rarely, and say in the README how often it ran.
bench: $(MODEL)
	@$(BIN)/python scripts/nlu_benchmark.py --model $(MODEL) --out $(RESULTS)/nlu
	@$(BIN)/python scripts/realistic_benchmark.py --model $(MODEL) --split both --out $(RESULTS)/realistic

# The same measures on the development set, the one to look at while changing data or settings.
bench-dev: $(MODEL)
	@$(BIN)/python scripts/nlu_benchmark.py --model $(MODEL) --nlu tests/nlu_dev --out $(RESULTS)/nlu_dev
	@$(BIN)/python scripts/realistic_benchmark.py --model $(MODEL) --split dev --out $(RESULTS)/realistic_dev

# This assistant beside the stock `rasa init` bot, one run on this machine: latency, throughput,
# start time, memory, training time, profile; writes docs/benchmarks.md (takes about 15 minutes).
bench-speed: $(MODEL) install-test-tools
	@$(BIN)/python scripts/bench_speed.py --workers 2

# The operators' report of a period (FROM=YYYY-MM-DD TO=YYYY-MM-DD, or DAYS=N; default the last
# 30 days), from the tracker store `make run` uses (or ENDPOINTS=file); REPORT_DIR for elsewhere.
REPORT_DIR ?= $(RESULTS)/report
REPORT_ARGS = $(if $(FROM),--from $(FROM)) $(if $(TO),--to $(TO)) $(if $(DAYS),--days $(DAYS)) \
	$(if $(ENDPOINTS),--endpoints $(ENDPOINTS)) --out-dir $(REPORT_DIR)

.PHONY: report export-unrecognised
report: $(VENV)/.installed
	@PYTHONWARNINGS=ignore $(BIN)/python scripts/operators_report.py report $(REPORT_ARGS)

# The period's out-of-scope, please-rephrase and low-confidence messages as NLU YAML to correct.
export-unrecognised: $(VENV)/.installed
	@PYTHONWARNINGS=ignore $(BIN)/python scripts/operators_report.py export-unrecognised $(REPORT_ARGS)

# Every text the assistant can send, in one HTML document and its PDF, for a clinician to review
# and sign off (README "Content review"). REVIEWER, ROLE, NOTE and FINGERPRINT are read from the
# environment by the shell, so names with quotes or apostrophes are passed as typed.
.PHONY: content-review content-signoff
content-review: install
	@$(BIN)/python scripts/content_review.py build

content-signoff: install
	@$(BIN)/python scripts/content_review.py sign --fingerprint "$$FINGERPRINT" \
		--reviewer "$$REVIEWER" --role "$$ROLE" --note "$${NOTE:-}"

# The scale-out set on loopback: PostgreSQL, Redis, one action server, two Rasa servers, nginx
# (README, "Scaling out and retention"). Ports and folders: CLUSTER_* in operations/cluster.py.
.PHONY: cluster-up cluster-down cluster-status forget-old
cluster-up: install $(MODEL) install-test-tools
	@$(BIN)/python scripts/cluster.py start

cluster-down:
	@$(BIN)/python scripts/cluster.py stop

cluster-status:
	@$(BIN)/python scripts/cluster.py status

# Deletes conversations with no event in the last DAYS days; DRY_RUN=1 only counts them.
# ENDPOINTS=.run/cluster/endpoints.yml for the cluster's PostgreSQL (default: what `make run` uses).
forget-old:
	@test -n "$(DAYS)" || { echo "usage: make forget-old DAYS=N [DRY_RUN=1] [ENDPOINTS=file]" >&2; exit 2; }
	@$(BIN)/python scripts/forget_old_conversations.py --days $(DAYS) $(if $(DRY_RUN),--dry-run) $(if $(ENDPOINTS),--endpoints $(ENDPOINTS))

clean:
	rm -rf models .rasa $(RESULTS) .build
