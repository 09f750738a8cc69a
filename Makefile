# Two commands do everything: `make lab` (read the notebooks) and `make test` (check them).
# Both build the local virtual environment .venv on first use and reuse it afterwards.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)  # containers often run as root

.PHONY: lab test mutants notebooks external site bench lock clean

PORT ?= 8888
ARGS ?=

lab: $(READY)  ## open JupyterLab at the repository root on the index notebook (PORT=, ARGS=)
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=$(CURDIR) --port=$(PORT) $(ARGS) \
		notebooks/00-index.ipynb

test: $(READY)  ## lint, unit tests, strict nbval over every notebook, the site in a browser
	$(BIN)/ruff check src tests notebooks tools
	$(BIN)/ruff format --check src tests notebooks tools
	$(BIN)/pytest

# MUTANTS: a mutmut name pattern to check only some, e.g. 'helpers.*__mutmut_*[0369]' (40 %)
MUTANTS ?=

mutants: $(READY)  ## mutation testing of src/helpers by the unit tests alone (slow; not in test)
	rm -rf mutants
	$(BIN)/mutmut run --max-children 2 $(if $(MUTANTS),'$(MUTANTS)')
	$(BIN)/mutmut export-cicd-stats
	$(BIN)/python -c "import json; s = json.load(open('mutants/mutmut-cicd-stats.json')); \
		checked = s['killed'] + s['survived'] + s['no_tests'] + s['timeout']; \
		print(f\"killed {s['killed']} of {checked} mutants checked: {s['killed'] / checked:.1%}\")"

notebooks: $(READY)  ## re-execute every notebook in place, top to bottom
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--NotebookClient.record_timing=False notebooks/*.ipynb

external: $(READY)  ## derive the research tables in data/ from the snapshots in data/external/
	$(BIN)/python tools/external.py

site: $(READY)  ## build the static HTML site into _site/ (open _site/index.html)
	$(BIN)/python tools/site.py _site

bench: $(READY)  ## measure notebooks, the suite and the floor; write bench/results.md
	$(BIN)/python tools/bench.py

lock: $(READY)  ## re-pin every installed package into requirements.lock
	$(BIN)/pip freeze --exclude-editable | grep -v '^cis-notebooks' > requirements.lock

clean:
	rm -rf $(VENV) _site test-artifacts mutants

$(READY): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[test]"
	touch $@
