# Two entry points (README "Quick start"): `make run` and `make test`.
# Each creates .venv when it is absent and installs the project into it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SOURCES ?= $(if $(SHARINGGRAPH_SOURCES),$(SHARINGGRAPH_SOURCES),../shared/seeds)

.PHONY: run test clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	SHARINGGRAPH_SOURCES=$(SOURCES) $(BIN)/sharinggraph build --out out
	SHARINGGRAPH_SOURCES=$(SOURCES) $(BIN)/sharinggraph validate
	@echo; echo "Who receives criminal offence data?"
	SHARINGGRAPH_SOURCES=$(SOURCES) $(BIN)/sharinggraph query run --file queries/examples/criminal-offence-data-recipients.rq
	@echo; echo "Recipients named by each notice, as worded:"
	SHARINGGRAPH_SOURCES=$(SOURCES) $(BIN)/sharinggraph query run --file queries/examples/recipients-by-notice.rq --format csv -o out/recipients-by-notice.csv

test: $(STAMP)
	SHARINGGRAPH_SOURCES=$(SOURCES) $(BIN)/pytest -q

clean:
	rm -rf out $(VENV) .pytest_cache
