# 天津市计量数据建设应用中心服务平台: the two commands of the README.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test install lint check migrate demo clean lock lock-check audit

LOCK_DEV := requirements/dev.lock
LOCK_PROD := requirements/production.lock
PIP_COMPILE = $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --all-build-deps --strip-extras \
	--no-emit-index-url --no-emit-find-links

# Dependencies come from the hashed lock only (pip --require-hashes); the project itself is then installed
# without resolving anything again.
$(STAMP): $(LOCK_DEV) pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK_DEV)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
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

## make test: the whole suite, on one pytest-xdist worker per core (TEST_WORKERS=auto), each with its own test
## database and Redis database (portal/settings/test.py). TEST_WORKERS=0 (or PYTEST_ARGS="-p no:xdist") runs it
## serially in one process; PYTEST_ARGS adds pytest's own arguments (e.g. PYTEST_ARGS="-m browser").
TEST_WORKERS ?= auto
TEST_DIST ?= loadfile
SERIAL := $(or $(filter 0,$(TEST_WORKERS)),$(findstring no:xdist,$(PYTEST_ARGS)))
test: install
	$(PY) -m pytest $(if $(SERIAL),,-n $(TEST_WORKERS) --dist $(TEST_DIST)) $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports  # import contracts in pyproject.toml: no circles, every layer depends downward

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

## make lock: re-resolve requirements/*.lock from pyproject.toml (keeps current pins unless UPGRADE=1)
lock: install
	$(PIP_COMPILE) $(if $(UPGRADE),--upgrade) --extra dev -o $(LOCK_DEV) pyproject.toml
	$(PIP_COMPILE) $(if $(UPGRADE),--upgrade) -o $(LOCK_PROD) pyproject.toml

## make lock-check: fail when a lock no longer matches pyproject.toml (CI runs it)
lock-check: install
	$(PY) -m portal.lockcheck $(LOCK_DEV) $(LOCK_PROD)

## make audit: pip-audit over both locks; accepted exceptions are listed in requirements/audit-exceptions.txt
audit: install
	$(PY) -m portal.lockcheck --audit $(LOCK_DEV) $(LOCK_PROD)

clean:
	rm -rf $(VENV) db.sqlite3 media
