"""Synthetic ADS data with exact figures: parcels, PLUi features and dossiers
written by SQL through the store's own triggers, on either backend (WKB
through the dialect's geom_from_wkb)."""
from sit_chartreuse.core import ads
from sit_chartreuse.core.storage import db, store

INSEE = "38442"


def square(x0, y0, x1, y1):
    return "MULTIPOLYGON(((%s %s,%s %s,%s %s,%s %s,%s %s)))" % (
        x0, y0, x1, y0, x1, y1, x0, y1, x0, y0)


def wkb(wkt):
    """ISO WKB of `wkt` as a multi-geometry (every PLUi and parcel column is multi)."""
    from osgeo import ogr
    geometry = ogr.CreateGeometryFromWkt(wkt)
    multi = ogr.ForceTo(geometry, ogr.GT_GetCollection(geometry.GetGeometryType()))
    return bytes(multi.ExportToIsoWkb())


def add_parcel(conn, section, numero, wkt, insee=INSEE):
    idu = insee + "000" + section.rjust(2, "0") + str(numero).zfill(4)
    conn.execute("INSERT INTO parcelle (idu, insee, prefixe, section, numero, geom) "
                 "VALUES (?, ?, '000', ?, ?, %s)" % db.dialect(conn).geom_from_wkb,
                 (idu, insee, section, str(numero).zfill(4), wkb(wkt)))
    return idu


def add_zone(conn, libelle, typezone, wkt):
    conn.execute("INSERT INTO zone_urba (libelle, typezone, libelong, geom) VALUES "
                 "(?, ?, ?, %s)" % db.dialect(conn).geom_from_wkb,
                 (libelle, typezone, "Zone " + libelle, wkb(wkt)))


def add_overlay(conn, table, libelle, wkt, code=("05", "00")):
    kind = ("typepsc", "stypepsc") if table.startswith("prescription") else \
        ("typeinf", "stypeinf")
    conn.execute("INSERT INTO %s (libelle, %s, %s, txt, geom) VALUES (?, ?, ?, ?, %s)"
                 % (table, kind[0], kind[1], db.dialect(conn).geom_from_wkb),
                 (libelle, code[0], code[1], "Article " + libelle, wkb(wkt)))


def add_dossier(conn, numero, idus, statut="instruction", date_depot="2026-03-02"):
    n = ads.parse_numero(numero)
    conn.execute("INSERT INTO ads_dossier (numero, type_dossier, insee, date_depot, statut) "
                 "VALUES (?, ?, ?, ?, ?)", (n.numero, n.type_dossier, n.insee, date_depot,
                                             statut))
    conn.executemany("INSERT INTO ads_dossier_parcelle (numero, idu) VALUES (?, ?)",
                     [(n.numero, i) for i in idus])
    ads.update_footprints(conn, [n.numero])
    return n.numero


def small_plui(location):
    """Two parcels AB 1 (0..100) and AB 2 (100..200) x (0..100); zones UA
    (x < 150) and N (x > 150) tiling them, a zone A only touching them (y < 0),
    a prescription line crossing AB 1, one running along its southern edge,
    a point inside and a point on the outline; dossier PC 038 442 26 00001 on
    both parcels. `location`: a GeoPackage path or a PostgreSQL location.
    Returns an open connection."""
    conn = store.open_store(location)
    with store.transaction(conn):
        add_parcel(conn, "AB", 1, square(0, 0, 100, 100))
        add_parcel(conn, "AB", 2, square(100, 0, 200, 100))
        add_parcel(conn, "AB", 3, square(0, -100, 100, 0))
        add_zone(conn, "UA", "U", square(-50, 0, 150, 150))
        add_zone(conn, "N", "N", square(150, 0, 250, 150))
        add_zone(conn, "A", "A", square(-50, -200, 250, 0))
        add_overlay(conn, "prescription_lin", "Haie", "LINESTRING(50 -20, 50 120)")
        add_overlay(conn, "prescription_lin", "Bord", "LINESTRING(0 0, 200 0)")
        add_overlay(conn, "prescription_pct", "Arbre", "POINT(20 20)")
        add_overlay(conn, "info_pct", "Borne", "POINT(200 50)")
        add_overlay(conn, "info_surf", "Risque", square(180, 80, 300, 300), ("08", "00"))
        add_dossier(conn, "PC 038 442 26 00001", [INSEE + "000AB0001", INSEE + "000AB0002"])
    return conn


def add_assiette(conn, idsup, categorie, wkt):
    """A servitude `idsup` with one surface generator and one assiette `wkt`."""
    conn.execute("INSERT INTO sup_servitude (idsup, categorie) VALUES (?, ?)", (idsup, categorie))
    for table, key, parent in (("sup_generateur_surf", "idgen", "idsup"),
                               ("sup_assiette_surf", "idass", "idgen")):
        conn.execute("INSERT INTO %s (%s, %s, geom) VALUES (?, ?, %s)" % (
            table, key, parent, db.dialect(conn).geom_from_wkb),
            (idsup + "-" + key[2:], idsup if parent == "idsup" else idsup + "-gen", wkb(wkt)))
