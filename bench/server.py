"""QGIS Server under load (issue 14, point 7): wrk on loopback against the
constraints of a dossier, a WMS GetMap of the catalogue and, as the floor,
QGIS Server's own GetCapabilities, at 1, 10 and 50 concurrent clients, a few
seconds each, over the demo store served as `make serve` serves it."""
import base64
import importlib.util
import os
import re
import socket
import sqlite3
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLIENTS = (1, 10, 50)
SECONDS = 4
WORKERS = 4


def _serve():
    spec = importlib.util.spec_from_file_location("serve", os.path.join(ROOT, "scripts",
                                                                        "serve.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _ms(text):
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(url, clients, auth):
    """(requests/s, median ms, p99 ms, non-2xx count) of `clients` connections."""
    out = subprocess.run(["wrk", "-t", str(min(clients, 2)), "-c", str(clients),
                          "-d", "%ds" % SECONDS, "--latency", "-H", "Authorization: " + auth,
                          url], capture_output=True, text=True, check=True).stdout
    median = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, median, p99, int(errors.group(1)) if errors else 0


def run(workdir, report):
    store = os.path.join(workdir, "demo.gpkg")
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "demo.py"), store],
                   check=True, capture_output=True, env=dict(os.environ,
                                                             QT_QPA_PLATFORM="offscreen"))
    conn = sqlite3.connect(store)
    numero = conn.execute("SELECT numero FROM ads_dossier WHERE geom IS NOT NULL "
                          "ORDER BY numero LIMIT 1").fetchone()[0]
    conn.close()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    serve = _serve()
    server = serve.start(store, port=port, workers=WORKERS, runtime=os.path.join(workdir, "run"))
    auth = "Basic " + base64.b64encode(b"elus:elus").decode()
    targets = (
        ("constraints of a dossier", "/sit/openads/dossiers/%s/contraintes" % numero,
         "< 50 ms median at 10"),
        ("WMS GetMap (zones, parcels)", "/?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS="
         "Zones%20du%20PLUi,Parcelles%20cadastrales&STYLES=&CRS=EPSG:2154"
         "&BBOX=900000,6450000,930000,6480000&WIDTH=512&HEIGHT=512&FORMAT=image/png", ""),
        ("WMS GetCapabilities (floor)", "/?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetCapabilities",
         ""))
    try:
        for what, path, target in targets:
            wrk(server.url + path, WORKERS, auth)   # warm-up: every worker connected
            for clients in CLIENTS:
                rate, median, p99, errors = wrk(server.url + path, clients, auth)
                report("#14", "server, %s, %d clients (%d workers)" % (what, clients, WORKERS),
                       "%.0f req/s" % rate, "median %.1f ms, p99 %.1f ms%s" % (
                           median, p99, ", %d errors" % errors if errors else ""),
                       target if clients == 10 else "")
    finally:
        server.stop()
