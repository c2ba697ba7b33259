"""A real server for the web tests (test_server.py, test_web_page.py): real
HTTP through nginx to real QGIS Server workers (scripts/serve.py, as
`make serve` starts them), loopback only, over a store of each backend (on
PostgreSQL through login roles of the reader and writer roles, given by a
pg_service file), with the SIT's QGIS project stored in the store. Each test
module fills its own store; stopped whatever happens."""
import base64
import importlib.util
import json
import os
import re
import socket
import urllib.error
import urllib.request
import uuid

import pytest

from conftest import PG_SERVER, ROOT
from sit_chartreuse.core.storage import db, roles, store

_spec = importlib.util.spec_from_file_location("serve", os.path.join(ROOT, "scripts", "serve.py"))
serve = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(serve)

READER, WRITER = ("elus", "elus"), ("sit", "sit")
SERVICE = "sit"   # the libpq service the project's layers name (pg_service.conf says who)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Site:
    """A running server over a store: `location` as its owner, `url`."""

    def __init__(self, backend, location, server, logins):
        self.backend, self.location, self.server = backend, location, server
        self.logins = logins   # PostgreSQL: {"reader": login, "writer": login}
        self.url = server.url

    def call(self, method, path, auth=READER, body=None, headers=None):
        """(status, headers, body bytes) of one HTTP request."""
        data = body if body is None or isinstance(body, bytes) else \
            json.dumps(body).encode("utf-8")
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers=dict(headers or {}))
        if auth:
            token = base64.b64encode(("%s:%s" % auth).encode()).decode()
            request.add_header("Authorization", "Basic " + token)
        try:
            with urllib.request.urlopen(request, timeout=60) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def json(self, method, path, auth=READER, body=None, expect=200):
        status, headers, raw = self.call(method, path, auth, body)
        assert status == expect, raw
        assert re.match(r"application/(geo\+)?json", headers["Content-Type"]), raw
        return json.loads(raw)

    def conn(self):
        return store.open_store(self.location)


def _save_project(location):
    """The SIT's QGIS project, built and stored in the store."""
    from helpers import clear_project
    from qgis.core import QgsProject
    from sit_chartreuse.plugin.project import open_sit
    open_sit(location, QgsProject.instance())
    clear_project()


def _gpkg_store(tmp, fill):
    path = store.create_store(str(tmp / "sit.gpkg"))
    fill(path)
    _save_project(path)
    return path, path, path, {}


def _service_file(path, logins):
    """A pg_service.conf: {service: (login, password)} on the test server."""
    path.write_text("".join(
        "[%s]\nhost=%s\nport=%s\ndbname=%s\nuser=%s\npassword=%s\n\n"
        % (service, PG_SERVER["host"], PG_SERVER["port"], PG_SERVER["dbname"], login, password)
        for service, (login, password) in logins.items()))
    return str(path)


def _pg_store(tmp, fill, admin, cleanup):
    """A schema of its own, filled, with the SIT's QGIS project stored in it
    (qgis_projects) whose layers name the service `sit`: here it logs in as
    the owner, on the server as a login of the reader role (as on the Park's
    machines: the project holds no credentials). The routes write through
    the service `sit_ecriture`, a login of the writer role."""
    tag = uuid.uuid4().hex[:8]
    location = db.PgLocation("t_server_" + tag, dict(PG_SERVER))
    cleanup.append(("SCHEMA", location.schema))
    store.create_store(location)
    fill(location)
    reader, writer = ("postgres: service='%s' schema='%s'" % (service, location.schema)
                      for service in (SERVICE, SERVICE + "_ecriture"))
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PGSERVICEFILE", _service_file(tmp / "owner_service.conf", {
            SERVICE: (PG_SERVER["user"], PG_SERVER["password"])}))
        _save_project(reader)
    logins = {"reader": "sit_web_r_" + tag, "writer": "sit_web_w_" + tag}
    for login in logins.values():
        cleanup.append(("ROLE", login))
        admin.execute("CREATE ROLE %s LOGIN PASSWORD 'web'" % db.Dialect.quote(login))
    conn = store.open_store(location)
    try:
        group_roles = roles.grant_roles(conn, writer_members=[logins["writer"]],
                                        reader_members=[logins["reader"]])
    finally:
        conn.close()
    cleanup.extend(("ROLE", r) for r in group_roles)
    service_file = _service_file(tmp / "pg_service.conf", {
        SERVICE: (logins["reader"], "web"), SERVICE + "_ecriture": (logins["writer"], "web")})
    return location, reader, writer, {"PGSERVICEFILE": service_file}, logins


def running_site(backend, tmp_path_factory, fill):
    """A generator for a module's `site` fixture: a server over the SIT's own
    project (QGIS_PROJECT_FILE) in a store of `backend` that `fill(location)`
    filled first; yields a Site, then stops it and drops what it made."""
    tmp = tmp_path_factory.mktemp("server-" + backend)
    cleanup = []
    admin = None
    server = None
    try:
        if backend == "postgres":
            admin = db.pg_connect(db.PgLocation("public", dict(PG_SERVER)))
            location, reader, writer, env, logins = _pg_store(tmp, fill, admin, cleanup)
        else:
            location, reader, writer, env = _gpkg_store(tmp, fill)
            logins = {}
        server = serve.start(reader, writer, port=_free_port(), workers=2,
                             runtime=str(tmp / "run"), env=dict(os.environ, **env))
        yield Site(backend, location, server, logins)
    finally:
        if server is not None:
            server.stop()
        else:   # a start that failed half-way
            serve.stop(str(tmp / "run"))
        for kind, name in cleanup if admin else ():
            admin.execute("DROP %s IF EXISTS %s%s" % (kind, db.Dialect.quote(name),
                                                       " CASCADE" if kind == "SCHEMA" else ""))
        if admin is not None:
            admin.close()
