# HalfSky task runner. `make demo` and `make test` are the two set-up commands.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
VENDOR := halfsky/web/static/vendor
export DJANGO_SETTINGS_MODULE := halfsky.web.settings

.PHONY: demo test serve lint typecheck imports messages requirements assets deps dev-deps migrate clean

demo: deps assets migrate  ## set up (venv, dependencies, database, demo data, accounts) and serve
	$(BIN)/halfsky demo
	@echo "HalfSky runs at http://$(HOST):$(PORT)/  (Ctrl-C stops it)"
	$(BIN)/halfsky worker --quiet & trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	$(BIN)/halfsky manage runserver $(HOST):$(PORT)

serve: deps assets migrate  ## serve (with a background worker) without touching the demo data
	$(BIN)/halfsky worker --quiet & trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	$(BIN)/halfsky manage runserver $(HOST):$(PORT)

test: dev-deps assets  ## install what the tests need and run the whole suite
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest $(PYTEST_ARGS)

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check . || true

typecheck:
	$(BIN)/mypy

imports:  ## check the order of layers and apps (import-linter contracts in pyproject.toml)
	$(BIN)/lint-imports

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

deps: $(VENV)/.deps
$(VENV)/.deps: $(BIN)/python requirements.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

dev-deps: $(VENV)/.dev-deps
$(VENV)/.dev-deps: $(BIN)/python requirements.txt requirements-dev.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.deps

assets: $(VENDOR)/.stamp
$(VENDOR)/.stamp: package.json package-lock.json
	npm ci --ignore-scripts --no-fund --no-audit --loglevel=error
	mkdir -p $(VENDOR)/swagger-ui
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/
	cp node_modules/echarts/dist/echarts.min.js $(VENDOR)/  # charts, Apache-2.0
	mkdir -p $(VENDOR)/fonts  # the open CJK font of report charts and PDFs (SIL OFL)
	cd node_modules/@expo-google-fonts/noto-sans-sc && cp 400Regular/NotoSansSC_400Regular.ttf \
	  700Bold/NotoSansSC_700Bold.ttf LICENSE_FONT ../../../$(VENDOR)/fonts/
	cd node_modules/swagger-ui-dist && cp swagger-ui-bundle.js swagger-ui.css swagger-ui.css.map \
	  LICENSE NOTICE ../../$(VENDOR)/swagger-ui/
	touch $@

migrate: deps
	mkdir -p var
	$(BIN)/halfsky manage migrate --noinput -v 0

messages:  ## extract and compile translations (needs GNU gettext)
	cd halfsky/web && ../../$(BIN)/django-admin makemessages -l zh_Hans --no-obsolete --no-location
	cd halfsky/web && ../../$(BIN)/django-admin compilemessages

requirements:  ## re-pin the dependencies after changing pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url -o requirements.txt pyproject.toml
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --extra dev -o requirements-dev.txt pyproject.toml

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var
