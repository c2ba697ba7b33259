# SIT Chartreuse: the README's commands. Each one does its own set-up.
PY := .venv/bin/python
PROFILE ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default
DEMO_STORE := demo/coeur-de-chartreuse.gpkg

.PHONY: setup setup-serve setup-test demo qgis check test test-all bench package install clean

# What the demo needs (no PostgreSQL)...
setup:
	@scripts/setup.sh

# ...what the web services add...
setup-serve:
	@scripts/setup.sh serve

# ...and what the tests and the bench add.
setup-test:
	@scripts/setup.sh test

package: setup
	@$(PY) scripts/package.py dist/sit_chartreuse.zip

install: package
	@$(PY) scripts/install_plugin.py dist/sit_chartreuse.zip "$(PROFILE)"

demo: install
	@QT_QPA_PLATFORM=offscreen $(PY) scripts/demo.py $(DEMO_STORE)

qgis: demo
	@scripts/qgis.sh $(DEMO_STORE) "$(PROFILE)"

# Lint (ruff), types (mypy) and the unit tests without QGIS, in a few seconds.
check: setup
	@scripts/check.sh

test: setup-test
	@scripts/check.sh
	@scripts/test.sh

# `make test` here, then `make demo` and `make test` on the other Debian
# release in a cached chroot (REBUILD=1 builds that chroot again).
test-all:
	@scripts/test_all.sh $(if $(REBUILD),--rebuild)

bench: setup-test
	@port=$$(scripts/pg_setup.sh) && SIT_TEST_PGPORT=$$port QT_QPA_PLATFORM=offscreen $(PY) -m bench

clean:
	rm -rf build dist demo/*.gpkg demo/out test-artifacts

# QGIS Server over a store (the demo's by default, built if missing): nginx on
# http://localhost:$(PORT) in front of $(WORKERS) FastCGI workers, runtime
# files in build/serve/. Stops on Ctrl-C or `make serve-stop`.
STORE ?= $(DEMO_STORE)
PORT ?= 8080
WORKERS ?= 4
.PHONY: serve serve-stop

serve: setup-serve
	@$(PY) scripts/serve.py --store "$(STORE)" --port $(PORT) --workers $(WORKERS)

serve-stop:
	@$(PY) scripts/serve.py stop
