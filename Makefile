PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT

# Production-like values for the deployment checks only; nothing connects to them.
CHECK_ENV := DJANGO_SETTINGS_MODULE=scr.settings.production \
	SECRET_KEY=check-only-5f0c1e8a9b7d4c3a2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b \
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/scr REDIS_URL=redis://127.0.0.1:6379/0 \
	ALLOWED_HOSTS=reviews.example.org

.PHONY: install run test check bench frontend

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

## make run: the product with demo data on the embedded default (SQLite, filesystem broker)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo
	@echo "Safeguarding case reviews: http://127.0.0.1:$(PORT)/  (Ctrl+C stops web, worker and beat)"
	@echo
	$(BIN)/honcho -f Procfile.local start

## make test: the whole suite against PostgreSQL and Redis (local defaults or DATABASE_URL/REDIS_URL)
test: install
	$(BIN)/python -m pytest

## make check: deployment checks under production settings, migrations, ruff
check: install
	$(CHECK_ENV) $(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .

bench: install
	$(BIN)/python -m bench

## make frontend: refresh GOV.UK Frontend, MOJ Frontend and axe-core at their pinned versions
frontend:
	bash scripts/vendor-frontend.sh
