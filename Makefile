# One command for each job; each installs what is missing first.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install app test test-slow test-browser test-all bench lint clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

## the main job: the Streamlit app on the bundled seed thread
app: $(STAMP)
	$(BIN)/streamlit run app.py --server.headless true --browser.gatherUsageStats false

## the default test run (CI runs this via .ci/run)
test: $(STAMP)
	bash .ci/install-browser || echo "Chromium could not be installed: browser tests will be skipped"
	$(BIN)/python -m pytest

test-slow: $(STAMP)
	$(BIN)/python -m pytest -m slow

test-browser: $(STAMP)
	bash .ci/install-browser
	$(BIN)/python -m pytest -m browser

test-all: $(STAMP)
	$(BIN)/python -m pytest -m ""

bench: $(STAMP)
	$(BIN)/python bench/reconstruct.py

lint: $(STAMP)
	$(BIN)/ruff check argmap tests bench app.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
