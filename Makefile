# Study Desk — every target bootstraps what it needs.
#   make run     launch the app on the embedded study set
#   make test    run the whole test suite (unit, widgets, command line, end-to-end on Xvfb)
#   make bench   print the benchmarks with their baselines and ratios
#   make dist    build the PyInstaller bundle, a tar.gz and a .deb in dist/
#   make install / make uninstall   for the current user, under ~/.local (no root)
#   make test-dist  the packaging tests on the built bundle
#   make lint    ruff and mypy (mypy's settings are in pyproject.toml)
#   make screenshots  refresh docs/*.png from the real app on Xvfb

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-dist dist install uninstall icons bench lint screenshots system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

system-deps:
	@sh packaging/system-deps.sh $(if $(filter test test-dist dist bench screenshots,$(MAKECMDGOALS)),--test,)

run: system-deps $(STAMP)
	$(PY) -m desktop

test: system-deps $(STAMP)
	$(PY) -m pytest -m "not dist"

# The frozen bundle: build it, then start it as a user would (CI runs this too).
dist: system-deps $(STAMP)
	$(PY) -m pip install --quiet "pyinstaller>=6.10"
	PY=$(PY) sh packaging/build-dist.sh

test-dist: dist
	$(PY) -m pytest -m dist

install:
	@test -x dist/studydesk/studydesk || $(MAKE) dist
	sh packaging/install.sh

uninstall:
	sh packaging/uninstall.sh

icons: $(STAMP)
	$(PY) packaging/render_icons.py

bench: system-deps $(STAMP) dist
	$(PY) -m tests.bench

screenshots: system-deps $(STAMP)
	$(PY) -m tests.screenshots
	STUDYDESK_JOURNEY_DOCS=1 $(PY) -m pytest -q -p no:cacheprovider tests/e2e/test_library_journey.py

lint: $(STAMP)
	$(PY) -m ruff check desktop db tests
	$(PY) -m ruff format --check desktop db tests
	$(PY) -m mypy

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .bench-cache
