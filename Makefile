# flywheel-lab: `make lab` opens the series, `make test` runs every test.
# Both create .venv on first use (about 2 minutes) and reuse it afterwards.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
LAB_ARGS ?=

.PHONY: lab test setup notebooks bench site clean

lab: $(STAMP)  ## set up and open JupyterLab on the first notebook
	JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter_config$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
	  $(BIN)/jupyter lab $(ROOT_FLAG) $(LAB_ARGS) notebooks/00_start_here.ipynb

test: $(STAMP)  ## set up and run every test: unit, widget, browser and strict nbval
	$(BIN)/python -m pytest -n 2 --dist loadscope --nbval --nbval-current-env \
	  --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-cell-timeout=900 \
	  tests notebooks

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[lab,test,hub]"
	touch $(STAMP)

notebooks: $(STAMP)  ## re-execute every notebook in place (outputs are committed)
	$(BIN)/python tools/execute_notebooks.py

site: $(STAMP)  ## render the executed series to static HTML in site/ (works offline)
	$(BIN)/python tools/build_site.py --out site

bench: $(STAMP)  ## measure notebook and widget speed, peak kernel memory, and what a class costs on one hub (see README)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/memory.py  # peak kernel memory per notebook, server sizing
	$(BIN)/python benchmarks/bench_classroom.py

.PHONY: student nbgrader

student: $(STAMP)  ## write the student edition (solutions removed) to build/student/
	$(BIN)/python tools/classroom.py student --out build/student

nbgrader: $(STAMP)  ## write an nbgrader course folder to build/nbgrader/ (teacher guide: grading)
	$(BIN)/python tools/classroom.py nbgrader --out build/nbgrader

clean:
	rm -rf $(VENV) build site
