# Two commands for a fresh machine (Python 3.11): `make run` and `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
STAMP  := $(VENV)/.installed

.PHONY: setup run test lint train evaluate bench browser-deps clean

setup: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

run: setup  ## set up and start the app on http://localhost:$(PORT)
	$(PY) -m streamlit run app.py --server.port $(PORT)

# Debian's Chromium for the real-browser test (Playwright's own browser download cannot work offline).
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "note: /usr/bin/chromium missing and not root: browser tests will be skipped (sudo apt-get install chromium)"; fi; \
	fi

lint: setup
	$(PY) -m ruff check .

test: setup browser-deps lint  ## set up and run every test
	$(PY) -m pytest

train: setup  ## rebuild assets/checkpoints/ from scratch (seeded)
	$(PY) -m tutorial_model.train

evaluate: setup
	$(PY) -m tutorial_model.evaluate

bench: setup
	$(PY) bench/bench_trace.py
	@if [ -f bench/bench_app.py ]; then $(PY) bench/bench_app.py; fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache artifacts bench/results
