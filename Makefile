# Pulih: `make run` for the demo on SQLite, `make test` for the whole suite on PostgreSQL.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1:8000

.PHONY: run test lint format migrations-check bench bench-units check clean

$(BIN)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found; run: make PYTHON=python3 ..."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.txt
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(BIN)/.installed
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(PY) manage.py seed_demo
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver $(HOST)

lint: $(BIN)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(BIN)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: $(BIN)/.installed-dev
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

check: lint migrations-check
	DEBUG=1 $(PY) manage.py check
	SECRET_KEY=check-deploy-$$(date +%s)-a-long-random-enough-key-for-the-deploy-check \
	  ALLOWED_HOSTS=pulih.example DEBUG=0 $(PY) manage.py check --deploy --fail-level WARNING

test: check
	scripts/with-postgres.sh scripts/with-services.sh $(BIN)/pytest -n 2 -p no:cacheprovider $(PYTEST_ARGS)

# The app served as deployed on the scale data set; `make bench BENCH_FACILITIES=500` is national size.
BENCH_FACILITIES ?= 20
bench: $(BIN)/.installed-dev
	BENCH_FACILITIES=$(BENCH_FACILITIES) scripts/with-postgres.sh $(PY) scripts/bench.py

# In-process benchmarks of single features (import, report sizes), under tests/bench.
bench-units: $(BIN)/.installed-dev
	scripts/with-postgres.sh $(BIN)/pytest tests/bench -m bench -s -p no:cacheprovider -p no:xdist

clean:
	rm -rf $(VENV) var/static var/pulih.sqlite3
