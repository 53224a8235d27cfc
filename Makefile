# Study Desk — every target bootstraps what it needs.
#   make run     launch the app on the embedded study set
#   make test    run the whole test suite (unit, widgets, command line, end-to-end on Xvfb)
#   make bench   print the benchmarks with their baselines and ratios
#   make lint    ruff
#   make screenshots  refresh docs/*.png from the real app on Xvfb

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench lint screenshots system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

system-deps:
	@sh packaging/system-deps.sh $(if $(filter test bench screenshots,$(MAKECMDGOALS)),--test,)

run: system-deps $(STAMP)
	$(PY) -m desktop

test: system-deps $(STAMP)
	$(PY) -m pytest

bench: system-deps $(STAMP)
	$(PY) -m tests.bench

screenshots: system-deps $(STAMP)
	$(PY) -m tests.screenshots

lint: $(STAMP)
	$(PY) -m ruff check desktop db tests

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
