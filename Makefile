# resolution-cli: the two set-up commands are `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT ?= demo-out
CORPUS ?= ../shared/corpus/ga78
ENGINE ?=

.PHONY: demo test lint fidelity bench fuzz clean

$(BIN)/resolution: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

## demo: create the virtual environment, install, and convert every bundled sample into $(OUT)/
## (one batch per folder, every format `resolution formats` lists, in parallel: $(OUT)/pdf/A_RES_78_229.akn.xml ...)
demo: $(BIN)/resolution
	@for kind in pdf text akn; do \
	  $(BIN)/resolution convert samples/$$kind -d $(OUT)/$$kind $$($(BIN)/resolution formats | sed 's/^/-t /') || exit 1; \
	done
	@echo "outputs in $(OUT)/"

## test: install what the tests need and run them
## (-n auto: pytest-xdist, one worker per core, each test sent to the first worker free)
test: $(BIN)/resolution
	$(BIN)/pytest -n auto

lint: $(BIN)/resolution
	$(BIN)/pip install --quiet ruff mypy lxml-stubs
	$(BIN)/ruff check resolution_cli tests
	$(BIN)/mypy

## fidelity: hold the PDF conversion of every document in CORPUS against the UN's own markup
## (ENGINE=pdfium: with the PDFium engine)
fidelity: $(BIN)/resolution
	$(BIN)/python benchmarks/fidelity.py $(CORPUS) $(if $(ENGINE),--engine $(ENGINE))

## fuzz: mutated real documents through the command, a child process each (tests/fuzz/run.py);
## every crash with its seed and the command that reruns it. make fuzz N=20000 SEED=0 KINDS=pdf,text,akn,md
N ?= 20000
SEED ?= 0
KINDS ?= pdf,text,akn,md
JOBS ?= 2
fuzz: $(BIN)/resolution
	$(BIN)/python -m tests.fuzz.run --n $(N) --seed $(SEED) --kinds $(KINDS) --jobs $(JOBS)

clean:
	rm -rf $(VENV) $(OUT) build *.egg-info
