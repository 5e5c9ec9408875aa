# The assistant (Rasa Open Source 3.6.21 on Python 3.10). Included by the top-level Makefile;
# every path here is relative to the repository root.
#
#   make bot-venv         create bot/.venv from bot/requirements.lock (once per lock change)
#   make bot-train        train bot/models/model.tar.gz only when config, domain or data changed
#   make bot-test         action tests, data validation, test stories, held-out NLU check
#   make bot-run-rasa     Rasa REST API on $(BOT_PORT) (foreground)
#   make bot-run-actions  action server on $(BOT_ACTIONS_PORT) (foreground)
#   make bot-crossval     5-fold NLU cross-validation (benchmark; not part of make test)

BOT_DIR          := bot
BOT_VENV         := $(BOT_DIR)/.venv
BOT_STAMP        := $(BOT_VENV)/.installed
BOT_MODEL        := models/model.tar.gz
BOT_PORT         ?= 5005
BOT_HOST         ?= 127.0.0.1
BOT_ACTIONS_PORT ?= 5055
BOT_NLU_GOAL     ?= 0.90
BOT_PYTHON310    ?= $(firstword $(wildcard $(shell pyenv root 2>/dev/null)/versions/3.10.*/bin/python3.10) \
                      $(shell command -v python3.10 2>/dev/null))

# Nothing in the bot may call the internet: no telemetry, quiet TensorFlow, local imports.
BOT_ENV := RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1 \
           PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONPATH=.
BOT_RASA := $(BOT_ENV) .venv/bin/rasa

# Hooks used by the top-level Makefile (setup, run, test).
BOT_SETUP_TARGETS := bot-train
BOT_RUN_PREREQS   := bot-train
BOT_RUN_COMMANDS  := $(MAKE) --no-print-directory bot-run-actions & $(MAKE) --no-print-directory bot-run-rasa &
BOT_TEST_COMMAND  := $(MAKE) --no-print-directory bot-test

.PHONY: bot-venv bot-train bot-test bot-run-rasa bot-run-actions bot-run-rasa-production bot-crossval

bot-venv: $(BOT_STAMP)

$(BOT_STAMP): $(BOT_DIR)/requirements.lock $(BOT_DIR)/requirements.txt
	@if [ -z "$(BOT_PYTHON310)" ]; then \
	  echo "bot: Python 3.10 is needed for Rasa 3.6 but none was found."; \
	  echo "bot: install it (for example 'pyenv install 3.10') or put python3.10 on PATH."; \
	  exit 1; fi
	@test -x $(BOT_VENV)/bin/python || $(BOT_PYTHON310) -m venv $(BOT_VENV)
	$(BOT_VENV)/bin/pip install --disable-pip-version-check -q -r $(BOT_DIR)/requirements.lock
	@touch $@

bot-train: bot-venv
	@cd $(BOT_DIR) && new=$$(.venv/bin/python scripts/fingerprint.py) && \
	if [ -f $(BOT_MODEL) ] && [ "$$(cat models/fingerprint.txt 2>/dev/null)" = "$$new" ]; then \
	  echo "bot: model is up to date ($$new)"; \
	else \
	  echo "bot: training (data fingerprint $$new)"; start=$$(date +%s); \
	  $(BOT_RASA) train --force --fixed-model-name model --out models --quiet && \
	  echo "$$new" > models/fingerprint.txt && \
	  echo "bot: trained in $$(( $$(date +%s) - start )) s"; \
	fi

bot-test: bot-train
	cd $(BOT_DIR) && $(BOT_ENV) .venv/bin/python -m pytest -q
	cd $(BOT_DIR) && $(BOT_ENV) .venv/bin/python scripts/validate_data.py
	cd $(BOT_DIR) && $(BOT_RASA) test core --model $(BOT_MODEL) --stories tests/test_stories.yml \
	  --fail-on-prediction-errors --out results/core
	cd $(BOT_DIR) && $(BOT_RASA) test nlu --model $(BOT_MODEL) --nlu tests/nlu_heldout.yml --out results/heldout
	cd $(BOT_DIR) && .venv/bin/python scripts/check_nlu.py results/heldout --min-intent-accuracy $(BOT_NLU_GOAL)

bot-run-rasa: bot-train
	cd $(BOT_DIR) && exec env $(BOT_RASA) run --enable-api -i $(BOT_HOST) --port $(BOT_PORT) --model $(BOT_MODEL) \
	  --endpoints endpoints.yml --credentials credentials.yml

bot-run-actions: bot-venv
	cd $(BOT_DIR) && exec env $(BOT_RASA) run actions --actions actions --port $(BOT_ACTIONS_PORT)

# Production stores (PostgreSQL tracker, Redis lock store, RabbitMQ broker); override any of these.
RASA_ACTION_ENDPOINT_URL ?= http://localhost:$(BOT_ACTIONS_PORT)/webhook
RASA_TRACKER_DB_HOST     ?= 127.0.0.1
RASA_TRACKER_DB_PORT     ?= 5432
RASA_TRACKER_DB_NAME     ?= rasa
RASA_TRACKER_DB_USER     ?= postgres
RASA_TRACKER_DB_PASSWORD ?=
RASA_TRACKER_LOGIN_DB    ?= postgres
RASA_REDIS_HOST          ?= 127.0.0.1
RASA_REDIS_PORT          ?= 6379
RASA_REDIS_LOCK_DB       ?= 1
RASA_RABBITMQ_HOST       ?= 127.0.0.1
RASA_RABBITMQ_PORT       ?= 5672
RASA_RABBITMQ_USER       ?= guest
RASA_RABBITMQ_PASSWORD   ?= guest
RASA_RABBITMQ_QUEUE      ?= rasa_events
BOT_PRODUCTION_ENV := RASA_ACTION_ENDPOINT_URL=$(RASA_ACTION_ENDPOINT_URL) \
  RASA_TRACKER_DB_HOST=$(RASA_TRACKER_DB_HOST) RASA_TRACKER_DB_PORT=$(RASA_TRACKER_DB_PORT) \
  RASA_TRACKER_DB_NAME=$(RASA_TRACKER_DB_NAME) RASA_TRACKER_DB_USER=$(RASA_TRACKER_DB_USER) \
  RASA_TRACKER_DB_PASSWORD=$(RASA_TRACKER_DB_PASSWORD) RASA_TRACKER_LOGIN_DB=$(RASA_TRACKER_LOGIN_DB) \
  RASA_REDIS_HOST=$(RASA_REDIS_HOST) RASA_REDIS_PORT=$(RASA_REDIS_PORT) RASA_REDIS_LOCK_DB=$(RASA_REDIS_LOCK_DB) \
  RASA_RABBITMQ_HOST=$(RASA_RABBITMQ_HOST) RASA_RABBITMQ_PORT=$(RASA_RABBITMQ_PORT) \
  RASA_RABBITMQ_USER=$(RASA_RABBITMQ_USER) RASA_RABBITMQ_PASSWORD=$(RASA_RABBITMQ_PASSWORD) \
  RASA_RABBITMQ_QUEUE=$(RASA_RABBITMQ_QUEUE)

bot-run-rasa-production: bot-train
	cd $(BOT_DIR) && exec env $(BOT_PRODUCTION_ENV) $(BOT_RASA) run --enable-api -i $(BOT_HOST) --port $(BOT_PORT) \
	  --model $(BOT_MODEL) --endpoints endpoints.production.yml --credentials credentials.yml

bot-crossval: bot-venv
	cd $(BOT_DIR) && $(BOT_RASA) test nlu --nlu data --config config.yml --cross-validation --folds 5 \
	  --out results/crossval
	cd $(BOT_DIR) && .venv/bin/python scripts/check_nlu.py results/crossval --min-macro-f1 $(BOT_NLU_GOAL)
