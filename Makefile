# Two commands for people (see README): `make site` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: site test lint lock clean benchmark

# Set up the runtime environment from the lock file, then build the course site into site/.
site: $(VENV)/.site
	$(BIN)/coursegen build

# Set up the test environment from the lock file, then lint, type-check and run every test.
test: $(VENV)/.test node_modules/.installed
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest

$(VENV)/.site: requirements/site.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements/site.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.test: requirements/test.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements/test.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.site

# axe-core for the accessibility tests, pinned by package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

# Build synthetic catalogues of 1-100 standards and print the table of docs/benchmarks.md.
benchmark: $(VENV)/.site
	$(BIN)/python -m benchmarks --sizes 1,10,50,100 --json build/benchmarks.json

# Re-pin every dependency (needs network to the package index).
lock:
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes -o requirements/site.lock
	$(PYTHON) -m uv pip compile pyproject.toml --extra test --universal --python-version 3.11 --generate-hashes -o requirements/test.lock
	npm install --package-lock-only --no-audit --no-fund

clean:
	rm -rf site build .venv node_modules
