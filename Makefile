# flywheel-lab: `make lab` opens the series, `make test` runs every test.
# Both create .venv on first use (about 2 minutes) and reuse it afterwards.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
LAB_ARGS ?=

LOCK   := requirements.lock
PYTEST := -m pytest -n 2 --dist loadscope --nbval --nbval-current-env \
          --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-cell-timeout=900
EXTRAS := lab,test,site,hub

.PHONY: lab test setup lock lower compat links notebooks bench site clean

lab: $(STAMP)  ## set up and open JupyterLab on the first notebook
	JUPYTER_CONFIG_PATH="$(CURDIR)/jupyter_config$${JUPYTER_CONFIG_PATH:+:$$JUPYTER_CONFIG_PATH}" \
	  $(BIN)/jupyter lab $(ROOT_FLAG) $(LAB_ARGS) notebooks/00_start_here.ipynb

test: $(STAMP)  ## set up and run every test: unit, widget, browser and strict nbval
	$(BIN)/python $(PYTEST) tests notebooks

setup: $(STAMP)

$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r $(LOCK) -e ".[$(EXTRAS)]"
	-git config diff.notebook.textconv "$(BIN)/python tools/nbtext.py" 2>/dev/null  # readable notebook diffs (.gitattributes)
	touch $(STAMP)

lock:  ## after editing dependencies in pyproject.toml: re-resolve requirements.lock (keeps old pins that still fit)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python tools/lock.py $(LOCK_ARGS)

# CI's second job: pyproject.toml's lower bounds (torch at the locked version) in their own
# environment; the unit tests and strict nbval over every notebook must pass there too.
# Not run there: the tests of tools rather than the package (browser, website, hub, grading,
# student edition, figure check, re-execution); they run in the first job.
LOWER := build/lower
LOWER_SKIP := $(foreach t,browser kernels_browser site hub_load hub_security deploy nbgrader student_edition figures reexecution,--ignore=tests/test_$(t).py)
lower: $(LOWER)/.installed  ## run the unit tests and every notebook on the oldest supported versions
	$(LOWER)/bin/python $(PYTEST) $(LOWER_SKIP) tests notebooks

$(LOWER)/.installed: pyproject.toml $(LOCK)
	rm -rf $(LOWER) && $(PYTHON) -m venv $(LOWER)
	$(LOWER)/bin/python tools/lock.py --lower $(LOWER)/lower.txt
	$(LOWER)/bin/python -m pip install --quiet --upgrade pip
	$(LOWER)/bin/python -m pip install --quiet -c $(LOWER)/lower.txt -e ".[lab,test]"
	$(LOWER)/bin/python -m pip list --format=freeze > $(LOWER)/installed.txt
	touch $@

# Another Python: `make compat PYTHON=python3.13` builds build/compat-python3.13 from the lock
# (torch==2.13.0: for a Python other than 3.11 pip downloads its CUDA build, several GB).
COMPAT = build/compat-$(notdir $(PYTHON))
compat: $(COMPAT)/.installed  ## run every test under $(PYTHON) in a scratch environment
	$(COMPAT)/bin/python --version
	$(COMPAT)/bin/python $(PYTEST) tests notebooks

$(COMPAT)/.installed: pyproject.toml $(LOCK)
	rm -rf $(COMPAT) && $(PYTHON) -m venv $(COMPAT)
	$(COMPAT)/bin/python -m pip install --quiet --upgrade pip
	$(COMPAT)/bin/python -m pip install --quiet -r $(LOCK) -e ".[$(EXTRAS)]"
	touch $@

links: $(STAMP)  ## write the Colab cell and the Colab/Binder links from pyproject's [project.urls]
	$(BIN)/python tools/links.py

notebooks: $(STAMP)  ## build every notebook from its text source (notebooks/sources/*.md) and execute it (outputs are committed)
	$(BIN)/python tools/execute_notebooks.py

site: $(STAMP)  ## build the course website in build/site/ from the executed notebooks (works offline)
	$(BIN)/python -m sphinx -b html -q -W --keep-going -c book -d build/doctrees notebooks build/site

bench: $(STAMP)  ## measure notebook and widget speed, peak kernel memory, and what a class costs on one hub (see README)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/memory.py  # peak kernel memory per notebook, server sizing
	$(BIN)/python benchmarks/bench_classroom.py

.PHONY: student nbgrader report

student: $(STAMP)  ## write the student edition (solutions removed) to build/student/
	$(BIN)/python tools/classroom.py student --out build/student

nbgrader: $(STAMP)  ## write an nbgrader course folder to build/nbgrader/ (teacher guide: grading)
	$(BIN)/python tools/classroom.py nbgrader --out build/nbgrader

# REPORT_ARGS="--submitted DIR" (a folder of handed-in notebooks) or "--gradebook FILE";
# by default the course `make nbgrader` wrote: build/nbgrader/submitted and its gradebook.db.
REPORT_ARGS ?=
report: $(STAMP)  ## the class report: per exercise, who is right and which slips were made (teacher guide: what to reteach tomorrow)
	$(BIN)/python tools/classroom.py report $(REPORT_ARGS) --out build/report

clean:
	rm -rf $(VENV) build
