# Two commands for a fresh machine (Python 3.11): `make run` and `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
STAMP  := $(VENV)/.installed

.PHONY: setup run serve-class test lint train train-experiments train-families train-foundations train-seeds retrain-all evaluate bench browser-deps db-deps clean

setup: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

run: setup  ## set up, start the app and warm it (every page opened once), then print its addresses
	$(PY) deploy/run_warm.py --port $(PORT)

# A class or a school: one app process per core behind nginx (Debian's package, installed here when root),
# sticky sessions by cookie, websockets upgraded. CLASS_PORT is where nginx listens; PROCS=N overrides the count.
CLASS_PORT ?= 8080
serve-class: setup
	sh deploy/install_nginx.sh
	$(PY) deploy/serve_class.py --port $(CLASS_PORT) $(if $(PROCS),--procs $(PROCS))

# Debian's Chromium for the real-browser test (Playwright's own browser download cannot work offline),
# and a CJK font so Chinese renders in the browser and in screenshots instead of boxes.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "noto.*cjk"; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "note: not root: install chromium and fonts-noto-cjk yourself (browser tests skip without Chromium)"; fi; \
	fi

# Debian's PostgreSQL for the class-store tests and bench (tests/test_class_store.py runs them on SQLite and on
# PostgreSQL): installed and started when root, with a role and database tl_test; a note without root.
db-deps:
	@sh deploy/install_postgres.sh

lint: setup
	$(PY) -m ruff check .

test: setup browser-deps db-deps lint  ## set up and run every test
	$(PY) -m pytest

train: setup  ## rebuild every checkpoint in assets/checkpoints/ from scratch (seeded), then the metrics the pages show
	$(PY) -m tutorial_model.train
	$(PY) -m tutorial_model.train --model all
	$(PY) -m tutorial_model.evaluate --write-meta
	$(PY) -m tutorial_model.head_importance

# Issue 13: the encoder-only and decoder-only families (registry.py), each a few minutes on 2 CPU threads.
train-families: setup  ## train the BERT-style encoder, the GPT-style decoder and the prefix LM
	for m in bert gpt prefix_lm; do $(PY) -m tutorial_model.train --model $$m || exit 1; done

# Issue 11: the shipped model with one part changed (tutorial_model/config.py VARIANTS), each seeded, same corpus,
# steps and schedule, into assets/checkpoints/experiments/<name>/; then the head importance of the shipped model.
train-experiments: setup  ## train every experiment variant, and measure head importance
	for v in $$($(PY) -c "from tutorial_model.config import VARIANTS; print(' '.join(VARIANTS))"); do \
	  $(PY) -m tutorial_model.train --variant $$v || exit 1; \
	done
	$(PY) -m tutorial_model.head_importance

# Issue 23: the convolutional translator and the non-autoregressive one (registry.py), each ~20 min of one core.
train-foundations: setup  ## train the ConvS2S-style and the non-autoregressive translators
	for m in conv nat; do $(PY) -m tutorial_model.train --model $$m || exit 1; done

# Issue 19: the shipped model, the recurrent models and the experiments again at seeds 1 and 2, scores only
# (assets/checkpoints/seed_spread.json): several core-hours on a 2-core CPU.
train-seeds: setup  ## measure the seed-to-seed spread of every compared model
	$(PY) -m tutorial_model.seeds --seeds 1 2 --models transformer rnn lstm lstm_attn \
	  $$($(PY) -c "from tutorial_model.config import VARIANTS; print(' '.join('variant:' + v for v in VARIANTS))")

# After a corpus change, every checkpoint and the seed spread again (tutorial_model/retrain.py): JOBS trainings at
# once, each its own process. On the 2-core CPU two, one thread each (several core-hours in all); on a machine with a
# GPU, e.g. `make retrain-all DEVICE=cuda JOBS=16 THREADS=2`.
JOBS    ?= 2
THREADS ?= 1
DEVICE  ?= cpu
retrain-all: setup  ## after a corpus change: every checkpoint, trained JOBS at a time
	$(PY) -m tutorial_model.retrain --jobs $(JOBS) --threads $(THREADS) --device $(DEVICE)

evaluate: setup  ## the Transformer on the test split, then the four-model comparison table
	$(PY) -m tutorial_model.evaluate
	$(PY) -m tutorial_model.compare

bench: setup
	$(PY) bench/bench_trace.py
	$(PY) bench/bench_recurrence.py
	@if [ -f bench/bench_app.py ]; then $(PY) bench/bench_app.py; fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache artifacts bench/results
