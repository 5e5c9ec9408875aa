# Family voice service. `make run` and `make test` set up everything they need from a fresh clone.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
BUILD := portal/static/build
PORTAL_PORT ?= 5000
export FLASK_APP := wsgi
# Use the machine's PostgreSQL for the database tests when it is answering.
TEST_DATABASE_URL ?= $(shell command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432 && echo postgresql://127.0.0.1:5432/test)
export TEST_DATABASE_URL

-include bot/bot.mk

.PHONY: help setup run run-production test-reliability nginx test test-fast lint format translations bench browser clean

help:
	@echo "make run    set up, then start the portal (:$(PORTAL_PORT)), its worker and the assistant"
	@echo "make test   set up, then run every test suite"
	@echo "make run-production  the same on gunicorn, PostgreSQL, Redis and RabbitMQ (docs/operations.md)"
	@echo "make test-reliability  the long load, fault and scale-out tests (docs/reliability.md)"
	@echo "make setup  set-up alone: venvs, assets, translations, database, content, assistant model"
	@echo "make translations  extract, update and compile the message catalogues"
	@echo "make bench  run the benchmarks in bench/"

## ---- set-up -------------------------------------------------------------------------------

$(BIN)/.installed: pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev]'
	@touch $@

## Offline theme suggestions: the sentence-embedding model and torch's CPU build (about 1 GB).
$(BIN)/.themes-installed: requirements-themes.lock $(BIN)/.installed
	$(BIN)/pip install --quiet -c requirements.lock -r requirements-themes.lock
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(BUILD)/.built: node_modules/.installed $(wildcard portal/static/scss/*.scss)
	npm run --silent build:css
	mkdir -p $(BUILD)/assets
	cp -R node_modules/govuk-frontend/dist/govuk/assets/. $(BUILD)/assets/
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(BUILD)/
	@touch $@

CATALOGUES := $(wildcard translations/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGUES:.po=.mo)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(BIN)/.installed
	$(BIN)/pybabel compile --use-fuzzy -f -d translations -l $* >/dev/null

setup: $(BIN)/.installed $(BIN)/.themes-installed $(BUILD)/.built $(COMPILED) $(BOT_SETUP_TARGETS)
	$(BIN)/portal setup

## Debian's Chromium for the browser tests (never a downloaded browser), and Noto fonts so that
## Urdu (and every other script) in the screenshots is readable.
browser:
	@if [ -x /usr/bin/chromium ] && [ -d /usr/share/fonts/truetype/noto ]; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "Installing Debian's chromium and Noto fonts for the browser tests"; \
		apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium fonts-noto-core >/dev/null; \
	elif [ -x /usr/bin/chromium ]; then echo "Urdu in screenshots needs Noto fonts: sudo apt-get install fonts-noto-core"; \
	else echo "Browser tests need Debian's chromium: sudo apt-get install chromium fonts-noto-core"; exit 1; fi

## Debian's nginx for the scale-out test (two portals and two assistants behind one address).
nginx:
	@if [ -x /usr/sbin/nginx ]; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "Installing Debian's nginx for the scale-out test"; \
		apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq nginx >/dev/null; \
	else echo "The scale-out test needs Debian's nginx: sudo apt-get install nginx"; exit 1; fi

## ---- run ----------------------------------------------------------------------------------

# Without real Twilio settings, texts go to a local fake Twilio (never the internet).
FAKE_TWILIO_PORT ?= 5030
FAKE_TWILIO_ACCOUNT_DIGITS := 00000000000000000000000000000000
ifeq ($(TWILIO_API_BASE_URL),)
RUN_FAKE_TWILIO := $(BIN)/python -m tests.fakes.twilio_server --port $(FAKE_TWILIO_PORT) --status-callbacks &
RUN_TWILIO_ENV := TWILIO_API_BASE_URL=http://127.0.0.1:$(FAKE_TWILIO_PORT) \
  TWILIO_ACCOUNT_SID=AC$(FAKE_TWILIO_ACCOUNT_DIGITS) TWILIO_AUTH_TOKEN=fake-twilio-auth-token-for-tests \
  TWILIO_FROM_NUMBER=+447700900000
endif

run: setup $(BOT_RUN_PREREQS)
	@echo "Starting the portal on http://localhost:$(PORTAL_PORT), its worker and the assistant (Ctrl-C stops everything)"
	@trap 'kill 0' INT TERM EXIT; \
	export $(RUN_TWILIO_ENV) PUBLIC_URL=$${PUBLIC_URL:-http://localhost:$(PORTAL_PORT)}; \
	$(RUN_FAKE_TWILIO) \
	$(BIN)/flask run --port $(PORTAL_PORT) & \
	$(BIN)/huey_consumer portal.worker.huey -k thread -w 2 & \
	$(BOT_RUN_COMMANDS) \
	wait

## Production mode on one machine: gunicorn, PostgreSQL, Redis (rate limits, task queue, Rasa locks),
## RabbitMQ (Rasa's event broker). Each setting can be overridden from the environment (README).
PRODUCTION_WORKERS ?= 4
DATABASE_URL ?= postgresql://127.0.0.1:5432/family_voice
RATELIMIT_STORAGE_URI ?= redis://127.0.0.1:6379/0
HUEY_REDIS_URL ?= redis://127.0.0.1:6379/2
RABBITMQ_URL ?= amqp://guest:guest@127.0.0.1:5672/
PRODUCTION_ENV := DATABASE_URL=$(DATABASE_URL) RATELIMIT_STORAGE_URI=$(RATELIMIT_STORAGE_URI) \
  HUEY_REDIS_URL=$(HUEY_REDIS_URL) RABBITMQ_URL=$(RABBITMQ_URL) RASA_URL=http://$(BOT_HOST):$(BOT_PORT)

run-production: setup $(BOT_RUN_PREREQS)
	$(BIN)/python scripts/ensure_database.py $(DATABASE_URL)
	env $(PRODUCTION_ENV) $(BIN)/portal setup
	@echo "Starting gunicorn ($(PRODUCTION_WORKERS) workers) on http://localhost:$(PORTAL_PORT), the worker and the assistant"
	@trap 'kill 0' INT TERM EXIT; \
	export $(PRODUCTION_ENV) $(RUN_TWILIO_ENV) PUBLIC_URL=$${PUBLIC_URL:-http://localhost:$(PORTAL_PORT)}; \
	$(RUN_FAKE_TWILIO) \
	$(BIN)/gunicorn --workers $(PRODUCTION_WORKERS) --bind 127.0.0.1:$(PORTAL_PORT) --access-logfile - wsgi:app & \
	$(BIN)/huey_consumer portal.worker.huey -k thread -w 4 & \
	$(MAKE) --no-print-directory bot-run-actions & $(MAKE) --no-print-directory bot-run-rasa-production & \
	wait

## ---- tests --------------------------------------------------------------------------------

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Tests run on every core (pytest-xdist); each worker has its own databases and browser.
PYTEST_WORKERS ?= auto

test: setup browser lint
	$(BIN)/pytest -n $(PYTEST_WORKERS)
	$(BOT_TEST_COMMAND)

## The long load, fault and scale-out runs (docs/reliability.md); `make test` runs a 10-second version.
test-reliability: setup nginx
	FV_RELIABILITY_FULL=1 $(BIN)/pytest -p no:xdist -s -m reliability tests/reliability

## The quick loop: no browser, no assistant.
test-fast: $(BIN)/.installed $(BUILD)/.built
	$(BIN)/pytest -m "not browser and not slow"

format: $(BIN)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## ---- translations -------------------------------------------------------------------------

translations: $(BIN)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k _n:1,2 -o translations/messages.pot --no-location --sort-output --project "Family voice" .
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile --use-fuzzy -d translations

## ---- benchmarks ---------------------------------------------------------------------------

bench: setup
	@set -e; for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b; done

clean:
	rm -rf $(VENV) node_modules $(BUILD) .pytest_cache
