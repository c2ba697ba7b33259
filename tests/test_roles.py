"""Writer and reader roles on a SIT in PostgreSQL (sitchartreuse:pgroles).

Real roles on the real server, each test connecting as two login roles of its
own: the database refuses the reader's writes (plain SQL, the domain,
Processing, a QGIS edit session) and says so plainly; the writer's writes pass
the store's rules. Names with quotes and semicolons harm nothing.
"""
import uuid
from dataclasses import dataclass

import pytest

from conftest import PG_SERVER
from helpers import clear_project
from ledger_helpers import PAV_XY, sample_features, wkb
from sit_chartreuse.core.ledger import ledger
from sit_chartreuse.core.storage import db, roles, store

quote = db.Dialect.quote
PASSWORD = "mot de passe d'essai"
READ_ONLY = "may read this SIT but not write it"


@pytest.fixture
def cleanup(pg_admin):
    """Schemas, then roles, dropped at teardown: roles are cluster-wide, and
    a role still holding privileges cannot be dropped."""
    schemas, names = [], []
    yield schemas, names
    for schema in schemas:
        pg_admin.execute("DROP SCHEMA IF EXISTS %s CASCADE" % quote(schema))
    for name in names:
        pg_admin.execute("DROP ROLE IF EXISTS %s" % quote(name))


@dataclass
class RolesSit:
    location: db.PgLocation   # as the owner (sit_admin)
    uuids: dict               # {table: uuid} of the sample features
    writer: db.PgLocation     # as a login member of the writer role
    reader: db.PgLocation     # as a login member of the reader role
    roles: dict               # the algorithm's outputs


def make_roles_sit(location, pg_admin, run_algorithm, cleanup):
    """A store with sample features, its roles granted by the algorithm, and
    two fresh login roles, one writer and one reader."""
    schemas, names = cleanup
    location = db.parse_location(location)
    schemas.append(location.schema)
    store.create_store(location)
    uuids = sample_features(location)
    tag = uuid.uuid4().hex[:10]
    logins = {"writer": "sit_w_" + tag, "reader": "sit_r_" + tag}
    for login in logins.values():
        names.append(login)
        pg_admin.execute("CREATE ROLE %s LOGIN PASSWORD ?" % quote(login), (PASSWORD,))
    writer, reader = roles.default_names(location.schema)
    names += [writer, reader]
    outputs = run_algorithm("pgroles", {"STORE": str(location),
                                        "WRITERS": logins["writer"],
                                        "READERS": logins["reader"]})

    def as_login(login):
        return db.PgLocation(location.schema, dict(PG_SERVER, user=login, password=PASSWORD))
    return RolesSit(location, uuids, as_login(logins["writer"]), as_login(logins["reader"]),
                    outputs)


@pytest.fixture
def sit(pg_location, pg_admin, run_algorithm, cleanup):
    return make_roles_sit(pg_location, pg_admin, run_algorithm, cleanup)


def count(location, table):
    conn = store.open_store(location)
    try:
        return conn.execute("SELECT count(*) FROM %s" % quote(table)).fetchone()[0]
    finally:
        conn.close()


def privileges(pg_admin, schema, role):
    """{table: set of privileges} `role` holds on the tables of `schema`."""
    rows = pg_admin.execute(
        "SELECT c.relname, a.privilege_type FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "CROSS JOIN LATERAL aclexplode(c.relacl) a JOIN pg_roles r ON r.oid = a.grantee "
        "WHERE n.nspname = ? AND r.rolname = ? AND c.relkind = 'r'", (schema, role))
    out = {}
    for table, privilege in rows:
        out.setdefault(table, set()).add(privilege)
    return out


def test_pgroles_creates_nologin_group_roles_with_the_logins_as_members(sit, pg_admin):
    schema = sit.location.schema
    assert sit.roles == {"WRITER_ROLE": schema + "_writer", "READER_ROLE": schema + "_reader"}
    for role, login in ((sit.roles["WRITER_ROLE"], sit.writer.params["user"]),
                        (sit.roles["READER_ROLE"], sit.reader.params["user"])):
        assert pg_admin.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = ?",
                                (role,)).fetchone() == (False,)
        assert pg_admin.execute("SELECT pg_has_role(?, ?, 'MEMBER')",
                                (login, role)).fetchone() == (True,)


def test_privileges_reader_selects_writer_writes_data_and_issues_settlements(sit, pg_admin):
    schema = sit.location.schema
    reader = privileges(pg_admin, schema, sit.roles["READER_ROLE"])
    writer = privileges(pg_admin, schema, sit.roles["WRITER_ROLE"])
    tables = {r[0] for r in pg_admin.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = ?", (schema,))}
    assert set(reader) == tables and all(p == {"SELECT"} for p in reader.values())
    assert set(writer) == tables
    dml = {"SELECT", "INSERT", "UPDATE", "DELETE"}
    for table in ("pav", "ticket", "time_entry", "convention", "convention_line",
                  "hosting_cost", "deleted_feature", "zone_urba"):
        assert writer[table] == dml, table
    assert writer["sit_meta"] == writer["codelist"] == {"SELECT"}
    assert writer["settlement"] == {"SELECT", "INSERT", "UPDATE"}
    assert writer["settlement_line"] == {"SELECT", "INSERT"}
    assert writer["gpkg_contents"] == {"SELECT", "UPDATE"}
    sequence = "%s.time_entry_fid_seq" % quote(schema)
    assert pg_admin.execute(
        "SELECT has_sequence_privilege(?, ?, 'USAGE'), has_sequence_privilege(?, ?, 'USAGE')",
        (sit.roles["WRITER_ROLE"], sequence, sit.roles["READER_ROLE"], sequence)
    ).fetchone() == (True, False)


def test_pgroles_again_restores_the_same_privileges(sit, pg_admin, run_algorithm):
    schema = sit.location.schema
    before = {r: privileges(pg_admin, schema, r) for r in sit.roles.values()}
    pg_admin.execute("GRANT DELETE ON %s.settlement TO %s"   # granted by hand meanwhile
                     % (quote(schema), quote(sit.roles["WRITER_ROLE"])))
    assert run_algorithm("pgroles", {"STORE": str(sit.location)}) == sit.roles
    assert {r: privileges(pg_admin, schema, r) for r in sit.roles.values()} == before


def test_tables_created_later_get_the_same_privileges(sit, pg_admin):
    """What a later migration (run as the owner) creates is granted too."""
    conn = store.open_store(sit.location)
    conn.execute("CREATE TABLE later (fid bigserial PRIMARY KEY, note text)")
    conn.close()
    writer = store.open_store(sit.writer)
    writer.execute("INSERT INTO later (note) VALUES ('écrit')")
    writer.close()
    reader = store.open_store(sit.reader)
    assert reader.execute("SELECT note FROM later").fetchall() == [("écrit",)]
    with pytest.raises(db.ReadOnlyError, match=READ_ONLY):
        reader.execute("INSERT INTO later (note) VALUES ('refusé')")
    reader.close()


def test_reader_reads_but_its_plain_sql_writes_fail_at_the_database(sit):
    conn = store.open_store(sit.reader)
    try:
        assert conn.execute("SELECT uuid FROM pav").fetchall() == [(sit.uuids["pav"],)]
        assert conn.execute("SELECT count(*) FROM codelist").fetchone()[0] > 0
        assert conn.execute("SELECT count(*) FROM convention").fetchone()[0] == 1
        geom = db.dialect(conn).geom_from_wkb
        for sql, params in (
                ("INSERT INTO ticket (application, category, title, opened_on) "
                 "VALUES ('pav', 'hotline', 'appel', '2026-03-02')", ()),
                ("INSERT INTO time_entry (ticket_uuid, work_date, agent, minutes) "
                 "VALUES ('x', '2026-03-02', 'a', 60)", ()),
                ("INSERT INTO pav (geom, flux) VALUES (%s, 'verre')" % geom,
                 (wkb("POINT (%s %s)" % PAV_XY),)),
                ("INSERT INTO convention (reference, beneficiary_siren, start_date, "
                 "duration_years) VALUES ('C2', '200040111', '2027-01-01', 3)", ()),
                ("UPDATE pav SET flux = 'papier'", ()),
                ("DELETE FROM pav", ()),
                ("UPDATE convention_line SET unit_price_cents = 1", ()),
                ("DELETE FROM codelist", ())):
            with pytest.raises(db.ReadOnlyError, match=READ_ONLY):
                conn.execute(sql, params)
    finally:
        conn.close()
    for table in ("ticket", "time_entry"):
        assert count(sit.location, table) == 0
    assert count(sit.location, "pav") == count(sit.location, "convention") == 1


def test_reader_is_told_plainly_by_the_domain_and_by_processing(sit, run_algorithm):
    from qgis.core import QgsProcessingException
    conn = store.open_store(sit.reader)
    try:
        with pytest.raises(ledger.LedgerError, match=READ_ONLY):
            ledger.log_time(conn, "2026-03-02", "1,5", layer="pav",
                            feature_uuid=sit.uuids["pav"], category="maintenance_corrective",
                            title="Conteneur abîmé")
    finally:
        conn.close()
    with pytest.raises(QgsProcessingException, match=READ_ONLY):
        run_algorithm("logtime", {"STORE": str(sit.reader), "APPLICATION": "pav",
                                  "CATEGORY": "hotline", "TITLE": "Appel", "HOURS": "0,5"})
    assert count(sit.location, "ticket") == count(sit.location, "time_entry") == 0


def test_writer_logs_time_and_its_writes_pass_the_rules(sit):
    conn = store.open_store(sit.writer)
    try:
        ledger.log_time(conn, "2026-03-02", "1,5", layer="pav", feature_uuid=sit.uuids["pav"],
                        category="maintenance_corrective", title="Conteneur abîmé")
        assert ledger.feature_minutes(conn, "pav", sit.uuids["pav"]) == 90
        # The rules still hold for the writer (triggers run as the caller).
        with pytest.raises(db.PgIntegrityError, match="unknown code"):
            conn.execute("INSERT INTO pav (flux) VALUES ('plutonium')")
        # Deleting a feature with a ticket keeps it (trigger writes deleted_feature).
        conn.execute("DELETE FROM pav WHERE uuid = ?", (sit.uuids["pav"],))
        assert conn.execute("SELECT feature_uuid FROM deleted_feature").fetchall() == [
            (sit.uuids["pav"],)]
        # The store's own tables and issued settlements are not the writer's to change.
        for sql in ("DELETE FROM codelist", "UPDATE sit_meta SET value = 'x'",
                    "DELETE FROM settlement", "UPDATE settlement_line SET label = 'x'"):
            with pytest.raises(db.ReadOnlyError, match=READ_ONLY):
                conn.execute(sql)
    finally:
        conn.close()
    assert count(sit.location, "time_entry") == 1


def pav_layer(location):
    """The pav layer through QGIS's PostgreSQL provider, as `location`'s role."""
    from qgis.core import QgsDataSourceUri, QgsVectorLayer
    uri = QgsDataSourceUri()
    p = location.params
    uri.setConnection(p["host"], p["port"], p["dbname"], p["user"], p["password"])
    uri.setDataSource(location.schema, "pav", "geom", "", "fid")
    layer = QgsVectorLayer(uri.uri(False), "pav", "postgres")
    assert layer.isValid(), layer.dataProvider().error().message()
    return layer


def add_pav(target, stream):
    """Add a container to a layer's edit buffer or straight to its provider."""
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY
    feature = QgsFeature(target.fields())
    feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*PAV_XY)))
    feature["flux"] = stream
    if hasattr(target, "startEditing"):
        return target.addFeature(feature)
    return target.addFeatures([feature])[0]


def test_reader_qgis_edit_session_is_refused_and_nothing_lands(sit):
    from qgis.core import QgsVectorDataProvider as Provider
    layer = pav_layer(sit.reader)
    assert layer.featureCount() == 1   # the reader sees the layer
    # QGIS reads the role's privileges: no editing is offered...
    provider = layer.dataProvider()
    assert not provider.capabilities() & (Provider.AddFeatures | Provider.DeleteFeatures |
                                          Provider.ChangeAttributeValues)
    assert not layer.startEditing()
    # ...and a write sent all the same is refused by the database.
    fid = next(layer.getFeatures()).id()
    assert not add_pav(provider, "papier")
    assert not provider.deleteFeatures([fid])
    assert not provider.changeAttributeValues({fid: {layer.fields().indexOf("flux"): "papier"}})
    assert provider.errors() and all("permission denied for table pav" in e
                                     for e in provider.errors())
    assert count(sit.location, "pav") == 1
    conn = store.open_store(sit.location)
    assert conn.execute("SELECT flux FROM pav").fetchall() == [("verre",)]
    conn.close()


def test_writer_qgis_edit_session_commits_and_passes_the_rules(sit):
    layer = pav_layer(sit.writer)
    assert layer.startEditing()
    assert add_pav(layer, "papier")
    assert layer.commitChanges(), layer.commitErrors()
    conn = store.open_store(sit.location)
    rows = conn.execute("SELECT flux, uuid FROM pav WHERE flux = 'papier'").fetchall()
    conn.close()
    assert len(rows) == 1 and rows[0][1]   # the uuid trigger ran for the writer


def test_rights_withdrawn_mid_session_the_database_refuses_the_commit(sit, pg_admin):
    """QGIS believed the layer editable when it opened it: the database is
    the one that refuses, and QGIS reports why."""
    layer = pav_layer(sit.writer)
    assert layer.startEditing()
    assert add_pav(layer, "papier")
    pg_admin.execute("REVOKE %s FROM %s" % (quote(sit.roles["WRITER_ROLE"]),
                                            quote(sit.writer.params["user"])))
    assert not layer.commitChanges()
    assert any("permission denied" in e for e in layer.commitErrors()), \
        layer.commitErrors()
    layer.rollBack()
    assert count(sit.location, "pav") == 1


def test_reader_runs_the_settlement_dry_run_writer_issues_and_reopens(sit, sit_processing,
                                                                       tmp_path):
    import processing
    from qgis.core import QgsProcessingException
    from sit_chartreuse.core.agreement import convention, settlement
    conn = store.open_store(sit.writer)
    ledger.log_time(conn, "2026-03-02", "7", layer="pav", feature_uuid=sit.uuids["pav"],
                    category="maintenance_corrective", title="Conteneur abîmé")
    conv = convention.find_convention(conn)
    expected = settlement.compute(conn, conv, 2026).total_ttc_cents
    common = dict(STORE=str(sit.reader), YEAR=2026,
                  OUTPUT_TABLE="TEMPORARY_OUTPUT", OUTPUT_FEATURES="TEMPORARY_OUTPUT",
                  OUTPUT_HTML=None, OUTPUT_PDF=None, OUTPUT_CSV=str(tmp_path / "simulation.csv"))
    dry = processing.run("sitchartreuse:settlement", common)
    assert (dry["VERSION"], dry["TOTAL_TTC_CENTS"]) == (0, expected)
    with pytest.raises(QgsProcessingException, match=READ_ONLY):
        processing.run("sitchartreuse:settlement", dict(common, ISSUE=True))
    assert count(sit.location, "settlement") == 0
    # The writer issues (year lock taken, history written) and reopens.
    assert settlement.issue(conn, conv, 2026).version == 1
    assert settlement.reopen_year(conn, conv, 2026, "Temps oublié") == 1
    assert settlement.issue(conn, conv, 2026).version == 2
    conn.close()
    assert count(sit.location, "settlement") == 2


def test_pgroles_refusals_are_plain(sit, new_store, run_algorithm):
    from qgis.core import QgsProcessingException
    with pytest.raises(QgsProcessingException, match="Roles exist only in PostgreSQL"):
        run_algorithm("pgroles", {"STORE": new_store})
    # The writer's login may neither create roles nor grant on tables it does not own.
    conn = store.open_store(sit.writer)
    try:
        with pytest.raises(roles.RoleError, match="may not create roles"):
            roles.grant_roles(conn, writer="autre_writer_%s" % uuid.uuid4().hex[:8])
        with pytest.raises(roles.RoleError, match="does not own"):
            roles.grant_roles(conn, sit.roles["WRITER_ROLE"], sit.roles["READER_ROLE"])
    finally:
        conn.close()
    conn = store.open_store(sit.location)
    try:
        with pytest.raises(roles.RoleError, match="No PostgreSQL role named personne_"):
            roles.grant_roles(conn, writer_members=["personne_%s" % uuid.uuid4().hex[:8]])
        with pytest.raises(roles.RoleError, match="longer than PostgreSQL's 63 bytes"):
            roles.grant_roles(conn, writer="é" * 32)
        with pytest.raises(roles.RoleError, match="sit_admin owns the SIT"):
            roles.grant_roles(conn, writer="sit_admin")
        with pytest.raises(roles.RoleError, match="must differ"):
            roles.grant_roles(conn, writer="même", reader="même")
    finally:
        conn.close()


@pytest.fixture
def authcfg_of(pg_authcfg):
    """A QGIS authentication configuration for a login location (how QGIS
    reaches PostgreSQL: layer URIs never hold a password), removed afterwards."""
    from qgis.core import QgsApplication, QgsAuthMethodConfig
    manager, made = QgsApplication.authManager(), []

    def make(location):
        config = QgsAuthMethodConfig("Basic")
        config.setName("SIT " + location.params["user"])
        config.setConfig("username", location.params["user"])
        config.setConfig("password", location.params["password"])
        assert manager.storeAuthenticationConfig(config)[0]
        made.append(config.id())
        params = {k: v for k, v in location.params.items() if k not in ("user", "password")}
        return db.PgLocation(location.schema, dict(params, authcfg=config.id()))
    yield make
    for config_id in made:
        manager.removeAuthenticationConfig(config_id)


@pytest.mark.parametrize("name", ['sit"; DROP TABLE public.{canary}; --',
                                  "l'sit\"; DROP TABLE public.{canary}; --?",
                                  "l'sit\"; DROP TABLE public.{canary}; --%?"])
def test_a_schema_named_to_inject_sql_works_and_harms_nothing(name, pg_admin, run_algorithm,
                                                              cleanup, authcfg_of):
    from qgis.core import QgsProject
    from sit_chartreuse.plugin import project as sit_project
    canary = "canary_" + uuid.uuid4().hex[:8]
    pg_admin.execute("CREATE TABLE public.%s (alive text)" % quote(canary))
    try:
        pg_admin.execute("INSERT INTO public.%s VALUES ('yes')" % quote(canary))
        location = db.PgLocation(name.format(canary=canary), dict(PG_SERVER))
        sit = make_roles_sit(str(location), pg_admin, run_algorithm, cleanup)
        assert sit.roles["WRITER_ROLE"] == location.schema + "_writer"
        conn = store.open_store(sit.writer)
        ledger.log_time(conn, "2026-03-02", "1", layer="pav", feature_uuid=sit.uuids["pav"],
                        category="maintenance_corrective", title="Conteneur abîmé")
        conn.close()
        layer = pav_layer(sit.writer)
        assert layer.startEditing() and add_pav(layer, "papier")
        assert layer.commitChanges(), layer.commitErrors()
        assert pav_layer(sit.reader).featureCount() == 2
        # The catalogue (layer URIs, the EU/EP filters, the project saved in the
        # schema). QGIS 3.22's PostgreSQL project storage reads the schema from
        # its URL without decoding "%25": a schema named with % cannot hold it.
        if "%" not in name:
            layers = sit_project.open_sit(authcfg_of(sit.location), QgsProject.instance())
            assert layers["pav"].featureCount() == 2
            layers = sit_project.open_sit(authcfg_of(sit.reader), QgsProject.instance())
            assert all(layer.isValid() for layer in layers.values())
            assert layers["pav"].featureCount() == 2
        conn = store.open_store(sit.reader)
        try:
            assert ledger.feature_minutes(conn, "pav", sit.uuids["pav"]) == 60
            with pytest.raises(db.ReadOnlyError, match=READ_ONLY):
                conn.execute("DELETE FROM pav")
        finally:
            conn.close()
        assert pg_admin.execute("SELECT alive FROM public.%s" % quote(canary)).fetchall() == [
            ("yes",)]
        assert pg_admin.execute("SELECT count(*) FROM pg_namespace WHERE nspname = ?",
                                (location.schema,)).fetchone() == (1,)
    finally:
        pg_admin.execute("DROP TABLE IF EXISTS public.%s" % quote(canary))


def test_reader_opens_the_catalogue_the_owner_saved(sit, authcfg_of):
    from qgis.core import QgsProject
    from sit_chartreuse.plugin import project as sit_project
    project = QgsProject.instance()
    sit_project.open_sit(authcfg_of(sit.location), project)   # saves the project in the store
    conn = store.open_store(sit.location)
    assert conn.execute("SELECT count(*) FROM qgis_projects").fetchone()[0] == 1
    conn.close()
    for login, editable in ((sit.reader, False), (sit.writer, True)):
        clear_project()
        layers = sit_project.open_sit(authcfg_of(login), project)
        assert layers["pav"].isValid() and layers["pav"].featureCount() == 1
        assert layers["time_entry"].isValid()
        assert layers["pav"].startEditing() is editable
        layers["pav"].rollBack()
    clear_project()

