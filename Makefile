# HalfSky task runner. `make demo` and `make test` are the two set-up commands.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
VENDOR := halfsky/web/static/vendor
export DJANGO_SETTINGS_MODULE := halfsky.web.settings

.PHONY: demo test serve bundle lint typecheck imports messages requirements assets deps dev-deps migrate clean

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

# The offline bundle: pinned wheels, HalfSky's own wheel (with the front-end assets), deploy/
# and the install script. BUNDLE_PIP_ARGS targets another machine, e.g.
# BUNDLE_PIP_ARGS="--python-version 3.12 --platform manylinux_2_28_x86_64 --only-binary=:all:"
BUNDLE_PIP_ARGS ?=
BUNDLE := dist/halfsky-bundle
bundle: deps assets  ## build dist/halfsky-bundle.tar.gz, installable without internet
	rm -rf $(BUNDLE) $(BUNDLE).tar.gz build
	mkdir -p $(BUNDLE)/wheels
	$(BIN)/pip download --quiet --no-deps $(BUNDLE_PIP_ARGS) -d $(BUNDLE)/wheels \
	  $$(grep -E '^[A-Za-z0-9_.-]+==' requirements.txt)
	$(BIN)/pip wheel --quiet --no-deps -w $(BUNDLE)/wheels .
	rm -rf build
	cp -r deploy README.md requirements.txt $(BUNDLE)/
	cp deploy/install-offline.sh $(BUNDLE)/install.sh
	{ echo "HalfSky bundle made $$(date -u +%Y-%m-%dT%H:%MZ)"; \
	  $(BIN)/python -c 'import sys,platform; print("python", sys.version.split()[0], platform.machine())'; \
	  echo "pip arguments: $(BUNDLE_PIP_ARGS)"; } > $(BUNDLE)/bundle-info.txt
	tar -C dist -czf $(BUNDLE).tar.gz halfsky-bundle
	@echo "offline bundle: $(BUNDLE).tar.gz"

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
