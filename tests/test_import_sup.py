"""Servitudes d'utilité publique: the CNIG SUP tables, the import of the two
real deliveries the IGN validator tests with, their defects, re-runs and
bad inputs, on both backends."""
from sit_chartreuse.core import catalogue
from sit_chartreuse.core.storage import store

SUP_TABLES = ("sup_servitude", "sup_acte", "sup_gestionnaire", "sup_servitude_acte",
              "sup_generateur_surf", "sup_generateur_lin", "sup_generateur_pct",
              "sup_assiette_surf", "sup_assiette_lin", "sup_assiette_pct")
SPATIAL = {"sup_generateur_surf": "MULTIPOLYGON", "sup_generateur_lin": "MULTILINESTRING",
           "sup_generateur_pct": "MULTIPOINT", "sup_assiette_surf": "MULTIPOLYGON",
           "sup_assiette_lin": "MULTILINESTRING", "sup_assiette_pct": "MULTIPOINT"}


def test_sup_tables_in_lambert93_with_spatial_index_and_uuid(store_location, backend):
    conn = store.open_store(store_location)
    for table in SUP_TABLES:
        assert conn.execute("SELECT count(*) FROM %s" % table).fetchone()[0] == 0
    if backend == "postgres":
        schema = store_location.schema
        columns = dict(conn.execute(
            "SELECT f_table_name, type FROM geometry_columns WHERE f_table_schema = ? "
            "AND f_table_name LIKE 'sup\\_%%'", (schema,)))
        srids = {srid for (srid,) in conn.execute(
            "SELECT DISTINCT srid FROM geometry_columns WHERE f_table_schema = ? "
            "AND f_table_name LIKE 'sup\\_%%'", (schema,))}
        gist = {t for (t,) in conn.execute(
            "SELECT tablename FROM pg_indexes WHERE schemaname = ? AND indexdef LIKE "
            "'%%USING gist%%'", (schema,))}
    else:
        columns = dict(conn.execute(
            "SELECT table_name, geometry_type_name FROM gpkg_geometry_columns "
            "WHERE table_name LIKE 'sup\\_%' ESCAPE '\\'"))
        srids = {srid for (srid,) in conn.execute(
            "SELECT DISTINCT srs_id FROM gpkg_geometry_columns "
            "WHERE table_name LIKE 'sup\\_%' ESCAPE '\\'")}
        gist = {t for (t,) in conn.execute(
            "SELECT table_name FROM gpkg_extensions WHERE extension_name = 'gpkg_rtree_index'")}
    assert {t: c.upper() for t, c in columns.items()} == SPATIAL
    assert srids == {2154}
    assert set(SPATIAL) <= gist
    # Every feature gets its uuid on insert, however it is written.
    with store.transaction(conn):
        conn.execute("INSERT INTO sup_servitude (idsup, categorie) VALUES ('AC1-1', 'AC1')")
    uuid = conn.execute("SELECT uuid FROM sup_servitude").fetchone()[0]
    assert uuid and len(uuid) == 36
    conn.close()


def test_catalogue_shows_the_servitudes_as_a_group_of_the_plui():
    plui = next(app for app in catalogue.APPLICATIONS if app.code == "plui")
    groups = {g.title: [layer.table for layer in g.layers] for g in plui.groups}
    assert sorted(groups["Servitudes"]) == sorted(SUP_TABLES)
    assert not set(SUP_TABLES) & set(groups[""])
