# resolution-cli: the two set-up commands are `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT ?= demo-out
CORPUS ?= ../shared/corpus/ga78
ENGINE ?=

.PHONY: demo test lint compiled test-compiled fidelity bench fuzz clean

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

## compiled: a copy of this tree in $(COMPILED)/ whose text -> AKN path (the modules pyproject.toml's
## [tool.resolution-cli] compiled names) mypyc has compiled to C, built in place there; the project's
## own install stays pure Python, so an edit to a module is never hidden by a stale build of it
COMPILED := build/compiled
COMPILE_NEEDS := 'setuptools>=77' mypy==2.4.1 lxml-stubs  # mypyc type-checks what it compiles
COPY_TREE = git ls-files -z --cached --others --exclude-standard | tar -c --null -T - | tar -x -C $(COMPILED)
$(COMPILED)/.built: $(BIN)/resolution pyproject.toml setup.py $(wildcard resolution_cli/*.py resolution_cli/*/*.py)
	$(BIN)/pip install --quiet $(COMPILE_NEEDS)
	rm -rf $(COMPILED) && mkdir -p $(COMPILED)
	$(COPY_TREE)
	cd $(COMPILED) && RESOLUTION_CLI_COMPILE=1 $(CURDIR)/$(BIN)/python setup.py --quiet build_ext --inplace --parallel 2
	touch $@
compiled: $(COMPILED)/.built
	@echo "compiled build: PYTHONPATH=$(CURDIR)/$(COMPILED) $(BIN)/resolution ... runs it"

## test-compiled: the tests of the compiled modules, run on the compiled build (and one that they are
## compiled); not the patterns' own tests: the regular expressions run in the same C engine either way
COMPILED_TESTS ?= tests/test_compiled_build.py tests/test_text_golden.py tests/test_text_reader.py \
  tests/test_references.py tests/test_akn_export.py tests/test_akn_escaping.py tests/test_model_records.py \
  tests/test_forms.py tests/test_lead_vocabulary.py tests/test_build_formula.py \
  tests/test_hostile_inputs.py tests/test_schema_profile.py tests/cli/test_plain_convert.py
test-compiled: $(COMPILED)/.built
	$(COPY_TREE)  # the tests as they are now (a change to the compiled modules rebuilds them first)
	cd $(COMPILED) && RESOLUTION_CLI_EXPECT_COMPILED=1 PYTHONPATH=$(CURDIR)/$(COMPILED) $(CURDIR)/$(BIN)/pytest -n auto $(COMPILED_TESTS)

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
