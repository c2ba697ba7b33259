# SIT Chartreuse: the README's commands. Each one does its own set-up.
PY := .venv/bin/python
PROFILE ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/default
DEMO_STORE := demo/coeur-de-chartreuse.gpkg

.PHONY: setup demo qgis test bench package install clean

setup:
	@scripts/setup.sh

package: setup
	@$(PY) scripts/package.py dist/sit_chartreuse.zip

install: package
	@$(PY) scripts/install_plugin.py dist/sit_chartreuse.zip "$(PROFILE)"

demo: install
	@QT_QPA_PLATFORM=offscreen $(PY) scripts/demo.py $(DEMO_STORE)

qgis: demo
	@scripts/qgis.sh $(DEMO_STORE) "$(PROFILE)"

test: setup
	@scripts/test.sh

bench: setup
	@scripts/pg_setup.sh
	@QT_QPA_PLATFORM=offscreen $(PY) -m bench

clean:
	rm -rf build dist demo/*.gpkg demo/out test-artifacts

# QGIS Server over a store (the demo's by default, built if missing): nginx on
# http://localhost:$(PORT) in front of $(WORKERS) FastCGI workers, runtime
# files in build/serve/. Stops on Ctrl-C or `make serve-stop`.
STORE ?= $(DEMO_STORE)
PORT ?= 8080
WORKERS ?= 4
.PHONY: serve serve-stop

serve: setup
	@$(PY) scripts/serve.py --store "$(STORE)" --port $(PORT) --workers $(WORKERS)

serve-stop:
	@$(PY) scripts/serve.py stop
