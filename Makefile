# Two entry points (README "Quick start"): `make run` and `make test`.
# Each creates .venv when it is absent and installs the project into it.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# the notice texts: SHARINGGRAPH_SOURCES, else ../shared/seeds when it exists, else none (the build
# then says once that provenance was not verified)
SOURCES ?= $(if $(SHARINGGRAPH_SOURCES),$(SHARINGGRAPH_SOURCES),$(wildcard ../shared/seeds))

NODE_STAMP := node_modules/.installed

.PHONY: run test clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# cytoscape.js, which `export html` inlines into its offline page, and the workbench's SPARQL editor
# (CodeMirror 6), bundled by esbuild for `serve` to inline (package.json; never committed)
$(NODE_STAMP): package.json package-lock.json src/sharinggraph/serve/assets/editor.js
	npm ci --no-audit --no-fund --loglevel=error
	npm run --silent build
	touch $(NODE_STAMP)

run: $(STAMP) $(NODE_STAMP)
	SHARINGGRAPH_SOURCES=$(SOURCES) $(BIN)/sharinggraph build --out out
	@echo; echo "Validation (full report: out/validation.txt):"
	-SHARINGGRAPH_SOURCES=$(SOURCES) $(BIN)/sharinggraph validate -o out/validation.txt
	@echo; echo "Review pages (the notice text with its encoding and findings; open out/review/index.html):"
	SHARINGGRAPH_SOURCES=$(SOURCES) $(BIN)/sharinggraph review --all out/review
	@echo; echo "Headline: who may receive police data under s.11 Children Act 2004?"
	SHARINGGRAPH_SOURCES=$(SOURCES) $(BIN)/sharinggraph query run who-may-receive -p category=police -p gateway="s.11 Children Act 2004" --format csv -o out/who-may-receive-police-s11.csv
	@SHARINGGRAPH_SOURCES=$(SOURCES) $(BIN)/sharinggraph query run who-may-receive -p category=police -p gateway="s.11 Children Act 2004" --max-width 160 | head -28
	@echo; echo "Who receives criminal offence data?"
	SHARINGGRAPH_SOURCES=$(SOURCES) $(BIN)/sharinggraph query run criminal-offence-data-recipients --format csv -o out/criminal-offence-data-recipients.csv
	@echo; echo "Exports:"
	@for pair in jsonld:sharinggraph.jsonld graphml:sharinggraph.graphml gexf:sharinggraph.gexf \
	             cytoscape:sharinggraph.cyjs.json dot:sharinggraph.dot csv:statements.csv; do \
	  SHARINGGRAPH_SOURCES=$(SOURCES) $(BIN)/sharinggraph export $${pair%%:*} -o out/$${pair#*:} || exit 1; done
	SHARINGGRAPH_SOURCES=$(SOURCES) $(BIN)/sharinggraph export html -o out/sharing-map.html
	SHARINGGRAPH_SOURCES=$(SOURCES) $(BIN)/sharinggraph export html --council Westminster -o out/sharing-map-westminster.html
	@if command -v chromium >/dev/null; then for map in sharing-map sharing-map-westminster; do \
	  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
	    --user-data-dir=$$(mktemp -d) --proxy-server=127.0.0.1:9 --virtual-time-budget=20000 --window-size=1600,1000 \
	    --screenshot=out/$$map.png "file://$$(pwd)/out/$$map.html" 2>/dev/null && echo "wrote out/$$map.png"; done; \
	else echo "chromium not installed: no screenshot of the map"; fi
	@echo; echo "Query workbench running the headline query (sharinggraph serve, in Chromium):"
	SHARINGGRAPH_SOURCES=$(SOURCES) $(BIN)/python tools/screenshot_workbench.py out/workbench.png
	@echo; echo "Network analysis (full: out/network-report.txt):"
	SHARINGGRAPH_SOURCES=$(SOURCES) $(BIN)/sharinggraph report network -o out/network-report.txt && head -8 out/network-report.txt
	@echo; echo "Notices past their review date:"
	SHARINGGRAPH_SOURCES=$(SOURCES) $(BIN)/sharinggraph query run notices-past-review

test: $(STAMP) $(NODE_STAMP)
	SHARINGGRAPH_SOURCES=$(SOURCES) $(BIN)/pytest -q

clean:
	rm -rf out $(VENV) .pytest_cache node_modules
