# 天津市计量数据建设应用中心服务平台: the two commands of the README.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test install lint check migrate demo clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

NODE_STAMP := node_modules/.installed

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

install: $(STAMP) $(NODE_STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

## make run: the portal on the embedded default (SQLite, database search, demo content) with a Celery worker
## and beat on kombu's filesystem broker (no Redis), all from the Procfile under honcho. Links in e-mails
## follow PORT unless PORTAL_BASE_URL is given.
PORTAL_BASE_URL := $(or $(PORTAL_BASE_URL),http://127.0.0.1:$(PORT))
CELERY_BROKER_URL ?= filesystem://
run: demo
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" PORTAL_BASE_URL="$(PORTAL_BASE_URL)" CELERY_BROKER_URL="$(CELERY_BROKER_URL)" \
		$(VENV)/bin/honcho start -f Procfile -p $(PORT)

## make test: the whole suite
test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) db.sqlite3 media
